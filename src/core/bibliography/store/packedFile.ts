/**
 * A parsed bibliography file and its search index in one buffer (see binaryPack): what the disk cache
 * stores and what the parsing worker hands to the extension host (transferred, not copied).
 *
 * Opening a pack costs about what decoding its keys costs (~10 ms for 50,000 entries): keys, years
 * and the search index are columns and typed arrays read in place; each entry is built from its JSON
 * the first time something reads it (see entryColumns), and its CSL item only when that is read.
 *
 * After an edit, the parser reuses the unchanged entries as rows of the previous pack (see
 * ComposedColumns), and packing copies those rows' bytes and renumbers their postings instead of
 * encoding and tokenising 50,000 entries again.
 */
import type { BibEntry, BibFormat, BibProblem, LoadedFile, SourceLocation } from '../../types';
import { TokenIndex, type TokenIndexParts } from '../../search/tokenIndex';
import { rememberPackedSource } from './entryMemo';
import { attachLazyCsl, cslJsonOf } from '../formats/lazyCsl';
import { PackReader, PackWriter, readPackFile, type ByteSource, type LazyStrings, type RawRun } from './binaryPack';
import { citedFormsOfEntry, columnsOf, hubFormsOf, lazyEntryList, suggestNameOf, type EntryColumns } from '../index/entryColumns';
import { sourceMapOf, type BibtexSourceMap } from './sourceMap';

/** Bump whenever BibEntry, the parsers' output or the search index changes shape. */
export const PACK_VERSION = 5;

const NO_YEAR = -0x80000000;
/** Joins a value's several forms in one column cell (forms never contain it: they are folded text). */
const FORM_SEPARATOR = '\u0001';

export interface PackHeader {
  readonly version: number;
  readonly file: string;
  readonly format: BibFormat;
  readonly count: number;
  readonly problems: readonly BibProblem[];
  /** What the pack was made from, for a cache to check (path, size, mtime, content hash). */
  readonly source?: PackSource;
  /** Present when the pack has the file's source map (a BibTeX file read as plain UTF-8). */
  readonly bibtex?: { readonly macros: readonly string[]; readonly crossrefParents: readonly string[] };
}

export interface PackSource {
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly sha1: string;
}

export interface OpenedPack {
  readonly loaded: LoadedFile;
  readonly header: PackHeader;
}

/**
 * The search index made with each opened (or packed) file's entries, so that it is never built twice.
 * Kept by entry list, so a copy of a LoadedFile with other problems still finds it.
 */
const searchIndexes = new WeakMap<readonly BibEntry[], TokenIndex>();

/** The search index that came with `loaded` (opened from a pack, or remembered when built for it). */
export function searchIndexOfFile(loaded: LoadedFile): TokenIndex | undefined {
  return searchIndexes.get(loaded.entries);
}

/** Remembers the search index built for a loaded file, so that packing or searching it does not build another. */
export function rememberSearchIndex(loaded: LoadedFile, index: TokenIndex): void {
  searchIndexes.set(loaded.entries, index);
}

/** The string columns of a pack that are copied row by row from a previous pack after an edit. */
const ROW_COLUMNS = ['details', 'csl', 'citedForms', 'suggestNames', 'hubForms'] as const;
type RowColumn = (typeof ROW_COLUMNS)[number];
/** Entry details and CSL items are most of a pack and are read one entry at a time: kept on disk. */
const TAIL_COLUMNS = new Set<RowColumn>(['details', 'csl']);

/**
 * Packs a loaded file with its search index. Entries that are rows of an earlier pack (a re-parse
 * after an edit) are copied from it, and the search index is renumbered rather than rebuilt.
 */
export function packLoadedFile(loaded: LoadedFile, source?: PackSource): Buffer {
  const entries = loaded.entries;
  const columns = columnsOf(entries);
  const n = columns.size;
  const composed = columns instanceof ComposedColumns ? columns : undefined;
  const base = composed?.singleSource();
  const cells: Record<RowColumn, (string | RawRun)[]> = { details: [], csl: [], citedForms: [], suggestNames: [], hubForms: [] };
  const keys = new Array<string>(n);
  const locations = new Int32Array(3 * n);
  const years = new Int32Array(n);
  const addEntry = (i: number, entry: BibEntry): void => {
    const { key: _key, location: _location, csl: _csl, ...details } = entry;
    cells.details.push(JSON.stringify(details));
    cells.csl.push(cslJsonOf(entry));
    cells.citedForms.push(columns.citedFormsAt(i).join(FORM_SEPARATOR));
    cells.suggestNames.push(columns.suggestNameAt(i));
    cells.hubForms.push(columns.hubFormsAt(i).join(FORM_SEPARATOR));
    fillRow(i, entry.key, entry.location, entry.year);
  };
  function fillRow(i: number, key: string, location: SourceLocation, year: number | undefined): void {
    keys[i] = key;
    locations[3 * i] = location.line;
    locations[3 * i + 1] = location.column;
    locations[3 * i + 2] = location.endLine ?? 0;
    years[i] = year ?? NO_YEAR;
  }
  if (composed) {
    for (const part of composed.parts()) {
      if ('entry' in part) {
        addEntry(part.start, part.entry);
        continue;
      }
      // A run of unchanged entries: their bytes copied from the earlier pack, one read per column.
      for (const name of ROW_COLUMNS) cells[name].push(part.from.rawRun(name, part.row, part.row + part.length));
      if (part.location) fillRow(part.start, part.from.keyAt(part.row), part.location, part.from.yearAt(part.row));
      else part.from.copyRows(part.row, part.length, { keys, locations, years }, part.start, part.lineDelta);
    }
  } else {
    for (let i = 0; i < n; i++) addEntry(i, columns.entryAt(i));
  }

  let index = searchIndexOfFile(loaded);
  if (!index && composed && base) {
    const { oldToNew, added } = composed.renumbering(base);
    index = TokenIndex.remapped(base.searchParts(), oldToNew, added);
  }
  index ??= new TokenIndex(entries);
  rememberSearchIndex(loaded, index);
  const parts = index.toParts();
  const map = sourceMapOf(entries);
  const header: PackHeader = {
    version: PACK_VERSION,
    file: loaded.file,
    format: loaded.format,
    count: n,
    problems: loaded.problems,
    ...(source ? { source } : {}),
    ...(map ? { bibtex: { macros: map.macros, crossrefParents: map.crossrefParents } } : {}),
  };
  const writer = new PackWriter().eagerStrings('keys', keys);
  for (const name of ROW_COLUMNS) writer.lazyStrings(name, cells[name], !TAIL_COLUMNS.has(name));
  writer
    .int32('locations', locations)
    .int32('years', years)
    .eagerStrings('tokens', parts.tokens)
    .int32('postingOffsets', parts.offsets)
    .int32('postings', parts.postings)
    .int32('sorted', parts.sorted)
    .eagerStrings('trigrams', parts.trigrams)
    .int32('trigramOffsets', parts.trigramOffsets)
    .int32('trigramIds', parts.trigramIds);
  if (map) writer.bytes('chunks', int32Bytes(map.table), true).lazyStrings('chunkKeys', map.keys, false);
  return writer.finish(header);
}

function int32Bytes(values: Int32Array): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

/**
 * Packs a freshly parsed file and points the parser's memo of it at the pack, so that the next parse
 * of the file reuses this pack's rows (copied as bytes) rather than the built entries (see entryMemo).
 */
export function packForReparse(loaded: LoadedFile, source?: PackSource): Buffer {
  const pack = packLoadedFile(loaded, source);
  rememberPackedSource(loaded.file, columnsOf(loaded.entries), columnsOf(openPackedFile(pack, loaded.file).loaded.entries));
  return pack;
}

/** The header of a pack (or of its first bytes), or undefined if it is not a pack of this version. */
export function readPackHeader(bytes: Uint8Array): PackHeader | undefined {
  try {
    const header = PackReader.readHeader(bytes) as PackHeader | undefined;
    return header?.version === PACK_VERSION ? header : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Opens a pack as the LoadedFile of `filePath` (entries and problems are labelled with it, whatever
 * path the pack was made under). `bytes` is the whole pack, or its head with `tail` to read the rest.
 * Throws if the bytes are not a pack of this version.
 */
export function openPackedFile(bytes: Uint8Array, filePath?: string, tail?: ByteSource): OpenedPack {
  const reader = new PackReader<PackHeader>(bytes, tail);
  const header = reader.header;
  if (header.version !== PACK_VERSION) throw new Error(`pack version ${String(header.version)}, expected ${PACK_VERSION}`);
  const file = filePath ?? header.file;
  const columns = new PackedColumns(reader, file, header.count);
  const relabel = (p: BibProblem): BibProblem => (p.location.file === header.file && file !== header.file ? { ...p, location: { ...p.location, file } } : p);
  const loaded: LoadedFile = { file, format: header.format, entries: lazyEntryList(columns), problems: header.problems.map(relabel) };
  rememberSearchIndex(loaded, TokenIndex.fromParts(columns.searchParts()));
  return { loaded, header };
}

/**
 * Opens a pack file (a cache slot): its head is read now, entry details when they are read. Undefined
 * if the pack is of another version or `accept` refuses its header; throws if it cannot be read.
 */
export function openPackFile(path: string, filePath?: string, accept: (header: PackHeader) => boolean = () => true): OpenedPack | undefined {
  const read = readPackFile(path, (header) => (header as PackHeader).version === PACK_VERSION && accept(header as PackHeader));
  return read && openPackedFile(read.head, filePath, read.tail);
}

/** The columns of a pack; entries are built from their JSON on each `entryAt` (lists keep them). */
export class PackedColumns implements EntryColumns {
  private readonly keys: string[];
  private readonly strings: Record<RowColumn, LazyStrings>;
  private readonly locations: Int32Array;
  private readonly years: Int32Array;
  private parts: TokenIndexParts | undefined;
  private map: BibtexSourceMap | undefined;

  constructor(
    private readonly reader: PackReader<PackHeader>,
    private readonly file: string,
    readonly size: number,
  ) {
    this.keys = reader.eagerStrings('keys');
    this.strings = Object.fromEntries(ROW_COLUMNS.map((name) => [name, reader.lazyStrings(name)])) as Record<RowColumn, LazyStrings>;
    this.locations = reader.int32('locations');
    this.years = reader.int32('years');
    const lengths = [this.keys.length, this.years.length, this.locations.length / 3, ...ROW_COLUMNS.map((c) => this.strings[c].length)];
    if (lengths.some((l) => l !== size)) throw new Error('pack columns do not match its entry count');
  }

  keyAt(i: number): string {
    return this.keys[i]!;
  }

  yearAt(i: number): number | undefined {
    const year = this.years[i]!;
    return year === NO_YEAR ? undefined : year;
  }

  locationAt(i: number): SourceLocation {
    const endLine = this.locations[3 * i + 2]!;
    return { file: this.file, line: this.locations[3 * i]!, column: this.locations[3 * i + 1]!, ...(endLine ? { endLine } : {}) };
  }

  entryAt(i: number, location = this.locationAt(i)): BibEntry {
    const entry = { key: this.keys[i]!, ...(JSON.parse(this.strings.details.at(i)) as object), location };
    return attachLazyCsl(entry, this.strings.csl.at(i)) as unknown as BibEntry;
  }

  citedFormsAt(i: number): readonly string[] {
    return splitForms(this.strings.citedForms.at(i));
  }

  suggestNameAt(i: number): string {
    return this.strings.suggestNames.at(i);
  }

  hubFormsAt(i: number): readonly string[] {
    return splitForms(this.strings.hubForms.at(i));
  }

  /** The problems the file had when packed. */
  get problems(): readonly BibProblem[] {
    return this.reader.header.problems;
  }

  /** Where each chunk of the file was in its bytes, if the pack has it (read from the tail on first use). */
  sourceMap(): BibtexSourceMap | undefined {
    const bibtex = this.reader.header.bibtex;
    if (!bibtex || !this.reader.has('chunks')) return undefined;
    if (this.map === undefined) {
      const raw = this.reader.read('chunks');
      const table = new Int32Array(Uint8Array.from(raw).buffer);
      const keyColumn = this.reader.lazyStrings('chunkKeys');
      const keys = keyColumn.values(0, keyColumn.length);
      this.map = { table, keys, macros: bibtex.macros, crossrefParents: bibtex.crossrefParents };
    }
    return this.map;
  }

  /** Copies keys, locations (moved by `lineDelta` lines) and years of `length` rows from `row` into columns at `at`. */
  copyRows(row: number, length: number, into: { keys: string[]; locations: Int32Array; years: Int32Array }, at: number, lineDelta: number): void {
    for (let k = 0; k < length; k++) into.keys[at + k] = this.keys[row + k]!;
    into.years.set(this.years.subarray(row, row + length), at);
    const locations = into.locations.subarray(3 * at, 3 * (at + length));
    locations.set(this.locations.subarray(3 * row, 3 * (row + length)));
    if (lineDelta !== 0) {
      for (let k = 0; k < locations.length; k += 3) {
        locations[k] += lineDelta;
        if (locations[k + 2] !== 0) locations[k + 2] += lineDelta;
      }
    }
  }

  /** The UTF-8 bytes of rows [from, to) of a column, for copying into a new pack. */
  rawRun(column: RowColumn, from: number, to: number): RawRun {
    return this.strings[column].rawRun(from, to);
  }

  /** The pack's search index as arrays (views into the pack). */
  searchParts(): TokenIndexParts {
    this.parts ??= {
      tokens: this.reader.eagerStrings('tokens'),
      offsets: this.reader.int32('postingOffsets'),
      postings: this.reader.int32('postings'),
      sorted: this.reader.int32('sorted'),
      trigrams: this.reader.eagerStrings('trigrams'),
      trigramOffsets: this.reader.int32('trigramOffsets'),
      trigramIds: this.reader.int32('trigramIds'),
    };
    return this.parts;
  }
}

/**
 * Entries of a re-parsed file: newly parsed ones, rows of an earlier pack at a new location, or runs
 * of an earlier pack's rows moved by a number of lines (everything after an edit).
 */
export type ComposedPart =
  | { readonly entry: BibEntry }
  | { readonly from: PackedColumns; readonly row: number; readonly location: SourceLocation }
  | { readonly from: PackedColumns; readonly row: number; readonly length: number; readonly lineDelta: number };

/** The entries of a re-parsed file, unchanged ones read from the earlier pack (never built unless read). */
export function composedEntryList(parts: readonly ComposedPart[]): readonly BibEntry[] {
  return lazyEntryList(new ComposedColumns(parts));
}

/**
 * The keys of the entries parsed anew in a re-parse that reused rows of an earlier pack (undefined if
 * `entries` is not such a list): what an edit cost, for tests and the benchmark.
 */
export function parsedAnew(entries: readonly BibEntry[]): string[] | undefined {
  const columns = columnsOf(entries);
  return columns instanceof ComposedColumns ? columns.freshKeys() : undefined;
}

/** A stretch of a composed list: one new entry, or consecutive rows of an earlier pack moved by some lines. */
type Segment =
  | { readonly start: number; readonly length: 1; readonly entry: BibEntry }
  | { readonly start: number; readonly length: number; readonly from: PackedColumns; readonly row: number; readonly lineDelta: number; readonly location?: SourceLocation };

class ComposedColumns implements EntryColumns {
  private readonly segments: Segment[] = [];
  private readonly starts: Int32Array;
  readonly size: number;
  private last = 0;

  constructor(parts: readonly ComposedPart[]) {
    let size = 0;
    for (const part of parts) {
      if ('entry' in part) {
        this.segments.push({ start: size++, length: 1, entry: part.entry });
        continue;
      }
      const length = 'length' in part ? part.length : 1;
      if (length === 0) continue;
      const lineDelta = 'length' in part ? part.lineDelta : movedBy(part.from, part.row, part.location);
      const previous = this.segments[this.segments.length - 1];
      if (lineDelta === undefined) {
        // Moved some other way (another column, file or shape): the row keeps the location given.
        this.segments.push({ start: size, length: 1, from: part.from, row: part.row, lineDelta: 0, location: (part as { location: SourceLocation }).location });
      } else if (previous && 'from' in previous && !previous.location && previous.from === part.from && previous.row + previous.length === part.row && previous.lineDelta === lineDelta) {
        (previous as { length: number }).length += length;
      } else {
        this.segments.push({ start: size, length, from: part.from, row: part.row, lineDelta });
      }
      size += length;
    }
    this.size = size;
    this.starts = Int32Array.from(this.segments, (s) => s.start);
  }

  keyAt(i: number): string {
    const s = this.segmentAt(i);
    return 'entry' in s ? s.entry.key : s.from.keyAt(s.row + i - s.start);
  }

  yearAt(i: number): number | undefined {
    const s = this.segmentAt(i);
    return 'entry' in s ? s.entry.year : s.from.yearAt(s.row + i - s.start);
  }

  locationAt(i: number): SourceLocation {
    const s = this.segmentAt(i);
    if ('entry' in s) return s.entry.location;
    return s.location ?? movedLocation(s.from.locationAt(s.row + i - s.start), s.lineDelta);
  }

  entryAt(i: number): BibEntry {
    const s = this.segmentAt(i);
    return 'entry' in s ? s.entry : s.from.entryAt(s.row + i - s.start, this.locationAt(i));
  }

  citedFormsAt(i: number): readonly string[] {
    const s = this.segmentAt(i);
    return 'entry' in s ? citedFormsOfEntry(s.entry) : s.from.citedFormsAt(s.row + i - s.start);
  }

  suggestNameAt(i: number): string {
    const s = this.segmentAt(i);
    return 'entry' in s ? suggestNameOf(s.entry) : s.from.suggestNameAt(s.row + i - s.start);
  }

  hubFormsAt(i: number): readonly string[] {
    const s = this.segmentAt(i);
    return 'entry' in s ? hubFormsOf(s.entry) : s.from.hubFormsAt(s.row + i - s.start);
  }

  freshKeys(): string[] {
    return this.segments.flatMap((s) => ('entry' in s ? [s.entry.key] : []));
  }

  /** The earlier pack every reused row comes from, if there is exactly one. */
  singleSource(): PackedColumns | undefined {
    let source: PackedColumns | undefined;
    for (const s of this.segments) {
      if ('entry' in s) continue;
      if (source && s.from !== source) return undefined;
      source = s.from;
    }
    return source;
  }

  /** The stretches of the list in order: for packing, which copies row runs as bytes. */
  parts(): readonly Segment[] {
    return this.segments;
  }

  /** Old row → new position for rows of `base`, and the entries that are not rows of it. */
  renumbering(base: PackedColumns): { oldToNew: Int32Array; added: { entry: BibEntry; position: number }[] } {
    const oldToNew = new Int32Array(base.size).fill(-1);
    const added: { entry: BibEntry; position: number }[] = [];
    for (const s of this.segments) {
      if ('entry' in s) added.push({ entry: s.entry, position: s.start });
      else for (let k = 0; k < s.length; k++) oldToNew[s.row + k] = s.start + k;
    }
    return { oldToNew, added };
  }

  private segmentAt(i: number): Segment {
    const cached = this.segments[this.last];
    if (cached && i >= cached.start && i < cached.start + cached.length) return cached;
    if (!(i >= 0 && i < this.size)) throw new RangeError(`entry ${i} of ${this.size}`);
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    this.last = lo;
    return this.segments[lo]!;
  }
}

/** How many lines `location` is below the row's location in its pack, if it moved only down or up. */
function movedBy(from: PackedColumns, row: number, location: SourceLocation): number | undefined {
  const was = from.locationAt(row);
  const delta = location.line - was.line;
  const sameEnd = (location.endLine === undefined) === (was.endLine === undefined) && (location.endLine ?? 0) - (was.endLine ?? 0) === (location.endLine === undefined ? 0 : delta);
  return location.file === was.file && location.column === was.column && sameEnd ? delta : undefined;
}

function movedLocation(location: SourceLocation, lineDelta: number): SourceLocation {
  if (lineDelta === 0) return location;
  return { ...location, line: location.line + lineDelta, ...(location.endLine !== undefined ? { endLine: location.endLine + lineDelta } : {}) };
}

function splitForms(cell: string): string[] {
  return cell === '' ? [] : cell.split(FORM_SEPARATOR);
}
