/**
 * A same-length "prose view" of a document for the sentence splitter. Every character keeps its
 * offset; structure is replaced by marker characters so the splitter can treat it uniformly:
 *
 *   REMOVED   block structure (code blocks, headings, tables, display math, front matter, the
 *             reference list…): never part of a sentence; a removed run ends a sentence.
 *   PROTECTED inline non-prose kept inside a sentence (code spans, inline math, URLs, link
 *             targets): no sentence boundary can fall inside it.
 *   HIDDEN    markup that belongs to no sentence (HTML tags, attributes, list and quote markers,
 *             LaTeX structure commands): no boundary inside, and trimmed from a sentence's ends.
 * LaTeX comments become spaces: they neither end a sentence nor belong to one.
 */
import type { DocumentLanguage } from '../types';
import { filledSpan, findRegions, isMarkdownLike, splitLines, type Region, type RegionKind } from '../document/regions';

export const REMOVED = '\u0002';
export const PROTECTED = '\u0001';
export const HIDDEN = '\u0003';

const FILL: Partial<Record<RegionKind, string>> = {
  'front-matter': REMOVED,
  'code-block': REMOVED,
  'display-math': REMOVED,
  heading: REMOVED,
  table: REMOVED,
  'div-fence': REMOVED,
  'latex-preamble': REMOVED,
  'latex-environment': REMOVED,
  references: REMOVED,
  'html-comment': REMOVED,
  'code-span': PROTECTED,
  'inline-math': PROTECTED,
  'link-target': PROTECTED,
  url: PROTECTED,
  'html-tag': HIDDEN,
  attributes: HIDDEN,
  'latex-command': HIDDEN,
  comment: ' ',
};

export interface ProseView {
  readonly text: string;
  /** `text` with structure replaced by REMOVED / PROTECTED / HIDDEN (line breaks kept). */
  readonly prose: string;
  readonly regions: readonly Region[];
}

/** Markers at the start of a block: list bullets and numbers, block quotes. */
export const BULLET_ITEM = /^[ \t]*(?:[-*+•‣◦▪–]|\(?[a-zA-Z]\))[ \t]+/;
export const NUMBERED_ITEM = /^[ \t]*(?:\d{1,9}[.)]|\(\d{1,9}\))[ \t]+/;
const QUOTE_MARKERS = /^(?:[ \t]{0,3}>[ \t]?)+/;
const LATEX_ITEM = /^[ \t]*\\item\b(?:\[[^\]\n]*\])?[ \t]*/;

export function proseView(text: string, language: DocumentLanguage, regions: readonly Region[] = findRegions(text, language)): ProseView {
  const filled = fillRanges(
    text,
    regions.flatMap((r) => (FILL[r.kind] ? [{ start: r.start, end: r.end, fill: FILL[r.kind] as string }] : [])),
  );
  // Block markers are not prose either.
  const markers: Array<{ start: number; end: number; fill: string }> = [];
  for (const line of splitLines(filled)) {
    const length = markerLength(line.text, language);
    if (length > 0) markers.push({ start: line.start, end: line.start + length, fill: HIDDEN });
  }
  return { text, prose: fillRanges(filled, markers), regions };
}

function markerLength(line: string, language: DocumentLanguage): number {
  if (language === 'latex') return LATEX_ITEM.exec(line)?.[0].length ?? 0;
  const quote = isMarkdownLike(language) ? QUOTE_MARKERS.exec(line) : null;
  const afterQuote = quote ? line.slice(quote[0].length) : line;
  const item = BULLET_ITEM.exec(afterQuote) ?? NUMBERED_ITEM.exec(afterQuote);
  return (quote?.[0].length ?? 0) + (item?.[0].length ?? 0);
}

/** `text` with each (sorted, non-overlapping) range's characters replaced by its fill, line breaks kept. */
function fillRanges(text: string, ranges: ReadonlyArray<{ start: number; end: number; fill: string }>): string {
  const parts: string[] = [];
  let at = 0;
  for (const r of ranges) {
    if (r.start < at) continue;
    parts.push(text.slice(at, r.start), filledSpan(text, r.start, r.end, r.fill, true));
    at = r.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}
