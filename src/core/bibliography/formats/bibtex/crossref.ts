import { isPrototypeKey } from './citationJsTables';
import type { FieldValue, ParsedFields } from './cslMapping';

/**
 * Crossref inheritance as citation-js does it (plugin-bibtex lib/mapping/crossref.js), on parsed
 * fields: a child takes its parent's fields (the parent's own inheritance resolved first) except a few
 * bookkeeping ones, a book's author becomes a book part's `bookauthor`, a book's or collection's or
 * periodical's title becomes the part's `booktitle` / `maintitle` / `journaltitle`, and the child's own
 * fields win. Undefined: citation-js would loop (a cycle) or fails.
 */

/** An entry the crossref key names, with its own fields read; null when they could not be read. */
export interface CrossrefParent {
  readonly type: string;
  readonly label: string;
  readonly fields: ParsedFields;
}

export type ParentLookup = (key: string) => CrossrefParent | null | undefined;

/** Fields a child never inherits (citation-js's list, its `shortand` typos included). */
const NOT_INHERITED = ['ids', 'crossref', 'xref', 'entryset', 'entrysubtype', 'execute', 'label', 'options', 'presort', 'related', 'relatedoptions', 'relatedstring', 'relatedtype', 'shortand', 'shortandintro', 'sortkey'];
const BOOK = ['book', 'inbook', 'bookinbook', 'suppbook'];
const BOOK_PART = ['inbook', 'bookinbook', 'suppbook'];
const COLLECTION = ['collection', 'reference', 'incollection', 'inreference', 'suppcollection'];
const COLLECTION_PART = ['incollection', 'inreference', 'suppcollection'];
const PROCEEDINGS = ['proceedings', 'inproceedings'];
const PROCEEDINGS_PART = ['inproceedings'];
const PERIODICAL_PART = ['article', 'suppperiodical'];
/** Parent type → the prefix its title takes in a child of one of these types. */
const TITLE_MAP: ReadonlyMap<string, readonly [string, readonly string[]]> = new Map([
  ['mvbook', ['main', BOOK]],
  ['mvcollection', ['main', COLLECTION]],
  ['mvreference', ['main', COLLECTION]],
  ['mvproceedings', ['main', PROCEEDINGS]],
  ['book', ['book', BOOK_PART]],
  ['collection', ['book', COLLECTION_PART]],
  ['reference', ['book', COLLECTION_PART]],
  ['proceedings', ['book', PROCEEDINGS_PART]],
  ['periodical', ['journal', PERIODICAL_PART]],
]);
const TITLES_DROPPED = ['title', 'subtitle', 'titleaddon', 'shorttitle', 'sorttitle', 'indextitle', 'indexsorttitle'];

/** The fields of an entry (`type`, `label`, its own `fields`) with what it inherits through `crossref`. */
export function withInherited(type: string, label: string, fields: ParsedFields, parentOf: ParentLookup, seen: readonly string[] = []): ParsedFields | undefined {
  const key = fields.crossref;
  if (key === undefined) return fields;
  if (typeof key !== 'string' || isPrototypeKey(key)) return undefined;
  const parent = parentOf(key);
  if (parent === undefined) return fields; // not in the file: nothing inherited
  if (parent === null) return undefined; // its fields are beyond the fast path
  if (parent.label === label) return fields; // itself
  if (seen.includes(parent.label)) return undefined; // a cycle: citation-js recurses until its stack overflows
  const inherited = withInherited(parent.type, parent.label, parent.fields, parentOf, [...seen, label]);
  if (inherited === undefined) return undefined;
  const data: Record<string, FieldValue | undefined> = Object.assign(Object.create(null) as object, inherited);
  for (const name of NOT_INHERITED) delete data[name];
  if ((parent.type === 'mvbook' || parent.type === 'book') && BOOK_PART.includes(type)) data.bookauthor = data.author;
  const titled = TITLE_MAP.get(parent.type);
  if (titled && titled[1].includes(type)) {
    const prefix = titled[0];
    data[`${prefix}title`] = data.title;
    data[`${prefix}subtitle`] = data.subtitle;
    if (prefix !== 'journal') data[`${prefix}titleaddon`] = data.titleaddon;
    for (const name of TITLES_DROPPED) delete data[name];
  }
  return Object.assign(data, fields);
}
