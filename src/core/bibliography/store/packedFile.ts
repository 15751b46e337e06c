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
import type { BibEntry, BibFormat, BibProblem, EntryColumns, LoadedFile, SearchIndexParts, SourceLocation } from '../../types';
import { attachLazyCsl } from '../formats/lazyCsl';
import { lazyEntryList } from '../index/entryColumns';
import { PackReader, type ByteSource, type LazyStrings, type OpenPackFiles, type RawRun } from './binaryPack';
import type { BibtexSourceMap } from './sourceMap';

/** Bump whenever BibEntry, the parsers' output, the search index or the file around a pack changes shape (9: the seal). */
export const PACK_VERSION = 10;

export const NO_YEAR = -0x80000000;
/** Joins a value's several forms in one column cell (forms never contain it: they are folded text). */
export const FORM_SEPARATOR = '\u0001';

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
  /** The file, with its columns (the pack's) and search index. */
  readonly loaded: LoadedFile;
  readonly header: PackHeader;
}

/** The string columns of a pack that are copied row by row from a previous pack after an edit. */
export const ROW_COLUMNS = ['details', 'csl', 'citedForms', 'suggestNames', 'hubForms'] as const;
export type RowColumn = (typeof ROW_COLUMNS)[number];
/** Entry details and CSL items are most of a pack and are read one entry at a time: kept on disk. */
export const TAIL_COLUMNS: ReadonlySet<RowColumn> = new Set<RowColumn>(['details', 'csl']);

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
  const loaded: LoadedFile = { file, format: header.format, entries: lazyEntryList(columns), problems: header.problems.map(relabel), columns, searchIndex: columns.searchParts() };
  return { loaded, header };
}

/**
 * Opens a sealed pack file (a cache slot) kept open by `files`: its head is read and checked now, entry
 * details read when they are read. Undefined if the pack is of another version or `accept` refuses its
 * header (and seal); throws if it cannot be read or its head is damaged.
 */
export function openPackFile(files: OpenPackFiles, path: string, filePath?: string, accept: (header: PackHeader, seal: string) => boolean = () => true): OpenedPack | undefined {
  const read = files.read(path, (header, seal) => (header as PackHeader).version === PACK_VERSION && accept(header as PackHeader, seal));
  return read && openPackedFile(read.head, filePath, read.tail);
}

/** The columns of a pack; entries are built from their JSON on each `entryAt` (lists keep them). */
export class PackedColumns implements EntryColumns {
  private readonly keys: string[];
  private readonly strings: Record<RowColumn, LazyStrings>;
  private readonly locations: Int32Array;
  private readonly years: Int32Array;
  private parts: SearchIndexParts | undefined;
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
  searchParts(): SearchIndexParts {
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

function splitForms(cell: string): string[] {
  return cell === '' ? [] : cell.split(FORM_SEPARATOR);
}
