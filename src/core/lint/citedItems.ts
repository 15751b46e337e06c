/**
 * Which cited items are meant as citations, and how messages name them. Shared by unknown-key (an
 * item that matches no entry) and the claim assessment (a claim citing only such items).
 */
import { isHubMarked } from '../citations/citationForm';
import type { Citation, CitationItem } from '../types';

/**
 * Whether an item is meant as a citation, so that one matching no entry is an unknown key: in a
 * document that cites by key, "Smith (2019)" without ⇡ is prose (Pandoc and LaTeX do not treat it
 * as a citation either), so only ⇡-marked author-year text must match an entry.
 */
export function citationItemTest(citations: readonly Citation[], text: string): (item: CitationItem) => boolean {
  const citesByKey = citations.some((citation) => citation.syntax === 'pandoc' || citation.syntax === 'latex');
  return (item) => !item.authorYear || !citesByKey || isHubMarked(text, item.span.start);
}

/** How a message names a cited item: its key, its Hub library key, or the author-year text as written. */
export function citedItemLabel(item: CitationItem): string {
  return item.key ?? item.hubKey ?? `"${item.text}"`;
}
