/**
 * unknown-key: a citation item that resolves to no bibliography entry — a key missing from the
 * bibliography, an author-year citation no entry matches, a Hub link to an unknown library key, or a
 * Zotero cite or link whose item key no entry has.
 */
import { parseLabel } from '../../citations/zoteroLabel';
import type { BibEntry, CitationItem, ZoteroItemRef } from '../../types';
import { citationItemTest } from '../citedItems';
import { citationLabel } from '../../format/labels';
import { suggestByAuthor, suggestKeys } from '../suggest';
import type { DocumentContext, LintBibliography, DocumentRule, RuleFinding } from './rule';

export const unknownKey: DocumentRule = {
  id: 'unknown-key',
  description: 'A citation names a key (or author and year) that is not in the bibliography.',
  defaultLevel: 'error',
  scope: 'document',
  check: unknownKeyFindings,
};

function unknownKeyFindings(ctx: DocumentContext): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const isCitation = citationItemTest(ctx.citations.map((c) => c.citation), ctx.text);
  for (const { citation, resolved } of ctx.citations) {
    for (const [i, item] of citation.items.entries()) {
      if ((resolved[i]?.length ?? 0) > 0) continue;
      if (isCitation(item)) findings.push(findingFor(ctx, item));
    }
  }
  return findings;
}

function findingFor(ctx: DocumentContext, item: CitationItem): RuleFinding {
  const base = { file: ctx.file, range: ctx.rangeOf(item.span.start, item.span.end), offset: item.span.start };
  if (item.zotero) {
    const near = zoteroSuggestions(item.zotero, ctx.bib);
    const label = item.zotero.label ? ` (${item.zotero.label})` : '';
    return {
      ...base,
      message: `No bibliography entry has the Zotero item key "${item.zotero.itemKey}"${label}${didYouMean(near)}`,
      suggestions: near.map((e) => e.key),
    };
  }
  if (item.authorYear) {
    const { names, year, etAl } = item.authorYear;
    const near = suggestByAuthor(names[0] ?? '', year, ctx.bib);
    const written = `${names.join(', ')}${etAl ? ' et al.' : ''}, ${year}`;
    return {
      ...base,
      message: `No bibliography entry matches "${written}"${didYouMean(near)}`,
      suggestions: near.map((e) => e.key),
    };
  }
  if (item.hubKey && !item.key) {
    const what = item.hubKey.includes('.') ? `DOI "10.53832/${item.hubKey}"` : `library key "${item.hubKey}"`;
    return { ...base, message: `No bibliography entry has the EdTech Hub ${what}` };
  }
  const key = item.key ?? item.text;
  const near = suggestKeys(key, ctx.bib);
  const entries = near.map((k) => ctx.bib.get(k)).filter((e): e is BibEntry => !!e);
  return {
    ...base,
    message: `Citation key "${key}" is not in the bibliography${didYouMean(entries)}`,
    suggestions: near,
  };
}

/**
 * Entries a Zotero cite may mean, from the author-year text it shows: those it names exactly (the same
 * work exported from another library has another item key), else those with a near first author.
 */
function zoteroSuggestions(zotero: ZoteroItemRef, bib: LintBibliography): readonly BibEntry[] {
  const parts = zotero.label ? parseLabel(zotero.label) : undefined;
  if (!parts || parts.names.length === 0) return [];
  const exact = bib.findByAuthorYear(parts.names, parts.year, parts.etAl);
  return exact.length > 0 ? exact.slice(0, 3) : suggestByAuthor(parts.names[0]!, parts.year, bib);
}

function didYouMean(entries: readonly BibEntry[]): string {
  if (!entries.length) return '';
  return `; did you mean ${entries.map((e) => `${e.key} (${citationLabel(e)})`).join(', ')}?`;
}
