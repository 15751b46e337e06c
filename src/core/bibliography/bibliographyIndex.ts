import type { BibEntry, BibliographyLookup, BibProblem, LoadedFile, SourceLocation } from '../types';
import { hubDoiSuffixOf, normaliseHubLookupKey } from './hubKeys';
import { loadBibliographyFile } from './loadFile';
import { citedFormsOf, citedNamesOf, foldName } from './nameMatching';
import { bibProblem } from './problems';
import { runAtOnce, runInSlices, type SliceOptions, type Steps } from '../scheduling/timeSlices';

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
  private allEntries: readonly BibEntry[] = [];
  private allProblems: readonly BibProblem[] = [];
  private readonly byKey = new Map<string, BibEntry>();
  private readonly byHub = new Map<string, BibEntry>();
  /** Folded cited name of the first author (all forms) → entries. */
  private readonly byFirstName = new Map<string, BibEntry[]>();

  private constructor(readonly files: readonly LoadedFile[]) {}

  get entries(): readonly BibEntry[] {
    return this.allEntries;
  }

  get problems(): readonly BibProblem[] {
    return this.allProblems;
  }

  private *build(): Steps<this> {
    const entries: BibEntry[] = [];
    const problems: BibProblem[] = [];
    let added = 0;
    for (const file of this.files) {
      problems.push(...file.problems);
      for (const entry of file.entries) {
        if ((++added & 511) === 0) yield;
        const first = this.byKey.get(entry.key);
        if (first) {
          if (first.location.file !== entry.location.file) problems.push(crossFileDuplicate(entry, first));
          continue;
        }
        this.byKey.set(entry.key, entry);
        entries.push(entry);
        this.addHubKeys(entry);
        this.addNames(entry);
      }
    }
    this.allEntries = entries;
    this.allProblems = problems;
    return this;
  }

  /** An index over already loaded files (in priority order). */
  static fromFiles(loaded: readonly LoadedFile[]): BibliographyIndex {
    return runAtOnce(new BibliographyIndex([...loaded]).build());
  }

  /** The same index, built in time slices so that the caller's event loop keeps running (the extension host). */
  static fromFilesInSlices(loaded: readonly LoadedFile[], options?: SliceOptions): Promise<BibliographyIndex> {
    return runInSlices(new BibliographyIndex([...loaded]).build(), options);
  }

  /**
   * Loads the files concurrently and indexes them in the given order. Never throws: unreadable files
   * become problems. If `signal` is aborted, files not yet read are left out (without a problem).
   */
  static async load(paths: readonly string[], opts: { signal?: AbortSignal } = {}): Promise<BibliographyIndex> {
    const unique = [...new Set(paths)];
    const loaded = await Promise.all(
      unique.map(async (path): Promise<LoadedFile | undefined> => {
        if (opts.signal?.aborted) return undefined;
        try {
          return await loadBibliographyFile(path);
        } catch (error) {
          // loadBibliographyFile does not throw; this guards against the unexpected all the same.
          return { file: path, format: 'bibtex', entries: [], problems: [bibProblem('unreadable-file', 'error', path, `cannot read the bibliography: ${String(error)}`)] };
        }
      }),
    );
    return BibliographyIndex.fromFiles(loaded.filter((f): f is LoadedFile => f !== undefined));
  }

  /** A new index with `loaded` replacing the file of the same path (appended if new); other files' entries are reused as they are. */
  withFile(loaded: LoadedFile): BibliographyIndex {
    const at = this.files.findIndex((f) => f.file === loaded.file);
    const files = [...this.files];
    if (at >= 0) files[at] = loaded;
    else files.push(loaded);
    return BibliographyIndex.fromFiles(files);
  }

  /** A new index without the file at `path`. */
  withoutFile(path: string): BibliographyIndex {
    return BibliographyIndex.fromFiles(this.files.filter((f) => f.file !== path));
  }

  get(key: string): BibEntry | undefined {
    return this.byKey.get(key);
  }

  locationOf(key: string): SourceLocation | undefined {
    return this.byKey.get(key)?.location;
  }

  /** By library key (case-insensitive), Hub DOI (`10.53832/edtechhub.0176`) or its suffix (`edtechhub.0176`). */
  byHubKey(hubKey: string): BibEntry | undefined {
    return this.byHub.get(normaliseHubLookupKey(hubKey));
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
    const candidates = (this.byFirstName.get(wanted[0]) ?? []).filter((entry) => namesMatch(entry, wanted, etAl));
    return filterByYear(candidates, yearLabel);
  }

  private addHubKeys(entry: BibEntry): void {
    const forms = [entry.hubKey, entry.doi, hubDoiSuffixOf(entry.doi)];
    for (const form of forms) {
      if (!form) continue;
      const key = normaliseHubLookupKey(form);
      if (!this.byHub.has(key)) this.byHub.set(key, entry);
    }
  }

  private addNames(entry: BibEntry): void {
    for (const form of firstAuthorForms(entry)) {
      const list = this.byFirstName.get(form);
      if (list) list.push(entry);
      else this.byFirstName.set(form, [entry]);
    }
  }
}

/**
 * Folded forms of an entry's first cited name, kept per entry object: re-indexing after an edit
 * reuses the unchanged entries' objects (see entryMemo), and folding 50,000 names took most of it.
 */
const firstAuthorFormsCache = new WeakMap<BibEntry, readonly string[]>();

function firstAuthorForms(entry: BibEntry): readonly string[] {
  let forms = firstAuthorFormsCache.get(entry);
  if (!forms) {
    const first = citedNamesOf(entry)[0];
    forms = first ? citedFormsOf(first) : [];
    firstAuthorFormsCache.set(entry, forms);
  }
  return forms;
}

function namesMatch(entry: BibEntry, wanted: readonly string[], etAl: boolean): boolean {
  const people = citedNamesOf(entry);
  if (etAl ? people.length < wanted.length : people.length !== wanted.length) return false;
  return wanted.every((name, i) => citedFormsOf(people[i]).includes(name));
}

const NO_DATE = new Set(['n.d.', 'nd', 'n.d', 'no date', 's.d.', 'o.j.']);

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
