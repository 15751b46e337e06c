import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { mkdir, open, readFile, rename, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { LoadedFile } from '../../types';
import { decodeBibliographyBytes, MAX_BIBLIOGRAPHY_BYTES, tooLarge } from '../formats/decodeBytes';
import { loadBibliographyBytes, loadBibliographyFile } from './loadFile';
import { readHashed } from '../../io/readHashed';
import { loadBibtexParser } from '../formats/citationJs';
import { recallLastBytes, rememberLastBytes } from './entryMemo';
import { rememberLoadedBibtex } from '../formats/bibtex/parseBibtex';
import { PackReader, readPackFileAsync, type ByteSource } from './binaryPack';
import { once } from '../../scheduling/once';
import { prepareSplice, spliceBibtexEdit, type ParsedBytes } from './spliceBibtex';
import { columnsOf } from '../index/entryColumns';
import { readySpare } from './spareMemory';
import { sourceMapOf, type BibtexSourceMap } from './sourceMap';
import { openPackedFile, openPackFile, PACK_VERSION, PackedColumns, packForReparse, packLoadedFile, readPackHeader, type PackSource } from './packedFile';

/**
 * A disk cache of parsed bibliography files, for a warm start: a 50,000-entry library takes seconds
 * to parse and tens of milliseconds to open from its slot.
 *
 * Scheme
 * - One slot per bibliography: `<cacheDir>/<sha1(absolute path)>.pack`, the file's pack (see
 *   store/packedFile: entries as columns, the search index as typed arrays), whose header records the
 *   path, size, mtime and sha1 of the bytes it was parsed from, and the pack version. The header is
 *   checked before the body is read, so a stale 80 MB slot costs a few bytes, not a second. A BibTeX
 *   slot also has `<slot>.source`, a copy of those bytes (see below).
 * - On load the file's bytes are read and hashed, chunk by chunk (while the slot's header, and in the
 *   editor its head, are read); the slot is used only if path, size and hash match. mtime is recorded for people
 *   reading the cache but not trusted on its own: git checkouts rewrite it without changing content,
 *   and an edit within the filesystem's mtime resolution keeps it.
 * - An edit of a file read before in this process is spliced onto its last parse (spliceBibtex: only
 *   the changed bytes are parsed). A file changed while the editor was closed is spliced onto its stale
 *   slot, whose `.source` copy (checked against the slot's hash) says what changed. Otherwise a miss
 *   parses the bytes already read.
 * - Slots and copies are written to a temp file, then renamed, so a crash never leaves half of one;
 *   the copy first, so a slot never names bytes its copy lacks. Cache errors are ignored: the cache
 *   only ever saves time.
 * - The first slot for a file is written before returning. Rewriting an existing slot (the file was
 *   edited) happens after returning (300 ms later, and only the newest of quick edits), and a later
 *   load of the same slot waits for it, so it never reads a stale slot.
 * - A hit lets the parser remember the cached entries (rememberLoadedBibtex) and the worker prepare for
 *   edits while idle (prepareForEdits), so the first edit after a warm start is spliced too.
 * - Bump PACK_VERSION whenever parsing, BibEntry or the search index changes shape.
 */
export const CACHE_VERSION = PACK_VERSION;

export interface CachedLoad {
  readonly loaded: LoadedFile;
  /** True when the result came from the cache. */
  readonly fromCache: boolean;
}

/**
 * Where a file's parsed form is: a valid cache slot (opened by whoever reads it, e.g. the extension
 * host, without the bytes crossing threads), or a pack made now from a fresh parse (cached too).
 * `loaded` is the fresh parse, or, when `file` could not be read, what loading it says.
 */
export type LocatedPack =
  | { readonly kind: 'slot'; readonly slotPath: string; readonly sha1: string }
  | { readonly kind: 'pack'; readonly pack: Buffer; readonly loaded: LoadedFile }
  | { readonly kind: 'unpacked'; readonly loaded: LoadedFile };

/** Loads a bibliography file through the cache in `cacheDir`. Never throws. */
export async function loadBibliographyFileCached(filePath: string, cacheDir: string): Promise<LoadedFile> {
  return (await loadWithCacheInfo(filePath, cacheDir)).loaded;
}

/** As loadBibliographyFileCached, also saying whether the cache was used. */
export async function loadWithCacheInfo(filePath: string, cacheDir: string): Promise<CachedLoad> {
  const ahead = readSlotAhead(filePath, cacheDir);
  const located = await locateOrPack(filePath, cacheDir);
  if (located.kind === 'slot') {
    const opened = openSlot(located, filePath, await ahead);
    if (opened) return { loaded: opened, fromCache: true };
    return { loaded: await loadBibliographyFile(filePath), fromCache: false };
  }
  void ahead.then((unused) => unused?.discard());
  return { loaded: located.loaded, fromCache: false };
}

/** Opens a slot found by locateOrPack, if it still holds what was found (else undefined). Reads ~8 MB for 50k entries. */
export function openSlot(slot: { slotPath: string; sha1: string }, filePath: string, ahead?: SlotReadAhead): LoadedFile | undefined {
  try {
    if (ahead && ahead.sha1 === slot.sha1) return openPackedFile(ahead.head, filePath, ahead.tail).loaded;
    ahead?.discard();
    return openPackFile(slot.slotPath, filePath, (header) => header.source?.sha1 === slot.sha1)?.loaded;
  } catch {
    return undefined;
  }
}

export interface LocateOptions {
  /**
   * The caller will keep the file open for editing (the editor's parsing worker): after a warm start,
   * the slot is read whole while idle, so that the first edit copies unchanged entries from memory.
   */
  readonly prepareForEdits?: boolean;
}

/** A slot's head, read while its source is being checked: used if the check finds the same hash. */
export interface SlotReadAhead {
  readonly sha1: string;
  readonly head: Buffer;
  readonly tail: ByteSource;
  /** Closes the slot file, when the read-ahead is not used (else it is closed once its entries are collected). */
  discard(): void;
}

/**
 * Reads the head of `filePath`'s slot, if there is one, without blocking: started beside the worker's
 * (or locateOrPack's) read and hash of the file, so that a warm start does not read the head after it.
 */
export async function readSlotAhead(filePath: string, cacheDir: string): Promise<SlotReadAhead | undefined> {
  const read = await readPackFileAsync(slotPathFor(path.resolve(filePath), cacheDir));
  const header = read && readPackHeader(read.head);
  if (read && header?.source) return { sha1: header.source.sha1, head: read.head, tail: read.tail, discard: read.close };
  read?.close();
  return undefined;
}

/** Finds a valid slot for `filePath`, or parses the file, packs it and writes the slot. Never throws. */
export async function locateOrPack(filePath: string, cacheDir: string, options: LocateOptions = {}): Promise<LocatedPack> {
  const absolute = path.resolve(filePath);
  let size: number;
  let mtimeMs: number;
  try {
    const info = await stat(absolute);
    if (!info.isFile()) return { kind: 'unpacked', loaded: await loadBibliographyFile(filePath) };
    size = info.size;
    mtimeMs = info.mtimeMs;
  } catch {
    return { kind: 'unpacked', loaded: await loadBibliographyFile(filePath) };
  }
  if (size > MAX_BIBLIOGRAPHY_BYTES) {
    return { kind: 'unpacked', loaded: { file: filePath, format: 'bibtex', entries: [], problems: [tooLarge(filePath, size)] } };
  }
  const slotPath = slotPathFor(absolute, cacheDir);
  // The slot's header is read while the file is: on a warm start, reading and hashing it is most of the time.
  const slotSource = readSlotSource(slotPath);
  let bytes: Buffer;
  let sha1: string;
  try {
    ({ bytes, sha1 } = await readHashed(absolute, size));
  } catch {
    await slotSource;
    return { kind: 'unpacked', loaded: await loadBibliographyFile(filePath) };
  }
  const source: PackSource = { path: absolute, size: bytes.length, mtimeMs, sha1 };
  /** Packs a splice (unchanged entries copied as rows), remembers it for the next edit, rewrites the slot soon. */
  const packSplice = (spliced: LoadedFile): LocatedPack => {
    const pack = packLoadedFile(spliced, source);
    rememberParse(filePath, absolute, bytes, pack, sourceMapOf(spliced.entries));
    writeSlotSoon(slotPath, pack, bytes);
    if (options.prepareForEdits) prepareNextEdit(absolute, pack.length);
    return { kind: 'pack', pack, loaded: spliced };
  };
  // An edit of a file read before: only the bytes that changed are parsed (see spliceBibtex).
  const spliced = spliceLastParse(filePath, absolute, bytes);
  if (spliced) return packSplice(spliced);
  const slot = await slotSource;
  if (slot.source && slot.source.path === absolute && slot.source.size === bytes.length && slot.source.sha1 === sha1) {
    // Opened (its ~8 MB head read) at most once, by whichever needs it first: the parser's memo, a splice, or the idle preparation.
    const opened = once(() => openSlot({ slotPath, sha1 }, filePath));
    rememberLoadedBibtex(filePath, opened, () => decodeBibliographyBytes(bytes, filePath).text);
    rememberLastBytes(absolute, { bytes, pack: once(() => packedColumnsOf(opened())) });
    if (options.prepareForEdits) prepareSoon(absolute, slotPath, bytes);
    return { kind: 'slot', slotPath, sha1 };
  }
  // The file changed since its slot was written (while the editor was closed, say): the slot and the
  // copy of the bytes it was made from let the change be spliced, or at least parsed entry by entry.
  const stale = slot.source?.path === absolute ? await lastSlotParse(slotPath, slot.source, filePath) : undefined;
  if (stale) {
    const splicedStale = spliceBibtexEdit(stale, bytes, filePath);
    if (splicedStale) return packSplice(splicedStale);
    rememberLoadedBibtex(filePath, () => stale.loaded, () => decodeBibliographyBytes(stale.bytes, filePath).text);
  }
  const loaded = loadBibliographyBytes(bytes, filePath);
  const map = sourceMapOf(loaded.entries);
  // With a source map, edits are spliced: the parser's whole-text memo (the text, its split, an entry
  // per chunk: hundreds of MB at 50,000 entries) is dropped, to be rebuilt only if a splice declines.
  const pack = map ? packLoadedFile(loaded, source) : packForReparse(loaded, source);
  if (map) {
    rememberParse(filePath, absolute, bytes, pack, map);
    if (options.prepareForEdits) prepareNextEdit(absolute, pack.length);
  } else rememberLastBytes(absolute, { bytes, pack: once(() => packedColumnsOf(openPackedFile(pack, filePath).loaded)) });
  if (slot.exists) writeSlotSoon(slotPath, pack, bytes);
  else await writeSlot(slotPath, pack, bytes);
  return { kind: 'pack', pack, loaded };
}

function spliceLastParse(filePath: string, absolute: string, bytes: Uint8Array): LoadedFile | undefined {
  const last = recallLastBytes(absolute);
  const pack = last?.pack();
  return last && pack ? spliceBibtexEdit({ bytes: last.bytes, pack, map: last.map }, bytes, filePath) : undefined;
}

/** After a splice: the new pack is what the next edit is spliced onto, and what a fallback re-parse reuses. */
function rememberParse(filePath: string, absolute: string, bytes: Uint8Array, pack: Buffer, map: BibtexSourceMap | undefined): void {
  const opened = once(() => openPackedFile(pack, filePath).loaded);
  rememberLastBytes(absolute, { bytes, pack: once(() => packedColumnsOf(opened())), map });
  rememberLoadedBibtex(filePath, opened, () => decodeBibliographyBytes(bytes, filePath).text);
}

/** How long after a warm start the slot is read whole (not at once: the editor is starting up). */
const PREPARE_DELAY_MS = 1000;
const preparations = new Set<Promise<void>>();

/** Resolves when the slots being read for edits have been (for benchmarks and tests). */
export async function flushPreparations(): Promise<void> {
  // The preparation's timer does not keep a process alive; waiting for it must.
  const keepAlive = setInterval(() => undefined, 1000);
  try {
    while (preparations.size > 0) await Promise.all([...preparations]);
  } finally {
    clearInterval(keepAlive);
  }
}

/** Memory for the pack of the next edit is readied this long after a pack is made (after the slot is written). */
const SPARE_DELAY_MS = 600;

/**
 * While idle after a pack is made: open it for splicing (its source map, key counts) and ready memory
 * for the next pack, so that the next edit's wait holds only the work the edit itself needs.
 */
function prepareNextEdit(absolute: string, packLength: number): void {
  prepare(
    readySpare(packLength, SPARE_DELAY_MS).then(() => {
      const last = recallLastBytes(absolute);
      const pack = last?.pack();
      if (pack) prepareSplice(pack, last?.map);
    }),
  );
}

/** Keeps track of idle-time preparation, so that flushPreparations can wait for it. */
function prepare(work: Promise<void>): void {
  const tracked: Promise<void> = work.catch(() => undefined).finally(() => preparations.delete(tracked));
  preparations.add(tracked);
}

function prepareSoon(absolute: string, slotPath: string, bytes: Uint8Array): void {
  prepare(new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, PREPARE_DELAY_MS);
    timer.unref?.();
  })
    .then(async () => {
      const last = recallLastBytes(absolute);
      if (last?.bytes !== bytes) return; // edited meanwhile
      // The slot's head, with the details left on disk: an edit copies them straight into the new pack.
      const pack = last.pack();
      if (!pack) return;
      rememberLastBytes(absolute, { bytes, pack: () => pack, map: prepareSplice(pack) });
      await readySpare(statSize(slotPath), 0);
      // Nothing was parsed at the warm start: the parser (citation-js, ~0.1 s to load) is loaded now.
      loadBibtexParser();
    }));
}

function statSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** The copy of the bytes a slot was made from, kept beside it (for splicing a change made while closed). */
function sourceCopyPath(slotPath: string): string {
  return `${slotPath}.source`;
}

/** A stale slot with the bytes it was made from (checked by hash), if it has a source map. Never throws. */
async function lastSlotParse(slotPath: string, source: PackSource, filePath: string): Promise<(ParsedBytes & { loaded: LoadedFile }) | undefined> {
  try {
    const bytes = await readFile(sourceCopyPath(slotPath));
    if (bytes.length !== source.size || sha1Of(bytes) !== source.sha1) return undefined;
    const loaded = openSlot({ slotPath, sha1: source.sha1 }, filePath);
    const pack = packedColumnsOf(loaded);
    return loaded && pack?.sourceMap() ? { bytes, pack, loaded } : undefined;
  } catch {
    return undefined;
  }
}

function packedColumnsOf(loaded: LoadedFile | undefined): PackedColumns | undefined {
  const columns = loaded && columnsOf(loaded.entries);
  return columns instanceof PackedColumns ? columns : undefined;
}

function sha1Of(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/** Slot rewrites not yet done, by slot path: the newest pack to write, the bytes it was made from, and the write under way. */
const pendingWrites = new Map<string, { pack: Buffer; bytes?: Uint8Array; done: Promise<void> }>();

const SLOT_REWRITE_DELAY_MS = 300;

/** Resolves when every slot rewrite under way is done (before exiting, or removing the cache directory). */
export async function flushCacheWrites(): Promise<void> {
  while (pendingWrites.size > 0) await Promise.all([...pendingWrites.values()].map((p) => p.done));
}

/**
 * Rewrites a slot after the current load has returned; only the newest of several quick edits is
 * written. `bytes`: what the pack was made from (copied beside a BibTeX slot).
 */
function writeSlotSoon(slotPath: string, pack: Buffer, bytes?: Uint8Array): void {
  const pending = pendingWrites.get(slotPath);
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
        await writeSlot(slotPath, written, entry.bytes);
      }
    })
    .finally(() => pendingWrites.delete(slotPath));
  pendingWrites.set(slotPath, entry);
}

export function slotPathFor(absolutePath: string, cacheDir: string): string {
  return path.join(cacheDir, `${createHash('sha1').update(absolutePath).digest('hex')}.pack`);
}

/** What a slot says it was made from (undefined: not a pack of this version). Never throws. */
async function readSlotSource(slotPath: string): Promise<{ exists: boolean; source?: PackSource }> {
  await pendingWrites.get(slotPath)?.done;
  let file;
  try {
    file = await open(slotPath, 'r');
  } catch {
    return { exists: false };
  }
  try {
    const prefix = Buffer.alloc(8);
    await file.read(prefix, 0, 8, 0);
    const headerEnd = PackReader.headerEnd(prefix);
    if (headerEnd === undefined || headerEnd > 16 * 1024 * 1024) return { exists: true };
    const head = Buffer.alloc(headerEnd);
    await file.read(head, 0, headerEnd, 0);
    return { exists: true, source: readPackHeader(head)?.source };
  } catch {
    return { exists: true };
  } finally {
    await file.close();
  }
}

async function writeSlot(slotPath: string, pack: Buffer, bytes?: Uint8Array): Promise<void> {
  try {
    await mkdir(path.dirname(slotPath), { recursive: true });
    const header = readPackHeader(pack);
    // A BibTeX slot keeps a copy of its bytes, written first: a change made while the editor is closed
    // is then spliced onto the slot. (The copy is checked against the slot's hash before it is used.)
    if (bytes && header?.bibtex) await writeAtomically(sourceCopyPath(slotPath), bytes);
    await writeAtomically(slotPath, pack);
  } catch {
    // The cache is an optimisation; failing to write it must not fail the load.
  }
}

/** Writes to a temporary file, then renames it over `file`: a crash never leaves half a file. */
async function writeAtomically(file: string, data: Uint8Array): Promise<void> {
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temp, data);
  await rename(temp, file);
}
