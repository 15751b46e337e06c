// `npm run bench:host`: the VS Code extension host's memory with Evidence Writer and without it, in the
// same headless VS Code (code-server, installed by .ci/extension-setup.sh), runs alternated. Each run
// opens a fresh window on a copy of examples/, opens hub-brief.md (VS Code's Markdown support activates,
// and Evidence Writer does when loaded), waits for the host to settle and reads its RSS and heap.
// Without Evidence Writer the host is loaded with an extension that does nothing
// (scripts/bench/hostMemory/), so that both runs have one development extension.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shim = path.join(root, 'scripts', 'vscode-headless', 'code-shim.mjs');
const benchDir = path.join(root, '.bench', 'host');
const ROUNDS = 3;
const SETTLE_MS = 15_000;

if (!existsSync(path.join(root, '.vscode-test/code-server/node_modules/code-server/lib/vscode/out/server-main.js'))) {
  console.error('bench:host needs code-server: run .ci/extension-setup.sh first.');
  process.exit(2);
}
execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--production'], { cwd: root, stdio: 'inherit' });

/** One window: the host's memory once settled, with `extension` as the development extension. */
async function measure(label, extension) {
  const workspace = path.join(benchDir, `workspace-${label}`);
  rmSync(workspace, { recursive: true, force: true });
  cpSync(path.join(root, 'examples'), workspace, { recursive: true });
  const userData = path.join(benchDir, `user-data-${label}`);
  mkdirSync(userData, { recursive: true });
  // The window's output reaches this process's stdout: the measurement line is taken from it.
  let line = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (chunk, ...rest) => {
    const text = String(chunk);
    if (text.includes('BENCH_HOST ')) line = text;
    return write(chunk, ...rest);
  };
  try {
    process.env.SHIM_UNTRUSTED = '';
    await runTests({
      vscodeExecutablePath: shim,
      extensionDevelopmentPath: extension,
      extensionTestsPath: path.join(root, 'scripts/bench/hostMemory/runner.cjs'),
      launchArgs: [workspace, '--disable-extensions', `--user-data-dir=${userData}`],
      extensionTestsEnv: { BENCH_WORKSPACE: workspace, BENCH_SETTLE_MS: String(SETTLE_MS) },
    });
  } finally {
    process.stdout.write = write;
  }
  const found = /BENCH_HOST (\{.*\})/.exec(line);
  if (!found) throw new Error(`no measurement from the ${label} window`);
  return JSON.parse(found[1]);
}

const mb = (bytes) => (bytes / 2 ** 20).toFixed(0);
const runs = { without: [], with: [] };
for (let round = 0; round < ROUNDS; round++) {
  runs.without.push(await measure('without', path.join(root, 'scripts/bench/hostMemory')));
  runs.with.push(await measure('with', root));
}
if (!runs.with.every((r) => r.active.includes('edtechhub.evidence-writer'))) throw new Error('Evidence Writer did not activate');
if (runs.without.some((r) => r.active.includes('edtechhub.evidence-writer'))) throw new Error('Evidence Writer was active in a run without it');
console.log('\nextension host, hub-brief.md open, settled (code-server; runs alternated)');
for (const [label, list] of Object.entries(runs)) {
  console.log(`  ${label.padEnd(7)} Evidence Writer: RSS ${list.map((r) => mb(r.rss)).join(', ')} MB; heap ${list.map((r) => mb(r.heapUsed)).join(', ')} MB`);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  `  Evidence Writer's share of the host (medians): RSS +${mb(median(runs.with.map((r) => r.rss)) - median(runs.without.map((r) => r.rss)))} MB, ` +
    `heap +${mb(median(runs.with.map((r) => r.heapUsed)) - median(runs.without.map((r) => r.heapUsed)))} MB; the host without it: ${mb(median(runs.without.map((r) => r.rss)))} MB`,
);
