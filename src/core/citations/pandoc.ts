/**
 * Pandoc citations (Markdown, Quarto, R Markdown): `[@key]`, `[see @a, pp. 33-35; -@b]`,
 * narrative `@key` and `@key [p. 3]`, and braced keys `@{odd/key:1}`.
 * Runs on masked text (code, math, URLs, front matter already blanked), so offsets are exact.
 */
import type { Citation, CitationItem } from '../types';

/**
 * A bare Pandoc citation key: starts with a letter, digit or `_`; alphanumerics and `_` anywhere;
 * the punctuation `:.#$%&-+?<>~/` only when an alphanumeric follows (so `@smith04.` ends at `4`).
 */
export const PANDOC_KEY = String.raw`[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_]))*`;
const BARE_KEY = new RegExp(`^${PANDOC_KEY}$`, 'u');

/** `@` must not follow a word character (e-mail addresses), a backslash (escaped) or another `@`. */
const KEY_REFERENCE = new RegExp(String.raw`(?<![\p{L}\p{N}_\\@])(-?)@(?:\{([^{}\n]+)\}|(${PANDOC_KEY}))`, 'gu');

/** Quarto (`@fig-x`) and pandoc-crossref (`@fig:x`) cross-references look like keys but are not. */
const CROSS_REFERENCE = /^(?:fig|tbl|lst|tip|nte|wrn|imp|cau|thm|lem|cor|prp|cnj|def|exm|exr|sol|rem|eq|sec|apx)[-:]/;

export function isCrossReference(key: string): boolean {
  return CROSS_REFERENCE.test(key);
}

/** True when a key must be written `@{key}` because Pandoc would not read it bare. */
export function keyNeedsBraces(key: string): boolean {
  return !BARE_KEY.test(key);
}

interface KeyMatch {
  readonly item: CitationItem;
  /** Offset of the `@` (or `-` of `-@`). */
  readonly at: number;
  readonly crossReference: boolean;
}

function keyMatches(masked: string, original: string, from: number, to: number): KeyMatch[] {
  const out: KeyMatch[] = [];
  // Without an `@` in range the regex would search on past `to` for the next one: once per
  // bracket pair, that was quadratic (25,000 `[a]` took 1.6 s).
  if (!masked.slice(from, to).includes('@')) return out;
  KEY_REFERENCE.lastIndex = from;
  for (let m = KEY_REFERENCE.exec(masked); m && m.index < to; m = KEY_REFERENCE.exec(masked)) {
    const braced = m[2] !== undefined;
    const key = (braced ? m[2] : m[3]).trim();
    if (m.index + m[0].length > to || !key) continue;
    const keyStart = m.index + m[1].length + (braced ? 2 : 1);
    const start = braced ? keyStart + m[2].indexOf(key) : keyStart;
    // A key with masked text inside (a link target, code) is not a key as written.
    if (original.slice(start, start + key.length) !== key) continue;
    out.push({
      item: { text: key, key, span: { start, end: start + key.length } },
      at: m.index,
      crossReference: isCrossReference(key),
    });
  }
  return out;
}

/** Citations are short: a bracket pair longer than this is prose, not a citation. */
const MAX_CITATION_LENGTH = 4000;

/**
 * The `]` matching each `[` within one paragraph, found in one linear pass with a stack (a scan per
 * bracket was quadratic on text full of unclosed brackets). Escaped characters are skipped.
 */
function matchBrackets(masked: string): Map<number, number> {
  const matches = new Map<number, number>();
  const open: number[] = [];
  for (let i = 0; i < masked.length; i++) {
    const c = masked.charCodeAt(i);
    if (c === 0x5c /* \ */) {
      i++;
    } else if (c === 0x5b /* [ */) {
      open.push(i);
    } else if (c === 0x5d /* ] */) {
      const start = open.pop();
      if (start !== undefined && i - start < MAX_CITATION_LENGTH) matches.set(start, i);
    } else if (c === 0x0a /* \n */ && open.length > 0 && /^\n[ \t]*(?:\n|$)/.test(masked.slice(i, i + 80))) {
      open.length = 0; // a blank line ends the paragraph: its unclosed brackets never close
    }
  }
  return matches;
}

/** Pandoc citations in `masked` (structure blanked); `original` decides what follows a `]`. */
export function findPandocCitations(masked: string, original: string): Citation[] {
  const citations: Citation[] = [];
  const claimed: Array<[number, number]> = [];
  const closing = matchBrackets(masked);

  for (let open = masked.indexOf('['); open >= 0; open = masked.indexOf('[', open + 1)) {
    if (open > 0 && (masked[open - 1] === '\\' || masked[open - 1] === '!')) continue;
    const close = closing.get(open);
    if (close === undefined) continue;
    const inner = keyMatches(masked, original, open + 1, close);
    if (inner.length === 0) continue;
    // `[@key](url)`, `[text][ref]` and `[text]{.class}` are links and spans, not citations.
    const after = original[close + 1];
    if (after === '(' || after === '[' || after === '{') continue;
    claimed.push([open, close + 1]);
    const items = inner.filter((k) => !k.crossReference).map((k) => k.item);
    if (items.length > 0) citations.push({ syntax: 'pandoc', span: { start: open, end: close + 1 }, items });
    open = close;
  }

  let c = 0;
  for (const k of keyMatches(masked, original, 0, masked.length)) {
    while (c < claimed.length && claimed[c][1] <= k.at) c++;
    if (c < claimed.length && claimed[c][0] <= k.at) continue;
    if (k.crossReference) continue;
    const start = masked[k.at] === '-' ? k.at + 1 : k.at;
    let end = k.item.span.end + (original[k.item.span.end] === '}' ? 1 : 0);
    // `@key [p. 33]`: a locator in brackets right after a narrative citation belongs to it.
    const locator = /^ \[([^\]@\n]{1,80})\](?![(\[{])/.exec(masked.slice(end, end + 90));
    if (locator) end += locator[0].length;
    citations.push({ syntax: 'pandoc', span: { start, end }, items: [k.item], narrative: true });
  }
  return citations.sort((a, b) => a.span.start - b.span.start);
}
