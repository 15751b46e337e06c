/**
 * The language server's side of worker.ts: worker threads started on first use (one parses
 * bibliographies, one formats references, so that a hover never waits behind a 50,000-entry parse),
 * requests matched to answers by id. When the worker bundle is missing (running from sources) or a
 * worker dies, the same core functions run in this thread: features degrade in speed, never in
 * behaviour. A worker killed mid-parse is restarted by the next request.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { BibliographyLoader } from '../core/documentBibliographies';
import { BibliographyCache } from '../core/bibliography/store/bibliographyCache';
import { BibliographyStore } from '../core/bibliography/store/bibliographyStore';
import { ReferenceFormatter, type CitationStyle } from '../core/format/formatReference';
import { searchIndexer } from '../core/search/searchIndexer';
import type { FormatReference } from '../core/format/referenceTexts';
import type { Log } from '../core/log';
import type { BibEntry, LoadedFile } from '../core/types';
import type { ThreadHeap } from './memory';
import type { LoadedPack, WorkerRequest, WorkerResponse } from './worker';

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** One worker thread and its requests; restarted on the next request after it stops or dies. */
class WorkerThread {
  private worker: Worker | undefined;
  private unavailable = false;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly script: string,
    private readonly log: Log,
  ) {}

  /** Runs `request` in the worker, or `inProcess` here when there is no worker. */
  request(request: Request, inProcess: () => unknown): Promise<unknown> {
    const worker = this.ensure();
    if (!worker) return Promise.resolve().then(inProcess);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...request });
    });
  }

  get available(): boolean {
    return this.ensure() !== undefined;
  }

  /** The worker's heap, if it is running (it is not started for this). */
  async heap(): Promise<ThreadHeap | undefined> {
    if (!this.worker) return undefined;
    return (await this.request({ op: 'memory' }, () => undefined)) as ThreadHeap;
  }

  /** Stops the worker: its requests reject with "worker stopped"; the next request starts a new one. */
  stop(): void {
    void this.worker?.terminate();
    this.worker = undefined;
    this.rejectAll(new Error('worker stopped'));
  }

  private rejectAll(error: Error): void {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }

  private ensure(): Worker | undefined {
    if (this.worker || this.unavailable) return this.worker;
    if (!fs.existsSync(this.script)) {
      this.unavailable = true;
      this.log.info(`No ${path.basename(this.script)} beside the server: parsing and formatting run in the server's thread.`);
      return undefined;
    }
    const worker = new Worker(this.script);
    worker.unref();
    worker.on('message', (response: WorkerResponse) => {
      const pending = this.pending.get(response.id);
      if (!pending) return;
      this.pending.delete(response.id);
      if (response.ok) pending.resolve(response.value);
      else pending.reject(new Error(response.error));
    });
    const died = (why: string): void => {
      if (this.worker !== worker) return;
      this.log.error(`Evidence Writer worker stopped (${why}); it restarts on the next request.`);
      this.worker = undefined;
      this.rejectAll(new Error(`worker stopped: ${why}`));
    };
    worker.on('error', (error) => died(error.message));
    worker.on('exit', (code) => died(`exit code ${code}`));
    this.worker = worker;
    return worker;
  }
}

/** Loads bibliographies in a worker and opens what it found here: entries stay packed, read when used. */
export class WorkerLoader implements BibliographyLoader {
  private readonly parser: WorkerThread;
  /** Opens what the worker found; parses in this thread when there is no worker. */
  private readonly store = new BibliographyStore({ searchIndexer });
  private readonly cache: BibliographyCache | undefined;

  constructor(
    script: string,
    private readonly cacheDir: string | undefined,
    log: Log,
  ) {
    this.parser = new WorkerThread(script, log);
    this.cache = cacheDir ? new BibliographyCache(cacheDir, this.store) : undefined;
  }

  async load(file: string): Promise<LoadedFile> {
    const cache = this.cache;
    const inProcess = async (): Promise<LoadedFile> => (cache ? (await cache.load(file)).loaded : this.store.load(file));
    for (let attempt = 0; attempt < 2; attempt++) {
      // The slot's head (~8 MB at 50,000 entries) is read here while the worker reads and hashes the file.
      const ahead = cache && this.parser.available ? cache.readSlotAhead(file) : undefined;
      const found = (await this.parser.request({ op: 'load', file, cacheDir: this.cacheDir }, inProcess)) as LoadedPack | LoadedFile;
      if (!('kind' in found)) return found; // loaded in this thread (no worker)
      if (found.kind === 'pack') {
        void ahead?.then((unused) => unused?.discard());
        return this.store.openPack(found.pack, file);
      }
      const opened = cache?.openSlot(found, file, await ahead);
      if (opened) return opened;
      // The slot changed between the worker's look and ours (another window rewrote it): ask again.
    }
    return inProcess();
  }

  cancel(): void {
    this.parser.stop();
  }

  /** The parsing worker's heap (undefined when it is not running). */
  heap(): Promise<ThreadHeap | undefined> {
    return this.parser.heap();
  }

  async flush(): Promise<void> {
    await this.cache?.flushWrites();
  }

  dispose(): void {
    this.parser.stop();
  }
}

/** Formats references in a worker of their own (the CSL engine takes seconds to start). */
export function workerFormatter(script: string, log: Log): { format: FormatReference; heap(): Promise<ThreadHeap | undefined>; dispose(): void } {
  const thread = new WorkerThread(script, log);
  const inProcess = new ReferenceFormatter();
  return {
    format: (entry: BibEntry, style: CitationStyle) => thread.request({ op: 'format', entry, style }, () => inProcess.format(entry, style, 'text')) as Promise<string>,
    heap: () => thread.heap(),
    dispose: () => thread.stop(),
  };
}
