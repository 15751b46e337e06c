import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { LoadedFile } from '../types';
import { MAX_BIBLIOGRAPHY_BYTES, tooLarge } from './decodeBytes';
import { loadBibliographyBytes, loadBibliographyFile } from './loadFile';

/**
 * A disk cache of parsed bibliography files, for a warm start (a 6,000-entry library takes seconds to
 * parse and tens of milliseconds to read back).
 *
 * Scheme
 * - One slot per bibliography: `<cacheDir>/<sha1(absolute path)>.json`.
 * - The slot records the file's size, mtime and the sha1 of its bytes, plus CACHE_VERSION.
 * - On load: if the size differs from the slot's, the slot is stale (no hashing). Otherwise the bytes
 *   are read and hashed; the slot is used only if the hash matches. mtime is recorded for people
 *   reading the cache but not trusted on its own: git checkouts rewrite it without changing content,
 *   and an edit within the filesystem's mtime resolution keeps it.
 * - A miss parses the bytes already read and rewrites the slot (write to a temp file, then rename, so
 *   a crash never leaves half a slot). Cache errors are ignored: the cache only ever saves time.
 * - Bump CACHE_VERSION whenever parsing or BibEntry changes shape.
 */
export const CACHE_VERSION = 1;

interface CacheSlot {
  readonly version: number;
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly sha1: string;
  readonly loaded: LoadedFile;
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
  const slot = await readSlot(slotPath);
  const sha1 = createHash('sha1').update(bytes).digest('hex');
  if (slot && slot.version === CACHE_VERSION && slot.path === absolute && slot.size === bytes.length && slot.sha1 === sha1) {
    return { loaded: relabel(slot.loaded, filePath), fromCache: true };
  }
  const loaded = loadBibliographyBytes(bytes, filePath);
  await writeSlot(slotPath, { version: CACHE_VERSION, path: absolute, size: bytes.length, mtimeMs, sha1, loaded });
  return { loaded, fromCache: false };
}

export function slotPathFor(absolutePath: string, cacheDir: string): string {
  return path.join(cacheDir, `${createHash('sha1').update(absolutePath).digest('hex')}.json`);
}

async function readSlot(slotPath: string): Promise<CacheSlot | undefined> {
  try {
    const slot = JSON.parse(await readFile(slotPath, 'utf8')) as CacheSlot;
    return slot && typeof slot === 'object' && slot.loaded && Array.isArray(slot.loaded.entries) ? slot : undefined;
  } catch {
    return undefined;
  }
}

async function writeSlot(slotPath: string, slot: CacheSlot): Promise<void> {
  try {
    await mkdir(path.dirname(slotPath), { recursive: true });
    const temp = `${slotPath}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temp, JSON.stringify(slot));
    await rename(temp, slotPath);
  } catch {
    // The cache is an optimisation; failing to write it must not fail the load.
  }
}

/** Cached entries carry the path they were loaded as; keep the caller's spelling of it. */
function relabel(loaded: LoadedFile, filePath: string): LoadedFile {
  if (loaded.file === filePath) return loaded;
  const fix = <T extends { location: { file: string } }>(x: T): T => (x.location.file === loaded.file ? { ...x, location: { ...x.location, file: filePath } } : x);
  return { ...loaded, file: filePath, entries: loaded.entries.map(fix), problems: loaded.problems.map(fix) };
}
