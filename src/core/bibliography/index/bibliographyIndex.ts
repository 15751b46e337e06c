import type { BibEntry, BibliographyLookup, BibProblem, EntryColumns, LoadedFile, SourceLocation } from '../../types';
import { normaliseHubLookupKey, zoteroLookupForm } from '../formats/hubKeys';
import { citedFormsOf, citedNamesOf, foldName } from './nameMatching';
import { ArrayColumns, columnsOf, lazyEntryList } from './entryColumns';
import { bibProblem } from '../formats/problems';
import { buildSuggestionIndex, type SuggestionIndex } from './suggestionIndex';

/**
 * All entries of the bibliography files a document uses, with fast lookups.
 *
 * Duplicate keys across files: the FIRST file in the given order wins and each later definition is
 * reported as 'duplicate-key' at its own location, naming the one used. This is what Pandoc does
 * with several `--bibliography` files (pandoc 2.9+: the first file's entry is used) and what biber
 * does ("Duplicate entry key … skipping"). Within one file the first definition wins too (see the
 * parsers), so the order of `files` is the only thing that decides.
 */
export class BibliographyIndex implements BibliographyLookup {
  private segmentList: readonly IndexSegment[] = [];
  /** Global id (position in `entries`) → its segment, and its position in that segment's file. */
  private segmentOf: Int32Array = NONE;
  private localOf: Int32Array = NONE;
  private allProblems: readonly BibProblem[] = [];
  private readonly byKey = new Map<string, number>();
  // Built on first use: most documents never look up a Hub key or an author-year citation.
  private byHub: Map<string, number> | undefined;
  /** Folded cited name of the first author (all forms) → global ids. */
  private byFirstName: Map<string, number[]> | undefined;
  private entryList: readonly BibEntry[] | undefined;
  private suggestions: SuggestionIndex | undefined;
  /** The columns of all entries, by global id. */
  readonly columns: EntryColumns;

  private constructor(readonly files: readonly LoadedFile[]) {
    const index = this;
    this.columns = {
      get size() {
        return index.segmentOf.length;
      },
      keyAt: (g) => this.at(g, (c, i) => c.keyAt(i)),
      yearAt: (g) => this.at(g, (c, i) => c.yearAt(i)),
      entryAt: (g) => this.segmentList[this.segmentOf[g]!]!.loaded.entries[this.localOf[g]!]!,
      locationAt: (g) => this.at(g, (c, i) => c.locationAt(i)),
      citedFormsAt: (g) => this.at(g, (c, i) => c.citedFormsAt(i)),
      suggestNameAt: (g) => this.at(g, (c, i) => c.suggestNameAt(i)),
      hubFormsAt: (g) => this.at(g, (c, i) => c.hubFormsAt(i)),
    };
  }

  /**
   * Every entry used, in file order (files in priority order), without the later definitions of a key.
   * For a library read from the disk cache the entries are built as they are read: prefer `size`,
   * `columns` and `get` to reading them all.
   */
  get entries(): readonly BibEntry[] {
    if (!this.entryList) {
      const [only] = this.segmentList;
      if (this.segmentList.length === 1 && only!.hidden === 0) this.entryList = only!.loaded.entries;
      else if (this.segmentList.every((s) => s.columns instanceof ArrayColumns)) this.entryList = Array.from(this.segmentOf, (_, g) => this.columns.entryAt(g));
      else this.entryList = lazyEntryList(this.columns);
    }
    return this.entryList;
  }

  /** How many entries are used. */
  get size(): number {
    return this.segmentOf.length;
  }

  /** The files with their entries' global ids (for indexes built per file, such as the citation search). */
  get segments(): readonly IndexSegment[] {
    return this.segmentList;
  }

  get problems(): readonly BibProblem[] {
    return this.allProblems;
  }

  private at<T>(g: number, read: (columns: EntryColumns, i: number) => T): T {
    return read(this.segmentList[this.segmentOf[g]!]!.columns, this.localOf[g]!);
  }

  private build(): this {
    const problems: BibProblem[] = [];
    const segments: IndexSegment[] = [];
    const total = this.files.reduce((n, f) => n + f.entries.length, 0);
    const segmentOf = new Int32Array(total);
    const localOf = new Int32Array(total);
    let used = 0;
    for (const file of this.files) {
      problems.push(...file.problems);
      const columns = columnsOf(file);
      const globalIds = new Int32Array(columns.size);
      let hidden = 0;
      for (let i = 0; i < columns.size; i++) {
        const key = columns.keyAt(i);
        const first = this.byKey.get(key);
        if (first !== undefined) {
          // Within one file the parser already kept the first definition and reported the others.
          if (segmentOf[first] !== segments.length) problems.push(crossFileDuplicate(file.entries[i]!, this.columns.entryAt(first)));
          globalIds[i] = -1;
          hidden++;
          continue;
        }
        this.byKey.set(key, used);
        globalIds[i] = used;
        segmentOf[used] = segments.length;
        localOf[used++] = i;
      }
      segments.push({ loaded: file, columns, globalIds, hidden });
      // Readable from here on: a later file's duplicate is reported against this file's entry.
      this.segmentList = segments;
      this.segmentOf = segmentOf.subarray(0, used);
      this.localOf = localOf.subarray(0, used);
    }
    this.segmentList = segments;
    this.segmentOf = segmentOf.slice(0, used);
    this.localOf = localOf.slice(0, used);
    this.allProblems = problems;
    return this;
  }

  /** An index over already loaded files (in priority order). */
  static fromFiles(loaded: readonly LoadedFile[]): BibliographyIndex {
    return new BibliographyIndex([...loaded]).build();
  }

  /** A new index with `loaded` replacing the file of the same path (appended if new); other files' entries are reused as they are. */
  withFile(loaded: LoadedFile): BibliographyIndex {
    const at = this.files.findIndex((f) => f.file === loaded.file);
    const files = [...this.files];
    if (at >= 0) files[at] = loaded;
    else files.push(loaded);
    return BibliographyIndex.fromFiles(files);
  }

  get(key: string): BibEntry | undefined {
    const g = this.byKey.get(key);
    return g === undefined ? undefined : this.columns.entryAt(g);
  }

  locationOf(key: string): SourceLocation | undefined {
    return this.get(key)?.location;
  }

  /** By library key (case-insensitive), Hub DOI (`10.53832/edtechhub.0176`) or its suffix (`edtechhub.0176`). */
  byHubKey(hubKey: string): BibEntry | undefined {
    return this.byLookupForm(normaliseHubLookupKey(hubKey));
  }

  /** By Zotero item key (case-insensitive): an entry's own Zotero key, or a Hub entry's library key. */
  byZoteroKey(itemKey: string): BibEntry | undefined {
    return this.byLookupForm(zoteroLookupForm(itemKey.trim()));
  }

  private byLookupForm(form: string): BibEntry | undefined {
    if (!this.byHub) {
      this.byHub = new Map();
      for (let g = 0; g < this.size; g++) {
        for (const f of this.columns.hubFormsAt(g)) if (!this.byHub.has(f)) this.byHub.set(f, g);
      }
    }
    const g = this.byHub.get(form);
    return g === undefined ? undefined : this.columns.entryAt(g);
  }

  /**
   * Entries cited as `names` + `yearLabel` (see BibliographyLookup). Names are compared accent-,
   * case- and punctuation-insensitively, with or without particles ("van der Berg" / "Berg"), and
   * corporate names whole. Without `etAl` the entry must have exactly these names, in order; with
   * `etAl` they must be its first names (lists cut short by "and others" still match).
   * Years: '2016b' matches only the label 2016b; '2016' matches entries labelled 2016, and only when
   * there are none, entries of 2016 with a suffix (one → a match, several → all, so callers can call
   * it ambiguous); 'n.d.' matches entries without a year.
   */
  findByAuthorYear(names: readonly string[], yearLabel: string, etAl: boolean): readonly BibEntry[] {
    const wanted = names.map(foldName).filter((n) => n !== '');
    if (wanted.length === 0) return [];
    const ids = this.firstNameIndex().get(wanted[0]) ?? [];
    const candidates = ids.map((g) => this.columns.entryAt(g)).filter((entry) => namesMatch(entry, wanted, etAl));
    return filterByYear(candidates, yearLabel);
  }

  /**
   * Keys and first-author names prepared for did-you-mean suggestions (lint's unknown-key), built on
   * first use: ~0.2 s for 50,000 entries.
   */
  suggestionIndex(): SuggestionIndex {
    return (this.suggestions ??= buildSuggestionIndex(this.columns));
  }

  private firstNameIndex(): Map<string, number[]> {
    if (!this.byFirstName) {
      this.byFirstName = new Map();
      for (let g = 0; g < this.size; g++) {
        for (const form of this.columns.citedFormsAt(g)) {
          const list = this.byFirstName.get(form);
          if (list) list.push(g);
          else this.byFirstName.set(form, [g]);
        }
      }
    }
    return this.byFirstName;
  }
}

/** One file of an index: its entries' columns, and where each entry is in the index. */
export interface IndexSegment {
  readonly loaded: LoadedFile;
  readonly columns: EntryColumns;
  /** Position in the file → global id (position in `entries`), or -1 where an earlier file defines the key. */
  readonly globalIds: Int32Array;
  /** How many of the file's entries are hidden by earlier definitions. */
  readonly hidden: number;
}

const NONE = new Int32Array(0);

function namesMatch(entry: BibEntry, wanted: readonly string[], etAl: boolean): boolean {
  const people = citedNamesOf(entry);
  if (etAl ? people.length < wanted.length : people.length !== wanted.length) return false;
  return wanted.every((name, i) => citedFormsOf(people[i]).includes(name));
}

const NO_DATE: ReadonlySet<string> = new Set(['n.d.', 'nd', 'n.d', 'no date', 's.d.', 'o.j.']);

function filterByYear(entries: readonly BibEntry[], yearLabel: string): readonly BibEntry[] {
  const label = yearLabel.trim().toLowerCase();
  if (NO_DATE.has(label)) return entries.filter((e) => e.year === undefined);
  const exact = entries.filter((e) => (e.yearLabel ?? '').toLowerCase() === label);
  if (exact.length > 0 || !/^\d{4}$/.test(label)) return exact;
  const year = Number(label);
  return entries.filter((e) => e.year === year);
}

function crossFileDuplicate(entry: BibEntry, first: BibEntry): BibProblem {
  const { file, line, column } = entry.location;
  return bibProblem(
    'duplicate-key',
    'warning',
    file,
    `duplicate key '${entry.key}': also defined at ${first.location.file}:${first.location.line}, which is used (the first bibliography listed wins)`,
    line,
    column,
    entry.key,
  );
}
