import type { CslItem } from '../citationJs';
import type { CslName } from './bibtexNames';
import { cslDateOf, cslDateOfParts } from './bibtexDates';
import { CSL_TYPES } from './citationJsTables';

/**
 * The BibLaTeX → CSL field mapping of citation-js (plugin-bibtex lib/mapping/biblatex.js, which is
 * what `@citation-js/plugin-bibtex/lib/input/entries.js` applies), rule by rule in its order, so that
 * the item has the same fields, values and key order. Rules that never apply when reading (theirs
 * with `when.source: false`) are left out. Undefined: a rule would throw in citation-js.
 */

/** A field's value as citation-js's value grammar gives it (lists and names by field type). */
export type FieldValue = string | readonly string[] | readonly CslName[];
/**
 * The entry's parsed fields, by lower-case name (a null-prototype object: `in` means present). Only
 * crossref inheritance leaves a field present but undefined (a parent's missing title as `booktitle`).
 */
export type ParsedFields = Readonly<Record<string, FieldValue | undefined>>;

const BOOK_LIKE = ['book', 'mvbook', 'inbook', 'bookinbook', 'suppbook', 'collection', 'mvcollection', 'incollection', 'suppcollection', 'manual', 'suppperiodical', 'proceedings', 'mvproceedings', 'refererence']; // sic, as in citation-js
const ISSUE_TYPES = ['article', 'periodical', 'inproceedings'];
const NUMBER_TYPES = ['patent', 'report', 'techreport', 'legislation'];
/** Implied `type` (CSL genre) of three BibTeX entry types, when the entry has no `type` field. */
const TYPE_KEYS: Readonly<Record<string, string>> = { mastersthesis: 'mathesis', phdthesis: 'phdthesis', techreport: 'techreport' };

export function mapFieldsToCsl(type: string, label: string, f: ParsedFields): CslItem | undefined {
  // Plain functions below, not closures: this runs for every entry of every library.
  const out: CslItem = {};
  if (!has(f, 'annotation')) set(out, 'annote', f.annote);
  if (!has(f, 'location') && has(f, 'address')) set(out, 'publisher-place', pick(f, 'address'));
  if (!has(f, 'eprinttype') && (has(f, 'eprint') || has(f, 'archiveprefix'))) set(out, 'PMID', f.archiveprefix === 'pubmed' ? f.eprint : undefined);
  if (!has(f, 'maintitle') && !has(f, 'booktitle') && !has(f, 'journaltitle')) set(out, 'container-title', f.journal);
  if (!has(f, 'institution') && !has(f, 'organization') && !has(f, 'publisher') && has(f, 'school')) set(out, 'publisher', pick(f, 'school'));
  if (!has(f, 'pagetotal')) set(out, 'number-of-pages', f.numpages);
  if (f.eprinttype !== 'pmid' && f.archiveprefix !== 'pmid') set(out, 'PMID', f.pmid);
  set(out, 'PMCID', f.pmcid);
  if (has(f, 's2id')) set(out, 'custom', { S2ID: f.s2id });
  set(out, 'abstract', f.abstract);
  if (has(f, 'urldate')) {
    const accessed = cslDateOf(text(f, 'urldate')!);
    if (!accessed) return undefined;
    set(out, 'accessed', accessed);
  }
  set(out, 'annote', f.annotation);
  set(out, 'author', f.author);
  set(out, 'call-number', f.library);
  set(out, 'chapter-number', f.chapter);
  set(out, 'container-author', f.bookauthor);
  const main = titleOf(f, 'maintitle', 'mainsubtitle');
  if (main === null) return undefined;
  set(out, 'container-title', main);
  if (!has(f, 'maintitle')) {
    const book = titleOf(f, 'booktitle', 'booksubtitle');
    if (book === null) return undefined;
    set(out, 'container-title', book);
  }
  if (type === 'article') {
    const journal = titleOf(f, 'journaltitle', 'journalsubtitle');
    if (journal === null) return undefined;
    set(out, 'container-title', journal);
    set(out, 'container-title-short', f.shortjournal);
  }
  if (BOOK_LIKE.includes(type)) set(out, 'collection-number', f.number);
  set(out, 'collection-title', f.series);
  set(out, 'collection-title-short', f.shortseries);
  set(out, 'DOI', f.doi);
  set(out, 'edition', f.edition);
  set(out, 'editor', f.editor);
  out.type = CSL_TYPES.get(type) || 'document';
  set(out, 'genre', text(f, 'type') || TYPE_KEYS[type] || f.entrysubtype);
  if (has(f, 'eventdate')) {
    const eventDate = cslDateOf(text(f, 'eventdate')!);
    if (!eventDate) return undefined;
    set(out, 'event-date', eventDate);
  }
  set(out, 'event-place', f.venue);
  if (has(f, 'eventtitleaddon') && !has(f, 'eventtitle')) return undefined; // 'undefined (addon)' in citation-js
  if (has(f, 'eventtitle')) set(out, 'event-title', f.eventtitleaddon ? `${text(f, 'eventtitle')} (${text(f, 'eventtitleaddon')})` : f.eventtitle);
  out.id = label;
  out['citation-key'] = label;
  set(out, 'ISBN', f.isbn);
  set(out, 'ISSN', f.issn);
  if (!has(f, 'number') && (type === 'article' || type === 'periodical')) set(out, 'issue', f.issue);
  if (ISSUE_TYPES.includes(type)) set(out, 'issue', f.number);
  if (has(f, 'date')) {
    const issued = cslDateOf(text(f, 'date')!);
    if (!issued) return undefined;
    set(out, 'issued', issued);
  } else if (has(f, 'year') || has(f, 'month') || has(f, 'day')) {
    const issued = cslDateOfParts(text(f, 'year'), text(f, 'month'), text(f, 'day'));
    if (!issued) return undefined;
    set(out, 'issued', issued);
  }
  if (f.type === 'patent') set(out, 'jurisdiction', f.location);
  if (has(f, 'keywords')) set(out, 'keyword', (f.keywords as readonly string[]).join(','));
  if (has(f, 'language')) set(out, 'language', pick(f, 'language'));
  else set(out, 'language', f.langid);
  set(out, 'note', f.note);
  if (!has(f, 'note')) set(out, 'note', f.addendum);
  set(out, 'number', f.eid);
  if (type !== 'patent' && (has(f, 'isan') || has(f, 'ismn') || has(f, 'isrn') || has(f, 'iswc'))) set(out, 'number', f.isan || f.ismn || f.isrn || f.iswc || undefined);
  if (NUMBER_TYPES.includes(type)) set(out, 'number', f.number);
  if (has(f, 'origdate')) {
    const original = cslDateOf(text(f, 'origdate')!);
    if (!original) return undefined;
    set(out, 'original-date', original);
  }
  set(out, 'original-publisher-place', pick(f, 'origlocation'));
  set(out, 'original-publisher', pick(f, 'origpublisher'));
  set(out, 'original-title', f.origtitle);
  const pagination = f.bookpagination;
  if (pagination === undefined || pagination === 'page') set(out, 'page', has(f, 'pages') ? text(f, 'pages')!.replace(/[–—]/, '-') : undefined);
  set(out, 'number-of-pages', f.pagetotal);
  set(out, 'part-number', f.part);
  if (has(f, 'eprint') || has(f, 'eprinttype')) set(out, 'PMID', f.eprinttype === 'pubmed' ? f.eprint : undefined);
  set(out, 'publisher-place', pick(f, 'location'));
  set(out, 'publisher', pick(f, 'publisher'));
  if (!has(f, 'publisher')) set(out, 'publisher', pick(f, 'organization'));
  if (!has(f, 'publisher') && !has(f, 'organization')) set(out, 'publisher', pick(f, 'institution'));
  const howPublished = text(f, 'howpublished');
  if (howPublished && !howPublished.startsWith('http') && !has(f, 'publisher') && !has(f, 'organization') && !has(f, 'institution')) set(out, 'publisher', pick(f, 'howpublished'));
  if (pagination === 'section') set(out, 'section', f.pages);
  set(out, 'status', f.pubstate);
  set(out, 'title-short', f.shorttitle);
  const title = titleOf(f, 'title', 'subtitle');
  if (title === null) return undefined;
  set(out, 'title', title);
  set(out, 'translator', f.translator);
  set(out, 'URL', f.url);
  if (!has(f, 'url') && howPublished !== undefined) set(out, 'URL', howPublished.startsWith('http') ? howPublished : undefined);
  set(out, 'version', f.version);
  set(out, 'volume', f.volume);
  set(out, 'number-of-volumes', f.volumes);
  const volumeTitle = titleOf(f, 'issuetitle', 'issuesubtitle');
  if (volumeTitle === null) return undefined;
  set(out, 'volume-title', volumeTitle);
  return out;
}

function set(out: CslItem, key: string, value: unknown): void {
  if (value !== undefined) out[key] = value;
}

function has(f: ParsedFields, name: string): boolean {
  return name in f;
}

function text(f: ParsedFields, name: string): string | undefined {
  return f[name] as string | undefined;
}

/** citation-js's PICK: the value unless it is empty. */
function pick(f: ParsedFields, name: string): FieldValue | undefined {
  return f[name] || undefined;
}

/**
 * citation-js's TITLE: the title, `: subtitle` appended (an `…addon` field is ignored). Undefined when
 * neither is present; null (decline) for a subtitle without a title ("undefined: …" in citation-js).
 */
function titleOf(f: ParsedFields, title: string, subtitle: string): string | undefined | null {
  const main = f[title] as string | undefined;
  const sub = f[subtitle] as string | undefined;
  if (main === undefined) return sub ? null : undefined;
  return sub ? `${main}: ${sub}` : main;
}
