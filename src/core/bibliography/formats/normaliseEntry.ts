import type { BibEntry, Person, SourceLocation } from '../../types';
import type { CslItem, RawBibtexEntry } from './citationJs';
import { hubKeyOf, zoteroItemOf } from './hubKeys';
import { latexToUnicode } from './latexToUnicode';

/**
 * Turns a CSL-JSON item (from any format) into a BibEntry. For BibTeX entries the raw fields add what
 * CSL loses: which names were braced as corporate (`{World Bank}`), an `organization` standing in for
 * a missing author, and a year written with its suffix letter (`year = {2016b}`).
 */
const DATE_FIELDS = ['issued', 'accessed', 'original-date', 'event-date', 'submitted'] as const;

export function normaliseCslItem(item: CslItem, key: string, location: SourceLocation, raw?: RawBibtexEntry, separateAbstract?: string): BibEntry {
  return normaliseOwnCslItem({ ...item }, key, location, raw, separateAbstract);
}

/**
 * As normaliseCslItem, for an item made for this call (as the BibTeX mappings make theirs): the item
 * is completed in place and becomes the entry's `csl`, rather than copied first.
 */
export function normaliseOwnCslItem(csl: CslItem, key: string, location: SourceLocation, raw?: RawBibtexEntry, separateAbstract?: string): BibEntry {
  csl.id = key;
  // (An abstract read apart from the item, as a BibTeX entry's is: set here rather than in another copy.)
  if (separateAbstract !== undefined) csl.abstract = separateAbstract;
  // citation-js leaves `{literal: undefined}` for a date it cannot read ("Ma%/…"): stored as JSON
  // (the cache) that key vanishes, so it is dropped here and a cached entry equals a fresh one.
  for (const field of DATE_FIELDS) {
    const date = csl[field] as Record<string, unknown> | undefined;
    if (date && typeof date === 'object' && hasUndefinedValue(date)) {
      csl[field] = Object.fromEntries(Object.entries(date).filter(([, v]) => v !== undefined));
    }
  }
  for (const role of ['author', 'editor'] as const) {
    if (!Array.isArray(csl[role])) continue;
    const rawNames = raw?.properties[role];
    const names = cleanNames(csl[role] as unknown[], typeof rawNames === 'string' ? rawNames : undefined);
    if (names !== csl[role]) csl[role] = names;
  }
  if (raw && typeof csl.genre === 'string' && Object.hasOwn(BIBLATEX_TYPE_GENRE, csl.genre)) {
    const genre = BIBLATEX_TYPE_GENRE[csl.genre];
    if (genre) csl.genre = genre;
    else delete csl.genre;
  }
  let authors = personsOf(csl.author);
  const editors = personsOf(csl.editor);
  if (raw && authors.length === 0 && editors.length === 0 && typeof raw.properties.organization === 'string') {
    // A work "by" an organisation with no person named (the Hub's blog posts): cite it as the
    // organisation, as APA does for group authors.
    const organisation = latexToUnicode(raw.properties.organization);
    if (organisation) {
      authors = [{ literal: organisation }];
      csl.author = [{ literal: organisation }];
    }
  }
  const { year, yearLabel } = yearOf(csl, raw, key);
  const title = displayText(csl.title);
  const container = displayText(csl['container-title']) ?? displayText(csl['collection-title']);
  const publisher = displayText(csl.publisher);
  const doi = cleanDoi(stringOf(csl.DOI));
  const url = stringOf(csl.URL);
  const abstract = displayText(csl.abstract);
  const keywords = splitKeywords(csl.keyword);
  const hubKey = findHubKey(csl, raw);
  const zoteroKey = findZoteroKey(key, csl, raw);
  // Built by assignment, not conditional spreads: this runs for every entry of every library.
  const entry: { -readonly [K in keyof BibEntry]: BibEntry[K] } = {
    key,
    type: typeof csl.type === 'string' && csl.type ? csl.type : 'document',
    authors,
    keywords,
    location,
    csl,
  };
  if (title !== undefined) entry.title = title;
  if (editors.length > 0) entry.editors = editors;
  if (year !== undefined) entry.year = year;
  if (yearLabel !== undefined) entry.yearLabel = yearLabel;
  if (container !== undefined) entry.container = container;
  if (publisher !== undefined) entry.publisher = publisher;
  if (doi !== undefined) entry.doi = doi;
  if (url !== undefined) entry.url = url;
  if (abstract !== undefined) entry.abstract = abstract;
  if (hubKey !== undefined) entry.hubKey = hubKey;
  if (zoteroKey !== undefined) entry.zoteroKey = zoteroKey;
  return entry;
}

/**
 * BibLaTeX type keys that citation-js leaves in CSL `genre` (from `@techreport`, `@phdthesis`, or
 * `type = {mathesis}`), which APA would print as "[Techreport]": the words APA uses instead, or none
 * where the CSL type says it already (a report, software, a patent).
 */
const BIBLATEX_TYPE_GENRE: Readonly<Record<string, string | undefined>> = {
  techreport: undefined,
  resreport: undefined,
  software: undefined,
  patent: undefined,
  phdthesis: 'Doctoral dissertation',
  mathesis: "Master's thesis",
  bathesis: "Bachelor's thesis",
  candthesis: 'Candidate thesis',
  datacd: 'Data CD',
  audiocd: 'Audio CD',
};

function hasUndefinedValue(record: Record<string, unknown>): boolean {
  for (const key in record) if (Object.hasOwn(record, key) && record[key] === undefined) return true;
  return false;
}

function stringOf(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Readable text: citation-js already converts LaTeX; this catches what it leaves (and CSL-JSON with LaTeX in it). */
function displayText(value: unknown): string | undefined {
  const text = stringOf(value);
  if (text === undefined) return undefined;
  // One scan for what the steps below look for: LaTeX, whitespace to collapse, a dotless ı.
  let latex = false;
  let spacing = false;
  let dotless = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 || c === 123 || c === 125) latex = true;
    else if (c === 32) spacing ||= text.charCodeAt(i + 1) === 32;
    else if (c === 0x131) dotless = true;
    else if (isSpace(c)) spacing = true;
  }
  let cleaned = latex ? latexToUnicode(text) : spacing ? text.replace(/\s+/g, ' ') : text;
  // `{\'\i}` comes out of citation-js as dotless ı + combining accent; people expect í.
  if (latex ? cleaned.includes('ı') : dotless) cleaned = cleaned.replace(/ı(?=[\u0300-\u036f])/g, 'i').normalize('NFC');
  return cleaned === '' ? undefined : cleaned;
}

function personsOf(value: unknown): Person[] {
  if (!Array.isArray(value)) return [];
  const persons: Person[] = [];
  for (const name of value) {
    if (typeof name === 'string') {
      if (name.trim()) persons.push({ literal: latexToUnicode(name) });
      continue;
    }
    if (!name || typeof name !== 'object') continue;
    const n = name as Record<string, unknown>;
    const literal = displayText(n.literal);
    if (literal) {
      persons.push(splitInitialsLiteral(literal));
      continue;
    }
    const dropping = n['dropping-particle'] === undefined ? undefined : displayText(n['dropping-particle']);
    const nonDropping = n['non-dropping-particle'] === undefined ? undefined : displayText(n['non-dropping-particle']);
    const particle = dropping && nonDropping ? `${dropping} ${nonDropping}` : (dropping ?? nonDropping ?? '');
    const familyOnly = displayText(n.family);
    const family = familyOnly && particle ? `${particle} ${familyOnly}` : familyOnly;
    const given = displayText(n.given);
    if (family === undefined) {
      if (given !== undefined) persons.push({ given });
    } else {
      persons.push(given === undefined ? { family } : { family, given });
    }
  }
  return persons;
}

/** "Liu R." / "Adler D.G." (Embase RIS) is a person, not an organisation: family + initials. */
function splitInitialsLiteral(literal: string): Person {
  const match = /^([\p{Lu}][\p{L}'’-]+(?: [\p{L}'’-]+)*) ((?:\p{Lu}\.?-?){1,4})$/u.exec(literal);
  return match ? { family: match[1], given: match[2] } : { literal };
}

/**
 * Drops BibTeX's "and others" (et al., not a person), marks names braced whole in BibTeX
 * (`{World Bank}`, `{{EdTech Hub}}`) as organisations (citation-js reads those as a family name, so
 * they become `literal`), and mends names that begin with a braced accent (see mendedParticle); names
 * are matched by position in the raw `and`-separated list. Returns the same array when nothing changed.
 */
function cleanNames(names: unknown[], rawNames: string | undefined): unknown[] {
  // The raw list is split only for a name that needs it (most have a given name and no particle).
  let rawList: string[] | undefined;
  let cleaned: unknown[] | undefined; // made at the first change
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    const n = name as Record<string, unknown> | null;
    const family = typeof n?.family === 'string' ? n.family : undefined;
    const bare = n !== null && typeof n === 'object' && family !== undefined && n.given === undefined && n['non-dropping-particle'] === undefined;
    if (bare && family.toLowerCase() === 'others') {
      cleaned ??= names.slice(0, i);
      continue;
    }
    let replacement: unknown;
    if (bare) {
      const list = (rawList ??= splitRawNames(rawNames));
      const corporate = list !== undefined && (list.length === names.length ? isWhollyBraced(list[i]!) : family.includes(' '));
      if (corporate) replacement = { literal: family };
    } else if (n && hasCapitalisedParticle(n)) {
      const list = (rawList ??= splitRawNames(rawNames));
      if (list !== undefined && list.length === names.length) replacement = mendedParticle(n, list[i]!);
    }
    if (replacement !== undefined) {
      cleaned ??= names.slice(0, i);
      cleaned.push(replacement);
    } else {
      cleaned?.push(name);
    }
  }
  return cleaned ?? names;
}

/** The raw name list split on ` and ` ("others" kept: names are matched by position), or undefined. */
function splitRawNames(rawNames: string | undefined): string[] | undefined {
  return rawNames === undefined ? undefined : splitNameList(rawNames, true);
}

/** What mendedParticle mends: a particle that starts with a capital, before a family name. */
function hasCapitalisedParticle(name: Record<string, unknown>): boolean {
  const particle = name['non-dropping-particle'];
  return typeof particle === 'string' && typeof name.family === 'string' && /^\p{Lu}/u.test(particle);
}

/**
 * citation-js reads a name part that begins with a braced accent (`{\c{C}}etinkaya-Rundel`) as
 * lowercase, so as a "von" particle: family "Rundel", particle "Çetinkaya", and the hyphen is lost.
 * BibTeX's von part is lowercase words only, so a particle that starts with a capital is put back
 * where BibTeX puts it: into the family name (joined as written, "Çetinkaya-Rundel"), or, in the
 * "First Last" form, into the given names.
 */
function mendedParticle(name: Record<string, unknown>, raw: string): Record<string, unknown> | undefined {
  const particle = name['non-dropping-particle'];
  const family = name.family;
  if (typeof particle !== 'string' || typeof family !== 'string' || !/^\p{Lu}/u.test(particle)) return undefined;
  const { 'non-dropping-particle': _, ...rest } = name;
  const written = latexToUnicode(raw);
  if (written.includes(`${particle}-${family}`)) return { ...rest, family: `${particle}-${family}` };
  if (topLevelComma(raw)) return { ...rest, family: `${particle} ${family}` }; // "Çetinkaya Rundel, M."
  // "First Last": the capitalised word belongs to the given names ("Émile Zola").
  return { ...rest, given: rest.given === undefined ? particle : `${String(rest.given)} ${particle}` };
}

function topLevelComma(raw: string): boolean {
  let depth = 0;
  for (const c of raw) {
    if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) return true;
  }
  return false;
}

/** Splits a BibTeX name list on top-level ` and `. */
export function splitNameList(raw: string, keepOthers = false): string[] {
  const names: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 123 /* { */) depth++;
    else if (c === 125 /* } */) depth = Math.max(0, depth - 1);
    else if (depth === 0 && isSpace(c)) {
      const end = andSeparatorEnd(raw, i);
      if (end < 0) continue;
      names.push(raw.slice(start, i).trim());
      i = end - 1;
      start = end;
    }
  }
  names.push(raw.slice(start).trim());
  return names.filter((n) => n !== '' && (keepOthers || n.toLowerCase() !== 'others'));
}

/** JavaScript's `\s`. */
function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    (c >= 0xa0 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff))
  );
}

/**
 * Where a separating ` and ` that starts with the whitespace at `i` ends (after the spaces that follow
 * it), or -1: at most two spaces, `and` in any case, then a space. (Longer runs of spaces are caught at
 * their last two, so the name before is trimmed.)
 */
function andSeparatorEnd(raw: string, i: number): number {
  let k = i;
  while (k < i + 3 && isSpace(raw.charCodeAt(k))) k++;
  if (k - i > 2) return -1;
  if ((raw.charCodeAt(k) | 32) !== 97 || (raw.charCodeAt(k + 1) | 32) !== 110 || (raw.charCodeAt(k + 2) | 32) !== 100 || !isSpace(raw.charCodeAt(k + 3))) return -1;
  let end = k + 3;
  while (end < raw.length && isSpace(raw.charCodeAt(end))) end++;
  return end;
}

function isWhollyBraced(name: string): boolean {
  if (!name.startsWith('{') || !name.endsWith('}')) return false;
  let depth = 0;
  for (let i = 0; i < name.length; i++) {
    if (name[i] === '{') depth++;
    else if (name[i] === '}') {
      depth--;
      if (depth === 0 && i < name.length - 1) return false;
    }
  }
  return true;
}

const YEAR_WITH_SUFFIX = /^\s*(\d{4})([a-z])?\s*$/;

/**
 * Year and year label. The suffix letter comes from the year itself (`year = {2016b}`, CSL
 * `issued: {literal: "2016b"}`, `year-suffix`), else from a key ending in the year plus one letter
 * (`selwyn2016b` with `year = {2016}`: how the Hub's library and Google Scholar-style keys mark it).
 */
function yearOf(csl: CslItem, raw: RawBibtexEntry | undefined, key: string): { year?: number; yearLabel?: string } {
  const rawYear = raw ? stringOf(raw.properties.year) : undefined;
  const rawMatch = rawYear ? YEAR_WITH_SUFFIX.exec(rawYear) : null;
  if (rawMatch) {
    const year = Number(rawMatch[1]);
    return { year, yearLabel: rawMatch[1] + (rawMatch[2] ?? keySuffix(key, year)) };
  }
  const issued = csl.issued as Record<string, unknown> | undefined;
  let year: number | undefined;
  let suffix = '';
  if (issued && typeof issued === 'object') {
    const parts = issued['date-parts'];
    if (Array.isArray(parts) && Array.isArray(parts[0]) && parts[0][0] !== undefined) {
      const y = Number(parts[0][0]);
      if (Number.isFinite(y) && y >= 1) year = Math.trunc(y); // `year = {2020.5}` reaches CSL as a fraction
    }
    const literal = stringOf(issued.literal) ?? stringOf(issued.raw);
    if (year === undefined && literal) {
      const m = /(\d{4})([a-z](?![a-z]))?/.exec(literal);
      if (m) {
        year = Number(m[1]);
        suffix = m[2] ?? '';
      }
    }
  }
  const explicitSuffix = stringOf(csl['year-suffix']);
  if (explicitSuffix && /^[a-z]$/.test(explicitSuffix)) suffix = explicitSuffix;
  if (year !== undefined && suffix === '') suffix = keySuffix(key, year);
  return year === undefined ? {} : { year, yearLabel: `${year}${suffix}` };
}

function keySuffix(key: string, year: number): string {
  const m = /(\d{4})([a-z])$/.exec(key);
  return m && Number(m[1]) === year ? m[2] : '';
}

function cleanDoi(doi: string | undefined): string | undefined {
  if (!doi) return undefined;
  return doi.replace(/^https?:\/\/(dx\.)?doi\.org\//i, '').replace(/^doi:\s*/i, '').trim() || undefined;
}

function splitKeywords(value: unknown): string[] {
  const keywords: string[] = [];
  if (Array.isArray(value)) for (const part of value) addKeywords(String(part), keywords);
  else if (typeof value === 'string') addKeywords(value, keywords);
  return keywords;
}

function addKeywords(part: string, keywords: string[]): void {
  for (const piece of part.split(/[,;]/)) {
    const keyword = piece.trim();
    if (keyword !== '') keywords.push(keyword);
  }
}

/**
 * The Hub library key of the entry itself: from any field (url, howpublished, note, …) whose value —
 * or one `|`-separated part of it, optionally after `source:` — is a library link. A link mentioned in
 * running text ("cited as ⇡X in https://docs.edtechhub.org/lib/KEY") names another item, so it does
 * not count. (Hub DOIs are looked up through `doi`; `hubKey` is only ever the 8-char library key.)
 */
function findHubKey(csl: CslItem, raw?: RawBibtexEntry): string | undefined {
  let key = hubKeyIn(csl.URL);
  if (key !== undefined) return key;
  for (const name in csl) if ((key = hubKeyIn(csl[name])) !== undefined) return key;
  if (raw) for (const name in raw.properties) if ((key = hubKeyIn(raw.properties[name])) !== undefined) return key;
  return undefined;
}

function hubKeyIn(value: unknown): string | undefined {
  if (typeof value === 'string' && value.includes('edtechhub.org/lib/')) {
    for (const part of value.split(/\s+\|\s+/)) {
      const link = part
        .trim()
        .replace(/^[A-Za-z ]{1,20}:\s+/, '')
        .replace(/^\\url\{(.*)\}$/, '$1');
      const key = /^\S+$/.test(link) ? hubKeyOf(link) : undefined;
      if (key) return key;
    }
  }
  return undefined;
}

/** A field that holds the Zotero item key itself (Better BibTeX postscripts and hand-made exports name it so). */
const ZOTERO_KEY_FIELD = /^zotero[-_]?(?:item[-_]?)?key$/i;

/**
 * The Zotero item key of the entry itself: from a Zotero CSL-JSON id (`http://zotero.org/groups/…/items/KEY`),
 * a field whose value — or one `|`-separated part of it, optionally after a label — is a Zotero item URI
 * (`zotero://select/items/1_KEY`, as Better BibTeX and Zotero write into url, note or extra), or a
 * `zotero-key` field. As for Hub links, a URI in running text names another item and does not count.
 */
function findZoteroKey(key: string, csl: CslItem, raw?: RawBibtexEntry): string | undefined {
  const direct = zoteroItemOf(key);
  if (direct && /^\S+$/.test(key)) return direct.itemKey;
  let found = zoteroKeyIn('URL', csl.URL);
  if (found !== undefined) return found;
  for (const name in csl) if ((found = zoteroKeyIn(name, csl[name])) !== undefined) return found;
  if (raw) for (const name in raw.properties) if ((found = zoteroKeyIn(name, raw.properties[name])) !== undefined) return found;
  return undefined;
}

function zoteroKeyIn(name: string, value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if ((name.charCodeAt(0) | 32) === 122 /* z */ && ZOTERO_KEY_FIELD.test(name) && /^\s*[A-Za-z0-9]{8}\s*$/.test(value)) return value.trim().toUpperCase();
  if (!value.includes('zotero')) return undefined;
  for (const part of value.split(/\s+\|\s+|\n/)) {
    const link = part
      .trim()
      .replace(/^[A-Za-z -]{1,20}:\s+/, '')
      .replace(/^\\url\{(.*)\}$/, '$1');
    const item = /^\S+$/.test(link) ? zoteroItemOf(link) : undefined;
    if (item) return item.itemKey;
  }
  return undefined;
}
