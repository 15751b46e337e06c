/**
 * `npm run bench`: speed, relevance and size figures, printed as a table.
 *
 * Libraries: the real 6,239-entry BibDesk library (CC0), replicated with changed keys to 10k and 50k
 * entries (BibTeX and CSL-JSON, generated into .bench/). Every section loads the modules it needs
 * with a dynamic import and prints "n/a" if one is missing or fails, so the bench runs while parts
 * of the project are still being built. Takes a few minutes (the 50k BibTeX parses dominate).
 */
import { spawnSync } from 'node:child_process';
import Fuse from 'fuse.js';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FUSE_FIELD_WEIGHTS } from '../src/core/search/citationSearch';
import type { BibEntry, LoadedFile } from '../src/core/types';
import { BENCH_DIR, SOURCE_BIB, editOneTitle, replicatedBib, replicatedCslJson } from './bench/data';
import { buildKeyQueries, buildRelevanceQueries, type RelevanceQuery } from './bench/relevanceQueries';
import { mb, messageOf, ms, percentile, timeAsync, timeSync } from './bench/stats';

type LoadFileModule = typeof import('../src/core/bibliography/store/loadFile');
type IndexModule = typeof import('../src/core/bibliography/index/bibliographyIndex');
type CacheModule = typeof import('../src/core/bibliography/store/bibliographyCache');
type StoreModule = typeof import('../src/core/bibliography/store/bibliographyStore');
type IndexerModule = typeof import('../src/core/search/searchIndexer');
type SearchModule = typeof import('../src/core/search/citationSearch');

const ROOT = path.join(__dirname, '..');
const PAPERS_DIR = '/work/shared/data/papers';
const rows: [string, string, string][] = [];

function row(section: string, metric: string, value: string): void {
  rows.push([section, metric, value]);
  process.stderr.write(`  ${section} | ${metric} | ${value}\n`);
}

async function optional<T>(spec: string): Promise<T | undefined> {
  try {
    return (await import(spec)) as T;
  } catch (err) {
    process.stderr.write(`  (module ${spec} unavailable: ${messageOf(err)})\n`);
    return undefined;
  }
}

/** Runs a section; a failure becomes an n/a row instead of ending the bench. */
async function section(name: string, fn: () => Promise<void>): Promise<void> {
  process.stderr.write(`${name}…\n`);
  try {
    await fn();
  } catch (err) {
    row(name, 'error', `n/a (${messageOf(err)})`);
  }
}

interface Modules {
  load?: LoadFileModule;
  index?: IndexModule;
  cache?: CacheModule;
  store?: StoreModule;
  indexer?: IndexerModule;
  search?: SearchModule;
}

/** The plain fuse.js baseline: one Fuse over the whole library, same keys as ours. */
function naiveFuse(entries: readonly BibEntry[]): (q: string) => BibEntry[] {
  const docs = entries.map((e) => ({
    entry: e,
    key: e.key,
    authors: e.authors.map((p) => p.family ?? p.literal ?? ''),
    title: e.title ?? '',
    year: e.yearLabel ?? '',
    keywords: e.keywords.join(' '),
  }));
  const fuse = new Fuse(docs, {
    keys: FUSE_FIELD_WEIGHTS,
    ignoreLocation: true,
    ignoreDiacritics: true,
    threshold: 0.4,
  });
  return (q) => fuse.search(q, { limit: 50 }).map((r) => r.item.entry);
}

function replicateEntries(base: readonly BibEntry[], size: number): BibEntry[] {
  const out: BibEntry[] = [];
  for (let i = 0; i < size; i++) {
    const e = base[i % base.length]!;
    const copy = Math.floor(i / base.length);
    out.push(copy === 0 ? e : { ...e, key: `${e.key}x${copy}` });
  }
  return out;
}

/** Completion queries a writer types: each relevance query and its 1-3 letter prefixes. */
function typingQueries(relevance: readonly RelevanceQuery[]): string[] {
  const qs = new Set<string>();
  for (const r of relevance) {
    for (const n of [1, 2, 3]) qs.add(r.query.slice(0, n));
    qs.add(r.query);
  }
  return [...qs];
}

async function main(): Promise<void> {
  const started = performance.now();
  fs.mkdirSync(BENCH_DIR, { recursive: true });
  const m: Modules = {
    load: await optional<LoadFileModule>('../src/core/bibliography/store/loadFile'),
    index: await optional<IndexModule>('../src/core/bibliography/index/bibliographyIndex'),
    cache: await optional<CacheModule>('../src/core/bibliography/store/bibliographyCache'),
    store: await optional<StoreModule>('../src/core/bibliography/store/bibliographyStore'),
    indexer: await optional<IndexerModule>('../src/core/search/searchIndexer'),
    search: await optional<SearchModule>('../src/core/search/citationSearch'),
  };

  process.stderr.write('generating libraries in .bench/…\n');
  const bib10k = replicatedBib(10_000);
  const bib50k = replicatedBib(50_000);
  row('libraries', 'source', `${path.basename(SOURCE_BIB)} (${mb(fs.statSync(SOURCE_BIB).size)}); replicas: 10k ${mb(fs.statSync(bib10k).size)}, 50k ${mb(fs.statSync(bib50k).size)}`);

  // The real 6k library through our loader: the base for relevance and the replicated search sets.
  let base: BibEntry[] | undefined;
  await section('cold load 6k', async () => {
    if (!m.load) return row('cold load 6k', 'loadBibliographyFile', 'n/a (loader not built yet)');
    const [loaded, t] = await timeAsync(() => m.load!.loadBibliographyFile(SOURCE_BIB));
    base = [...loaded.entries];
    row('cold load 6k', 'loadBibliographyFile (6,239 entries)', `${ms(t)} → ${loaded.entries.length} entries, ${loaded.problems.length} problems`);
    const json10k = replicatedCslJson(10_000, base.map((e) => e.csl));
    const [fromJson, tj] = await timeAsync(() => m.load!.loadBibliographyFile(json10k));
    row('cold load 10k', 'CSL-JSON 10k (our loader)', `${ms(tj)} → ${fromJson.entries.length} entries`);
  });

  // Cold index of the 10k BibTeX (our loader + indexes) vs citation-js parsing the whole file.
  await section('cold index 10k', async () => {
    if (!m.load || !m.index) return row('cold index 10k', 'our loader', 'n/a (bibliography loader not built yet)');
    const [loaded, tLoad] = await timeAsync(() => m.load!.loadBibliographyFile(bib10k));
    const [index, tIndex] = timeSync(() => m.index!.BibliographyIndex.fromFiles([loaded]));
    const tSearch = m.search ? timeSync(() => new m.search!.CitationSearch(index.entries))[1] : NaN;
    row('cold index 10k', 'our loader: parse + BibliographyIndex + CitationSearch', `${ms(tLoad + tIndex + (tSearch || 0))} (parse ${ms(tLoad)}, index ${ms(tIndex)}, search index ${ms(tSearch)}) → ${loaded.entries.length} entries`);
    const text = fs.readFileSync(bib10k, 'utf8');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const core = require('@citation-js/core') as { Cite: new (input: string) => { data: unknown[] } };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('@citation-js/plugin-bibtex');
    const t0 = performance.now();
    try {
      const cite = new core.Cite(text);
      row('cold index 10k', 'citation-js whole-file parse (new Cite(text))', `${ms(performance.now() - t0)} → ${cite.data.length} entries`);
    } catch (err) {
      row('cold index 10k', 'citation-js whole-file parse (new Cite(text))', `fails after ${ms(performance.now() - t0)}: ${messageOf(err)} (one bad entry loses the whole file)`);
    }
  });

  // Relevance on the real 6k library.
  let relevance: RelevanceQuery[] = [];
  await section('relevance 6k', async () => {
    if (!base) return row('relevance 6k', 'top-1', 'n/a (needs the bibliography loader)');
    if (!m.search) return row('relevance 6k', 'top-1', 'n/a (search not built yet)');
    relevance = buildRelevanceQueries(base);
    const ours = new m.search.CitationSearch(base);
    const fuse = naiveFuse(base);
    const rankIn = (keys: string[], key: string): number => keys.indexOf(key) + 1 || Infinity;
    let oursTop1 = 0;
    let fuseTop1 = 0;
    const detail: string[] = [];
    for (const q of relevance) {
      const r1 = rankIn(ours.search(q.query, 50).map((h) => h.entry.key), q.intended);
      const r2 = rankIn(fuse(q.query).map((e) => e.key), q.intended);
      if (r1 === 1) oursTop1++;
      if (r2 === 1) fuseTop1++;
      detail.push(`  ${q.kind.padEnd(11)} ${JSON.stringify(q.query).padEnd(28)} → ${q.intended.padEnd(34)} ours #${r1 === Infinity ? '-' : r1}  fuse #${r2 === Infinity ? '-' : r2}`);
    }
    row('relevance 6k', `top-1 of ${relevance.length} known queries`, `ours ${oursTop1}/${relevance.length}, plain fuse.js ${fuseTop1}/${relevance.length}`);
    process.stdout.write(`Relevance queries (intended entry unique by construction, see scripts/bench/relevanceQueries.ts):\n${detail.join('\n')}\n\n`);

    // Keys typed from their start or from an inner segment, in the 6k library and the papers' own.
    const libraries = [{ name: 'gsa 6k', entries: base }];
    for (const dir of fs.readdirSync(PAPERS_DIR).sort()) {
      const bib = path.join(PAPERS_DIR, dir, 'paper.bib');
      if (fs.existsSync(bib)) libraries.push({ name: dir, entries: [...(await m.load!.loadBibliographyFile(bib)).entries] });
    }
    const keyQueries = buildKeyQueries(libraries);
    const searches = new Map(libraries.map((l) => [l.name, { ours: new m.search!.CitationSearch(l.entries), fuse: naiveFuse(l.entries) }]));
    let keyOurs = 0;
    let keyFuse = 0;
    const keyDetail: string[] = [];
    for (const q of keyQueries) {
      const { ours: search, fuse: plain } = searches.get(q.library)!;
      const r1 = rankIn(search.search(q.query, 50).map((h) => h.entry.key), q.intended);
      const r2 = rankIn(plain(q.query).map((e) => e.key), q.intended);
      if (r1 === 1) keyOurs++;
      if (r2 === 1) keyFuse++;
      keyDetail.push(`  ${q.kind.padEnd(11)} ${JSON.stringify(q.query).padEnd(10)} in ${q.library.padEnd(22)} → ${q.intended.padEnd(28)} ours #${r1 === Infinity ? '-' : r1}  fuse #${r2 === Infinity ? '-' : r2}`);
    }
    row('relevance keys', `top-1 of ${keyQueries.length} key-start and key-segment queries (6k library and ${libraries.length - 1} papers)`, `ours ${keyOurs}/${keyQueries.length}, plain fuse.js ${keyFuse}/${keyQueries.length}`);
    process.stdout.write(`Key queries (unique to one key of their library by construction):\n${keyDetail.join('\n')}\n\n`);
  });

  // Completion latency at 10k and 50k: ours vs fuse.js over the whole library.
  await section('search latency', async () => {
    if (!base || !m.search || relevance.length === 0) return row('search latency', 'p50/p95', 'n/a (needs loader and search)');
    const queries = typingQueries(relevance);
    for (const size of [10_000, 50_000]) {
      const entries = replicateEntries(base, size);
      const [search, tBuild] = timeSync(() => new m.search!.CitationSearch(entries));
      for (const q of queries) search.search(q, 50); // warm up the JIT
      const samples: number[] = [];
      for (let rep = 0; rep < 5; rep++) for (const q of queries) samples.push(timeSync(() => search.search(q, 50))[1]);
      row(`search ${size / 1000}k`, `ours: index build`, ms(tBuild));
      row(`search ${size / 1000}k`, `ours: query p50 / p95 (${queries.length} queries × 5)`, `${ms(percentile(samples, 50))} / ${ms(percentile(samples, 95))}`);
      const [fuse, tFuse] = timeSync(() => naiveFuse(entries));
      const subset = queries.filter((_, i) => i % 3 === 0);
      const fuseSamples = subset.map((q) => timeSync(() => fuse(q))[1]);
      row(`search ${size / 1000}k`, `plain fuse.js: p50 / p95 (${subset.length} queries; setup ${ms(tFuse)})`, `${ms(percentile(fuseSamples, 50))} / ${ms(percentile(fuseSamples, 95))}`);
    }
  });

  // Cold 50k parse (fills the cache), then the warm start from the cache.
  let loaded50k: LoadedFile | undefined;
  const cacheDir = path.join(BENCH_DIR, 'cache');
  // One store and cache for the whole run, as the editor's parsing worker has.
  const cache = m.cache && m.store && m.indexer ? new m.cache.BibliographyCache(cacheDir, new m.store.BibliographyStore({ searchIndexer: m.indexer.searchIndexer })) : undefined;
  await section('warm start 50k', async () => {
    if (!cache || !m.index) return row('warm start 50k', 'from cache', 'n/a (bibliographyCache not built yet)');
    fs.rmSync(cacheDir, { recursive: true, force: true });
    const [cold, tCold] = await timeAsync(() => cache.load(bib50k));
    row('cold 50k', 'parse 50k BibTeX + write cache', `${ms(tCold)} → ${cold.loaded.entries.length} entries (fromCache=${cold.fromCache})`);
    const [warm, tWarm] = await timeAsync(() => cache.load(bib50k));
    const [index, tIndex] = timeSync(() => m.index!.BibliographyIndex.fromFiles([warm.loaded]));
    const tSearch = m.search ? timeSync(() => m.search!.CitationSearch.forIndex(index))[1] : NaN;
    loaded50k = warm.loaded;
    row('warm start 50k', 'slot (hash .bib, open pack) + BibliographyIndex + CitationSearch', `${ms(tWarm + tIndex + (tSearch || 0))} (cache ${ms(tWarm)}, index ${ms(tIndex)}, search ${ms(tSearch)}; fromCache=${warm.fromCache}; bench:load times it in a fresh process)`);
  });

  // One entry edited in the 50k library: re-parse the file, swap it into the index, rebuild search.
  await section('re-index 50k', async () => {
    if (!cache || !m.index || !loaded50k) return row('re-index 50k', 'one entry changed', 'n/a (needs cache, index and the 50k load)');
    // The editor's path after a warm start: the worker reads the file, splices the changed bytes onto
    // its last parse (the slot, read whole while idle) and packs; the host opens the pack, re-indexes,
    // readies the search. The library is restored afterwards (spliced back: its slot matches it again).
    type ComposedModule = typeof import('../src/core/bibliography/store/composedColumns');
    const composed = (await import('../src/core/bibliography/store/composedColumns')) as ComposedModule;
    const original = fs.readFileSync(bib50k);
    await cache.locateOrPack(bib50k, { prepareForEdits: true });
    await cache.flushPreparations();
    const index = m.index.BibliographyIndex.fromFiles([loaded50k]);
    fs.writeFileSync(bib50k, editOneTitle(original.toString('utf8'), 25_000));
    try {
      const [located, tLocate] = await timeAsync(() => cache.locateOrPack(bib50k, { prepareForEdits: true }));
      if (located.kind !== 'pack') return row('re-index 50k', 'one entry changed', `n/a (expected a new pack, got ${located.kind})`);
      // The host's own store, as the extension host has.
      const host = new m.store!.BibliographyStore({ searchIndexer: m.indexer!.searchIndexer });
      const [next, tSwap] = timeSync(() => index.withFile(host.openPack(located.pack, bib50k)));
      const tSearch = m.search ? timeSync(() => m.search!.CitationSearch.forIndex(next))[1] : NaN;
      const anew = composed.parsedAnew(located.loaded);
      row('re-index 50k', 'one title edited: read + splice + pack (worker), open + index.withFile + CitationSearch (server)', `${ms(tLocate + tSwap + (tSearch || 0))} (worker ${ms(tLocate)}, open + index ${ms(tSwap)}, search ${ms(tSearch)}; ${anew?.length ?? 'all'} entries parsed anew)`);
    } finally {
      fs.writeFileSync(bib50k, original);
      await cache.locateOrPack(bib50k);
      await cache.flushWrites();
    }
  });

  // Memory of the 50k index, in a clean child process.
  await section('memory 50k', async () => {
    if (!cache || !m.index || !m.search) return row('memory 50k', 'RSS', 'n/a (needs cache, index and search)');
    const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(__dirname, 'bench/memoryChild.ts'), bib50k, cacheDir], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    if (child.status !== 0) return row('memory 50k', 'RSS', `n/a (child failed: ${child.stderr.split('\n')[0]})`);
    const r = JSON.parse(child.stdout) as { entries: number; rssBefore: number; rssAfter: number; heapBefore: number; heapAfter: number };
    row('memory 50k', `RSS after loading ${r.entries} entries + both indexes`, `${mb(r.rssAfter)} total, +${mb(r.rssAfter - r.rssBefore)} over the bare process (heap +${mb(r.heapAfter - r.heapBefore)})`);
  });

  await section('format', async () => {
    type FormatModule = typeof import('../src/core/format/formatReference');
    const fmt = await optional<FormatModule>('../src/core/format/formatReference');
    if (!fmt || !base) return row('format', 'reference', 'n/a (format or loader not built yet)');
    const sample = base.filter((_, i) => i % 31 === 0).slice(0, 200);
    for (const style of ['apa', 'edtechhub-apa'] as const) {
      const formatter = new fmt.ReferenceFormatter();
      const tFirst = timeSync(() => formatter.format(sample[0]!, style))[1];
      const tAll = timeSync(() => sample.forEach((e) => formatter.format(e, style)))[1];
      row('format', `${style}: first reference (style compile) / then per reference (${sample.length})`, `${ms(tFirst)} / ${ms(tAll / sample.length)}`);
    }
    // The style's first render in a fresh process: for one entry and for a reference list (each by its variant), beside the whole style.
    for (const style of ['apa', 'edtechhub-apa'] as const) {
      const [one, list, whole] = (['one-entry', 'reference-list', 'whole-style'] as const).map((use) => {
        const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(__dirname, 'bench/styleMemory.ts'), use, style], { cwd: ROOT, encoding: 'utf8' });
        const r = child.status === 0 ? (JSON.parse(child.stdout) as { ms: number; heapMB: number; ok: boolean }) : undefined;
        return r?.ok ? `${ms(r.ms)}, heap +${r.heapMB.toFixed(1)} MB` : `n/a (${child.stderr.split('\n')[0]})`;
      });
      row('format', `${style}: style compiled for one entry (hover) / for a reference list / whole (baseline)`, `${one} / ${list} / ${whole}`);
    }
  });

  await section('lint throughput', lintThroughput);

  await section('bundle size', async () => {
    for (const name of ['extension.js', 'server.js', 'worker.js', 'cli.js']) {
      const file = path.join(ROOT, 'dist', name);
      row('bundle', `dist/${name}`, fs.existsSync(file) ? mb(fs.statSync(file).size) : 'n/a (not built; run npm run build)');
    }
  });

  // Activation: a fresh process loads dist/extension.js and calls activate() (see activationChild.cjs).
  await section('activation', async () => {
    if (!fs.existsSync(path.join(ROOT, 'dist', 'extension.js'))) return row('activation', 'bundle load + activate()', 'n/a (run npm run build)');
    const runs: { loadMs: number; activateMs: number }[] = [];
    for (let i = 0; i < 7; i++) {
      const child = spawnSync(process.execPath, [path.join(__dirname, 'bench/activationChild.cjs')], { cwd: ROOT, encoding: 'utf8' });
      if (child.status !== 0) return row('activation', 'bundle load + activate()', `n/a (${child.stderr.split('\n')[0]})`);
      runs.push(JSON.parse(child.stdout) as { loadMs: number; activateMs: number });
    }
    const total = runs.map((r) => r.loadMs + r.activateMs);
    row('activation', 'bundle load + activate(), fresh process (median / max of 7)', `${ms(percentile(total, 50))} / ${ms(Math.max(...total))} (load ${ms(percentile(runs.map((r) => r.loadMs), 50))}, activate ${ms(percentile(runs.map((r) => r.activateMs), 50))})`);
  });

  printTable();
  process.stdout.write(`\nnode ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), bench took ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
}

/** Lint throughput over the 31 real Pandoc papers with their own bibliographies, then a 100-page report. */
async function lintThroughput(): Promise<void> {
  const lintPath = path.join(ROOT, 'src/core/lint/lintDocument.ts');
  if (!fs.existsSync(lintPath)) return row('lint', 'throughput', 'n/a (lint not built yet)');
  const lint = await optional<LintModule>('../src/core/lint/lintDocument');
  const config = await optional<{ defaultConfig: unknown }>('../src/core/lint/config');
  const docs = await optional<DocumentModule>('../src/core/document/textDocument');
  const idx = await optional<IndexModule>('../src/core/bibliography/index/bibliographyIndex');
  const stores = await optional<StoreModule>('../src/core/bibliography/store/bibliographyStore');
  const indexer = await optional<IndexerModule>('../src/core/search/searchIndexer');
  if (!lint || !config || !docs || !idx || !stores || !indexer) return row('lint', 'throughput', 'n/a (lint modules not loadable)');
  const store = new stores.BibliographyStore({ searchIndexer: indexer.searchIndexer });
  const loadIndex = async (files: string[]): Promise<unknown> => idx.BibliographyIndex.fromFiles(await store.loadAll(files));
  const papersDir = '/work/shared/data/papers';
  const papers: { doc: unknown; bib: unknown; bytes: number; text: string; bibFile?: string }[] = [];
  for (const dir of fs.readdirSync(PAPERS_DIR).sort()) {
    const md = path.join(PAPERS_DIR, dir, 'paper.md');
    if (!fs.existsSync(md)) continue;
    const text = fs.readFileSync(md, 'utf8');
    const bibFile = path.join(papersDir, dir, 'paper.bib');
    const bib = await loadIndex(fs.existsSync(bibFile) ? [bibFile] : []);
    papers.push({ doc: docs.createTextDocument(`file://${md}`, 'markdown', text), bib, bytes: Buffer.byteLength(text), text, ...(fs.existsSync(bibFile) ? { bibFile } : {}) });
  }
  const totalBytes = papers.reduce((s, p) => s + p.bytes, 0);
  let findings = 0;
  for (const p of papers) findings += lint.lintDocument(p.doc, p.bib, config.defaultConfig).findings.length; // warm-up
  // Median of several timed passes: one pass is ~0.1 s, and the machine is shared.
  const passSeconds: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    for (const p of papers) lint.lintDocument(p.doc, p.bib, config.defaultConfig);
    passSeconds.push((performance.now() - t0) / 1000);
  }
  const seconds = percentile(passSeconds, 50);
  row('lint', `lintDocument over ${papers.length} real papers (${mb(totalBytes)}, ${findings} findings), median of 7 passes`, `${(totalBytes / (1024 * 1024) / seconds).toFixed(2)} MB/s`);
  await lintKeystroke(lint, config.defaultConfig, docs, loadIndex, papers);
}

type LintModule = {
  lintDocument: (doc: unknown, bib: unknown, config: unknown, options?: { claimScoreCache?: unknown }) => { findings: unknown[]; claims: unknown[] };
  ClaimScoreCache?: new () => unknown;
};
type DocumentModule = { createTextDocument: (uri: string, lang: string, text: string, version?: number) => unknown };

/**
 * What a keystroke costs in a 100-page report (~300 KB: the 31 papers' bodies and the two Hub blog
 * posts, one after another, against all their bibliographies): the extension re-lints the whole
 * document ~300 ms after the last keystroke. Timed cold (every sentence scored) and with the claim
 * score cache the live diagnostics keep (only the edited sentence scored again).
 */
async function lintKeystroke(
  lint: LintModule,
  config: unknown,
  docs: DocumentModule,
  loadIndex: (files: string[]) => Promise<unknown>,
  papers: readonly { text: string; bibFile?: string }[],
): Promise<void> {
  const blogsDir = '/work/shared/data/hub/blogs';
  const blogs = fs.existsSync(blogsDir) ? fs.readdirSync(blogsDir).sort().map((f) => fs.readFileSync(path.join(blogsDir, f), 'utf8')) : [];
  const withoutFrontMatter = (t: string) => t.replace(/^---\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)\r?\n/, '');
  const report = [...papers.map((p) => withoutFrontMatter(p.text)), ...blogs].join('\n\n');
  const hubBib = '/work/shared/data/hub/hub-outputs.bib';
  const bibFiles = [...papers.flatMap((p) => (p.bibFile ? [p.bibFile] : [])), ...(fs.existsSync(hubBib) ? [hubBib] : [])];
  const bib = await loadIndex(bibFiles);
  const pages = Math.round(Buffer.byteLength(report) / 3000); // ~3,000 characters of Markdown a page
  // A keystroke: one letter typed into a word in the middle of the report.
  const middle = report.indexOf(' the ', report.length >> 1);
  const typed = (n: number) => `${report.slice(0, middle + 4)}${'x'.repeat(n)}${report.slice(middle + 4)}`;
  const version = (n: number) => docs.createTextDocument('file:///bench/report.md', 'markdown', typed(n), n + 1);

  const claims = lint.lintDocument(version(0), bib, config).claims.length; // warm-up
  const cold: number[] = [];
  for (let n = 1; n <= 7; n++) cold.push(timeSync(() => lint.lintDocument(version(n), bib, config))[1]);
  row('lint', `100-page report (${pages} pages, ${mb(Buffer.byteLength(report))}, ${claims} sentences): re-lint after a keystroke, every sentence scored (median)`, ms(percentile(cold, 50)));
  if (!lint.ClaimScoreCache) return row('lint', '100-page report, re-lint with the claim score cache', 'n/a (no ClaimScoreCache)');
  const claimScoreCache = new lint.ClaimScoreCache();
  lint.lintDocument(version(0), bib, config, { claimScoreCache });
  const cached: number[] = [];
  for (let n = 1; n <= 7; n++) cached.push(timeSync(() => lint.lintDocument(version(n), bib, config, { claimScoreCache }))[1]);
  row('lint', '100-page report: re-lint after a keystroke with the claim score cache (median)', ms(percentile(cached, 50)));
}

function printTable(): void {
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length), ['section', 'metric', 'value'][i]!.length));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  process.stdout.write(`${line(['section', 'metric', 'value'])}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n`);
  for (const r of rows) process.stdout.write(`${line(r)}\n`);
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${messageOf(err)}\n`);
  process.exitCode = 1;
});
