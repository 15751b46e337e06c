/**
 * Bibliography loading at scale: `npx tsx scripts/bench-load.ts`. Each figure is measured in a fresh
 * child process (no warm JIT, no shared heap), on the real 6,239-entry BibDesk library and on copies of
 * it replicated with changed keys to 10k and 50k entries (scripts/bench/data.ts, in .bench/).
 * Times are wall and CPU (user+system) of the operation itself; module loading is shown apart.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BENCH_DIR, editOneTitle, replicatedBib, SOURCE_BIB } from './bench/data';

const ROOT = path.join(__dirname, '..');

interface Measure {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly entries: number;
  readonly rssMB: number;
  readonly note?: string;
}

async function timed(run: () => Promise<{ entries: number; note?: string }>): Promise<Measure> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const { entries, note } = await run();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  (globalThis as { gc?: () => void }).gc?.();
  return { wallMs, cpuMs: (used.user + used.system) / 1000, entries, rssMB: process.memoryUsage().rss / 2 ** 20, note };
}

/** Runs in the child: one measurement, printed as JSON. */
async function child(kind: string, file: string, cacheDir: string): Promise<void> {
  const moduleStart = performance.now();
  const { loadBibliographyFile, parseBibliographyText } = await import('../src/core/bibliography/loadFile');
  const { BibliographyIndex } = await import('../src/core/bibliography/bibliographyIndex');
  const { flushCacheWrites, loadWithCacheInfo } = await import('../src/core/bibliography/bibliographyCache');
  const moduleMs = performance.now() - moduleStart;
  let result: Measure;
  switch (kind) {
    case 'cold':
      result = await timed(async () => ({ entries: BibliographyIndex.fromFiles([await loadBibliographyFile(file)]).entries.length }));
      break;
    case 'fill-cache':
      result = await timed(async () => ({ entries: (await loadWithCacheInfo(file, cacheDir)).loaded.entries.length }));
      break;
    case 'warm':
      result = await timed(async () => {
        const { loaded, fromCache } = await loadWithCacheInfo(file, cacheDir);
        return { entries: BibliographyIndex.fromFiles([loaded]).entries.length, note: fromCache ? 'from cache' : 'CACHE MISS' };
      });
      break;
    case 'edit': {
      // The editor's case: the library is loaded (and parsed in this process), then one entry changes.
      const text = fs.readFileSync(file, 'utf8');
      const index = BibliographyIndex.fromFiles([parseBibliographyText(text, file)]);
      const edited = editOneTitle(text, 25_000);
      result = await timed(async () => {
        const next = index.withFile(parseBibliographyText(edited, file));
        return { entries: next.entries.length, note: `${next.entries.filter((e) => e.title?.startsWith('Edited: ')).length} entry changed` };
      });
      break;
    }
    case 'edit-after-warm': {
      // The editor's other case: started warm from the cache (nothing parsed), then one entry changes.
      const { loaded } = await loadWithCacheInfo(file, cacheDir);
      const index = BibliographyIndex.fromFiles([loaded]);
      fs.writeFileSync(file, editOneTitle(fs.readFileSync(file, 'utf8'), 25_000));
      result = await timed(async () => {
        const reloaded = await loadWithCacheInfo(file, cacheDir);
        const next = index.withFile(reloaded.loaded);
        return { entries: next.entries.length, note: `${next.entries.filter((e) => e.title?.startsWith('Edited: ')).length} entry changed, fromCache=${reloaded.fromCache}` };
      });
      await flushCacheWrites();
      break;
    }
    default:
      throw new Error(`unknown measurement ${kind}`);
  }
  process.stdout.write(JSON.stringify({ ...result, moduleMs }));
}

function measure(kind: string, file: string, cacheDir: string): Measure & { moduleMs: number } {
  const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', __filename, '--child', kind, file, cacheDir], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (run.status !== 0) throw new Error(`${kind} ${file} failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Measure & { moduleMs: number };
}

function main(): void {
  const cacheDir = path.join(BENCH_DIR, 'load-cache');
  fs.rmSync(cacheDir, { recursive: true, force: true });
  const bib10k = replicatedBib(10_000);
  const bib50k = replicatedBib(50_000);
  // A copy for the cache measurements, which edit it.
  const copy50k = path.join(cacheDir, 'library-50000.bib');
  fs.mkdirSync(cacheDir, { recursive: true });
  fs.copyFileSync(bib50k, copy50k);
  const rows: [string, Measure & { moduleMs: number }][] = [
    ['cold index 6.2k (real library)', measure('cold', SOURCE_BIB, cacheDir)],
    ['cold index 10k', measure('cold', bib10k, cacheDir)],
    ['cold index 50k', measure('cold', bib50k, cacheDir)],
    ['cold 50k + write cache', measure('fill-cache', copy50k, cacheDir)],
    ['warm start 50k (cache + index)', measure('warm', copy50k, cacheDir)],
    ['one entry changed at 50k (re-parse + withFile)', measure('edit', bib50k, cacheDir)],
    ['warm start, then one entry changed (cached load + withFile)', measure('edit-after-warm', copy50k, cacheDir)],
  ];
  const slot = fs.readdirSync(cacheDir).filter((f) => f.endsWith('.v8')).map((f) => fs.statSync(path.join(cacheDir, f)).size)[0] ?? 0;
  const fmt = (n: number): string => n.toFixed(0).padStart(6);
  process.stdout.write(`${'measurement'.padEnd(58)} ${'wall ms'.padStart(8)} ${'cpu ms'.padStart(8)} ${'RSS MB'.padStart(7)} ${'entries'.padStart(8)}  note\n`);
  for (const [name, m] of rows) {
    process.stdout.write(`${name.padEnd(58)} ${fmt(m.wallMs).padStart(8)} ${fmt(m.cpuMs).padStart(8)} ${fmt(m.rssMB).padStart(7)} ${String(m.entries).padStart(8)}  ${m.note ?? ''} (modules ${m.moduleMs.toFixed(0)} ms)\n`);
  }
  process.stdout.write(`cache slot for 50k: ${(slot / 2 ** 20).toFixed(1)} MB; RSS is after a GC, with the index built\n`);
}

if (process.argv[2] === '--child') {
  const [, , , kind, file, cacheDir] = process.argv;
  child(kind!, file!, cacheDir!).catch((error: unknown) => {
    process.stderr.write(String(error instanceof Error ? error.stack : error));
    process.exit(1);
  });
} else {
  main();
}
