/**
 * evidence-lint as a user runs it, for bench:load: the CLI bundled as the build bundles it (into
 * out/bench-cli/), run in a fresh process, timed from outside (wall) and from inside (CPU time and
 * peak RSS, see measureExit.cjs).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

const ROOT = path.join(__dirname, '..', '..');
const OUT = path.join(ROOT, 'out', 'bench-cli');

export interface CliRun {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly peakRssMB: number;
  readonly exitCode: number;
  /** Findings reported (from --format json). */
  readonly findings: number;
}

/** Bundles the CLI as the published package has it (scripts/build.mjs --production: minified), with the claim model's word vectors beside it. */
export async function buildCli(): Promise<string> {
  await esbuild.build({ bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, logLevel: 'warning', outdir: OUT, entryPoints: { cli: path.join(ROOT, 'src/cli/main.ts') } });
  fs.copyFileSync(path.join(ROOT, 'src/core/claims/model/word-vectors.json'), path.join(OUT, 'word-vectors.json'));
  return path.join(OUT, 'cli.js');
}

/** Runs `cli` with `args` (JSON output) in a fresh process. */
export function runCli(cli: string, args: readonly string[], cwd: string): CliRun {
  const measured = path.join(OUT, `measure-${process.pid}.json`);
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--require', path.join(__dirname, 'measureExit.cjs'), cli, ...args, '--format', 'json', '--exit-zero'], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 2 ** 20,
    env: { ...process.env, BENCH_MEASURE_OUT: measured },
  });
  const wallMs = performance.now() - started;
  if (run.status !== 0) throw new Error(`evidence-lint ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  const inside = JSON.parse(fs.readFileSync(measured, 'utf8')) as { cpuMs: number; peakRssMB: number };
  fs.rmSync(measured);
  const findings = (JSON.parse(run.stdout) as { findings: unknown[] }).findings.length;
  return { wallMs, cpuMs: inside.cpuMs, peakRssMB: inside.peakRssMB, exitCode: run.status, findings };
}
