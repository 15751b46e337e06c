/**
 * Bibliography loading at scale: `npx tsx scripts/bench-load.ts`. Each figure is measured in a fresh
 * child process (no warm JIT, no shared heap), on the real 6,239-entry BibDesk library and on copies of
 * it replicated with changed keys to 10k and 50k entries (scripts/bench/data.ts, in .bench/).
 * Times are wall and CPU (user+system) of the operation itself; module loading is shown apart.
 * Then evidence-lint on a 2.3 MB document (scripts/bench/lintDocument.ts) against the 50k library,
 * cold and with --cache, and the language server's first completion and memory at 50k, cold and warm.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mapEverythingWithCitationJs } from './bench/citationJsOnly';
import { buildCli, runCli, type CliRun } from './bench/cliRun';
import { KEPT_SCORES_FILE } from '../src/core/lint/keptClaimScores';
import { BENCH_DIR, editOneTitle, replicatedBib, savedByBibDesk, SOURCE_BIB } from './bench/data';
import { lintDocument } from './bench/lintDocument';
import { measureServerLoad, type ServerLoad } from './bench/serverLoad';
import { SERVER_ENVIRONMENT } from '../src/server/protocol';

const ROOT = path.join(__dirname, '..');
/** The thread the parsing worker parses a big file's second half in, bundled as the build bundles it. */
const STRETCH_WORKER = path.join(ROOT, 'out', 'bench-stretch', 'stretchWorker.js');

async function buildStretchWorker(): Promise<void> {
  const esbuild = await import('esbuild');
  await esbuild.build({ bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, logLevel: 'warning', outfile: STRETCH_WORKER, entryPoints: [path.join(ROOT, 'src/server/stretchWorker.ts')] });
}

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
  if (kind === 'cold-citation-js') mapEverythingWithCitationJs();
  const moduleStart = performance.now();
  const { BibliographyIndex } = await import('../src/core/bibliography/index/bibliographyIndex');
  const { BibliographyCache } = await import('../src/core/bibliography/store/bibliographyCache');
  const { BibliographyStore } = await import('../src/core/bibliography/store/bibliographyStore');
  const { parsedAnew } = await import('../src/core/bibliography/store/composedColumns');
  const { CitationSearch } = await import('../src/core/search/citationSearch');
  const { searchIndexer } = await import('../src/core/search/searchIndexer');
  const moduleMs = performance.now() - moduleStart;
  // One process plays the parsing worker and the extension host: one store, one cache. (The parsing
  // worker's store parses a big file's second half in a thread of its own: 'fill-cache-two-cores'.)
  const { stretchThreads } = await import('../src/core/bibliography/store/stretchThreads');
  const stretchParser = kind === 'fill-cache-two-cores' ? stretchThreads(STRETCH_WORKER) : undefined;
  if (kind === 'fill-cache-two-cores' && !stretchParser) throw new Error(`no ${STRETCH_WORKER}`);
  const store = new BibliographyStore({ searchIndexer, stretchParser });
  const cache = new BibliographyCache(cacheDir, store);
  /** What the editor does with a loaded file: index it, ready the search, answer a first query. */
  const ready = async (loaded: Parameters<typeof BibliographyIndex.fromFiles>[0][number]): Promise<number> => {
    const index = BibliographyIndex.fromFiles([loaded]);
    (await CitationSearch.forIndex(index)).search('imbens causal', 10);
    return index.size;
  };
  let result: Measure;
  switch (kind) {
    case 'cold':
    case 'cold-citation-js':
      // Parse + index + search index, all in this thread (the CLI's path; the editor parses in a worker).
      result = await timed(async () => {
        const start = performance.now();
        const loaded = await store.load(file);
        const parsed = performance.now();
        const entries = await ready(loaded);
        return { entries, note: `read+parse ${(parsed - start).toFixed(0)} ms, index+search ${(performance.now() - parsed).toFixed(0)} ms` };
      });
      break;
    case 'fill-cache':
    case 'fill-cache-two-cores':
      result = await timed(async () => ({ entries: (await cache.load(file)).loaded.entries.length }));
      break;
    case 'warm':
      // The editor's warm start: find the slot (read + hash the .bib, check the slot), open it, index, search.
      result = await timed(async () => {
        const { loaded, fromCache } = await cache.load(file);
        return { entries: await ready(loaded), note: fromCache ? 'from cache' : 'CACHE MISS' };
      });
      break;
    case 'check-slot': {
      // What the seal costs a warm start: the whole slot read and checked (beside the .bib's hash, in the worker).
      const { checkPackFile } = await import('../src/core/bibliography/store/binaryPack');
      result = await timed(async () => {
        const check = await checkPackFile(cache.slotPathFor(file));
        if (check.kind !== 'intact') throw new Error(`slot not intact: ${check.kind}`);
        return { entries: 0, note: 'whole slot against its seal' };
      });
      break;
    }
    case 'edit':
    case 'edit-after-warm':
    case 'bibdesk-save-after-warm': {
      // One title edited on disk, as the editor sees it: the worker re-reads the file and splices the
      // changed bytes onto its last parse (after a cold parse, or after a warm start from the cache,
      // whose slot the worker reads whole while idle), and packs it; the host opens the new pack,
      // re-indexes and readies the search. Timed from the file change to the first answer.
      if (kind === 'edit') fs.rmSync(cacheDir, { recursive: true, force: true });
      // (In a function, so that the first load's result is not kept alive: the worker does not keep it either.)
      const firstKind = await (async () => {
        const first = await cache.locateOrPack(file, { prepareForEdits: true });
        await ready(first.kind === 'slot' ? cache.openSlot(first, file)! : first.kind === 'pack' ? store.openPack(first.pack, file) : first.loaded);
        return first.kind;
      })();
      await cache.flushPreparations();
      await cache.flushWrites();
      // (BibDesk also rewrites the time in its header at every save.)
      const edit = kind === 'bibdesk-save-after-warm' ? savedByBibDesk : editOneTitle;
      fs.writeFileSync(file, edit(fs.readFileSync(file, 'utf8'), 25_000));
      result = await timed(async () => {
        const located = await cache.locateOrPack(file, { prepareForEdits: true });
        if (located.kind !== 'pack') throw new Error(`expected a re-parse, got ${located.kind}`);
        const entries = await ready(store.openPack(located.pack, file));
        return { entries, note: `${parsedAnew(located.loaded)?.length ?? 'all'} entries parsed anew (first=${firstKind})` };
      });
      await cache.flushWrites();
      break;
    }
    case 'edit-while-closed': {
      // The file changed while the editor was closed: its slot is stale; the copy of the bytes the slot
      // was made from lets the change be spliced onto it. Timed from the start to the first answer.
      fs.writeFileSync(file, editOneTitle(fs.readFileSync(file, 'utf8'), 30_000));
      result = await timed(async () => {
        const located = await cache.locateOrPack(file, { prepareForEdits: true });
        if (located.kind !== 'pack') throw new Error(`expected a re-parse, got ${located.kind}`);
        const entries = await ready(store.openPack(located.pack, file));
        return { entries, note: `${parsedAnew(located.loaded)?.length ?? 'all'} entries parsed anew` };
      });
      await cache.flushWrites();
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

/**
 * Each kind measured `rounds` times, alternating (`before` runs before each measurement); per kind the
 * least wall time and the least CPU time of its runs (with the notes of the fastest).
 */
function bestOfAlternating(kinds: readonly string[], file: string, cacheDir: string, rounds = 3, before: () => void = () => undefined): (Measure & { moduleMs: number })[] {
  const runs = kinds.map(() => [] as (Measure & { moduleMs: number })[]);
  for (let round = 0; round < rounds; round++) {
    kinds.forEach((kind, k) => {
      before();
      runs[k]!.push(measure(kind, file, cacheDir));
    });
  }
  return runs.map((list) => {
    const best = list.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
    return { ...best, cpuMs: Math.min(...list.map((m) => m.cpuMs)), note: `${best.note ?? ''}; best of ${rounds}` };
  });
}

/**
 * evidence-lint on the 2.3 MB document against the 50k library: without a cache (best of 3), filling
 * one, and from it (best of 3); beside the warm run, the same with only the bibliography cached (its
 * claim scores removed before each run) and after an edit of one paragraph in ten.
 */
async function cliRows(bib50k: string): Promise<[string, CliRun][]> {
  const cli = await buildCli();
  const document = lintDocument();
  const args = [path.relative(BENCH_DIR, document), '--bib', path.relative(BENCH_DIR, bib50k)];
  const cacheDir = 'cli-cache';
  fs.rmSync(path.join(BENCH_DIR, cacheDir), { recursive: true, force: true });
  const best = (runs: CliRun[]): CliRun => ({ ...runs.reduce((a, b) => (b.wallMs < a.wallMs ? b : a)), cpuMs: Math.min(...runs.map((r) => r.cpuMs)), peakRssMB: Math.min(...runs.map((r) => r.peakRssMB)) });
  const cold: CliRun[] = [];
  const warm: CliRun[] = [];
  const bibliographyOnly: CliRun[] = [];
  let filling: CliRun | undefined;
  const cached = [...args, '--cache-location', cacheDir];
  const withoutScores = (): CliRun => {
    fs.rmSync(path.join(BENCH_DIR, cacheDir, KEPT_SCORES_FILE), { force: true });
    return runCli(cli, cached, BENCH_DIR);
  };
  // Cold and warm alternated (the VM's load varies from run to run); the cache filled by the first --cache run.
  for (let round = 0; round < 3; round++) {
    cold.push(runCli(cli, args, BENCH_DIR));
    if (filling) bibliographyOnly.push(withoutScores());
    const run = runCli(cli, cached, BENCH_DIR);
    if (filling) warm.push(run);
    else filling = run;
  }
  bibliographyOnly.push(withoutScores());
  warm.push(runCli(cli, cached, BENCH_DIR));
  bibliographyOnly.push(withoutScores());
  warm.push(runCli(cli, cached, BENCH_DIR));
  // One paragraph in ten changed: those sentences (and the ones after them) are scored afresh.
  const edited = path.join(BENCH_DIR, 'lint-document-2.3MB-edited.md');
  fs.writeFileSync(edited, fs.readFileSync(document, 'utf8').split('\n\n').map((p, i) => (i % 10 === 5 && /[a-z]\.$/.test(p) ? `${p.slice(0, -1)}, as edited in round ${i}.` : p)).join('\n\n'));
  const afterEdit = runCli(cli, [path.relative(BENCH_DIR, edited), ...cached.slice(1)], BENCH_DIR);
  return [
    ['evidence-lint 2.3 MB document + 50k library, cold (best of 3)', best(cold)],
    ['  with --cache, first run (parses, writes the slot)', filling!],
    ['  with --cache, warm (best of 4)', best(warm)],
    ['  the same, only the bibliography cached (best of 4)', best(bibliographyOnly)],
    ['  with --cache, one paragraph in ten edited', afterEdit],
  ];
}

/** The language server with the 50k library: cold (no slot), then warm (the slot the cold start wrote). */
async function serverRows(bib50k: string): Promise<[string, ServerLoad][]> {
  const cacheDir = path.join(BENCH_DIR, 'server-cache');
  fs.rmSync(cacheDir, { recursive: true, force: true });
  const cold = await measureServerLoad(bib50k, cacheDir);
  const warm = await measureServerLoad(bib50k, cacheDir);
  // As VS Code's client starts it: glibc's mmap threshold fixed (SERVER_ENVIRONMENT; the README shows other editors how).
  fs.rmSync(cacheDir, { recursive: true, force: true });
  const coldAsVsCode = await measureServerLoad(bib50k, cacheDir, { ...SERVER_ENVIRONMENT });
  return [
    ['language server 50k, cold: open → first completion', cold],
    ['language server 50k, warm: open → first completion', warm],
    ['  cold, started with SERVER_ENVIRONMENT (as VS Code does)', coldAsVsCode],
  ];
}

async function main(): Promise<void> {
  const cacheDir = path.join(BENCH_DIR, 'load-cache');
  fs.rmSync(cacheDir, { recursive: true, force: true });
  const bib10k = replicatedBib(10_000);
  const bib50k = replicatedBib(50_000);
  // Copies for the measurements that edit the file.
  fs.mkdirSync(cacheDir, { recursive: true });
  const copy50k = path.join(BENCH_DIR, 'library-50000-copy.bib');
  const edited50k = path.join(BENCH_DIR, 'library-50000-edited.bib');
  fs.copyFileSync(bib50k, copy50k);
  fs.copyFileSync(bib50k, edited50k);
  // The fast CSL path and today's path, alternated three times (the VM's load varies from run to run).
  const [cold10k, today10k] = bestOfAlternating(['cold', 'cold-citation-js'], bib10k, cacheDir);
  const [cold50k, today50k] = bestOfAlternating(['cold', 'cold-citation-js'], bib50k, cacheDir);
  // The parsing worker's cold load (parse, pack, write the slot) on two cores and in one thread, alternated.
  await buildStretchWorker();
  const filled = (file: string) => bestOfAlternating(['fill-cache-two-cores', 'fill-cache'], file, cacheDir, 3, () => fs.rmSync(cacheDir, { recursive: true, force: true }));
  const [fill10k, fill10kOneCore] = filled(bib10k);
  const [fill50k, fill50kOneCore] = filled(copy50k);
  const cold = { '10k': cold10k, '50k': cold50k };
  const today = { '10k': today10k, '50k': today50k };
  const rows: [string, Measure & { moduleMs: number }][] = [
    ['cold index 6.2k (real library): parse + index + search', measure('cold', SOURCE_BIB, cacheDir)],
    ['cold index 10k: parse + index + search', cold['10k']],
    ['cold index 50k: parse + index + search', cold['50k']],
    ["  today's path (citation-js maps every entry), 10k", today['10k']],
    ["  today's path (citation-js maps every entry), 50k", today['50k']],
    ['cold 10k + pack + write cache slot, two cores', fill10k],
    ['  in one thread, 10k', fill10kOneCore],
    ['cold 50k + pack + write cache slot, two cores', fill50k],
    ['  in one thread, 50k', fill50kOneCore],
    ['warm start 50k: slot + index + search + 1st query', measure('warm', copy50k, cacheDir)],
    ['warm start 50k again', measure('warm', copy50k, cacheDir)],
    ['  of which: the slot checked against its seal', measure('check-slot', copy50k, cacheDir)],
    ['one entry changed at 50k, after a cold parse', measure('edit', edited50k, path.join(BENCH_DIR, 'edit-cache'))],
    ['one entry changed at 50k, after a warm start', measure('edit-after-warm', copy50k, cacheDir)],
    ['another entry changed at 50k, after a warm start', measure('edit-after-warm', copy50k, cacheDir)],
    ["a BibDesk save at 50k (its header's time and one title), after a warm start", measure('bibdesk-save-after-warm', copy50k, cacheDir)],
    ['one entry changed at 50k while the editor was closed', measure('edit-while-closed', copy50k, cacheDir)],
  ];
  const slot = fs.readdirSync(cacheDir).filter((f) => f.endsWith('.pack')).map((f) => fs.statSync(path.join(cacheDir, f)).size)[0] ?? 0;
  const fmt = (n: number): string => n.toFixed(0).padStart(6);
  process.stdout.write(`${'measurement'.padEnd(58)} ${'wall ms'.padStart(8)} ${'cpu ms'.padStart(8)} ${'RSS MB'.padStart(7)} ${'entries'.padStart(8)}  note\n`);
  for (const [name, m] of rows) {
    process.stdout.write(`${name.padEnd(58)} ${fmt(m.wallMs).padStart(8)} ${fmt(m.cpuMs).padStart(8)} ${fmt(m.rssMB).padStart(7)} ${String(m.entries).padStart(8)}  ${m.note ?? ''} (modules ${m.moduleMs.toFixed(0)} ms)\n`);
  }
  for (const size of ['10k', '50k'] as const) {
    const [fast, before] = [cold[size], today[size]];
    process.stdout.write(`cold ${size}: ${fmt(fast.wallMs).trim()} ms with the fast CSL path, ${fmt(before.wallMs).trim()} ms with today's path: ${(before.wallMs / fast.wallMs).toFixed(2)}× faster (CPU time ${(before.cpuMs / fast.cpuMs).toFixed(2)}×)\n`);
  }
  for (const [size, two, one] of [['10k', fill10k, fill10kOneCore], ['50k', fill50k, fill50kOneCore]] as const) {
    process.stdout.write(`cold load of the parsing worker, ${size}: ${fmt(two.wallMs).trim()} ms on two cores, ${fmt(one.wallMs).trim()} ms in one thread (${(one.wallMs / two.wallMs).toFixed(2)}× faster; CPU ${fmt(two.cpuMs).trim()} against ${fmt(one.cpuMs).trim()} ms)\n`);
  }
  process.stdout.write(`cache slot for 50k: ${(slot / 2 ** 20).toFixed(1)} MB (its head, read at start: see binaryPack.ts); RSS is after a GC, with the index built\n`);

  process.stdout.write(`\n${'evidence-lint (the bundled CLI, a fresh process each)'.padEnd(58)} ${'wall ms'.padStart(8)} ${'cpu ms'.padStart(8)} ${'peak MB'.padStart(8)}  findings\n`);
  const cli = await cliRows(bib50k);
  for (const [name, m] of cli) process.stdout.write(`${name.padEnd(58)} ${fmt(m.wallMs).padStart(8)} ${fmt(m.cpuMs).padStart(8)} ${fmt(m.peakRssMB).padStart(8)}  ${m.findings}\n`);
  const [cliCold, , cliWarm, cliBibliographyOnly, cliEdited] = cli.map(([, m]) => m);
  process.stdout.write(
    `evidence-lint: cold ${fmt(cliCold!.wallMs).trim()} ms, ${fmt(cliCold!.peakRssMB).trim()} MB; with --cache warm ${fmt(cliWarm!.wallMs).trim()} ms, ${fmt(cliWarm!.peakRssMB).trim()} MB ` +
      `(${(cliCold!.wallMs / cliWarm!.wallMs).toFixed(1)}× faster; ${(cliBibliographyOnly!.wallMs / cliWarm!.wallMs).toFixed(2)}× faster than with only the bibliography cached); after an edit ${fmt(cliEdited!.wallMs).trim()} ms\n`,
  );

  process.stdout.write(`\n${'language server (bundled, --stdio, a fresh process each)'.padEnd(58)} ${'1st compl'.padStart(9)} ${'RSS MB'.padStart(7)} ${'peak MB'.padStart(8)}  heaps MB (used of held)\n`);
  const mbOf = (bytes: number | undefined): string => ((bytes ?? 0) / 2 ** 20).toFixed(0);
  for (const [name, m] of await serverRows(bib50k)) {
    const heaps = [`server ${mbOf(m.memory.mainHeapUsed)} of ${mbOf(m.memory.mainHeap)}`, ...m.memory.workers.map((w) => `${w.name} ${w.busy ? 'busy' : `${mbOf(w.heapUsed)} of ${mbOf(w.heap)}`}`)].join(', ');
    const load = m.loadMs === undefined ? '' : `; of the first completion, the library's load ${m.loadMs} ms`;
    process.stdout.write(`${name.padEnd(58)} ${fmt(m.firstCompletionMs).padStart(9)} ${fmt(m.rssMB).padStart(7)} ${fmt(m.peakRssMB).padStart(8)}  ${heaps} (RSS once idle; ${m.entries} entries${load})\n`);
  }
}

if (process.argv[2] === '--child') {
  const [, , , kind, file, cacheDir] = process.argv;
  child(kind!, file!, cacheDir!).catch((error: unknown) => {
    process.stderr.write(String(error instanceof Error ? error.stack : error));
    process.exit(1);
  });
} else {
  main().catch((error: unknown) => {
    process.stderr.write(String(error instanceof Error ? error.stack : error));
    process.exit(1);
  });
}
