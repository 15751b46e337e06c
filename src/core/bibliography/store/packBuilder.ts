/**
 * A pack written row by row (the format is in packedFile.ts): each entry's details, CSL item and
 * forms are encoded as the entry is added, so that a parse can pack its entries as it makes them and
 * let them die young; runs of an earlier pack's rows (a re-parse after an edit) are copied as bytes.
 */
import type { BibEntry, BibFormat, BibProblem, SearchIndexParts, SourceLocation } from '../../types';
import { cslJsonOf } from '../formats/lazyCsl';
import { citedFormsOfEntry, hubFormsOf, suggestNameOf } from '../index/entryColumns';
import { LazyColumn, PackWriter } from './binaryPack';
import { FORM_SEPARATOR, NO_YEAR, PACK_VERSION, ROW_COLUMNS, TAIL_COLUMNS, type PackHeader, type PackSource, type PackedColumns, type RowColumn } from './packedFile';
import type { BibtexSourceMap } from './sourceMap';

/** What the indexes read of an entry, kept in the pack beside it. */
export interface EntryForms {
  readonly citedForms: readonly string[];
  readonly suggestName: string;
  readonly hubForms: readonly string[];
}

export interface PackContents {
  /** The file's search index (see BibliographyStore: its own, renumbered after an edit, or built). */
  readonly searchIndex: SearchIndexParts;
  /** Where each chunk sits in the bytes the file was read from (a BibTeX file read as plain UTF-8). */
  readonly sourceMap?: BibtexSourceMap;
  /** What the file was read from, for a cache to check. */
  readonly source?: PackSource;
  /** Memory for the pack (default: fresh shared memory). */
  readonly allocate?: (size: number) => Buffer;
}

function formsOfEntry(entry: BibEntry): EntryForms {
  return { citedForms: citedFormsOfEntry(entry), suggestName: suggestNameOf(entry), hubForms: hubFormsOf(entry) };
}

export class PackBuilder {
  // Each value encoded as it is made (see LazyColumn): the strings die young.
  private readonly cells: Record<RowColumn, LazyColumn> = { details: new LazyColumn(), csl: new LazyColumn(), citedForms: new LazyColumn(), suggestNames: new LazyColumn(), hubForms: new LazyColumn() };
  private readonly keys: string[] = [];
  private locations: Int32Array;
  private years: Int32Array;

  /** `expected`: how many rows there will be, if known (the arrays grow past it). */
  constructor(expected = 1024) {
    this.locations = new Int32Array(3 * Math.max(1, expected));
    this.years = new Int32Array(Math.max(1, expected));
  }

  get size(): number {
    return this.keys.length;
  }

  /** An entry, with its forms (computed from it unless given: columns may have them already). */
  add(entry: BibEntry, forms: EntryForms = formsOfEntry(entry)): void {
    const { key: _key, location: _location, csl: _csl, ...details } = entry;
    this.cells.details.add(JSON.stringify(details));
    this.cells.csl.add(cslJsonOf(entry));
    this.cells.citedForms.add(forms.citedForms.join(FORM_SEPARATOR));
    this.cells.suggestNames.add(forms.suggestName);
    this.cells.hubForms.add(forms.hubForms.join(FORM_SEPARATOR));
    this.row(entry.key, entry.location, entry.year);
  }

  /** Rows of an earlier pack, moved by `lineDelta` lines, or (one row) to `location`: their bytes copied, one read per column. */
  addRows(from: PackedColumns, row: number, length: number, moved: { readonly lineDelta: number } | { readonly location: SourceLocation }): void {
    for (const name of ROW_COLUMNS) this.cells[name].addRun(from.rawRun(name, row, row + length));
    if ('location' in moved) {
      this.row(from.keyAt(row), moved.location, from.yearAt(row));
      return;
    }
    const at = this.size;
    this.reserve(at + length);
    this.keys.length = at + length;
    from.copyRows(row, length, { keys: this.keys, locations: this.locations, years: this.years }, at, moved.lineDelta);
  }

  /** The pack of the rows added, as the file `file`. */
  finish(file: { readonly file: string; readonly format: BibFormat; readonly problems: readonly BibProblem[] }, { searchIndex, sourceMap: map, source, allocate }: PackContents): Buffer {
    const n = this.size;
    const header: PackHeader = {
      version: PACK_VERSION,
      file: file.file,
      format: file.format,
      count: n,
      problems: [...file.problems],
      ...(source ? { source } : {}),
      ...(map ? { bibtex: { macros: map.macros, crossrefParents: map.crossrefParents } } : {}),
    };
    const writer = new PackWriter().eagerStrings('keys', this.keys);
    for (const name of ROW_COLUMNS) writer.lazyColumn(name, this.cells[name], !TAIL_COLUMNS.has(name));
    writer
      .int32('locations', this.locations.subarray(0, 3 * n))
      .int32('years', this.years.subarray(0, n))
      .eagerStrings('tokens', searchIndex.tokens)
      .int32('postingOffsets', searchIndex.offsets)
      .int32('postings', searchIndex.postings)
      .int32('sorted', searchIndex.sorted)
      .eagerStrings('trigrams', searchIndex.trigrams)
      .int32('trigramOffsets', searchIndex.trigramOffsets)
      .int32('trigramIds', searchIndex.trigramIds);
    if (map) writer.bytes('chunks', int32Bytes(map.table), true).lazyStrings('chunkKeys', map.keys, false);
    return writer.finish(header, allocate);
  }

  private row(key: string, location: SourceLocation, year: number | undefined): void {
    const i = this.size;
    this.reserve(i + 1);
    this.keys.push(key);
    this.locations[3 * i] = location.line;
    this.locations[3 * i + 1] = location.column;
    this.locations[3 * i + 2] = location.endLine ?? 0;
    this.years[i] = year ?? NO_YEAR;
  }

  private reserve(rows: number): void {
    if (rows <= this.years.length) return;
    const capacity = Math.max(rows, 2 * this.years.length);
    const years = new Int32Array(capacity);
    years.set(this.years);
    const locations = new Int32Array(3 * capacity);
    locations.set(this.locations);
    this.years = years;
    this.locations = locations;
  }
}

function int32Bytes(values: Int32Array): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}
