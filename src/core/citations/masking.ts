/**
 * Which structural regions each recogniser must not look into, and the masked text it scans.
 * Masked characters become spaces, so matches keep their offsets into the original text.
 */
import type { DocumentLanguage } from '../types';
import { filledSpan, findRegions, maskText, type Region, type RegionKind } from '../document/regions';
import type { Span } from '../types';

/** Never prose that can hold a citation: code, math, comments, metadata, the reference list. */
const NEVER_CITATIONS: readonly RegionKind[] = [
  'front-matter',
  'code-block',
  'code-span',
  'display-math',
  'inline-math',
  'comment',
  'html-comment',
  'latex-preamble',
  'references',
];

/** Key syntaxes and author-year text also never sit in a URL, a link target or markup. */
export const PROSE_MASK: ReadonlySet<RegionKind> = new Set<RegionKind>([
  ...NEVER_CITATIONS,
  'link-target',
  'url',
  'html-tag',
  'attributes',
]);

/** Hub links are URLs, so they are looked for in link targets and bare URLs too. */
export const URL_MASK: ReadonlySet<RegionKind> = new Set<RegionKind>(NEVER_CITATIONS);

/** The regions of a text, computed once and shared by all recognisers of one call. */
export class MaskedText {
  readonly regions: readonly Region[];
  private readonly cache = new Map<ReadonlySet<RegionKind>, string>();

  /** `regions`: the text's regions, when the caller has found them already. */
  constructor(readonly text: string, readonly language: DocumentLanguage, regions?: readonly Region[]) {
    this.regions = regions ?? findRegions(text, language);
  }

  masked(kinds: ReadonlySet<RegionKind>): string {
    let m = this.cache.get(kinds);
    if (m === undefined) {
      m = maskText(this.text, this.regions, kinds);
      this.cache.set(kinds, m);
    }
    return m;
  }
}

/** `masked` with the given sorted, disjoint spans blanked too (line breaks kept), so later recognisers skip them. */
export function blankSpans(masked: string, spans: readonly Span[]): string {
  if (spans.length === 0) return masked;
  const parts: string[] = [];
  let at = 0;
  for (const s of spans) {
    parts.push(masked.slice(at, s.start), filledSpan(masked, s.start, s.end, ' ', true));
    at = s.end;
  }
  parts.push(masked.slice(at));
  return parts.join('');
}
