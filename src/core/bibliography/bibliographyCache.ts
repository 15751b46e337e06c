import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { BibEntry, LoadedFile } from '../types';
import { decodeBibliographyBytes, MAX_BIBLIOGRAPHY_BYTES, tooLarge } from './decodeBytes';
import { attachLazyCsl, cslJsonOf } from './lazyCsl';
import { loadBibliographyBytes, loadBibliographyFile } from './loadFile';
import { rememberLoadedBibtex } from './parseBibtex';

/**
 * A disk cache of parsed bibliography files, for a warm start (a 6,000-entry library takes seconds to
 * parse and tens of milliseconds to read back).
 *
 * Scheme
 * - One slot per bibliography: `<cacheDir>/<sha1(absolute path)>.v8`: a 4-byte length, a small JSON
 *   header (version, path, size, mtime, sha1), then the LoadedFile in V8's structured-clone format
 *   (`v8.serialize`: about twice as fast to read and write as JSON for these object trees), with each
 *   entry's CSL item stored apart as a JSON string (SlotBody) and parsed only when read (lazyCsl.ts):
 *   materialising ~30 small objects per CSL item was half the warm-start time and memory. The header
 *   is checked before the body is read, so a stale 80 MB slot costs a few bytes, not a second.
 * - The slot records the file's size, mtime and the sha1 of its bytes, plus CACHE_VERSION.
 * - On load: if the size differs from the slot's, the slot is stale (no hashing). Otherwise the bytes
 *   are read and hashed; the slot is used only if the hash matches. mtime is recorded for people
 *   reading the cache but not trusted on its own: git checkouts rewrite it without changing content,
 *   and an edit within the filesystem's mtime resolution keeps it.
 * - A miss parses the bytes already read and writes the slot (write to a temp file, then rename, so
 *   a crash never leaves half a slot). Cache errors are ignored: the cache only ever saves time.
 * - The first slot for a file is written before returning. Rewriting an existing slot (the file was
 *   edited) happens after returning — serialising 50,000 entries takes longer than re-parsing one —
 *   and a later load of the same slot waits for it, so it never reads a stale slot.
 * - A hit also lets the parser remember the cached entries (rememberLoadedBibtex), so the first edit
 *   after a warm start re-parses only the edited entries.
 * - Bump CACHE_VERSION whenever parsing or BibEntry changes shape.
 */
export const CACHE_VERSION = 3;

interface SlotHeader {
  readonly version: number;
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly sha1: string;
}

interface CacheSlot extends SlotHeader {
  readonly loaded: LoadedFile;
}

export /** What a slot stores after its header: the LoadedFile with each entry's `csl` moved to `cslJson`. */
interface SlotBody {
  readonly file: string;
  readonly format: LoadedFile['format'];
  readonly problems: LoadedFile['problems'];
  readonly entries: readonly Omit<BibEntry, 'csl'>[];
  readonly cslJson: readonly string[];
}

export interface CachedLoad {
  readonly loaded: LoadedFile;
  /** True when the result came from the cache. */
  readonly fromCache: boolean;
}

/** Loads a bibliography file through the cache in `cacheDir`. Never throws. */
export async function loadBibliographyFileCached(filePath: string, cacheDir: string): Promise<LoadedFile> {
  return (await loadWithCacheInfo(filePath, cacheDir)).loaded;
}

/** As loadBibliographyFileCached, also saying whether the cache was used. */
export async function loadWithCacheInfo(filePath: string, cacheDir: string): Promise<CachedLoad> {
  const absolute = path.resolve(filePath);
  let size: number;
  let mtimeMs: number;
  try {
    const info = await stat(absolute);
    if (!info.isFile()) return { loaded: await loadBibliographyFile(filePath), fromCache: false };
    size = info.size;
    mtimeMs = info.mtimeMs;
  } catch {
    return { loaded: await loadBibliographyFile(filePath), fromCache: false };
  }
  if (size > MAX_BIBLIOGRAPHY_BYTES) {
    return { loaded: { file: filePath, format: 'bibtex', entries: [], problems: [tooLarge(filePath, size)] }, fromCache: false };
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(absolute);
  } catch {
    return { loaded: await loadBibliographyFile(filePath), fromCache: false };
  }
  const slotPath = slotPathFor(absolute, cacheDir);
  const sha1 = createHash('sha1').update(bytes).digest('hex');
  const slot = await readSlot(slotPath, filePath, (h) => h.version === CACHE_VERSION && h.path === absolute && h.size === bytes.length && h.sha1 === sha1);
  if (slot.loaded) {
    const loaded = slot.loaded;
    rememberLoadedBibtex(filePath, loaded, () => decodeBibliographyBytes(bytes, filePath).text);
    return { loaded, fromCache: true };
  }
  const loaded = loadBibliographyBytes(bytes, filePath);
  const fresh: CacheSlot = { version: CACHE_VERSION, path: absolute, size: bytes.length, mtimeMs, sha1, loaded };
  if (slot.exists) writeSlotSoon(slotPath, fresh);
  else await writeSlot(slotPath, fresh);
  return { loaded, fromCache: false };
}

/** Slot rewrites not yet done, by slot path: the newest slot to write and the write under way. */
const pendingWrites = new Map<string, { slot: CacheSlot; done: Promise<void> }>();

/** Resolves when every slot rewrite under way is done (before exiting, or removing the cache directory). */
export async function flushCacheWrites(): Promise<void> {
  while (pendingWrites.size > 0) await Promise.all([...pendingWrites.values()].map((p) => p.done));
}

/** Rewrites a slot after the current load has returned; only the newest of several quick edits is written. */
function writeSlotSoon(slotPath: string, slot: CacheSlot): void {
  const pending = pendingWrites.get(slotPath);
  if (pending) {
    pending.slot = slot;
    return;
  }
  const entry = { slot, done: Promise.resolve() };
  entry.done = new Promise<void>((resolve) => setImmediate(resolve))
    .then(async () => {
      // A newer slot may arrive while one is being written: write until the newest is on disk.
      for (let written: CacheSlot | undefined; written !== entry.slot; ) {
        written = entry.slot;
        await writeSlot(slotPath, written);
      }
    })
    .finally(() => pendingWrites.delete(slotPath));
  pendingWrites.set(slotPath, entry);
}

export function slotPathFor(absolutePath: string, cacheDir: string): string {
  return path.join(cacheDir, `${createHash('sha1').update(absolutePath).digest('hex')}.v8`);
}

/** Reads a slot's header and, only if `matches` accepts it, its body (as loaded from `filePath`). Never throws. */
async function readSlot(slotPath: string, filePath: string, matches: (header: SlotHeader) => boolean): Promise<{ exists: boolean; loaded?: LoadedFile }> {
  await pendingWrites.get(slotPath)?.done;
  let file;
  try {
    file = await open(slotPath, 'r');
  } catch {
    return { exists: false };
  }
  try {
    const { size } = await file.stat();
    const length = Buffer.alloc(4);
    await file.read(length, 0, 4, 0);
    const headerLength = length.readUInt32BE(0);
    if (headerLength > 64 * 1024 || 4 + headerLength > size) return { exists: true };
    const header = Buffer.alloc(headerLength);
    await file.read(header, 0, headerLength, 4);
    if (!matches(JSON.parse(header.toString('utf8')) as SlotHeader)) return { exists: true };
    const body = Buffer.allocUnsafe(size - 4 - headerLength);
    await file.read(body, 0, body.length, 4 + headerLength);
    const loaded = fromSlotBody(deserialize(body) as SlotBody, filePath);
    return loaded ? { exists: true, loaded } : { exists: true };
  } catch {
    return { exists: true };
  } finally {
    await file.close();
  }
}

async function writeSlot(slotPath: string, slot: CacheSlot): Promise<void> {
  try {
    await mkdir(path.dirname(slotPath), { recursive: true });
    const temp = `${slotPath}.${process.pid}.${Date.now()}.tmp`;
    const { loaded, ...header } = slot;
    const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(headerBytes.length, 0);
    await writeFile(temp, Buffer.concat([length, headerBytes, serialize(toSlotBody(loaded))]));
    await rename(temp, slotPath);
  } catch {
    // The cache is an optimisation; failing to write it must not fail the load.
  }
}

function toSlotBody(loaded: LoadedFile): SlotBody {
  const entries = loaded.entries.map(({ csl: _csl, ...rest }) => rest);
  return { file: loaded.file, format: loaded.format, problems: loaded.problems, entries, cslJson: loaded.entries.map(cslJsonOf) };
}

/**
 * The LoadedFile in a slot body, labelled with the caller's spelling of its path (cached entries carry
 * the path they were loaded as), or undefined if the body is not one (corrupt or foreign slot).
 */
function fromSlotBody(body: SlotBody, filePath: string): LoadedFile | undefined {
  if (!body || typeof body !== 'object' || !Array.isArray(body.entries) || !Array.isArray(body.problems) || !Array.isArray(body.cslJson)) return undefined;
  if (body.cslJson.length !== body.entries.length || typeof body.file !== 'string') return undefined;
  const relabel = <T extends { location: { file: string } }>(x: T): T =>
    x.location.file === body.file && body.file !== filePath ? { ...x, location: { ...x.location, file: filePath } } : x;
  const entries = body.entries.map((entry, i) => attachLazyCsl(relabel(entry), body.cslJson[i]!) as BibEntry);
  return { file: filePath, format: body.format, entries, problems: body.problems.map(relabel) };
}
