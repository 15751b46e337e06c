/**
 * The extension host's side of coreWorker.ts: lazily started worker threads (one parses, one
 * formats), requests matched to answers by id. When the worker bundle is missing (e.g. running from
 * sources) or dies, the same core functions run in-process, so features degrade in speed, never in
 * behaviour.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { loadBibliographyFileCached } from '../core/bibliography/bibliographyCache';
import { fromTransferEntry } from '../core/bibliography/entryTransfer';
import { loadBibliographyFile } from '../core/bibliography/loadFile';
import { formatReference, type CitationStyle } from '../core/format/formatReference';
import type { BibEntry, LoadedFile } from '../core/types';
import type { WorkerRequest, WorkerResponse } from './coreWorker';
import { log } from './log';

/** `entries`: those received in batches so far, for a 'load' (see WorkerResponse). */
type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void; entries: BibEntry[] };
type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export class CoreWorkerClient {
  private worker: Worker | undefined;
  private failed = false;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly script = path.join(__dirname, 'coreWorker.js')) {}

  async loadBibliography(file: string, cacheDir?: string): Promise<LoadedFile> {
    const inProcess = (): Promise<LoadedFile> => (cacheDir ? loadBibliographyFileCached(file, cacheDir) : loadBibliographyFile(file));
    const { loaded, entries } = (await this.request({ op: 'load', file, cacheDir }, async () => ({ loaded: await inProcess(), entries: undefined }), true)) as {
      loaded: LoadedFile;
      entries: BibEntry[] | undefined;
    };
    return entries ? { ...loaded, entries } : loaded;
  }

  formatReference(entry: BibEntry, style: CitationStyle): Promise<string> {
    return this.request({ op: 'format', entry, style }, () => formatReference(entry, style, 'text')) as Promise<string>;
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
    for (const p of this.pending.values()) p.reject(new Error('worker stopped'));
    this.pending.clear();
  }

  /** With `withEntries`, resolves to `{ loaded, entries }` (the batches received), else to the value. */
  private request(request: Request, inProcess: () => unknown, withEntries = false): Promise<unknown> {
    const worker = this.ensureWorker();
    if (!worker) return Promise.resolve().then(inProcess);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const entries: BibEntry[] = [];
      this.pending.set(id, { resolve: withEntries ? (loaded) => resolve({ loaded, entries }) : resolve, reject, entries });
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
      if ('entries' in response) {
        for (const entry of response.entries) pending.entries.push(fromTransferEntry(entry));
        // Asked for after other waiting callbacks have run: the host reads one batch per turn.
        setImmediate(() => worker.postMessage({ id: response.id, op: 'ack' } satisfies WorkerRequest));
        return;
      }
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
