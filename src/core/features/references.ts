/**
 * Find All References on a cited key (or on an entry's key in a BibTeX file): every citation of the
 * same entry in the workspace's documents, once each, at the cited key.
 */
import { findCitations } from '../citations/findCitations';
import { normaliseLanguage } from '../document/textDocument';
import type { BibliographyLookup, Citation, CitationItem, Range, Span, TextDocumentLike } from '../types';
import { entriesOf, type DocumentCitations } from './documentCitations';

export interface DocumentLocation {
  readonly uri: string;
  readonly range: Range;
}

/** The entry keys meant at the cursor: a citation's item(s), or an entry header in a bibliography file. */
export function keysAt(document: TextDocumentLike, offset: number, citations: DocumentCitations, index: BibliographyLookup): Set<string> | undefined {
  const bibKey = bibEntryKeyAt(document, offset);
  if (bibKey) return new Set([bibKey]);
  const hit = citations.at(document, offset);
  if (!hit) return undefined;
  const keys = new Set<string>();
  for (const item of hit.item ? [hit.item] : hit.citation.items) {
    const entries = entriesOf(item, index);
    if (entries.length > 0) entries.forEach((e) => keys.add(e.key));
    else if (item.key) keys.add(item.key);
  }
  return keys;
}

/** Where `document` cites any of `keys` (resolving author-year and Hub forms against its bibliography). */
export function citationsOfKeys(document: TextDocumentLike, keys: ReadonlySet<string>, index: BibliographyLookup): DocumentLocation[] {
  const text = document.getText();
  const locations: DocumentLocation[] = [];
  for (const citation of findCitations(text, normaliseLanguage(document.languageId))) {
    for (const item of citation.items) {
      if (!itemCitesAny(item, keys, index)) continue;
      const span = referenceSpan(text, citation, item);
      locations.push({ uri: document.uri, range: { start: document.positionAt(span.start), end: document.positionAt(span.end) } });
    }
  }
  return locations;
}

/**
 * Where a reference is shown: the cited item, except in a bracketed Pandoc citation, whose whole inside
 * is shown. VS Code's Markdown support reads `[@a; @b]` as a reference link and reports exactly that
 * range for the same citation; the editor lists two equal locations once, where two different ones
 * would show the citation twice.
 */
function referenceSpan(text: string, citation: Citation, item: CitationItem): Span {
  if (citation.syntax !== 'pandoc' || citation.narrative || text[citation.span.start] !== '[' || text[citation.span.end - 1] !== ']') return item.span;
  return { start: citation.span.start + 1, end: citation.span.end - 1 };
}

function itemCitesAny(item: CitationItem, keys: ReadonlySet<string>, index: BibliographyLookup): boolean {
  if (item.key && keys.has(item.key)) return true;
  // A plain key names its entry; Hub, Zotero and author-year items are resolved against the library.
  if (item.key && !item.hubKey && !item.zotero) return false;
  return entriesOf(item, index).some((e) => keys.has(e.key));
}

const BIBTEX_FILE = /\.(bib|bibtex|biblatex)$/i;

/** `@article{key,` on the cursor's line of a BibTeX file. */
function bibEntryKeyAt(document: TextDocumentLike, offset: number): string | undefined {
  if (!BIBTEX_FILE.test(document.uri) && document.languageId !== 'bibtex') return undefined;
  const text = document.getText();
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  return /^\s*@\w+\s*[{(]\s*([^,\s]+)\s*,/.exec(line)?.[1];
}
