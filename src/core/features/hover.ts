/**
 * Hover on a citation: every cited work with what kind of evidence it is, its formatted reference, DOI,
 * URL and Hub links, and the words it shares with the sentence citing it.
 */
import type { BibEntry, BibliographyLookup, Citation, Span, TextDocumentLike } from '../types';
import type { DocumentCitations } from './documentCitations';
import { entriesOf } from './documentCitations';
import { codeSpan, entryMarkdown } from './markdown';

export interface CitationHover {
  readonly markdown: string;
  /** The citation hovered (the editor highlights it). */
  readonly span: Span;
}

export async function citationHover(
  document: TextDocumentLike,
  offset: number,
  citations: DocumentCitations,
  index: BibliographyLookup,
  reference: (entry: BibEntry) => Promise<string>,
  /** The words an entry shares with the sentence citing it, when the citation is in a sentence. */
  fit?: (citation: Citation, entry: BibEntry) => { readonly shared: readonly string[] } | undefined,
): Promise<CitationHover | undefined> {
  const hit = citations.at(document, offset);
  if (!hit) return undefined;
  const resolved = hit.citation.items.map((item) => ({ item, entries: entriesOf(item, index) }));
  const references = await Promise.all(resolved.map(({ entries }) => Promise.all(entries.map(reference))));
  const sections = resolved.map(({ item, entries }, i) => {
    const written = item.key ?? item.text;
    if (entries.length === 0) return `⚠ ${codeSpan(written)} is not in the bibliography`;
    const shown = entries.map((entry, j) => entryMarkdown(entry, references[i]![j]!, { fit: fit?.(hit.citation, entry) }));
    if (entries.length > 1) shown.unshift(`${codeSpan(item.text)} matches ${entries.length} entries:`);
    return shown.join('\n\n');
  });
  return { markdown: sections.join('\n\n---\n\n'), span: hit.citation.span };
}
