/**
 * Run in a child process by the benchmark (node --expose-gc --import tsx): loads a library from the
 * warm cache, builds the bibliography index and the search index, and prints RSS/heap figures as
 * JSON. A separate process keeps the parent's own allocations out of the figure.
 */
import { BibliographyIndex } from '../../src/core/bibliography/index/bibliographyIndex';
import { BibliographyCache } from '../../src/core/bibliography/store/bibliographyCache';
import { BibliographyStore } from '../../src/core/bibliography/store/bibliographyStore';
import { CitationSearch } from '../../src/core/search/citationSearch';
import { searchIndexer } from '../../src/core/search/searchIndexer';

const gc = (globalThis as { gc?: () => void }).gc ?? ((): void => undefined);

async function main(): Promise<void> {
  const [file, cacheDir] = process.argv.slice(2) as [string, string];
  gc();
  const before = process.memoryUsage();
  // Kept until measured, as the editor keeps its store (with what the next edit is spliced onto).
  const cache = new BibliographyCache(cacheDir, new BibliographyStore({ searchIndexer }));
  const { loaded, fromCache } = await cache.load(file);
  const index = BibliographyIndex.fromFiles([loaded]);
  const search = await CitationSearch.forIndex(index);
  search.search('warm up', 5);
  gc();
  const after = process.memoryUsage();
  process.stdout.write(
    JSON.stringify({ entries: index.entries.length, fromCache, cache: cache.dir, rssBefore: before.rss, rssAfter: after.rss, heapBefore: before.heapUsed, heapAfter: after.heapUsed }),
  );
}

void main();
