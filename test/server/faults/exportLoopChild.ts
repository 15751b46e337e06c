/**
 * Run in a child process (node --expose-gc --import tsx) by test/server/exportLoop.test.ts: the
 * language server's side of a bibliography exported again and again. Each round the .bib is replaced
 * by a rename with one entry's title changed (as Better BibTeX's auto-export writes it), the parsing
 * worker (the bundled worker.js, a real thread) reads, splices, packs and caches it, and this thread
 * opens the pack, indexes it and answers a search, keeping only the newest index, as the server does.
 * Prints RSS, heap and open file descriptors after the first `warmup` rounds and after the last, each after GC.
 */
import * as fs from 'node:fs';
import { BibliographyIndex } from '../../../src/core/bibliography/index/bibliographyIndex';
import { SILENT_LOG } from '../../../src/core/log';
import { CitationSearch } from '../../../src/core/search/citationSearch';
import { WorkerLoader } from '../../../src/server/workerLoader';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

/** After a full GC in this thread and the worker's, and a pause for the finalisers (they close the files behind collected packs). */
async function settled(loader: WorkerLoader): Promise<{ rss: number; heap: number; fds: number }> {
  for (let i = 0; i < 3; i++) {
    gc!();
    await loader.heap(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const memory = process.memoryUsage();
  return { rss: memory.rss, heap: memory.heapUsed, fds: fs.readdirSync("/proc/self/fd").length };
}

async function main(): Promise<void> {
  const [workerScript, bib, cacheDir, roundsText, warmupText] = process.argv.slice(2) as [string, string, string, string, string];
  const rounds = Number(roundsText);
  const warmup = Number(warmupText);
  const text = fs.readFileSync(bib, 'utf8');
  const titles = [...text.matchAll(/^\s*title\s*=\s*\{/gim)].map((m) => m.index! + m[0].length);
  // (With the server's collector: it collects this thread once a pack is let go for its slot.)
  const loader = new WorkerLoader(workerScript, cacheDir, SILENT_LOG, undefined, { collectGarbage: gc });
  let index: BibliographyIndex | undefined;
  let search: CitationSearch | undefined;
  let start: Awaited<ReturnType<typeof settled>> | undefined;
  const started = performance.now();
  for (let round = 0; round <= rounds; round++) {
    if (round === warmup) {
      await loader.flush();
      start = await settled(loader);
    }
    // An export: the whole file written anew, one title changed, renamed over the old one.
    const at = titles[round % titles.length]!;
    const temp = `${bib}.export.tmp`;
    fs.writeFileSync(temp, `${text.slice(0, at)}Export ${round}: ${text.slice(at)}`);
    fs.renameSync(temp, bib);
    const loaded = await loader.load(bib);
    index = BibliographyIndex.fromFiles([loaded]);
    search = await CitationSearch.forIndex(index);
    if (search.search(`export ${round}`, 5).length === 0) throw new Error(`round ${round}: the edited title is not found`);
  }
  const ms = performance.now() - started;
  await loader.flush();
  const end = await settled(loader);
  loader.dispose();
  const slots = fs.readdirSync(cacheDir).filter((f) => !f.endsWith('.pack') && !f.endsWith('.source'));
  process.stdout.write(JSON.stringify({ rounds, entries: index?.size ?? 0, ms, start, end, strayCacheFiles: slots }));
}

main().catch((error: unknown) => {
  process.stderr.write(String(error instanceof Error ? error.stack : error));
  process.exit(1);
});
