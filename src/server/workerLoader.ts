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
import type { ThreadHeap } from './memory';
import type { LoadedPack, WorkerLogLine, WorkerRequest, WorkerResponse } from './worker';

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void; readonly settled: Promise<void> };
type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** The worker stopped by itself while a request was under way (not stopped on purpose: see WorkerThread.stop). */
class WorkerDied extends Error {}

/** Loads asked again of a new worker after the one doing them died, per load. */
const RELOADS_AFTER_A_DEATH = 1;

/**
 * The worker's young generation: V8's default for a worker thread is small, and a cold parse of 50,000
 * entries then spends much of its time in scavenges (5.3–6.4 s of CPU against 4.7–4.8 s with 32 MB).
 */
const YOUNG_GENERATION_MB = 32;

/**
 * After a load that leaves the parsing worker's heap this big (its physical size: garbage and the
 * pages V8 keeps after collecting it), a fresh worker takes over (where there is a cache: the new one
 * finds the files' slots there). A cold parse of 50,000 entries leaves ~140 MB, which V8 keeps, and
 * one of 10,000 ~75 MB; an idle worker with 50,000 entries loaded holds 40–65 MB. (Not the heap in
 * use: a parse whose entries die young leaves less of it in use, but the pages it grew stay.)
 */
const RENEW_AFTER_HEAP_BYTES = 96 * 2 ** 20;

/** One worker thread and its requests; restarted on the next request after it stops or dies. */
class WorkerThread {
  private worker: Worker | undefined;
  private unavailable = false;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** While a worker is being replaced (see renew): requests wait for the new one. */
  private renewal: Promise<void> | undefined;

  constructor(
    private readonly script: string,
    private readonly log: Log,
    private readonly onDied: (why: string) => void = () => undefined,
  ) {}

  /** Runs `request` in the worker, or `inProcess` here when there is no worker. */
  request(request: Request, inProcess: () => unknown): Promise<unknown> {
    if (this.renewal) return this.renewal.then(() => this.request(request, inProcess));
    return this.send(request, inProcess);
  }

  /**
   * Replaces the worker by a fresh one, to give its heap back to the system: once it has answered
   * everything asked of it, it runs `drain` (e.g. finishes writing), stops, and the new worker is asked
   * `adopt` first (what it should take over), before any request made meanwhile.
   */
  renew(drain: Request, adopt: readonly Request[]): void {
    if (this.renewal || !this.worker) return;
    this.renewal = (async () => {
      while (this.pending.size > 0) await Promise.allSettled([...this.pending.values()].map((p) => p.settled));
      await this.send(drain, () => undefined).catch(() => undefined);
      this.stop();
      await Promise.allSettled(adopt.map((request) => this.send(request, () => undefined)));
    })().finally(() => (this.renewal = undefined));
  }

  private send(request: Request, inProcess: () => unknown): Promise<unknown> {
    const worker = this.ensure();
    if (!worker) return Promise.resolve().then(inProcess);
    const id = this.nextId++;
    let answer!: Pending;
    const answered = new Promise((resolve, reject) => (answer = { resolve, reject, settled: Promise.resolve() }));
    this.pending.set(id, { ...answer, settled: answered.then(() => undefined, () => undefined) });
    worker.postMessage({ id, ...request });
    return answered;
  }

  /** Whether a request is under way. */
  get busy(): boolean {
    return this.pending.size > 0 || this.renewal !== undefined;
  }

  get available(): boolean {
    return this.ensure() !== undefined;
  }

  /** The worker's heap, if it is running (it is not started for this). */
  /** The worker's heap (after a collection in it, with `collectFirst`); undefined when it is not running. */
  async heap(collectFirst = false): Promise<ThreadHeap | undefined> {
    if (!this.worker) return undefined;
    return (await this.request({ op: 'memory', collectFirst }, () => undefined)) as ThreadHeap;
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
    const worker = new Worker(this.script, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
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

export interface WorkerLoaderOptions {
  /** The parsing worker's heap size that has a fresh worker take over (RENEW_AFTER_HEAP_BYTES if not given). */
  readonly renewAfterHeapBytes?: number;
  /** Collects this thread's garbage: once a pack is let go for its cache slot (its shared memory is not in V8's count). */
  readonly collectGarbage?: () => void;
}

/** Loads bibliographies in a worker and opens what it found here: entries stay packed, read when used. */
export class WorkerLoader implements BibliographyLoader {
  private readonly parser: WorkerThread;
  /** Opens what the worker found; parses in this thread when there is no worker. */
  private readonly store = new BibliographyStore({ searchIndexer });
  private readonly cache: BibliographyCache | undefined;
  /** Every file loaded (a renewed worker takes them over). */
  private readonly files = new Set<string>();

  constructor(
    script: string,
    private readonly cacheDir: string | undefined,
    private readonly log: Log,
    /** The parsing worker stopped by itself (its loads are asked again of a new one); the server tells the user. */
    onWorkerDied: ((why: string) => void) | undefined,
    private readonly options: WorkerLoaderOptions = {},
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
    this.files.add(file);
    for (let attempt = 0; attempt < 2; attempt++) {
      // The slot's head (~8 MB at 50,000 entries) is read here while the worker reads and hashes the file.
      const ahead = cache && this.parser.available ? cache.readSlotAhead(file) : undefined;
      const found = (await this.parser.request({ op: 'load', file, cacheDir: this.cacheDir }, inProcess)) as LoadedPack | LoadedFile;
      if (!('kind' in found)) return found; // loaded in this thread (no worker)
      if (found.heapBytes > (this.options.renewAfterHeapBytes ?? RENEW_AFTER_HEAP_BYTES) && this.cacheDir) this.renewParser(this.cacheDir, file, found.heapBytes);
      if (found.kind === 'pack') {
        void ahead?.then((unused) => unused?.discard());
        if (found.slotPending && cache) return this.openBeforeSlot(cache, found.pack, found.slotPending, file);
        return this.store.openPack(found.pack, file);
      }
      const opened = cache?.openSlot(found, file, await ahead);
      if (opened) return opened;
      // The slot changed between the worker's look and ours (another window rewrote it): ask again.
    }
    return inProcess();
  }

  /**
   * A pack whose slot the worker is writing: used from memory now, its details read from the slot once
   * it is written (the pack's memory is then let go: this thread keeps only its head).
   */
  private openBeforeSlot(cache: BibliographyCache, pack: Uint8Array, slot: { slotPath: string; sha1: string; seal: string }, file: string): LoadedFile {
    const opened = cache.openBeforeSlot(pack, file);
    this.parser.request({ op: 'written' }, () => undefined).then(
      () => {
        if (opened.moveToSlot(slot)) this.options.collectGarbage?.();
      },
      () => undefined, // the worker stopped: the details stay in memory
    );
    return opened.loaded;
  }

  cancel(): void {
    this.parser.stop();
  }

  /**
   * A fresh parsing worker, once this one is idle: it takes over every file loaded so far from its
   * cache slot (what the next edit is spliced onto), and the old one's heap goes back to the system.
   */
  private renewParser(cacheDir: string, parsed: string, heapBytes: number): void {
    this.log.info(`The parsing worker's heap holds ${(heapBytes / 2 ** 20).toFixed(0)} MB after loading ${parsed}: a fresh worker takes over.`);
    this.parser.renew(
      { op: 'retire' },
      [...this.files].map((file) => ({ op: 'adopt', file, cacheDir })),
    );
  }

  /** The parsing worker's heap, after a collection in it with `collectFirst` (undefined when it is not running). */
  heap(collectFirst = false): Promise<ThreadHeap | undefined> {
    return this.parser.heap(collectFirst);
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

/**
 * How long the formatting worker may sit idle before it is stopped: citeproc's compiled APA style
 * holds ~95 MB of its heap (~140 MB of RSS), and the formatted references are remembered here, so it
 * is seldom asked again soon. The next request starts it afresh (~1 s; a hover shows the plain
 * reference meanwhile, see ReferenceTexts).
 */
export const FORMATTER_IDLE_MS = 60_000;

/** Formats references in a worker of their own (the CSL engine takes seconds to start), stopped when idle. */
export function workerFormatter(script: string, log: Log, idleMs = FORMATTER_IDLE_MS): { format: FormatReference; heap(collectFirst?: boolean): Promise<ThreadHeap | undefined>; dispose(): void } {
  const thread = new WorkerThread(script, log);
  const inProcess = new ReferenceFormatter();
  let idle: NodeJS.Timeout | undefined;
  const stopWhenIdle = (): void => {
    clearTimeout(idle);
    idle = setTimeout(() => (thread.busy ? stopWhenIdle() : thread.stop()), idleMs);
    idle.unref();
  };
  return {
    format: (entry: BibEntry, style: CitationStyle) => {
      const formatted = thread.request({ op: 'format', entry, style }, () => inProcess.format(entry, style, 'text')) as Promise<string>;
      formatted.then(stopWhenIdle, stopWhenIdle);
      return formatted;
    },
    heap: (collectFirst) => thread.heap(collectFirst),
    dispose: () => {
      clearTimeout(idle);
      thread.stop();
    },
  };
}
