/**
 * What a citation item stands for in a bibliography: a key looks up one entry, a Hub link looks
 * up its library key, a Zotero form its item key, an author-year citation may match several entries
 * (ambiguous) or none.
 */
import type { BibEntry, BibliographyLookup, Citation, CitationItem } from '../types';

export function resolveCitationItem(item: CitationItem, bib: BibliographyLookup): readonly BibEntry[] {
  try {
    if (item.zotero !== undefined) {
      const entry = bib.byZoteroKey(item.zotero.itemKey);
      return entry ? [entry] : [];
    }
    if (item.key !== undefined) {
      const entry = bib.get(item.key);
      return entry ? [entry] : [];
    }
    if (item.hubKey !== undefined) {
      const entry = bib.byHubKey(item.hubKey);
      return entry ? [entry] : [];
    }
    if (item.authorYear !== undefined) {
      const { names, year, etAl } = item.authorYear;
      return bib.findByAuthorYear(names, year, etAl);
    }
  } catch {
    // A faulty bibliography must not break the caller: unresolved is the honest answer.
  }
  return [];
}

/** Every item of a citation resolved, in item order. */
export function resolveCitation(citation: Citation, bib: BibliographyLookup): (readonly BibEntry[])[] {
  return citation.items.map((item) => resolveCitationItem(item, bib));
}
