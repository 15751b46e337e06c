/**
 * Where each chunk of a BibTeX file sits in the file's bytes, and which entry of its pack it became:
 * what lets an edit be re-parsed by comparing bytes (see spliceBibtex) instead of decoding, splitting
 * and matching the whole file again. Packs of BibTeX files read as plain UTF-8 carry it (a tail
 * section, so opening a pack does not read it), so the first edit after a warm start is fast too.
 */
import type { BibtexChunk, ChunkKind } from '../formats/bibtex/splitBibtex';

/** Numbers kept per chunk, in this order. */
const FIELDS = 7;
const KINDS: readonly ChunkKind[] = ['entry', 'string', 'preamble', 'comment'];

export interface BibtexSourceMap {
  /** Per chunk: byte start, byte end, line, column, end line, kind (+4 for a crossref child), entry row (-1: no entry). */
  readonly table: Int32Array;
  /** Per chunk: its citation key ('' for @string, @comment, … and entries without one). */
  readonly keys: readonly string[];
  /** The file's @string definitions, in order (every entry is read with them). */
  readonly macros: readonly string[];
  /** Keys that entries name in a crossref field (lower-cased, each once): those entries depend on these. */
  readonly crossrefParents: readonly string[];
}

export function chunkCount(map: BibtexSourceMap): number {
  return map.table.length / FIELDS;
}

export interface ChunkPlace {
  readonly byteStart: number;
  readonly byteEnd: number;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly kind: ChunkKind;
  /** An entry with a crossref field. */
  readonly child: boolean;
  /** The entry it became (its position in the file's entries), or -1. */
  readonly row: number;
}

export function chunkAt(map: BibtexSourceMap, i: number): ChunkPlace {
  const t = map.table;
  const k = i * FIELDS;
  return { byteStart: t[k]!, byteEnd: t[k + 1]!, line: t[k + 2]!, column: t[k + 3]!, endLine: t[k + 4]!, kind: KINDS[t[k + 5]! & 3]!, child: (t[k + 5]! & 4) !== 0, row: t[k + 6]! };
}

export function byteEndAt(map: BibtexSourceMap, i: number): number {
  return map.table[i * FIELDS + 1]!;
}

export function byteStartAt(map: BibtexSourceMap, i: number): number {
  return map.table[i * FIELDS]!;
}

/** Collects a source map chunk by chunk, in file order. */
export class SourceMapBuilder {
  private table: Int32Array;
  private count = 0;
  readonly keys: string[] = [];

  constructor(capacity: number) {
    this.table = new Int32Array(Math.max(1, capacity) * FIELDS);
  }

  add(place: ChunkPlace, key: string): void {
    this.reserve(1);
    this.table.set([place.byteStart, place.byteEnd, place.line, place.column, place.endLine, KINDS.indexOf(place.kind) + (place.child ? 4 : 0), place.row], this.count * FIELDS);
    this.keys.push(key);
    this.count++;
  }

  /** Copies chunks [from, to) of `map`, moved by `bytes`, `lines` and `rows` (an edit before them). */
  addShifted(map: BibtexSourceMap, from: number, to: number, bytes: number, lines: number, rows: number): void {
    if (to <= from) return;
    this.reserve(to - from);
    const target = this.table.subarray(this.count * FIELDS, (this.count + to - from) * FIELDS);
    target.set(map.table.subarray(from * FIELDS, to * FIELDS));
    if (bytes !== 0 || lines !== 0 || rows !== 0) {
      for (let k = 0; k < target.length; k += FIELDS) {
        target[k] += bytes;
        target[k + 1] += bytes;
        target[k + 2] += lines;
        target[k + 4] += lines;
        if (target[k + 6]! >= 0) target[k + 6] += rows;
      }
    }
    for (let i = from; i < to; i++) this.keys.push(map.keys[i]!);
    this.count += to - from;
  }

  finish(macros: readonly string[], crossrefParents: readonly string[]): BibtexSourceMap {
    return { table: this.table.slice(0, this.count * FIELDS), keys: this.keys, macros, crossrefParents };
  }

  private reserve(more: number): void {
    if ((this.count + more) * FIELDS <= this.table.length) return;
    const grown = new Int32Array(Math.max(this.table.length * 2, (this.count + more) * FIELDS));
    grown.set(this.table);
    this.table = grown;
  }
}

/**
 * The source map of a file's split, given the file's text as decoded from its bytes (after `bomBytes`
 * of byte-order mark) and the entry each chunk became. Byte offsets are counted in one pass.
 */
export function sourceMapOfSplit(text: string, bomBytes: number, chunks: readonly BibtexChunk[], rowOf: (chunk: BibtexChunk) => number, macros: readonly string[]): BibtexSourceMap | undefined {
  const builder = new SourceMapBuilder(chunks.length);
  let charAt = 0;
  let byteAt = bomBytes;
  const parents = new Set<string>();
  for (const chunk of chunks) {
    const byteStart = byteAt + Buffer.byteLength(text.slice(charAt, chunk.start), 'utf8');
    const byteEnd = byteStart + Buffer.byteLength(chunk.text, 'utf8');
    charAt = chunk.end;
    byteAt = byteEnd;
    const parent = chunk.kind === 'entry' ? crossrefParentOf(chunk.text) : undefined;
    // A crossref field whose value cannot be read: which entries depend on which is unknown.
    if (parent === '') return undefined;
    if (parent) parents.add(parent);
    builder.add({ byteStart, byteEnd, line: chunk.line, column: chunk.column, endLine: chunk.endLine, kind: chunk.kind, child: parent !== undefined, row: rowOf(chunk) }, chunk.key);
  }
  const map = builder.finish(macros, [...parents]);
  // The keys and macros are V8 slices of the file's text: copied, so that a map kept for the next edit
  // does not keep the whole text alive with them (63 MB at 50,000 entries).
  return { ...map, keys: copiesOf(map.keys), macros: copiesOf(map.macros), crossrefParents: copiesOf(map.crossrefParents) };
}

/** Strings equal to `strings` that share no memory with what they were sliced from (one JSON round trip). */
function copiesOf(strings: readonly string[]): string[] {
  return JSON.parse(JSON.stringify(strings)) as string[];
}

/**
 * The key an entry's crossref field names (lower-cased), '' if it has one whose value cannot be
 * read, undefined if it has none.
 */
export function crossrefParentOf(entryText: string): string | undefined {
  if (!/crossref/i.test(entryText)) return undefined;
  const field = /(?:^|[\s,{])crossref\s*=\s*/i.exec(entryText);
  if (!field) return undefined;
  const value = /^(?:\{\s*([^{}\s,]+)\s*\}|"\s*([^"{}\s,]+)\s*"|([^\s,{}"#]+))/.exec(entryText.slice(field.index + field[0].length));
  return (value?.[1] ?? value?.[2] ?? value?.[3] ?? '').toLowerCase();
}
