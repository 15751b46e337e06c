/**
 * The entries of a re-parsed file as columns: newly parsed entries, and rows of an earlier pack
 * (moved by the lines an edit added above them) that are never built unless read. What the parse
 * memo and the splice make when unchanged entries are rows of the previous pack, and what packing
 * copies as bytes (rows) and renumbers (search postings) instead of encoding everything again.
 */
import type { BibEntry, LoadedFile, SourceLocation } from '../../types';
import { citedFormsOfEntry, hubFormsOf, lazyEntryList, suggestNameOf } from '../index/entryColumns';
import type { EntryColumns } from '../../types';
import { PackedColumns } from './packedFile';

/**
 * Entries of a re-parsed file: newly parsed ones, rows of an earlier pack at a new location, or runs
 * of an earlier pack's rows moved by a number of lines (everything after an edit).
 */
export type ComposedPart =
  | { readonly entry: BibEntry }
  | { readonly from: PackedColumns; readonly row: number; readonly location: SourceLocation }
  | { readonly from: PackedColumns; readonly row: number; readonly length: number; readonly lineDelta: number };

/** The entries of a re-parsed file and their columns, unchanged ones read from the earlier pack (never built unless read). */
export function composedEntries(parts: readonly ComposedPart[]): { entries: readonly BibEntry[]; columns: ComposedColumns } {
  const columns = new ComposedColumns(parts);
  return { entries: lazyEntryList(columns), columns };
}

/**
 * The keys of the entries parsed anew in a re-parse that reused rows of an earlier pack (undefined if
 * `file` is not such a re-parse): what an edit cost, for tests and the benchmark.
 */
export function parsedAnew(file: LoadedFile): string[] | undefined {
  return file.columns instanceof ComposedColumns ? file.columns.freshKeys() : undefined;
}

/** A stretch of a composed list: one new entry, or consecutive rows of an earlier pack moved by some lines. */
export type Segment =
  | { readonly start: number; readonly length: 1; readonly entry: BibEntry }
  | { readonly start: number; readonly length: number; readonly from: PackedColumns; readonly row: number; readonly lineDelta: number; readonly location?: SourceLocation };

export class ComposedColumns implements EntryColumns {
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
