import type { CslItem, RawBibtexEntry } from '../citationJs';
import { FIELD_TYPES, isPrototypeKey } from './citationJsTables';
import { withInherited } from './crossref';
import { mapFieldsToCsl, type FieldValue, type ParsedFields } from './cslMapping';
import { LatexValueReader } from './latexValue';

/**
 * The fast BibTeX → CSL path: the CSL item citation-js's `entries.parse` would make of one raw entry
 * (its field parsing: LaTeX to Unicode, names, lists, dates; crossref inheritance; then its BibLaTeX
 * mapping), at a fraction of the cost. It declines — and the caller asks citation-js — whenever it is
 * not sure to give the same item: annotations (`author+an`), crossref cycles, environments, biblatex's
 * `family=` names, anything citation-js would throw on, names that are members of Object.prototype.
 * It never gives a different answer: that is what its differential tests check against citation-js,
 * entry by entry, on the real libraries and on random mutations of them.
 */

export const DECLINED = 'declined';
export type Declined = typeof DECLINED;

/** How citation-js's value grammar reads a field, by its field type (constants.js fieldTypes). */
type Reading = 'plain' | 'names' | 'list' | 'separated' | 'verbatim' | 'uri' | 'unsupported';

function readingOf(kind: string, type: string): Reading {
  if (kind === 'field') {
    if (type === 'verbatim' || type === 'uri') return type;
    // A single name, or a list type on a plain field: citation-js has no such field; not mirrored.
    return type === 'name' || type === 'list' || type === 'separated' ? 'unsupported' : 'plain';
  }
  if (type === 'title') return 'unsupported';
  if (kind === 'list') return type === 'name' ? 'names' : 'list';
  return kind === 'separated' ? 'separated' : 'unsupported';
}

/** Fields not in the table are read as plain text. */
const READINGS: ReadonlyMap<string, Reading> = new Map([...FIELD_TYPES].map(([field, [kind, type]]) => [field, readingOf(kind, type)]));

/** The raw entry a crossref key names, as the parser hands the file's entries to citation-js. */
export type RawEntryOf = (key: string) => RawBibtexEntry | undefined;

/**
 * The CSL item citation-js makes of `entry`, or DECLINED. `entryOf` finds a crossref parent among the
 * file's entries (without it, an entry with a crossref is declined). Fields named `leftOut` are read
 * as if the entry did not have them (without a copy of the entry that lacks them).
 */
export function fastBibtexToCsl(entry: RawBibtexEntry, entryOf?: RawEntryOf, leftOut?: (name: string) => boolean): CslItem | Declined {
  const reader = new LatexValueReader();
  const own = readFields(entry, reader, leftOut);
  if (own === undefined) return DECLINED;
  let fields: ParsedFields | undefined = own;
  if ('crossref' in own) {
    if (!entryOf) return DECLINED;
    fields = withInherited(entry.type, entry.label, own, (key) => {
      const parent = entryOf(key);
      if (parent === undefined) return undefined;
      const parentFields = readFields(parent, reader);
      return parentFields ? { type: parent.type, label: parent.label, fields: parentFields } : null;
    });
    // A book part of a book without author inherits an undefined `bookauthor`, which citation-js cannot read.
    if (fields === undefined || ('bookauthor' in fields && fields.bookauthor === undefined)) return DECLINED;
    // citation-js maps the parent in the same call (as the parser calls it): if the parent fails, so does the child.
    const parent = entryOf(own.crossref as string);
    if (parent && parent.label !== entry.label && fastBibtexToCsl(parent, entryOf) === DECLINED) return DECLINED;
  }
  return mapFieldsToCsl(entry.type, entry.label, fields) ?? DECLINED;
}

/** The entry's fields as citation-js's value grammar reads them; undefined where it is not mirrored. */
function readFields(entry: RawBibtexEntry, reader: LatexValueReader, leftOut?: (name: string) => boolean): ParsedFields | undefined {
  if (entry.annotations && Object.keys(entry.annotations).length > 0) return undefined;
  if (isPrototypeKey(entry.type)) return undefined;
  const fields: Record<string, FieldValue> = Object.create(null) as Record<string, FieldValue>;
  // citation-js reads `language` first, even when empty (giving []); a bare number makes its lexer throw.
  const language = entry.properties.language;
  if (typeof language === 'number') return undefined;
  if (language === '') fields.language = [];
  for (const name of Object.keys(entry.properties)) {
    if (leftOut?.(name)) continue;
    if (isPrototypeKey(name)) return undefined;
    const raw = entry.properties[name];
    if (raw === '') continue;
    const value = readField(reader, name, String(raw));
    if (value === undefined) return undefined;
    // The parser finds crossref parents by the key as written, citation-js by the key as read: only
    // where the two agree is the parent the same.
    if (name === 'crossref' && value !== raw) return undefined;
    fields[name] = value;
  }
  return fields;
}

function readField(reader: LatexValueReader, name: string, value: string): FieldValue | undefined {
  switch (READINGS.get(name) ?? 'plain') {
    case 'plain':
      return reader.plain(value);
    case 'names':
      return reader.names(value);
    case 'list':
      return reader.list(value);
    case 'separated':
      return reader.separated(value);
    case 'verbatim':
      return reader.verbatim(value);
    case 'uri':
      return reader.uri(value);
    case 'unsupported':
      return undefined;
  }
}
