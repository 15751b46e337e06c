/**
 * The language server's side of worker.ts: worker threads started on first use (one parses
 * bibliographies, one formats references, so that a hover never waits behind a 50,000-entry parse),
 * requests matched to answers by id. When the worker bundle is missing (running from sources), the
 * same core functions run in this thread: features degrade in speed, never in behaviour. A worker that
 * dies (killed, out of memory, a bug) is restarted by the next request; a load it was doing is asked
 * again of a new worker, once.
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
import type { LoadedPack, WorkerLogLine, WorkerRequest, WorkerResponse } from './worker';

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

/** The worker stopped by itself while a request was under way (not stopped on purpose: see WorkerThread.stop). */
class WorkerDied extends Error {}

/** Loads asked again of a new worker after the one doing them died, per load. */
const RELOADS_AFTER_A_DEATH = 1;
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
    private readonly onDied: (why: string) => void = () => undefined,
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
    worker.on('message', (response: WorkerResponse | WorkerLogLine) => {
      if ('log' in response) return this.log[response.log](response.message);
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
      this.rejectAll(new WorkerDied(`worker stopped: ${why}`));
      this.onDied(why);
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

  /**
   * `onWorkerDied`: the parsing worker stopped by itself (its loads are asked again of a new one); the
   * server tells the user.
   */
  constructor(
    script: string,
    private readonly cacheDir: string | undefined,
    private readonly log: Log,
    onWorkerDied?: (why: string) => void,
  ) {
    this.parser = new WorkerThread(script, log, onWorkerDied);
    this.cache = cacheDir ? new BibliographyCache(cacheDir, this.store, { log }) : undefined;
  }

  async load(file: string): Promise<LoadedFile> {
    for (let reloads = 0; ; reloads++) {
      try {
        return await this.loadInWorker(file);
      } catch (error) {
        if (!(error instanceof WorkerDied)) throw error; // cancelled
        if (reloads === RELOADS_AFTER_A_DEATH) {
          this.log.error(`Not loading ${file}: the parsing worker stopped each time it read it (${error.message}).`);
          return { file, format: 'bibtex', entries: [], problems: [workerDiedProblem(file, error.message)] };
        }
        this.log.info(`Loading ${file} again, in a new worker.`);
      }
    }
  }

  private async loadInWorker(file: string): Promise<LoadedFile> {
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

  async flush(): Promise<void> {
    await this.cache?.flushWrites();
  }

  dispose(): void {
    this.parser.stop();
  }
}

/** What stands for a file whose every read stopped the worker: no entries, and why. */
function workerDiedProblem(file: string, why: string): LoadedFile['problems'][number] {
  return {
    code: 'unreadable-file',
    severity: 'error',
    message: `The parsing worker stopped each time it read this file (${why}), so it is not used. Run "Evidence: Reload Bibliography" to try again.`,
    location: { file, line: 1, column: 1 },
  };
}

/** Formats references in a worker of their own (the CSL engine takes seconds to start). */
export function workerFormatter(script: string, log: Log): { format: FormatReference; dispose(): void } {
  const thread = new WorkerThread(script, log);
  const inProcess = new ReferenceFormatter();
  return {
    format: (entry: BibEntry, style: CitationStyle) => thread.request({ op: 'format', entry, style }, () => inProcess.format(entry, style, 'text')) as Promise<string>,
    dispose: () => thread.stop(),
  };
}
