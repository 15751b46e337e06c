/**
 * A worker thread of the language server for the core's slow, synchronous work: parsing bibliography
 * files (seconds for tens of thousands of entries), packing them with their search index, and
 * formatting references (the CSL engine takes seconds to start), so that the server keeps answering
 * meanwhile. Bundled as dist/worker.js beside dist/server.js.
 */
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { BibliographyCache } from '../core/bibliography/store/bibliographyCache';
import { BibliographyStore } from '../core/bibliography/store/bibliographyStore';
import { stretchThreads } from '../core/bibliography/store/stretchThreads';
import { ReferenceFormatter, type CitationStyle } from '../core/format/formatReference';
import { searchIndexer } from '../core/search/searchIndexer';
import type { Log } from '../core/log';
import type { BibEntry } from '../core/types';
import { garbageCollector } from '../core/memory/garbageCollector';
import { heapOfThisThread } from './memory';

export type WorkerRequest =
  | { readonly id: number; readonly op: 'load'; readonly file: string; readonly cacheDir?: string }
  | { readonly id: number; readonly op: 'adopt'; readonly file: string; readonly cacheDir: string }
  | { readonly id: number; readonly op: 'retire' }
  | { readonly id: number; readonly op: 'written' }
  | { readonly id: number; readonly op: 'format'; readonly entry: BibEntry; readonly style: CitationStyle }
  | { readonly id: number; readonly op: 'memory'; readonly collectFirst?: boolean };

/**
 * A loaded file, as the server opens it: a valid cache slot (the server reads its ~8 MB head; entry
 * details are read from it when needed), or a pack in shared memory (nothing copied between threads).
 */
export type LoadedPack = FoundPack & {
  /** The physical size of this worker's heap after the load: garbage and the pages V8 keeps included (see WorkerLoader's renewal). */
  readonly heapBytes: number;
};
type SlotRef = { readonly slotPath: string; readonly sha1: string; readonly seal: string };
type FoundPack =
  | ({ readonly kind: 'slot' } & SlotRef)
  /** `slotPending`: the slot that will hold the pack, being written (the op 'written' waits for it). */
  | { readonly kind: 'pack'; readonly pack: Uint8Array; readonly slotPending?: SlotRef };

export type WorkerResponse = { readonly id: number; readonly ok: true; readonly value: unknown } | { readonly id: number; readonly ok: false; readonly error: string };

/** A line for the server's log (a damaged cache slot, a cache that cannot be written). */
export interface WorkerLogLine {
  readonly log: 'info' | 'warn' | 'error';
  readonly message: string;
}

/**
 * A very big file's cold parse runs on two cores (its second half in a thread of its own, see
 * packedParse) only where cores are to spare: on a 2-core machine the editor's own processes want the
 * second one, and a 50k library opened in a real VS Code was ready in 8.1–9.3 s with the thread
 * against 7.5–8.3 s without it (measured again later, 5.6–6.9 s against 5.2–6.5 s, runs alternated).
 */
const CORES_FOR_TWO_CORE_PARSE = 4;
const stretchParser = availableParallelism() >= CORES_FOR_TWO_CORE_PARSE ? stretchThreads(path.join(__dirname, 'stretchWorker.js')) : undefined;
/** The worker's files: what makes an edit cost only what changed (the last parse and pack of each file). */
const store = new BibliographyStore({ searchIndexer, stretchParser });
const caches = new Map<string, BibliographyCache>();
/** This thread's collector: after a big parse, and for its caches' spare memory once let go. */
const collectGarbage = garbageCollector();
/**
 * Heap growth over a load that is worth a collection: a cold parse grew this heap by 56 MB at 10,000
 * entries and 126–145 MB at 50,000; an edit spliced onto a 50,000-entry pack by 13–21 MB.
 */
const COLLECT_AFTER_GROWTH_BYTES = 32 * 2 ** 20;
const formatter = new ReferenceFormatter();
/** The server's log, as seen from here. */
const log: Log = {
  debug: () => undefined,
  info: (message) => parentPort?.postMessage({ log: 'info', message } satisfies WorkerLogLine),
  warn: (message) => parentPort?.postMessage({ log: 'warn', message } satisfies WorkerLogLine),
  error: (message) => parentPort?.postMessage({ log: 'error', message } satisfies WorkerLogLine),
};

function cacheIn(dir: string): BibliographyCache {
  let cache = caches.get(dir);
  if (!cache) caches.set(dir, (cache = new BibliographyCache(dir, store, { log, collectGarbage })));
  return cache;
}

async function load(file: string, cacheDir: string | undefined): Promise<LoadedPack> {
  const before = heapOfThisThread().heapBytes;
  const found = await locate(file, cacheDir);
  const heapBytes = heapOfThisThread().heapBytes;
  // A parse leaves the file's text and its garbage in this heap until the heap next fills: after one
  // that grew it this much, a collection runs once the answer is posted (a job after this one). At
  // 50,000 entries this lowered the server's peak (this heap beside the first lint of a 100-page
  // document) from 445–450 to 394–396 MB, with no later first completion.
  if (heapBytes - before >= COLLECT_AFTER_GROWTH_BYTES) setImmediate(collectGarbage);
  return { ...found, heapBytes };
}

async function locate(file: string, cacheDir: string | undefined): Promise<FoundPack> {
  if (!cacheDir) return { kind: 'pack', pack: store.pack(await store.load(file)).pack };
  // A first slot is written after answering: the server uses the pack from shared memory until then,
  // and then reads the entries' details from the slot (holding the pack's head, not all of it).
  const located = await cacheIn(cacheDir).locateOrPack(file, { prepareForEdits: true, firstSlotLater: true });
  if (located.kind === 'slot') return located;
  if (located.kind === 'pack') return located.slot ? { kind: 'slot', ...located.slot } : { kind: 'pack', pack: located.pack, ...(located.slotPending ? { slotPending: located.slotPending } : {}) };
  return { kind: 'pack', pack: store.pack(located.loaded).pack };
}

async function handle(request: WorkerRequest): Promise<unknown> {
  switch (request.op) {
    case 'load':
      return load(request.file, request.cacheDir);
    case 'adopt':
      // A file an earlier worker loaded: its slot is what the next edit is spliced onto.
      return cacheIn(request.cacheDir).rememberSlot(request.file);
    case 'retire':
      // This worker is about to be stopped (a fresh one takes over): slots written, files closed.
      await Promise.all([...caches.values()].map((cache) => cache.close()));
      return undefined;
    case 'written':
      // Slots under way written (a server moving to the slot a load named pending).
      await Promise.all([...caches.values()].map((cache) => cache.flushWrites()));
      return undefined;
    case 'format':
      return formatter.format(request.entry, request.style, 'text');
    case 'memory':
      if (request.collectFirst) collectGarbage();
      return heapOfThisThread();
  }
}

parentPort?.on('message', (request: WorkerRequest) => {
  handle(request).then(
    (value) => parentPort?.postMessage({ id: request.id, ok: true, value } satisfies WorkerResponse),
    (error: unknown) => parentPort?.postMessage({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) } satisfies WorkerResponse),
  );
});
