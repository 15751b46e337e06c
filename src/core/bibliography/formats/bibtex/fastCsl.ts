import type { CslItem, RawBibtexEntry } from '../../citationJs';
import { FIELD_TYPES, isPrototypeKey } from './citationJsTables';
import { mapFieldsToCsl, type FieldValue } from './cslMapping';
import { LatexValueReader } from './latexValue';

/**
 * The fast BibTeX → CSL path: the CSL item citation-js's `entries.parse` would make of one raw entry
 * (its field parsing: LaTeX to Unicode, names, lists, dates; then its BibLaTeX mapping), at a small
 * fraction of the cost. It declines — and the caller asks citation-js — whenever it is not sure to give
 * the same item: crossref (inherited fields), annotations (`author+an`), math with sub/superscripts,
 * environments, biblatex's `family=` names, anything citation-js would throw on, names that are
 * members of Object.prototype. It never gives a different answer: that is what its differential tests
 * check against citation-js, entry by entry, on the real libraries and on random mutations of them.
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

export function fastBibtexToCsl(entry: RawBibtexEntry): CslItem | Declined {
  if (entry.annotations && Object.keys(entry.annotations).length > 0) return DECLINED;
  if (isPrototypeKey(entry.type)) return DECLINED;
  const reader = new LatexValueReader();
  const fields: Record<string, FieldValue> = Object.create(null) as Record<string, FieldValue>;
  // citation-js reads `language` first, even when empty (giving []); a bare number makes its lexer throw.
  const language = entry.properties.language;
  if (typeof language === 'number') return DECLINED;
  if (language === '') fields.language = [];
  for (const name of Object.keys(entry.properties)) {
    // Inherited fields depend on another entry; citation-js resolves them across the file.
    if (name === 'crossref' || isPrototypeKey(name)) return DECLINED;
    const raw = entry.properties[name];
    if (raw === '') continue;
    const value = readField(reader, name, String(raw));
    if (value === undefined) return DECLINED;
    fields[name] = value;
  }
  return mapFieldsToCsl(entry.type, entry.label, fields) ?? DECLINED;
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
