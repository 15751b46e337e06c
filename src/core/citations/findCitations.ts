/**
 * All citations in a document, whatever their syntax, sorted by start and never overlapping.
 * Pandoc keys are read in Markdown-family documents and plain text, LaTeX commands in LaTeX;
 * author-year prose, Hub links and the Zotero forms in every language. The Zotero plugin's tagged
 * cites and Zotero's scannable cites are read first and blanked for the other recognisers, so
 * `⟦…|Haßler et al., 2020⟧` is never also an author-year citation.
 */
import type { Region } from '../document/regions';
import type { Citation, CitationItem, CitationSyntax, DocumentLanguage } from '../types';
import { findAuthorYearCitations } from './authorYear';
import { findHubLinkCitations, mayContainHubLinks } from './hubLink';
import { findLatexCitations } from './latex';
import { blankSpans, MaskedText, PROSE_MASK, URL_MASK } from './masking';
import { findPandocCitations } from './pandoc';
import { findZoteroLinkCitations, mayContainZoteroLinks } from './zoteroLink';
import { findZoteroScannableCitations, mayContainZoteroScannable } from './zoteroScannable';
import { findZoteroTaggedCitations, mayContainZoteroTagged } from './zoteroTagged';

/** When two citations overlap, the more explicit syntax wins. */
const PRIORITY: Record<CitationSyntax, number> = {
  pandoc: 0,
  latex: 0,
  'zotero-tagged': 0,
  'zotero-scannable': 0,
  'hub-link': 1,
  'zotero-link': 1,
  'author-year': 2,
};

/** `regions`: the text's regions (see findRegions), when the caller has found them already. */
export function findCitations(text: string, language: DocumentLanguage, regions?: readonly Region[]): Citation[] {
  try {
    return removeOverlaps(collect(text, language, regions));
  } catch {
    // A recogniser bug must not take the editor down; an empty list only means "no citations seen".
    return [];
  }
}

function collect(text: string, language: DocumentLanguage, regions: readonly Region[] | undefined): Citation[] {
  const doc = new MaskedText(text, language, regions);
  let prose = doc.masked(PROSE_MASK);
  const zotero = [
    ...(mayContainZoteroTagged(text) ? findZoteroTaggedCitations(prose) : []),
    ...(mayContainZoteroScannable(text) ? findZoteroScannableCitations(prose) : []),
  ].sort((a, b) => a.span.start - b.span.start);
  const cites = removeOverlaps(zotero);
  prose = blankSpans(prose, cites.map((c) => c.span));
  const found: Citation[] = [...cites];
  if (language === 'latex') found.push(...findLatexCitations(prose));
  else found.push(...findPandocCitations(prose, text));
  const mayLink = mayContainHubLinks(text) || mayContainZoteroLinks(text);
  const urls = mayLink ? blankSpans(doc.masked(URL_MASK), cites.map((c) => c.span)) : '';
  const links = mayLink
    ? [...(mayContainHubLinks(text) ? findHubLinkCitations(urls) : []), ...(mayContainZoteroLinks(text) ? findZoteroLinkCitations(urls) : [])].sort((a, b) => a.span.start - b.span.start)
    : [];
  found.push(...splitAroundLinks(text, findAuthorYearCitations(prose), links));
  found.push(...links);
  return found;
}

/**
 * `(e.g. [⇡Castillo, et al., 2015](…/lib/KEY1); [⇡Selwyn, 2016b](…/lib/KEY2))`: the Hub (or Zotero)
 * links sit inside the author-year parentheses. Both are reported, so the parenthetical citation is
 * split into one citation per item (the link text), which no longer overlaps the links.
 */
function splitAroundLinks(text: string, authorYear: Citation[], hubLinks: readonly Citation[]): Citation[] {
  if (hubLinks.length === 0) return authorYear;
  return authorYear.flatMap((c) => {
    const overlaps = hubLinks.some((h) => h.span.start < c.span.end && c.span.start < h.span.end);
    if (!overlaps) return [c];
    return c.items.map((item): Citation => {
      // `[⇡Hennessy, Jordan & Wagner](…/lib/KEY) (2021)`: the link falls between names and year,
      // so the citation keeps the names (the link text) and the link keeps the URL.
      const link = hubLinks.find((h) => h.span.start < item.span.end && item.span.start < h.span.end);
      let span = item.span;
      if (link) {
        let end = link.span.start;
        // Not the separators before the link either: `Castillo,https://…/lib/KEY et al., 2015` keeps `Castillo`.
        while (end > item.span.start && /[\s(\],;]/.test(text[end - 1])) end--;
        span = { start: item.span.start, end };
      }
      const trimmed: CitationItem = span === item.span ? item : { ...item, span, text: text.slice(span.start, span.end) };
      return { syntax: c.syntax, span, items: [trimmed], ...(c.narrative ? { narrative: true } : {}) };
    });
  });
}

function removeOverlaps(citations: Citation[]): Citation[] {
  const sorted = [...citations].sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  const kept: Citation[] = [];
  for (const c of sorted) {
    const last = kept[kept.length - 1];
    if (!last || last.span.end <= c.span.start) {
      kept.push(c);
      continue;
    }
    // Overlap: the more explicit syntax wins, then the longer citation.
    const better =
      PRIORITY[c.syntax] < PRIORITY[last.syntax] ||
      (PRIORITY[c.syntax] === PRIORITY[last.syntax] && c.span.end - c.span.start > last.span.end - last.span.start);
    if (better) kept[kept.length - 1] = c;
  }
  return kept;
}
