/**
 * What indexes need to know of every entry, asked for by position, without building the entries
 * (the EntryColumns contract is in core/types).
 *
 * A 50,000-entry library read back from the disk cache is a few typed arrays and one buffer: turning
 * it into 50,000 BibEntry objects (~1.5 million small objects) took ~0.5 s and ~150 MB. The
 * bibliography index, the citation search and the did-you-mean suggestions need only keys, years and
 * first-author names, which a packed file holds as columns; everything else is built per entry when
 * something reads it (completion items, hovers, a lint message). Plain arrays of entries (a fresh
 * parse, the CLI, tests) get the same interface, computed from the entries (ArrayColumns).
 */
import type { BibEntry, EntryColumns, LoadedFile, SourceLocation } from '../../types';
import { hubDoiSuffixOf, normaliseHubLookupKey, zoteroLookupForm } from '../formats/hubKeys';
import { foldLetters, isAscii } from '../../text/foldLetters';
import { citedFormsOf, citedNamesOf } from './nameMatching';

/** A file's columns: those it came with, else computed from its entries. */
export function columnsOf(file: LoadedFile): EntryColumns {
  return file.columns ?? new ArrayColumns(file.entries);
}

/**
 * An array-like list whose entries are built from `columns` when read, and kept while something else
 * holds them (so that the same position gives the same object meanwhile): a document's hundreds of
 * claims, searched for evidence, reach thousands of entries of a big library, which would otherwise
 * stay built for as long as the library is loaded (~40 MB at 50,000 entries). It is a real array behind
 * a Proxy, so every reader of `readonly BibEntry[]` works unchanged (indexing, length, for…of, map,
 * filter, slice); readers that only need keys or names use the columns.
 */
export function lazyEntryList(columns: EntryColumns): readonly BibEntry[] {
  const built: BibEntry[] = new Array<BibEntry>(columns.size);
  const kept: (WeakRef<BibEntry> | undefined)[] = new Array<WeakRef<BibEntry> | undefined>(columns.size);
  const entryAt = (i: number): BibEntry => {
    let entry = kept[i]?.deref();
    if (!entry) kept[i] = new WeakRef((entry = columns.entryAt(i)));
    return entry;
  };
  const indexOf = (property: string | symbol): number => {
    if (typeof property !== 'string') return -1;
    const code = property.charCodeAt(0);
    if (code < 48 || code > 57) return -1;
    const i = Number(property);
    return Number.isInteger(i) && i < columns.size && String(i) === property ? i : -1;
  };
  return new Proxy(built, {
    get(target, property, receiver) {
      const i = indexOf(property);
      if (i < 0) return Reflect.get(target, property, receiver) as unknown;
      return entryAt(i);
    },
    has(target, property) {
      return indexOf(property) >= 0 || Reflect.has(target, property);
    },
    getOwnPropertyDescriptor(target, property) {
      const i = indexOf(property);
      if (i < 0) return Reflect.getOwnPropertyDescriptor(target, property);
      return { value: entryAt(i), writable: true, enumerable: true, configurable: true };
    },
    ownKeys(target) {
      const keys: (string | symbol)[] = [];
      for (let i = 0; i < columns.size; i++) keys.push(String(i));
      return [...keys, ...Reflect.ownKeys(target).filter((k) => indexOf(k) < 0)];
    },
    set() {
      return false; // read-only, like every entry list
    },
  });
}

/** Columns computed from built entries (cheap per entry; folded names are kept once computed). */
export class ArrayColumns implements EntryColumns {
  private readonly citedForms: (readonly string[] | undefined)[];
  private readonly names: (string | undefined)[];

  constructor(private readonly entries: readonly BibEntry[]) {
    this.citedForms = new Array(entries.length);
    this.names = new Array(entries.length);
  }

  /**
   * Columns of a re-parse whose entry `i` is the entry at `rowOf(i)` of `earlier` (-1: parsed anew):
   * the names `earlier` has folded are copied (folding 50,000 names was most of a re-index), and
   * `earlier` is not kept.
   */
  static reusing(entries: readonly BibEntry[], earlier: EntryColumns, rowOf: (i: number) => number): ArrayColumns {
    const columns = new ArrayColumns(entries);
    if (!(earlier instanceof ArrayColumns)) return columns;
    for (let i = 0; i < entries.length; i++) {
      const row = rowOf(i);
      if (row < 0) continue;
      columns.citedForms[i] = earlier.citedForms[row];
      columns.names[i] = earlier.names[row];
    }
    return columns;
  }

  get size(): number {
    return this.entries.length;
  }

  keyAt(i: number): string {
    return this.entries[i]!.key;
  }

  yearAt(i: number): number | undefined {
    return this.entries[i]!.year;
  }

  entryAt(i: number): BibEntry {
    return this.entries[i]!;
  }

  locationAt(i: number): SourceLocation {
    return this.entries[i]!.location;
  }

  citedFormsAt(i: number): readonly string[] {
    return (this.citedForms[i] ??= citedFormsOfEntry(this.entries[i]!));
  }

  suggestNameAt(i: number): string {
    return (this.names[i] ??= suggestNameOf(this.entries[i]!));
  }

  hubFormsAt(i: number): readonly string[] {
    return hubFormsOf(this.entries[i]!);
  }
}

/** Folded forms of an entry's first cited name. */
export function citedFormsOfEntry(entry: BibEntry): readonly string[] {
  const first = citedNamesOf(entry)[0];
  return first ? citedFormsOf(first) : [];
}

export function hubFormsOf(entry: BibEntry): string[] {
  const forms: string[] = [];
  for (const form of [entry.hubKey, entry.doi, hubDoiSuffixOf(entry.doi)]) if (form) forms.push(normaliseHubLookupKey(form));
  for (const key of new Set([entry.zoteroKey, entry.hubKey])) if (key) forms.push(zoteroLookupForm(key));
  return forms;
}

/** Accent- and case-insensitive form of a name (did-you-mean compares these). */
export function normaliseName(name: string): string {
  return isAscii(name) ? normaliseAsciiName(name) : normaliseAnyName(name);
}

/** normaliseName's steps, for any text: letters folded (foldLetters), runs of anything but letters and digits one space. */
export function normaliseAnyName(name: string): string {
  return foldLetters(name)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** normaliseName of an ASCII name in one pass: lower case, runs of other characters than letters and digits one space, trimmed. */
function normaliseAsciiName(name: string): string {
  let out = '';
  let space = false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const lower = c >= 65 && c <= 90 ? c + 32 : c;
    if ((lower >= 97 && lower <= 122) || (c >= 48 && c <= 57)) {
      if (space && out !== '') out += ' ';
      space = false;
      out += String.fromCharCode(lower);
    } else {
      space = true;
    }
  }
  return out;
}

/** The family (or corporate) name of the first author, else the first editor. */
export function firstAuthorName(entry: BibEntry): string | undefined {
  const p = entry.authors[0] ?? entry.editors?.[0];
  return p ? (p.family ?? p.literal) : undefined;
}

export function suggestNameOf(entry: BibEntry): string {
  const first = firstAuthorName(entry);
  return first ? normaliseName(first) : '';
}
