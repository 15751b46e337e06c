/** Where the server's memory goes: each thread's V8 heap, and the rest of the process (for libraryState). */
import { getHeapStatistics } from 'node:v8';
import type { ServerMemory } from './protocol';

/** A thread's V8 heap: what it uses, and what it holds from the system. */
export interface ThreadHeap {
  readonly usedBytes: number;
  readonly heapBytes: number;
}

export function heapOfThisThread(): ThreadHeap {
  const heap = getHeapStatistics();
  return { usedBytes: heap.used_heap_size, heapBytes: heap.total_physical_size };
}

/** A worker thread whose heap can be asked for (undefined: not running). */
export interface HeapSource {
  readonly name: string;
  /** With `collectFirst`, after a collection in that thread. */
  heap(collectFirst?: boolean): Promise<ThreadHeap | undefined>;
}

/** How long a worker may take to say what its heap holds: one busy parsing is not waited for. */
const BUSY_AFTER_MS = 200;

/** The process's memory now, its workers' heaps included (a busy worker is listed as busy); with `collectFirst`, each worker collects first. */
export async function serverMemory(workers: readonly HeapSource[], collectFirst = false): Promise<ServerMemory> {
  const heaps = await Promise.all(
    workers.map(async (w) => {
      let timer: NodeJS.Timeout | undefined;
      const busy = new Promise<'busy'>((resolve) => (timer = setTimeout(() => resolve('busy'), BUSY_AFTER_MS)));
      const heap = await Promise.race([w.heap(collectFirst).catch(() => undefined), busy]);
      clearTimeout(timer);
      return { name: w.name, heap };
    }),
  );
  const main = heapOfThisThread();
  const usage = process.memoryUsage();
  return {
    rssBytes: usage.rss,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    mainHeapUsed: main.usedBytes,
    mainHeap: main.heapBytes,
    arrayBuffers: usage.arrayBuffers,
    workers: heaps.flatMap(({ name, heap }): ServerMemory['workers'] => {
      if (heap === 'busy') return [{ name, busy: true }];
      return heap ? [{ name, heapUsed: heap.usedBytes, heap: heap.heapBytes }] : [];
    }),
  };
}
