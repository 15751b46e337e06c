/** Go to Definition / Peek on a cited key: the entry in its bibliography file. */
import type { BibliographyLookup, SourceLocation, TextDocumentLike } from '../types';
import { entriesOf, type DocumentCitations } from './documentCitations';

export function citationDefinitions(document: TextDocumentLike, offset: number, citations: DocumentCitations, index: BibliographyLookup): SourceLocation[] {
  const hit = citations.at(document, offset);
  if (!hit) return [];
  // On a key: that key's entry; on the brackets of a multi-citation: all of them.
  const items = hit.item ? [hit.item] : hit.citation.items;
  return items.flatMap((item) => entriesOf(item, index)).map((entry) => entry.location);
}
