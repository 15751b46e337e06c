/**
 * The extension host's side of coreWorker.ts: lazily started worker threads (one parses, one
 * formats), requests matched to answers by id. When the worker bundle is missing (e.g. running from
 * sources) or dies, the same core functions run in-process, so features degrade in speed, never in
 * behaviour.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { BibliographyCache } from '../core/bibliography/store/bibliographyCache';
import { BibliographyStore } from '../core/bibliography/store/bibliographyStore';
import { ReferenceFormatter, type CitationStyle } from '../core/format/formatReference';
import { searchIndexer } from '../core/search/searchIndexer';
import type { BibEntry, LoadedFile } from '../core/types';
import type { LoadedPack, WorkerRequest, WorkerResponse } from './coreWorker';
import { log } from './log';

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export class CoreWorkerClient {
  private worker: Worker | undefined;
  private failed = false;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Opens what the worker found; parses in this thread when there is no worker. */
  private readonly store = new BibliographyStore({ searchIndexer });
  private readonly caches = new Map<string, BibliographyCache>();
  private readonly formatter = new ReferenceFormatter();

  constructor(private readonly script = path.join(__dirname, 'coreWorker.js')) {}

  /**
   * Loads a bibliography in the worker and opens what it found here: entries stay packed (read when
   * used), so the host spends ~10–40 ms on a 50,000-entry library instead of seconds.
   */
  async loadBibliography(file: string, cacheDir?: string): Promise<LoadedFile> {
    const cache = cacheDir ? this.cacheIn(cacheDir) : undefined;
    const inProcess = async (): Promise<LoadedFile> => (cache ? (await cache.load(file)).loaded : this.store.load(file));
    for (let attempt = 0; attempt < 2; attempt++) {
      // The slot's head (~8 MB at 50,000 entries) is read here while the worker reads and hashes the file.
      const ahead = cache && this.ensureWorker() ? cache.readSlotAhead(file) : undefined;
      const found = (await this.request({ op: 'load', file, cacheDir }, inProcess)) as LoadedPack | LoadedFile;
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

  private cacheIn(dir: string): BibliographyCache {
    let cache = this.caches.get(dir);
    if (!cache) this.caches.set(dir, (cache = new BibliographyCache(dir, this.store)));
    return cache;
  }

  formatReference(entry: BibEntry, style: CitationStyle): Promise<string> {
    return this.request({ op: 'format', entry, style }, () => this.formatter.format(entry, style, 'text')) as Promise<string>;
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
    for (const p of this.pending.values()) p.reject(new Error('worker stopped'));
    this.pending.clear();
  }

  private request(request: Request, inProcess: () => unknown): Promise<unknown> {
    const worker = this.ensureWorker();
    if (!worker) return Promise.resolve().then(inProcess);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...request });
    });
  }

  private ensureWorker(): Worker | undefined {
    if (this.worker || this.failed) return this.worker;
    if (!fs.existsSync(this.script)) {
      this.failed = true;
      log().info(`No ${path.basename(this.script)} next to the extension: parsing and formatting run in the extension host.`);
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
    worker.on('error', (error) => {
      log().error(`Evidence Writer worker failed: ${error.message}`);
      this.failed = true;
      this.worker = undefined;
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
    });
    this.worker = worker;
    return worker;
  }
}

let parsing: CoreWorkerClient | undefined;
let formatting: CoreWorkerClient | undefined;

/** The worker that parses bibliographies (started on first use). */
export function coreWorker(): CoreWorkerClient {
  parsing ??= new CoreWorkerClient();
  return parsing;
}

/**
 * A second worker for formatting references: parsing a 50k-entry library keeps the first busy for
 * many seconds, and hovers and completion details must not wait behind it.
 */
export function formatWorker(): CoreWorkerClient {
  formatting ??= new CoreWorkerClient();
  return formatting;
}

/** Stops the parsing worker (its loads fail with "worker stopped"); the next load starts a new one. */
export function stopParsing(): void {
  parsing?.dispose();
  parsing = undefined;
}

export function disposeCoreWorker(): void {
  parsing?.dispose();
  formatting?.dispose();
  parsing = undefined;
  formatting = undefined;
}
