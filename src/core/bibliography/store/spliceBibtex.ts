import type { BibProblem, LoadedFile } from '../../types';
import { MAX_BIBLIOGRAPHY_BYTES, utf8BomLength } from '../formats/decodeBytes';
import { byPosition, parseEntryChunks, splitProblems } from '../formats/bibtex/parseBibtex';
import { hasLoneCarriageReturn } from '../formats/parseText';
import type { LineIndex } from '../formats/problems';
import { splitStretch, type BibtexChunk } from '../formats/bibtex/splitBibtex';
import { composedEntries, type ComposedPart } from './composedColumns';
import type { PackedColumns } from './packedFile';
import { byteEndAt, byteStartAt, chunkAt, chunkCount, crossrefParentOf, SourceMapBuilder, type BibtexSourceMap, type ChunkPlace } from './sourceMap';

/**
 * Re-reads a BibTeX file after an edit from the bytes that changed. The file's last parse is its
 * bytes and its pack, whose source map says where each chunk was; the new bytes are compared with
 * the old (memcmp, a few ms for 30 MB), and only the stretch from the end of the last chunk before
 * the change to the first chunk after it that ends in step with the old split is decoded, split and
 * parsed. Entries before and after are rows of the old pack, moved by the lines the edit added. A
 * changed header (comment lines before the first chunk, such as the time BibDesk writes at every
 * save) is taken apart first, so that it and an edit far below it do not make one long stretch.
 * A 50,000-entry file is thus re-read in milliseconds instead of being decoded (~100 ms), split and
 * matched entry by entry (~200 ms).
 *
 * The result is what a fresh parse gives (see spliceBibtex.test.ts). Where that cannot be promised
 * cheaply, it returns undefined and the caller parses the file: an edit of an @string (every entry
 * depends on it), a crossref parent or child (entries that depend on each other), a key the edit adds or removes
 * that also appears outside the stretch (which copy counts changes), a change in line count above a
 * problem (its message names its line), or bytes that are not plain UTF-8.
 */

/**
 * What a file's last parse left for the next edit to be spliced onto: the bytes it was read from, the
 * pack made from them (opened when first needed), its source map and how often each key occurs in it
 * (read from the pack, and counted, when first needed or ahead of time by `prepare`).
 */
export class SplicePoint {
  private opened: { readonly pack: PackedColumns | undefined } | undefined;
  private counts: Map<string, number> | undefined;

  constructor(
    readonly bytes: Uint8Array,
    private readonly openPack: () => PackedColumns | undefined,
    private map?: BibtexSourceMap,
    counts?: Map<string, number>,
  ) {
    this.counts = counts;
  }

  pack(): PackedColumns | undefined {
    this.opened ??= { pack: this.openPack() };
    return this.opened.pack;
  }

  sourceMap(): BibtexSourceMap | undefined {
    return (this.map ??= this.pack()?.sourceMap());
  }

  /** Key → how many chunks have it. */
  keyCounts(map: BibtexSourceMap): Map<string, number> {
    if (!this.counts) {
      this.counts = new Map();
      for (const key of map.keys) if (key) this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    }
    return this.counts;
  }

  /** Reads what splicing an edit onto the pack needs (its source map, key counts) ahead of the edit. */
  prepare(): void {
    const map = this.sourceMap();
    if (map) this.keyCounts(map);
  }

  /** The key counts, handed to the splice made from this point (which updates them for its own map). */
  takeKeyCounts(map: BibtexSourceMap): Map<string, number> {
    const counts = this.keyCounts(map);
    this.counts = undefined;
    return counts;
  }
}

/** A file spliced after an edit: its entries (mostly rows of the old pack), and what the next edit is spliced onto. */
export interface Splice {
  readonly file: LoadedFile;
  readonly sourceMap: BibtexSourceMap;
  readonly keyCounts: Map<string, number>;
}

export function spliceBibtexEdit(previous: SplicePoint, bytes: Uint8Array, file: string): Splice | undefined {
  const pack = previous.pack();
  const packedMap = previous.sourceMap();
  if (!pack || !packedMap || bytes.length > MAX_BIBLIOGRAPHY_BYTES) return undefined;
  const bom = utf8BomLength(previous.bytes);
  if (utf8BomLength(bytes) !== bom || bytes[0] === 0xff || bytes[0] === 0xfe) return undefined;
  if (pack.problems.some((p) => !(p.location.line >= 1))) return undefined;
  // A changed header (the comment lines before the first chunk, such as the time BibDesk rewrites at
  // every save) is taken apart from an edit further down: the old file is seen with the new header,
  // its chunks, rows and problems moved by the header's change; what remains is spliced as one edit.
  const unchanged = commonPrefix(previous.bytes, bytes);
  const header = headerChange(previous.bytes, bytes, unchanged, packedMap, pack.problems, bom);
  const old = header?.bytes ?? previous.bytes;
  const map = header?.map ?? packedMap;
  const oldProblems = header?.problems ?? pack.problems;
  const headerLines = header?.lines ?? 0;

  const prefix = header ? commonPrefix(old, bytes) : unchanged;
  if (prefix === old.length && prefix === bytes.length) {
    if (!header) return undefined;
    // Only the header changed: every row moved by its lines.
    const { entries, columns } = composedEntries([{ from: pack, row: 0, length: pack.size, lineDelta: headerLines }]);
    if (entries.length === 0) return undefined;
    const spliced: LoadedFile = { file, format: 'bibtex', entries, problems: [...oldProblems].sort(byPosition), columns };
    return { file: spliced, sourceMap: map, keyCounts: previous.takeKeyCounts(packedMap) };
  }
  const suffix = commonSuffix(old, bytes, Math.min(old.length, bytes.length) - prefix);
  const delta = bytes.length - old.length;
  const tailStart = bytes.length - suffix;
  const count = chunkCount(map);
  // Chunks before `first` end in the unchanged head: kept. Scanning restarts where the last of them ends.
  const first = firstIndex(count, (i) => byteEndAt(map, i) > prefix);
  const regionStart = first > 0 ? byteEndAt(map, first - 1) : bom;
  // (With no chunk before the change, the stretch starts at the file's start: lastIndexOf(10, -1)
  // would search from the end of the bytes.)
  const lineStart = regionStart > bom ? Math.max(bom, old.lastIndexOf(10, regionStart - 1) + 1) : bom;
  const firstLine = first > 0 ? chunkAt(map, first - 1).endLine : 1;
  const changedUpTo = firstIndex(count, (i) => byteStartAt(map, i) >= old.length - suffix);

  const scanned = scanStretch(map, bytes, { first, lineStart, regionStart, firstLine, tailStart, delta, windowChunk: changedUpTo + 1 });
  if (!scanned) return undefined;
  const { split, resumeAt, byteSpans } = scanned;
  const newChunks = split.chunks;

  // Old chunks [first, resumeAt) are replaced by newChunks; everything after moves by `movedBy` lines.
  const resyncChunk = newChunks[newChunks.length - 1];
  const movedBy = resumeAt < count && resyncChunk ? resyncChunk.endLine - chunkAt(map, resumeAt - 1).endLine : 0;
  const stringsKept = sameStrings(map, old, first, resumeAt, bytes, newChunks, byteSpans);
  if (touchesOtherEntries(map, previous.keyCounts(packedMap), first, resumeAt, newChunks, stringsKept)) return undefined;
  const around = problemsAround(old, map, oldProblems, { first, resumeAt, lineStart, regionStart, firstLine, movedBy });
  if (!around) return undefined;
  const { keptBefore, keptAfter, troubled } = around;

  // Entries whose bytes did not change are rows of the old pack (unless they had a problem: read again).
  const oldByKey = new Map<string, number>();
  for (let i = first; i < resumeAt; i++) if (map.keys[i]) oldByKey.set(map.keys[i]!, i);
  const spanOf = new Map<BibtexChunk, { start: number; end: number }>(newChunks.map((c, k) => [c, byteSpans[k]!]));
  const rowOf = (chunk: BibtexChunk): number | undefined => {
    const i = oldByKey.get(chunk.key);
    if (i === undefined) return undefined;
    const was = chunkAt(map, i);
    const now = spanOf.get(chunk)!;
    if (was.row < 0 || troubled.has(`${was.line}:${was.column}`) || !sameBytes(old, was.byteStart, was.byteEnd, bytes, now.start, now.end)) return undefined;
    return was.row;
  };
  const problems = splitProblems(split.issues, file);
  const parsed = parseEntryChunks(newChunks, map.macros, file, problems, { rowOf });

  const rowsBefore = rowsUpTo(map, first);
  const rowsAfter = resumeAt < count ? rowsUpTo(map, resumeAt) : pack.size;
  const stretch = parsed.parts.map((part): ComposedPart => ('entry' in part ? part : { from: pack, row: part.row, location: part.location }));
  const parts: ComposedPart[] = [{ from: pack, row: 0, length: rowsBefore, lineDelta: headerLines }, ...stretch, { from: pack, row: rowsAfter, length: pack.size - rowsAfter, lineDelta: movedBy + headerLines }];
  const { entries, columns } = composedEntries(parts);
  if (entries.length === 0) return undefined;

  // The new source map: old chunks before, the stretch's chunks, old chunks after (moved).
  const rowOfChunk = new Map(parsed.chunks.map((c, k) => [c, rowsBefore + k]));
  const builder = new SourceMapBuilder(count + newChunks.length);
  builder.addShifted(map, 0, first, 0, 0, 0);
  newChunks.forEach((c, k) => {
    const span = byteSpans[k]!;
    builder.add({ byteStart: span.start, byteEnd: span.end, line: c.line, column: c.column, endLine: c.endLine, kind: c.kind, child: false, row: rowOfChunk.get(c) ?? -1 }, c.key);
  });
  builder.addShifted(map, resumeAt, count, delta, movedBy, rowsBefore + parsed.parts.length - rowsAfter);
  const newMap = builder.finish(map.macros, map.crossrefParents);
  const keyCounts = carriedKeyCounts(previous.takeKeyCounts(packedMap), map, first, resumeAt, newChunks);
  const spliced: LoadedFile = { file, format: 'bibtex', entries, problems: [...keptBefore, ...problems, ...keptAfter].sort(byPosition), columns };
  return { file: spliced, sourceMap: newMap, keyCounts };
}

/**
 * Whether the edited stretch affects entries outside it, so that splicing could differ from a fresh
 * parse: an @string changed (every entry may use it; `stringsKept`: the stretch's @string definitions
 * are the very bytes they were), a crossref parent (its children inherit from it) or child (it needs
 * its parent's fields), or a key that also occurs outside the stretch (which copy counts changes).
 */
function touchesOtherEntries(map: BibtexSourceMap, counts: ReadonlyMap<string, number>, first: number, resumeAt: number, newChunks: readonly BibtexChunk[], stringsKept: boolean): boolean {
  const parents = new Set(map.crossrefParents);
  for (let i = first; i < resumeAt; i++) {
    const chunk = chunkAt(map, i);
    if ((chunk.kind === 'string' && !stringsKept) || chunk.child || parents.has(map.keys[i]!.toLowerCase())) return true;
  }
  const dependent = (c: BibtexChunk): boolean => (c.kind === 'string' && !stringsKept) || (c.kind === 'entry' && (crossrefParentOf(c.text) !== undefined || parents.has(c.key.toLowerCase())));
  return newChunks.some(dependent) || keysMeetOutside(map, counts, first, resumeAt, newChunks);
}

/**
 * The old file seen with the new file's header, where the header changed and only comment lines (and
 * blank ones) come before the first chunk in both: its bytes, and its source map and problems moved by
 * the header's change in bytes and lines. Undefined otherwise (the edit is then spliced as it is).
 */
function headerChange(
  old: Uint8Array,
  bytes: Uint8Array,
  prefix: number,
  map: BibtexSourceMap,
  problems: readonly BibProblem[],
  bom: number,
): { bytes: Uint8Array; map: BibtexSourceMap; problems: BibProblem[]; lines: number } | undefined {
  const count = chunkCount(map);
  if (count === 0) return undefined;
  const oldEnd = byteStartAt(map, 0);
  if (prefix >= oldEnd) return undefined; // the header is as it was
  const newEnd = firstChunkStart(bytes, bom);
  if (newEnd < 0 || firstChunkStart(old, bom) !== oldEnd) return undefined;
  if (!onlyComments(old, bom, oldEnd) || !onlyComments(bytes, bom, newEnd) || !plainText(bytes.subarray(bom, newEnd))) return undefined;
  const lines = linesIn(bytes, bom, newEnd) - linesIn(old, bom, oldEnd);
  const shift = newEnd - oldEnd;
  if (lines !== 0 && problems.some((p) => NAMES_A_LINE.test(p.message))) return undefined;
  const seen = new Uint8Array(old.length + shift);
  seen.set(bytes.subarray(0, newEnd), 0);
  seen.set(old.subarray(oldEnd), newEnd);
  const moved = new SourceMapBuilder(count);
  moved.addShifted(map, 0, count, shift, lines, 0);
  const movedProblems = lines === 0 ? [...problems] : problems.map((p) => ({ ...p, location: { ...p.location, line: p.location.line + lines, ...(p.location.endLine !== undefined ? { endLine: p.location.endLine + lines } : {}) } }));
  return { bytes: seen, map: moved.finish(map.macros, map.crossrefParents), problems: movedProblems, lines };
}

/** Where the first line starting with @ begins (after the byte-order mark), or -1. */
function firstChunkStart(bytes: Uint8Array, from: number): number {
  for (let i = from; i < bytes.length; i++) if (bytes[i] === 64 && (i === from || bytes[i - 1] === 10)) return i;
  return -1;
}

/** Whether every line in [start, end) is blank or a comment starting with % (no byte of it is read as BibTeX). */
function onlyComments(bytes: Uint8Array, start: number, end: number): boolean {
  let lineStart = true;
  let comment = false;
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    if (b === 10) {
      lineStart = true;
      comment = false;
    } else if (b === 64) {
      return false;
    } else if (lineStart && b === 37) {
      comment = true;
      lineStart = false;
    } else if (b === 13 && bytes[i + 1] !== 10) {
      return false; // a lone CR, which parsing reads as a line break
    } else if (b !== 32 && b !== 9 && b !== 13) {
      if (!comment) return false;
      lineStart = false;
    }
  }
  return true;
}

/** Valid UTF-8 without NUL (as the stretch a splice decodes must be). */
function plainText(bytes: Uint8Array): boolean {
  try {
    return !UTF8.decode(bytes).includes('\0');
  } catch {
    return false;
  }
}

function linesIn(bytes: Uint8Array, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) if (bytes[i] === 10) n++;
  return n;
}

/**
 * Whether the stretch's @string definitions are byte for byte what they were, in the same order: then
 * every entry reads the same macros, although the stretch was split again around them (an edit next to
 * them, such as the "Created for … at <time>" line BibDesk rewrites at the top of the file at every save).
 */
function sameStrings(map: BibtexSourceMap, old: Uint8Array, first: number, resumeAt: number, bytes: Uint8Array, newChunks: readonly BibtexChunk[], spans: readonly { start: number; end: number }[]): boolean {
  const was: ChunkPlace[] = [];
  for (let i = first; i < resumeAt; i++) {
    const chunk = chunkAt(map, i);
    if (chunk.kind === 'string') was.push(chunk);
  }
  const now = spans.filter((_, k) => newChunks[k]!.kind === 'string');
  return was.length === now.length && was.every((w, k) => sameBytes(old, w.byteStart, w.byteEnd, bytes, now[k]!.start, now[k]!.end));
}

/**
 * The old problems outside the stretch (those after it moved by `movedBy` lines), and the positions of
 * those inside it (found again by parsing it; their entries are not reused). Undefined when a problem
 * after the stretch would move but its message names its line.
 */
function problemsAround(
  old: Uint8Array,
  map: BibtexSourceMap,
  problems: readonly BibProblem[],
  s: { first: number; resumeAt: number; lineStart: number; regionStart: number; firstLine: number; movedBy: number },
): { keptBefore: BibProblem[]; keptAfter: BibProblem[]; troubled: Set<string> } | undefined {
  const before = (p: BibProblem, line: number, column: number): boolean => p.location.line < line || (p.location.line === line && p.location.column < column);
  const keptBefore = problems.filter((p) => before(p, s.firstLine, columnAt(old, s.lineStart, s.regionStart)));
  let after: BibProblem[] = [];
  if (s.resumeAt < chunkCount(map)) {
    // The stretch ends just past the last replaced chunk's closing brace.
    const endByte = byteEndAt(map, s.resumeAt - 1);
    const end = { line: chunkAt(map, s.resumeAt - 1).endLine, column: columnAt(old, old.lastIndexOf(10, endByte - 1) + 1, endByte) };
    after = problems.filter((p) => !before(p, end.line, end.column));
  }
  if (s.movedBy !== 0 && after.some((p) => NAMES_A_LINE.test(p.message))) return undefined;
  const kept = new Set([...keptBefore, ...after]);
  const troubled = new Set(problems.filter((p) => !kept.has(p)).map((p) => `${p.location.line}:${p.location.column}`));
  const keptAfter = s.movedBy === 0 ? after : after.map((p) => ({ ...p, location: { ...p.location, line: p.location.line + s.movedBy } }));
  return { keptBefore, keptAfter, troubled };
}

interface Stretch {
  /** First old chunk that may have changed. */
  readonly first: number;
  /** Byte where the scan starts (the end of the chunk before `first`), the start of its line, and that line's number. */
  readonly regionStart: number;
  readonly lineStart: number;
  readonly firstLine: number;
  /** Where the unchanged tail starts in the new bytes, and how much longer the new bytes are. */
  readonly tailStart: number;
  readonly delta: number;
  /** An old chunk wholly after the change: the first window to decode ends with it. */
  readonly windowChunk: number;
}

/**
 * Decodes and splits the new bytes from the stretch's start until a chunk ends where an old chunk
 * ended, inside the unchanged tail, on a line that starts in it (the scanner then continues exactly
 * as it did before). Tries a window of a few chunks first, then the rest of the file.
 */
function scanStretch(map: BibtexSourceMap, bytes: Uint8Array, s: Stretch): { split: ReturnType<typeof splitStretch>; resumeAt: number; byteSpans: { start: number; end: number }[] } | undefined {
  const count = chunkCount(map);
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const windowChunk of [s.windowChunk, count]) {
    const windowEnd = windowChunk < count ? byteEndAt(map, windowChunk) + s.delta : bytes.length;
    let text: string;
    try {
      text = UTF8.decode(bytes.subarray(s.lineStart, windowEnd));
    } catch {
      return undefined;
    }
    if (text.includes('\0') || hasLoneCarriageReturn(text)) return undefined;
    const from = view.toString('utf8', s.lineStart, s.regionStart).length;
    // Byte offsets of chunk ends, counted forward as the scanner finds them.
    let charAt = 0;
    let byteAt = s.lineStart;
    const byteOf = (offset: number): number => {
      byteAt += Buffer.byteLength(text.slice(charAt, offset), 'utf8');
      charAt = offset;
      return byteAt;
    };
    let resumeAt = count;
    const resync = (end: number, lines: LineIndex): boolean => {
      const byteEnd = byteOf(end);
      if (byteEnd < s.tailStart) return false;
      const lineStartByte = byteEnd - Buffer.byteLength(text.slice(lines.startOf(lines.lineOf(end)), end), 'utf8');
      if (lineStartByte < s.tailStart) return false;
      const j = firstIndex(count, (i) => byteEndAt(map, i) >= byteEnd - s.delta);
      if (j < s.first || j >= count || byteEndAt(map, j) !== byteEnd - s.delta) return false;
      resumeAt = j + 1;
      return true;
    };
    const split = splitStretch(text, s.firstLine, from, resync);
    if (!split.resynced && windowEnd < bytes.length) continue;
    charAt = 0;
    byteAt = s.lineStart;
    const byteSpans = split.chunks.map((c) => ({ start: byteOf(c.start), end: byteOf(c.end) }));
    return { split, resumeAt, byteSpans };
  }
  return undefined;
}

/** Problem messages that say where something is ("starting at line 12"): they cannot simply move. */
const NAMES_A_LINE = /\bline \d/;

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Whether a key of the changed stretch (before or after the edit) is also the key of a chunk outside it. */
function keysMeetOutside(map: BibtexSourceMap, counts: ReadonlyMap<string, number>, first: number, resumeAt: number, newChunks: readonly BibtexChunk[]): boolean {
  const inStretch = new Map<string, number>();
  for (let i = first; i < resumeAt; i++) {
    const key = map.keys[i]!;
    if (key) inStretch.set(key, (inStretch.get(key) ?? 0) + 1);
  }
  const keys = new Set([...inStretch.keys(), ...newChunks.filter((c) => c.kind === 'entry' && c.key).map((c) => c.key)]);
  for (const key of keys) if ((counts.get(key) ?? 0) - (inStretch.get(key) ?? 0) > 0) return true;
  return false;
}

/** The key counts of the spliced map: the old map's, less the stretch's old chunks, plus its new ones (updated in place). */
function carriedKeyCounts(counts: Map<string, number>, map: BibtexSourceMap, first: number, resumeAt: number, newChunks: readonly BibtexChunk[]): Map<string, number> {
  const add = (key: string, by: number): void => {
    const n = (counts.get(key) ?? 0) + by;
    if (n > 0) counts.set(key, n);
    else counts.delete(key);
  };
  for (let i = first; i < resumeAt; i++) if (map.keys[i]) add(map.keys[i]!, -1);
  for (const c of newChunks) if (c.key) add(c.key, 1);
  return counts;
}

/** How many of the chunks before chunk `i` became entries (= the row of the next entry). */
function rowsUpTo(map: BibtexSourceMap, i: number): number {
  for (let k = i - 1; k >= 0; k--) {
    const row = chunkAt(map, k).row;
    if (row >= 0) return row + 1;
  }
  return 0;
}

/** The first i in [0, count) with `test(i)` true (test is false then true along i), or count. */
function firstIndex(count: number, test: (i: number) => boolean): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (test(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** 1-based column of byte `at`, on the line starting at byte `lineStart`. */
function columnAt(bytes: Uint8Array, lineStart: number, at: number): number {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8', lineStart, at).length + 1;
}

function sameBytes(a: Uint8Array, aStart: number, aEnd: number, b: Uint8Array, bStart: number, bEnd: number): boolean {
  return aEnd - aStart === bEnd - bStart && Buffer.compare(a.subarray(aStart, aEnd), b.subarray(bStart, bEnd)) === 0;
}

/** Length of the common start of two byte arrays (compared in blocks by memcmp, then byte by byte). */
export function commonPrefix(a: Uint8Array, b: Uint8Array): number {
  const max = Math.min(a.length, b.length);
  let n = 0;
  for (let block = 1 << 16; block >= 1; block >>= 4) {
    while (n + block <= max && Buffer.compare(a.subarray(n, n + block), b.subarray(n, n + block)) === 0) n += block;
  }
  return n;
}

/** Length of the common end of two byte arrays, at most `max`. */
export function commonSuffix(a: Uint8Array, b: Uint8Array, max: number): number {
  let n = 0;
  for (let block = 1 << 16; block >= 1; block >>= 4) {
    while (n + block <= max && Buffer.compare(a.subarray(a.length - n - block, a.length - n), b.subarray(b.length - n - block, b.length - n)) === 0) n += block;
  }
  return n;
}
