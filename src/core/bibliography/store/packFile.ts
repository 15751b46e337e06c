/**
 * Writes a parsed bibliography file and its search index as a pack (the format is in packedFile.ts).
 * Entries that are rows of an earlier pack (a re-parse after an edit, see composedColumns) are copied
 * from it as bytes, a run of rows at a time, instead of being encoded again.
 */
import type { BibEntry, LoadedFile, SearchIndexParts, SourceLocation } from '../../types';
import { cslJsonOf } from '../formats/lazyCsl';
import { columnsOf } from '../index/entryColumns';
import { LazyColumn, PackWriter } from './binaryPack';
import { ComposedColumns } from './composedColumns';
import { FORM_SEPARATOR, NO_YEAR, PACK_VERSION, ROW_COLUMNS, TAIL_COLUMNS, type PackHeader, type PackSource, type RowColumn } from './packedFile';
import type { BibtexSourceMap } from './sourceMap';

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

export function packFile(loaded: LoadedFile, { searchIndex, sourceMap: map, source, allocate }: PackContents): Buffer {
  const columns = columnsOf(loaded);
  const n = columns.size;
  const composed = columns instanceof ComposedColumns ? columns : undefined;
  // Each value encoded as it is made (see LazyColumn): the strings die young.
  const cells: Record<RowColumn, LazyColumn> = { details: new LazyColumn(), csl: new LazyColumn(), citedForms: new LazyColumn(), suggestNames: new LazyColumn(), hubForms: new LazyColumn() };
  const keys = new Array<string>(n);
  const locations = new Int32Array(3 * n);
  const years = new Int32Array(n);
  const addEntry = (i: number, entry: BibEntry): void => {
    const { key: _key, location: _location, csl: _csl, ...details } = entry;
    cells.details.add(JSON.stringify(details));
    cells.csl.add(cslJsonOf(entry));
    cells.citedForms.add(columns.citedFormsAt(i).join(FORM_SEPARATOR));
    cells.suggestNames.add(columns.suggestNameAt(i));
    cells.hubForms.add(columns.hubFormsAt(i).join(FORM_SEPARATOR));
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
      for (const name of ROW_COLUMNS) cells[name].addRun(part.from.rawRun(name, part.row, part.row + part.length));
      if (part.location) fillRow(part.start, part.from.keyAt(part.row), part.location, part.from.yearAt(part.row));
      else part.from.copyRows(part.row, part.length, { keys, locations, years }, part.start, part.lineDelta);
    }
  } else {
    for (let i = 0; i < n; i++) addEntry(i, columns.entryAt(i));
  }

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
  for (const name of ROW_COLUMNS) writer.lazyColumn(name, cells[name], !TAIL_COLUMNS.has(name));
  writer
    .int32('locations', locations)
    .int32('years', years)
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

function int32Bytes(values: Int32Array): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}
