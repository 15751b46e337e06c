/**
 * The citations of a document, found once per document version and shared by hover, definition,
 * references and code actions.
 */
import { findCitations } from '../citations/findCitations';
import { resolveCitationItem } from '../citations/resolve';
import { normaliseLanguage } from '../document/textDocument';
import type { BibEntry, BibliographyLookup, Citation, CitationItem, TextDocumentLike } from '../types';

export interface CitationHit {
  readonly citation: Citation;
  /** The item under the cursor, if the cursor is on one (not on brackets or a prefix). */
  readonly item?: CitationItem;
}

const MAX_DOCUMENTS = 50;

export class DocumentCitations {
  private readonly byUri = new Map<string, { version: number; text: string; citations: readonly Citation[] }>();

  of(document: TextDocumentLike): readonly Citation[] {
    const cached = this.byUri.get(document.uri);
    const text = document.getText();
    if (cached && cached.version === document.version && cached.text === text) return cached.citations;
    const citations = findCitations(text, normaliseLanguage(document.languageId));
    this.byUri.delete(document.uri);
    this.byUri.set(document.uri, { version: document.version, text, citations });
    if (this.byUri.size > MAX_DOCUMENTS) this.byUri.delete(this.byUri.keys().next().value as string);
    return citations;
  }

  /** The citation (and item) at a text offset; its ends count, as a cursor just after a key is on it. */
  at(document: TextDocumentLike, offset: number): CitationHit | undefined {
    const citation = this.of(document).find((c) => c.span.start <= offset && offset <= c.span.end);
    if (!citation) return undefined;
    const item = citation.items.find((i) => i.span.start <= offset && offset <= i.span.end);
    return { citation, item };
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }
}

/** The entries an item stands for; never throws (bad input shows as "not found"). */
export function entriesOf(item: CitationItem, bibliography: BibliographyLookup): readonly BibEntry[] {
  try {
    return resolveCitationItem(item, bibliography);
  } catch {
    return [];
  }
}
