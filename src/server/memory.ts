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
  heap(): Promise<ThreadHeap | undefined>;
}

/** The process's memory now, its workers' heaps included. */
export async function serverMemory(workers: readonly HeapSource[]): Promise<ServerMemory> {
  const heaps = await Promise.all(workers.map(async (w) => ({ name: w.name, heap: await w.heap().catch(() => undefined) })));
  const main = heapOfThisThread();
  const usage = process.memoryUsage();
  return {
    rssBytes: usage.rss,
    mainHeapUsed: main.usedBytes,
    mainHeap: main.heapBytes,
    arrayBuffers: usage.arrayBuffers,
    workers: heaps.flatMap(({ name, heap }) => (heap ? [{ name, heapUsed: heap.usedBytes, heap: heap.heapBytes }] : [])),
  };
}
