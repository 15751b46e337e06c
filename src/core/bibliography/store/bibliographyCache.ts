import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { LoadedFile } from '../../types';
import { readHashed } from '../../io/readHashed';
import { TEMP_FILE, writeAtomically } from '../../io/writeAtomically';
import { once } from '../../scheduling/once';
import { loadBibtexParser } from '../formats/citationJs';
import { MAX_BIBLIOGRAPHY_BYTES, tooLarge } from '../formats/decodeBytes';
import type { Log } from '../../log';
import { SILENT_LOG } from '../../log';
import { checkPackFile, memoryTail, MovableTail, OpenPackFiles, packSeal, PackReader, SEAL_LENGTH, type ByteSource } from './binaryPack';
import type { BibliographyStore } from './bibliographyStore';
import { PACKED_PARSE_MIN_BYTES } from './packedParse';
import { openPackedFile, openPackFile, PACK_VERSION, PackedColumns, readPackHeader, type PackHeader, type PackSource } from './packedFile';
import type { Splice } from './spliceBibtex';
import { SpareMemory } from './spareMemory';

/**
 * A disk cache of parsed bibliography files, for a warm start: a 50,000-entry library takes seconds
 * to parse and tens of milliseconds to open from its slot. One per cache folder; it parses and packs
 * through its BibliographyStore (whose memos make an edit cost only what changed).
 *
 * Scheme
 * - One slot per bibliography: `<dir>/<sha1(absolute path)>.pack`, the file's pack (see
 *   store/packedFile: entries as columns, the search index as typed arrays), whose header records the
 *   path, size, mtime and sha1 of the bytes it was parsed from, and the pack version. The header is
 *   checked before the body is read, so a stale 80 MB slot costs a few bytes, not a second. A BibTeX
 *   slot also has `<slot>.source`, a copy of those bytes (see below).
 * - On load the file's bytes are read and hashed, chunk by chunk (while the slot's header, and in the
 *   editor its head, are read); the slot is used only if path, size and hash match. mtime is recorded for people
 *   reading the cache but not trusted on its own: git checkouts rewrite it without changing content,
 *   and an edit within the filesystem's mtime resolution keeps it.
 * - An edit of a file read before by the store is spliced onto its last pack (spliceBibtex: only the
 *   changed bytes are parsed). A file changed while the editor was closed is spliced onto its stale
 *   slot, whose `.source` copy (checked against the slot's hash) says what changed. Otherwise a miss
 *   parses the bytes already read.
 * - A slot is sealed (see binaryPack: the CRC-32 of its head and tail after the pack). A slot is
 *   used only if its whole file checks out against the seal (read and checked while the file is
 *   hashed); a damaged one is said once in the log and rebuilt, so a damaged slot never serves an entry.
 * - Slots and copies are written to a temp file, then renamed, so a crash never leaves half of one;
 *   the copy first, so a slot never names bytes its copy lacks. A failed write (a read-only folder,
 *   a full disk) removes what it wrote, is said once in the log, and stops the cache writing: loads
 *   go on without it. A temp file that a killed writer left is removed before the next first write
 *   (when over 10 minutes old). Cache errors never fail a load: the cache only ever saves time.
 * - The first slot for a file is written before returning (or, with firstSlotLater, at once after:
 *   a load of it meanwhile waits for it). Rewriting an existing slot (the file was
 *   edited) happens after returning (300 ms later, and only the newest of quick edits), and a later
 *   load of the same slot waits for it, so it never reads a stale slot.
 * - A hit lets the store remember the cached entries and the worker prepare for edits while idle
 *   (prepareForEdits), so the first edit after a warm start is spliced too.
 * - Bump PACK_VERSION whenever parsing, BibEntry or the search index changes shape.
 */
export class BibliographyCache {
  /** Slot rewrites not yet done, by slot path: the newest pack to write, the bytes it was made from, and the write under way. */
  private readonly pendingWrites = new Map<string, { pack: Buffer; bytes?: Uint8Array; done: Promise<void> }>();
  /** Idle-time preparation under way (see flushPreparations). */
  private readonly preparations = new Set<Promise<void>>();
  /** Memory readied for the next pack. */
  private readonly spare: SpareMemory;
  /** Slots held open for their tails. */
  private readonly slotFiles = new OpenPackFiles();
  private readonly allocate = (size: number): Buffer => this.spare.take(size);
  private readonly log: Log;
  private readonly files: CacheFiles;
  /** Set when a write failed: the cache is then only read (see the class comment). */
  private writeFailure: string | undefined;
  /** Before the first write: temp files that an interrupted write left (see removeLeftoverTemps). */
  private readonly sweepLeftovers = once(() => this.removeLeftoverTemps());

  constructor(
    readonly dir: string,
    private readonly store: BibliographyStore,
    options: CacheOptions = {},
  ) {
    this.log = options.log ?? SILENT_LOG;
    this.files = options.files ?? { writeFile };
    this.spare = new SpareMemory({ collectGarbage: options.collectGarbage });
  }

  /** Loads a bibliography file through the cache (all in this thread), saying whether the cache was used. Never throws. */
  async load(filePath: string): Promise<CachedLoad> {
    const ahead = this.readSlotAhead(filePath);
    const located = await this.locateOrPack(filePath);
    if (located.kind === 'slot') {
      const opened = this.openSlot(located, filePath, await ahead);
      if (opened) return { loaded: opened, fromCache: true };
      return { loaded: await this.store.load(filePath), fromCache: false };
    }
    void ahead.then((unused) => unused?.discard());
    return { loaded: located.loaded, fromCache: false };
  }

  /**
   * Finds a valid slot for `filePath`, or reads the file (splicing an edit onto its last pack where it
   * can), packs it and writes the slot. Never throws.
   */
  async locateOrPack(filePath: string, options: LocateOptions = {}): Promise<LocatedPack> {
    const read = await this.readFile(filePath);
    if (read.kind === 'unpacked') return read;
    // An edit of a file read before: only the bytes that changed are parsed (see spliceBibtex).
    const spliced = this.store.spliceEdit(filePath, read.bytes);
    if (spliced) return this.packSplice(filePath, read, spliced, options);
    const slot = await read.slot();
    if (slot.damage) this.log.warn(`The cache slot of ${filePath} is damaged (${slot.damage}): rebuilding it.`);
    if (slot.source && slot.seal && slot.source.path === read.source.path && slot.source.size === read.source.size && slot.source.sha1 === read.source.sha1) {
      return this.useSlot(filePath, read, slot.seal, options);
    }
    // The file changed since its slot was written (while the editor was closed, say): the slot and the
    // copy of the bytes it was made from let the change be spliced (or a small file parsed entry by entry).
    const splicedStale = slot.source?.path === read.source.path && slot.seal ? await this.spliceOntoStale(filePath, read, slot.source, slot.seal) : undefined;
    if (splicedStale) return this.packSplice(filePath, read, splicedStale, options);
    // A damaged slot is replaced before returning, as a missing one is (not later, as an edit's is).
    return this.packParse(filePath, read, slot.exists && !slot.damage, options);
  }

  /**
   * Opens a slot found by locateOrPack, if it still holds the very bytes that were checked (same seal;
   * else undefined). Reads ~8 MB for 50k entries.
   */
  openSlot(slot: { slotPath: string; sha1: string; seal: string }, filePath: string, ahead?: SlotReadAhead): LoadedFile | undefined {
    try {
      if (ahead && ahead.sha1 === slot.sha1 && ahead.seal === slot.seal) return openPackedFile(ahead.head, filePath, ahead.tail).loaded;
      ahead?.discard();
      return openPackFile(this.slotFiles, slot.slotPath, filePath, (header, seal) => header.source?.sha1 === slot.sha1 && seal === slot.seal)?.loaded;
    } catch {
      return undefined;
    }
  }

  /**
   * Reads the head of `filePath`'s slot, if there is one, without blocking: started beside the worker's
   * (or locateOrPack's) read and hash of the file, so that a warm start does not read the head after it.
   */
  async readSlotAhead(filePath: string): Promise<SlotReadAhead | undefined> {
    const read = await this.slotFiles.readAsync(this.slotPathFor(filePath));
    const header = read && readPackHeader(read.head);
    if (read && header?.source) return { sha1: header.source.sha1, seal: read.seal, head: read.head, tail: read.tail, discard: read.close };
    read?.close();
    return undefined;
  }

  slotPathFor(filePath: string): string {
    return path.join(this.dir, `${createHash('sha1').update(path.resolve(filePath)).digest('hex')}.pack`);
  }

  /** Resolves when every slot rewrite under way is done (before exiting, or removing the cache directory). */
  async flushWrites(): Promise<void> {
    while (this.pendingWrites.size > 0) await Promise.all([...this.pendingWrites.values()].map((p) => p.done));
  }

  /**
   * Finishes writing and closes the slot files held open for their entries' details: for a thread
   * about to stop (its entries are not read again). The cache is not used after this.
   */
  async close(): Promise<void> {
    await this.flushWrites();
    this.slotFiles.closeAll();
  }

  /** Resolves when the slots being read for edits have been (for benchmarks and tests). */
  async flushPreparations(): Promise<void> {
    // The preparation's timer does not keep a process alive; waiting for it must.
    const keepAlive = setInterval(() => undefined, 1000);
    try {
      while (this.preparations.size > 0) await Promise.all([...this.preparations]);
    } finally {
      clearInterval(keepAlive);
    }
  }

  /** Stats, reads and hashes the file (while the slot's header is read); unreadable or huge files are loaded as problems. */
  private async readFile(filePath: string): Promise<FileRead | { readonly kind: 'unpacked'; readonly loaded: LoadedFile }> {
    const absolute = path.resolve(filePath);
    const unreadable = async (): Promise<{ kind: 'unpacked'; loaded: LoadedFile }> => ({ kind: 'unpacked', loaded: await this.store.load(filePath) });
    let info;
    try {
      info = await stat(absolute);
    } catch {
      return unreadable();
    }
    if (!info.isFile()) return unreadable();
    if (info.size > MAX_BIBLIOGRAPHY_BYTES) {
      return { kind: 'unpacked', loaded: { file: filePath, format: 'bibtex', entries: [], problems: [tooLarge(filePath, info.size)] } };
    }
    const slotPath = this.slotPathFor(absolute);
    // The slot is checked while the file is read and hashed: on a warm start, that is most of the time.
    // An edit of a file read before is spliced without it: then it is checked only if the splice declines.
    const slot = once(() => this.checkSlot(slotPath));
    if (!this.store.splicePoint(filePath)) void slot();
    try {
      const { bytes, sha1, mtimeMs } = await readHashed(absolute);
      if (bytes.length > MAX_BIBLIOGRAPHY_BYTES) throw new Error('grew too large while read');
      return { kind: 'read', bytes, source: { path: absolute, size: bytes.length, mtimeMs, sha1 }, slotPath, slot };
    } catch {
      return unreadable();
    }
  }

  /** The slot holds these very bytes: nothing is parsed; the slot is what the next edit is spliced onto. */
  private useSlot(filePath: string, read: FileRead, seal: string, options: LocateOptions): LocatedPack {
    const located = { kind: 'slot', slotPath: read.slotPath, sha1: read.source.sha1, seal } as const;
    // Opened (its ~8 MB head read) at most once, by whichever needs it first: a parse's memo, a splice, or the idle preparation.
    this.store.rememberOpened(filePath, read.bytes, once(() => this.openSlot(located, filePath)));
    if (options.prepareForEdits) this.prepareSoon(filePath, read.bytes);
    return located;
  }

  /**
   * Remembers the file's slot as what its next edit is spliced onto, if the slot holds the file as it is
   * now (a parsing worker started afresh, taking over a file an earlier one parsed). Nothing is parsed.
   * Returns whether the slot was valid. Never throws.
   */
  async rememberSlot(filePath: string): Promise<boolean> {
    const read = await this.readFile(filePath);
    if (read.kind === 'unpacked') return false;
    const slot = await read.slot();
    if (!(slot.source && slot.seal && slot.source.path === read.source.path && slot.source.size === read.source.size && slot.source.sha1 === read.source.sha1)) return false;
    this.useSlot(filePath, read, slot.seal, { prepareForEdits: true });
    return true;
  }

  /** Packs a splice (unchanged entries copied as rows) and rewrites the slot soon. */
  private packSplice(filePath: string, read: FileRead, spliced: Splice, options: LocateOptions): LocatedPack {
    const { pack, loaded } = this.store.pack(spliced.file, { bytes: read.bytes, sourceMap: spliced.sourceMap, keyCounts: spliced.keyCounts, source: read.source, allocate: this.allocate });
    this.writeSlotSoon(read.slotPath, pack, read.bytes);
    // Edits come in bursts: memory for the next one's pack is readied while idle.
    if (options.prepareForEdits) this.prepareNextEdit(filePath, pack.length);
    return { kind: 'pack', pack, loaded };
  }

  /**
   * Parses the bytes read, packs them and writes the slot (the first slot of a file before returning:
   * then the result names it, so that another thread can open the slot instead of holding the pack).
   */
  private async packParse(filePath: string, read: FileRead, slotExists: boolean, options: LocateOptions): Promise<LocatedPack> {
    // With a source map, edits are spliced: the store drops its whole-text memo of the parse (the text,
    // its split, an entry per chunk: hundreds of MB at 50,000 entries), to rebuild it only if a splice declines.
    const { sourceMap, ...packed } = await this.store.parseAndPack(read.bytes, filePath, { source: read.source, allocate: this.allocate });
    if (sourceMap && options.prepareForEdits) this.prepareNextEdit(filePath);
    if (slotExists) {
      this.writeSlotSoon(read.slotPath, packed.pack, read.bytes);
      return { kind: 'pack', ...packed };
    }
    if (options.firstSlotLater) {
      const seal = packSeal(packed.pack);
      this.writeFirstSlot(read.slotPath, packed.pack, read.bytes, seal);
      return { kind: 'pack', ...packed, slotPending: { slotPath: read.slotPath, sha1: read.source.sha1, seal: seal.toString('hex') } };
    }
    const seal = await this.writeSlot(read.slotPath, packed.pack, read.bytes);
    return { kind: 'pack', ...packed, ...(seal ? { slot: { slotPath: read.slotPath, sha1: read.source.sha1, seal } } : {}) };
  }

  /**
   * Writes a file's first slot now, after the load has returned (see LocateOptions.firstSlotLater): a
   * load of the slot meanwhile waits for it, as for a rewrite, and a rewrite asked meanwhile follows it.
   */
  private writeFirstSlot(slotPath: string, pack: Buffer, bytes: Uint8Array, seal: Buffer): void {
    const entry: { pack: Buffer; bytes?: Uint8Array; done: Promise<void> } = { pack, bytes, done: Promise.resolve() };
    entry.done = this.writeSlot(slotPath, pack, bytes, seal)
      .then(async () => {
        for (let written = pack; written !== entry.pack; ) {
          written = entry.pack;
          await this.writeSlot(slotPath, written, entry.bytes);
        }
      })
      .finally(() => this.pendingWrites.delete(slotPath));
    this.pendingWrites.set(slotPath, entry);
  }

  /**
   * Opens a pack made in another thread whose slot is being written (LocatedPack's slotPending): its
   * head is copied (~8 MB at 50,000 entries) and its details are read from the pack's memory until
   * `moveToSlot`, once the slot is written, reads them from the slot instead; the pack's memory is
   * then let go. Throws if `pack` is not a pack of this version.
   */
  openBeforeSlot(pack: Uint8Array, filePath: string): { loaded: LoadedFile; moveToSlot(slot: { slotPath: string; sha1: string; seal: string }): boolean } {
    const head = Buffer.from(pack.subarray(0, new PackReader(pack).headLength));
    const tail = new MovableTail(memoryTail(pack));
    const loaded = openPackedFile(head, filePath, tail).loaded;
    return {
      loaded,
      moveToSlot: (slot) => {
        try {
          const read = this.slotFiles.read(slot.slotPath, (header, seal) => (header as PackHeader).source?.sha1 === slot.sha1 && seal === slot.seal);
          // (A slot rewritten since, by an edit, is another pack: the details stay in memory then.)
          if (!read || !read.head.equals(head)) return false;
          tail.moveTo(read.tail);
          return true;
        } catch {
          return false;
        }
      },
    };
  }

  /**
   * The change spliced onto the file's stale slot, or undefined. Where the splice declines, a file
   * parsed whole keeps the slot's entries for its parse to reuse; a big one is parsed packed, which
   * reuses none: the slot and bytes are let go (held beside the parse, they cost ~90 MB at 50,000 entries).
   */
  private async spliceOntoStale(filePath: string, read: FileRead, source: PackSource, seal: string): Promise<Splice | undefined> {
    const stale = await this.staleSlot(read.slotPath, source, seal, filePath);
    if (!stale) return undefined;
    const spliced = this.store.spliceOnto(filePath, read.bytes, stale);
    if (!spliced && read.bytes.length < PACKED_PARSE_MIN_BYTES) this.store.rememberText(filePath, () => stale.loaded, stale.bytes);
    return spliced;
  }

  /** A stale slot with the bytes it was made from (checked by hash), if it has a source map. Never throws. */
  private async staleSlot(slotPath: string, source: PackSource, seal: string, filePath: string): Promise<{ bytes: Buffer; pack: PackedColumns; loaded: LoadedFile } | undefined> {
    try {
      const bytes = await readFile(sourceCopyPath(slotPath));
      if (bytes.length !== source.size || sha1Of(bytes) !== source.sha1) return undefined;
      // Read whole, not held open for its tail: it is only spliced onto (its rows copied into the new
      // pack) and is replaced on disk soon after, and a file held open until its entries are collected
      // would keep each replaced slot's disk space (60 MB at 50,000 entries) while this thread idles.
      const file = await readFile(slotPath);
      const packBytes = file.subarray(0, Math.max(0, file.length - SEAL_LENGTH));
      if (file.length < SEAL_LENGTH || packSeal(packBytes).toString('hex') !== seal || file.subarray(packBytes.length).toString('hex') !== seal) return undefined;
      if (readPackHeader(packBytes)?.source?.sha1 !== source.sha1) return undefined;
      const loaded = openPackedFile(packBytes, filePath).loaded;
      const pack = loaded.columns instanceof PackedColumns ? loaded.columns : undefined;
      return pack?.sourceMap() ? { bytes, pack, loaded } : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * While idle after a pack is made: open it for splicing (its source map, key counts) and, during a
   * burst of edits (`packLength`), ready memory for the next pack, so that the next edit's wait holds
   * only the work the edit itself needs.
   */
  private prepareNextEdit(filePath: string, packLength?: number): void {
    const memory = packLength === undefined ? idle(SPARE_DELAY_MS) : this.spare.ready(packLength, SPARE_DELAY_MS);
    this.prepare(memory.then(() => this.store.splicePoint(filePath)?.prepare()));
  }

  /** After a warm start, while idle: read the slot's head for the first edit and load the BibTeX parser. */
  private prepareSoon(filePath: string, bytes: Uint8Array): void {
    this.prepare(
      idle(PREPARE_DELAY_MS).then(() => {
        const last = this.store.splicePoint(filePath);
        if (last?.bytes !== bytes) return; // edited meanwhile
        // The slot's head, with the details left on disk: an edit copies them straight into the new pack.
        if (!last.pack()) return;
        last.prepare();
        // Nothing was parsed at the warm start: the parser (citation-js, ~0.1 s to load) is loaded now.
        loadBibtexParser();
      }),
    );
  }

  /** Keeps track of idle-time preparation, so that flushPreparations can wait for it. */
  private prepare(work: Promise<void>): void {
    const tracked: Promise<void> = work.catch(() => undefined).finally(() => this.preparations.delete(tracked));
    this.preparations.add(tracked);
  }

  /**
   * Rewrites a slot after the current load has returned; only the newest of several quick edits is
   * written. `bytes`: what the pack was made from (copied beside a BibTeX slot).
   */
  private writeSlotSoon(slotPath: string, pack: Buffer, bytes?: Uint8Array): void {
    const pending = this.pendingWrites.get(slotPath);
    if (pending) {
      pending.pack = pack;
      pending.bytes = bytes;
      return;
    }
    const entry: { pack: Buffer; bytes?: Uint8Array; done: Promise<void> } = { pack, bytes, done: Promise.resolve() };
    // Not at once: the editor is re-indexing (on this machine's other core, but hashing and writing
    // 60 MB still competes with it for memory), and a quick next edit makes this write unneeded.
    entry.done = new Promise<void>((resolve) => setTimeout(resolve, SLOT_REWRITE_DELAY_MS))
      .then(async () => {
        // A newer pack may arrive while one is being written: write until the newest is on disk.
        for (let written: Buffer | undefined; written !== entry.pack; ) {
          written = entry.pack;
          await this.writeSlot(slotPath, written, entry.bytes);
        }
      })
      .finally(() => this.pendingWrites.delete(slotPath));
    this.pendingWrites.set(slotPath, entry);
  }

  /**
   * What a slot says it was made from, if its whole file checks out against its seal (see
   * binaryPack); `damage` says why not, when it is damaged rather than of another version. Never throws.
   */
  private async checkSlot(slotPath: string): Promise<SlotCheck> {
    await this.pendingWrites.get(slotPath)?.done;
    const check = await checkPackFile(slotPath, (header) => (header as PackHeader).version === PACK_VERSION);
    switch (check.kind) {
      case 'missing':
        return { exists: false };
      case 'refused':
        return { exists: true };
      case 'damaged':
        return { exists: true, damage: check.why };
      case 'intact':
        return { exists: true, source: (check.header as PackHeader).source, seal: check.seal };
    }
  }

  /** Writes a slot (and its bytes' copy); the slot's seal (hex) if it was written. `knownSeal`: the pack's seal, if already computed. */
  private async writeSlot(slotPath: string, pack: Buffer, bytes?: Uint8Array, knownSeal?: Buffer): Promise<string | undefined> {
    if (this.writeFailure !== undefined) return undefined;
    await this.sweepLeftovers();
    const copy = sourceCopyPath(slotPath);
    let copied = false;
    try {
      await mkdir(path.dirname(slotPath), { recursive: true });
      const header = readPackHeader(pack);
      // A BibTeX slot keeps a copy of its bytes, written first: a change made while the editor is closed
      // is then spliced onto the slot. (The copy is checked against the slot's hash before it is used.)
      if (bytes && header?.bibtex) {
        await writeAtomically(copy, [bytes], (file, chunks) => this.files.writeFile(file, chunks));
        copied = true;
      }
      const seal = knownSeal ?? packSeal(pack);
      await writeAtomically(slotPath, [pack, seal], (file, chunks) => this.files.writeFile(file, chunks));
      return seal.toString('hex');
    } catch (error) {
      // The cache is an optimisation; failing to write it must not fail the load. A copy without its
      // slot is of no use (and a full disk wants the space back).
      if (copied) await rm(copy, { force: true }).catch(() => undefined);
      this.writeFailure = errorCode(error);
      this.log.warn(`Cannot write the bibliography cache in ${this.dir} (${this.writeFailure}): working without it; nothing more is written there until restart.`);
      return undefined;
    }
  }

  /**
   * Removes the temp files of writes that never finished (a worker or editor killed while writing a
   * 60 MB slot leaves one). Only old ones: a younger one may be another window's write under way.
   * Never throws.
   */
  private async removeLeftoverTemps(): Promise<void> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    let removed = 0;
    for (const name of names.filter((n) => TEMP_FILE.test(n))) {
      const file = path.join(this.dir, name);
      const old = await stat(file).then((s) => Date.now() - s.mtimeMs > LEFTOVER_TEMP_AGE_MS, () => false);
      if (old && (await rm(file, { force: true }).then(() => true, () => false))) removed++;
    }
    if (removed > 0) this.log.info(`Removed ${removed} temporary file(s) that an interrupted write left in the bibliography cache ${this.dir}.`);
  }
}

/** A temp file older than this is a leftover (a write takes seconds at most). */
const LEFTOVER_TEMP_AGE_MS = 10 * 60_000;

/** How a cache writes files: the file system, or a test's version of it that fails. */
export interface CacheFiles {
  /** Writes `chunks` one after another as the file's contents (as fs.promises.writeFile does). */
  writeFile(file: string, chunks: Iterable<Uint8Array>): Promise<void>;
}

export interface CacheOptions {
  /** Where a damaged slot, or a cache that cannot be written, is reported. */
  readonly log?: Log;
  readonly files?: CacheFiles;
  /** Collects this thread's garbage, when memory readied for the next pack is let go (see SpareMemory). */
  readonly collectGarbage?: () => void;
}

export interface CachedLoad {
  readonly loaded: LoadedFile;
  /** True when the result came from the cache. */
  readonly fromCache: boolean;
}

/**
 * Where a file's parsed form is: a valid cache slot (opened by whoever reads it, e.g. the language
 * server's thread, without the bytes crossing threads), or a pack made now from a fresh parse (cached
 * too; `slot` when the slot on disk already holds it). `loaded` is the fresh parse, or, when `file`
 * could not be read, what loading it says.
 */
export type LocatedPack =
  | { readonly kind: 'slot'; readonly slotPath: string; readonly sha1: string; readonly seal: string }
  | {
      readonly kind: 'pack';
      readonly pack: Buffer;
      readonly loaded: LoadedFile;
      readonly slot?: { readonly slotPath: string; readonly sha1: string; readonly seal: string };
      /** The slot that will hold this pack once written (with firstSlotLater): flushWrites waits for it. */
      readonly slotPending?: { readonly slotPath: string; readonly sha1: string; readonly seal: string };
    }
  | { readonly kind: 'unpacked'; readonly loaded: LoadedFile };

export interface LocateOptions {
  /**
   * The caller will keep the file open for editing (the editor's parsing worker): after a warm start,
   * the slot is read whole while idle, so that the first edit copies unchanged entries from memory.
   */
  readonly prepareForEdits?: boolean;
  /**
   * A file's first slot is written after returning, not before (the pack is used from memory
   * meanwhile, see openBeforeSlot): the editor's first completion does not wait for 90 MB to be
   * written.
   */
  readonly firstSlotLater?: boolean;
}

/** A slot's head, read while its source is being checked: used if the check finds the same hash and seal. */
export interface SlotReadAhead {
  readonly sha1: string;
  readonly seal: string;
  readonly head: Buffer;
  readonly tail: ByteSource;
  /** Closes the slot file, when the read-ahead is not used (else it is closed once its entries are collected). */
  discard(): void;
}

/** A file read and hashed, with its slot's header on the way. */
interface FileRead {
  readonly kind: 'read';
  readonly bytes: Buffer;
  readonly source: PackSource;
  readonly slotPath: string;
  /** The slot's check, started when the file is read unless it is likely to be spliced (memoised). */
  readonly slot: () => Promise<SlotCheck>;
}

/** What checkSlot found: whether there is a slot, and if it is whole and of this version, its source and seal. */
interface SlotCheck {
  readonly exists: boolean;
  readonly source?: PackSource;
  readonly seal?: string;
  readonly damage?: string;
}

/** How long after a warm start the slot is read whole (not at once: the editor is starting up). */
const PREPARE_DELAY_MS = 1000;
/** Memory for the pack of the next edit is readied this long after a pack is made (after the slot is written). */
const SPARE_DELAY_MS = 600;
const SLOT_REWRITE_DELAY_MS = 300;

/** Resolves after `ms` without keeping the process alive. */
function idle(ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref?.();
  });
}

/** The copy of the bytes a slot was made from, kept beside it (for splicing a change made while closed). */
function sourceCopyPath(slotPath: string): string {
  return `${slotPath}.source`;
}

function sha1Of(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code ?? (error instanceof Error ? error.message : String(error));
}
