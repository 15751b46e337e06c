/**
 * The citations of an open document, found once per document version and shared by hover,
 * definition and references.
 */
import * as vscode from 'vscode';
import { findCitations } from '../core/citations/findCitations';
import { resolveCitationItem } from '../core/citations/resolve';
import type { BibEntry, BibliographyLookup, Citation, CitationItem } from '../core/types';
import { languageOf } from './convert';

const cache = new WeakMap<vscode.TextDocument, { version: number; citations: readonly Citation[] }>();

export function citationsOf(document: vscode.TextDocument): readonly Citation[] {
  const cached = cache.get(document);
  if (cached && cached.version === document.version) return cached.citations;
  const citations = findCitations(document.getText(), languageOf(document));
  cache.set(document, { version: document.version, citations });
  return citations;
}

export interface CitationHit {
  readonly citation: Citation;
  /** The item under the cursor, if the cursor is on one (not on brackets or a prefix). */
  readonly item?: CitationItem;
}

export function citationAt(document: vscode.TextDocument, position: vscode.Position): CitationHit | undefined {
  const offset = document.offsetAt(position);
  const citation = citationsOf(document).find((c) => c.span.start <= offset && offset <= c.span.end);
  if (!citation) return undefined;
  const item = citation.items.find((i) => i.span.start <= offset && offset <= i.span.end);
  return { citation, item };
}

/** The entries an item stands for; never throws (bad input shows as "not found"). */
export function entriesOf(item: CitationItem, bibliography: BibliographyLookup): readonly BibEntry[] {
  try {
    return resolveCitationItem(item, bibliography);
  } catch {
    return [];
  }
}
