/**
 * A worker thread of the language server for the core's slow, synchronous work: parsing bibliography
 * files (seconds for tens of thousands of entries), packing them with their search index, and
 * formatting references (the CSL engine takes seconds to start), so that the server keeps answering
 * meanwhile. Bundled as dist/worker.js beside dist/server.js.
 */
import { parentPort } from 'node:worker_threads';
import { BibliographyCache } from '../core/bibliography/store/bibliographyCache';
import { BibliographyStore } from '../core/bibliography/store/bibliographyStore';
import { ReferenceFormatter, type CitationStyle } from '../core/format/formatReference';
import { searchIndexer } from '../core/search/searchIndexer';
import type { BibEntry } from '../core/types';
import { heapOfThisThread } from './memory';

export type WorkerRequest =
  | { readonly id: number; readonly op: 'load'; readonly file: string; readonly cacheDir?: string }
  | { readonly id: number; readonly op: 'format'; readonly entry: BibEntry; readonly style: CitationStyle }
  | { readonly id: number; readonly op: 'memory' };

/**
 * A loaded file, as the server opens it: a valid cache slot (the server reads its ~8 MB head; entry
 * details are read from it when needed), or a pack in shared memory (nothing copied between threads).
 */
export type LoadedPack = { readonly kind: 'slot'; readonly slotPath: string; readonly sha1: string } | { readonly kind: 'pack'; readonly pack: Uint8Array };

export type WorkerResponse = { readonly id: number; readonly ok: true; readonly value: unknown } | { readonly id: number; readonly ok: false; readonly error: string };

/** The worker's files: what makes an edit cost only what changed (the last parse and pack of each file). */
const store = new BibliographyStore({ searchIndexer });
const caches = new Map<string, BibliographyCache>();
const formatter = new ReferenceFormatter();

function cacheIn(dir: string): BibliographyCache {
  let cache = caches.get(dir);
  if (!cache) caches.set(dir, (cache = new BibliographyCache(dir, store)));
  return cache;
}

async function load(file: string, cacheDir: string | undefined): Promise<LoadedPack> {
  if (cacheDir) {
    const located = await cacheIn(cacheDir).locateOrPack(file, { prepareForEdits: true });
    if (located.kind === 'slot') return located;
    if (located.kind === 'pack') return { kind: 'pack', pack: located.pack };
    return { kind: 'pack', pack: store.pack(located.loaded).pack };
  }
  return { kind: 'pack', pack: store.pack(await store.load(file)).pack };
}

async function handle(request: WorkerRequest): Promise<unknown> {
  switch (request.op) {
    case 'load':
      return load(request.file, request.cacheDir);
    case 'format':
      return formatter.format(request.entry, request.style, 'text');
    case 'memory':
      return heapOfThisThread();
  }
}

parentPort?.on('message', (request: WorkerRequest) => {
  handle(request).then(
    (value) => parentPort?.postMessage({ id: request.id, ok: true, value } satisfies WorkerResponse),
    (error: unknown) => parentPort?.postMessage({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) } satisfies WorkerResponse),
  );
});
