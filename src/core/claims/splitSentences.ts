/**
 * Prose sentences of a document, structure-aware: front matter, code, math, headings, tables,
 * HTML/LaTeX markup and the reference list are never part of a sentence; headings name the
 * section of the sentences below them; list items and block quotes are paragraphs of their own, and
 * a list item remembers the sentence that introduced its list ("The Hub aims to:").
 *
 * Contract: `sentence.text === text.slice(sentence.span.start, sentence.span.end)`, and the text
 * is trimmed (no leading/trailing white space, list bullet, quote marker or markup). A citation
 * before the full stop (`… practice [@a; @b].`, `… (⇡Vegas, 2020).`) belongs to its sentence,
 * and so does one placed right after the full stop (`… practice. [@a]`).
 */
import type { DocumentLanguage, Sentence } from '../types';
import { isMarkdownLike, splitLines, type Region } from '../document/regions';
import { BULLET_ITEM, NUMBERED_ITEM, PROTECTED, REMOVED, proseView } from './proseText';

/** Words that end with a full stop without ending a sentence (compared lower-case, without the dot). */
const ABBREVIATIONS = new Set(
  (
    'e.g eg i.e ie et al etc.al cf vs v viz fig figs eq eqs eqn ref refs sec secs ch chap tab no nos vol vols pp p para ' +
    'approx ca c dr mr mrs ms prof jr sr st mt inc ltd co corp dept univ ed eds trans rev est min max op cit ibid ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.u n.d resp incl excl esp ps'
  ).split(' '),
);
// Local copies: read per character in the loops below (an imported binding can cost a getter call).
const REMOVED_CHAR: string = REMOVED;
const PROTECTED_CHAR: string = PROTECTED;
const SENTENCE_START = /[\p{Lu}\p{N}"“'‘«⇡`*_[(@\\$¡¿]/u;
const CITATION_INSIDE = /@|⇡|\\[A-Za-z]*cite|(?:19|20)\d\d/;

/** `regions`: the text's regions (see findRegions), when the caller has found them already. */
export function splitSentences(text: string, language: DocumentLanguage, regions?: readonly Region[]): Sentence[] {
  try {
    return split(text, language, regions);
  } catch {
    // Bad input must not break the linter or the editor; no sentences means nothing flagged.
    return [];
  }
}

function split(text: string, language: DocumentLanguage, regions: readonly Region[] | undefined): Sentence[] {
  const view = proseView(text, language, regions);
  const prose = view.prose;
  const headings = view.regions.filter((r) => r.kind === 'heading' && r.title).map((r) => ({ at: r.start, title: r.title as string }));
  const sentences: Sentence[] = [];
  let paragraph = 0;
  // The sentence that introduced the list being read ("The Hub aims to:"), with its section.
  let intro: { text: string; section: string | undefined } | undefined;
  for (const block of paragraphs(text, prose, language)) {
    const before = sentences.length;
    if (!block.item) intro = undefined;
    for (const segment of segmentsWithoutRemoved(prose, block.start, block.end)) {
      for (const span of sentenceSpans(text, prose, segment.start, segment.end)) {
        const trimmed = trimOriginal(text, trim(prose, span.start, span.end));
        if (!trimmed || !/\p{L}/u.test(prose.slice(trimmed.start, trimmed.end))) continue;
        const section = sectionAt(headings, trimmed.start);
        const sentence: { -readonly [K in keyof Sentence]: Sentence[K] } = { text: text.slice(trimmed.start, trimmed.end), span: trimmed, paragraph };
        if (section !== undefined) sentence.section = section;
        if (intro && intro.section === section) sentence.listIntro = intro.text;
        sentences.push(sentence);
      }
    }
    if (sentences.length > before) {
      paragraph++;
      const last = sentences[sentences.length - 1]!;
      if (!block.item && LIST_INTRODUCTION.test(last.text)) intro = { text: last.text, section: last.section };
    }
  }
  return sentences;
}

/** A paragraph whose last sentence ends with a colon introduces the list after it. */
const LIST_INTRODUCTION = /:["'”’)\]]*$/;

interface Block {
  readonly start: number;
  readonly end: number;
  /** A list item (bullet, number, \\item). */
  readonly item: boolean;
}

/** Paragraphs: runs of prose lines, broken by blank or structure-only lines and by list items. */
function* paragraphs(text: string, prose: string, language: DocumentLanguage): Generator<Block> {
  const lines = splitLines(text);
  let start = -1;
  let end = -1;
  let inList = false;
  let blockIsQuote = false;
  let blockIsItem = false;
  const close = function* (): Generator<Block> {
    if (start >= 0) yield { start, end, item: blockIsItem };
    start = -1;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const proseLine = prose.slice(line.start, line.end);
    const blank = /^[\s\u0002\u0003]*$/.test(proseLine);
    const onlyComment = language === 'latex' && /^\s*$/.test(proseLine) && !/^\s*$/.test(line.text);
    if (onlyComment) continue; // a comment line does not end a LaTeX paragraph
    if (blank) {
      yield* close();
      if (/^\s*$/.test(line.text)) inList = inList && nextIsIndentedOrItem(lines, i);
      else inList = false;
      continue;
    }
    const original = line.text.replace(/^(?:[ \t]{0,3}>[ \t]?)+/, '');
    const bullet: boolean = language !== 'latex' && BULLET_ITEM.test(original);
    const numbered: boolean = language !== 'latex' && NUMBERED_ITEM.test(original) && (start < 0 || inList);
    const latexItem: boolean = language === 'latex' && /^\s*\\item\b/.test(line.text);
    const quoteChange: boolean = isMarkdownLike(language) && start >= 0 && isQuote(line.text) !== blockIsQuote;
    // A line that starts inside a code span or math (a multi-line `…`) is not a list item or quote.
    const insideProtected = prose[line.start] === PROTECTED_CHAR;
    if (!insideProtected && (bullet || numbered || latexItem || quoteChange)) {
      yield* close();
      inList = bullet || numbered || latexItem;
    }
    if (start < 0) {
      start = line.start;
      blockIsQuote = isQuote(line.text);
      blockIsItem = !insideProtected && (bullet || numbered || latexItem);
    }
    end = line.end;
  }
  yield* close();
}

function isQuote(line: string): boolean {
  return /^[ \t]{0,3}>/.test(line);
}

function nextIsIndentedOrItem(lines: ReadonlyArray<{ text: string }>, i: number): boolean {
  for (let j = i + 1; j < lines.length; j++) {
    if (/^\s*$/.test(lines[j].text)) continue;
    return /^\s/.test(lines[j].text) || BULLET_ITEM.test(lines[j].text) || NUMBERED_ITEM.test(lines[j].text);
  }
  return false;
}

/** Pieces of a paragraph between removed structure (e.g. display math inside a paragraph). */
function segmentsWithoutRemoved(prose: string, start: number, end: number): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  // Searched in the block's own slice: a search in `prose` would run on past `end` for each block.
  const block = prose.slice(start, end);
  let s = 0;
  for (;;) {
    const found = block.indexOf(REMOVED_CHAR, s);
    const i = found < 0 ? block.length : found;
    if (i > s) out.push({ start: start + s, end: start + i });
    if (i >= block.length) return out;
    s = i + 1;
  }
}

/**
 * Bracket depth per offset of [start, end): > 0 inside matched () and [] pairs, where no sentence
 * can end. Linear: a closer skips the search when no opener of its kind is open, and pairs are
 * marked through a difference array (searching and marking per pair was quadratic on `](](…` and
 * deep nesting). The answer lives in a buffer reused by the next call (allocating typed arrays per
 * paragraph was a tenth of the splitter's time): read it before calling again.
 */
function bracketDepth(prose: string, start: number, end: number): Int32Array {
  const length = end - start;
  if (depthScratch.length <= length) {
    const size = Math.max(length + 1, depthScratch.length * 2);
    depthScratch = new Int32Array(size);
    openAtScratch = new Int32Array(size);
    openKindScratch = new Uint8Array(size);
  }
  const depth = depthScratch;
  const openAt = openAtScratch;
  const openKind = openKindScratch; // 0 for `(`, 1 for `[`
  depth.fill(0, 0, length + 1);
  let top = 0;
  let openParens = 0;
  let openSquare = 0;
  for (let i = start; i < end; i++) {
    const c = prose.charCodeAt(i);
    if (c === 0x28 /* ( */ || c === 0x5b /* [ */) {
      openAt[top] = i;
      openKind[top++] = c === 0x28 ? 0 : 1;
      if (c === 0x28) openParens++;
      else openSquare++;
    } else if (c === 0x29 /* ) */ || c === 0x5d /* ] */) {
      const want = c === 0x29 ? 0 : 1;
      // Pop to the matching opener; unmatched closers (e.g. "1)") are ignored.
      if ((want === 0 ? openParens : openSquare) === 0) continue;
      let k = top - 1;
      while (openKind[k] !== want) k--;
      for (let j = k; j < top; j++) {
        if (openKind[j] === 0) openParens--;
        else openSquare--;
      }
      depth[openAt[k]! + 1 - start]++;
      depth[i - start]--;
      top = k;
    }
  }
  for (let i = 0, running = 0; i < length; i++) {
    running += depth[i]!;
    depth[i] = running;
  }
  return depth;
}
let depthScratch = new Int32Array(1024);
let openAtScratch = new Int32Array(1024);
let openKindScratch = new Uint8Array(1024);

function matchingClose(prose: string, open: number, end: number): number {
  const want = prose[open] === '(' ? ')' : ']';
  let depth = 0;
  for (let i = open; i < end; i++) {
    if (prose[i] === prose[open]) depth++;
    else if (prose[i] === want && --depth === 0) return i;
  }
  return -1;
}

function isAbbreviation(prose: string, dot: number, segmentStart: number): boolean {
  const word = wordBefore(prose, dot, Math.max(segmentStart, dot - 30));
  if (!word) return false;
  if (/^\p{Lu}$/u.test(word)) return true; // an initial: "Nathan M. Castillo"
  if (word.includes('.') && /^(?:\p{L}{1,3}\.)+\p{L}{1,3}$/u.test(word)) return true; // e.g, i.e, U.S
  const lower = word.toLowerCase();
  if (ABBREVIATIONS.has(lower)) return lower !== 'etc';
  return false;
}

/**
 * The word (letters, digits and inner dots) ending at `dot`, looking back no further than `from`:
 * what /([\p{L}\p{N}][\p{L}\p{N}.]*)$/u finds in `prose.slice(from, dot)`. ASCII words are read
 * with a loop; anything else goes through that regex.
 */
function wordBefore(prose: string, dot: number, from: number): string | undefined {
  let i = dot - 1;
  for (; i >= from; i--) {
    const c = prose.charCodeAt(i);
    if (c > 0x7f) return /([\p{L}\p{N}][\p{L}\p{N}.]*)$/u.exec(prose.slice(from, dot))?.[1];
    if (!(isAsciiAlphanumeric(c) || c === 0x2e /* . */)) break;
  }
  let first = i + 1;
  while (first < dot && prose.charCodeAt(first) === 0x2e) first++;
  return first < dot ? prose.slice(first, dot) : undefined;
}

function isAsciiAlphanumeric(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** `/\s/` for one UTF-16 unit, without building a one-character string. */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** What may follow a full stop and still close the sentence: ", ', ”, ’, », ), ], *, _ (one UTF-16 unit). */
function isCloser(c: number): boolean {
  return c === 0x22 || c === 0x27 || c === 0x201d || c === 0x2019 || c === 0xbb || c === 0x29 || c === 0x5d || c === 0x2a || c === 0x5f;
}

function sentenceSpans(text: string, prose: string, start: number, end: number): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  let depth: Int32Array | undefined; // computed at the first possible sentence end
  let sentenceStart = start;
  for (let i = start; i < end; i++) {
    const code = prose.charCodeAt(i);
    if (code !== 0x2e /* . */ && code !== 0x3f /* ? */ && code !== 0x21 /* ! */ && code !== 0x2026 /* … */) continue;
    depth ??= bracketDepth(prose, start, end);
    if (depth[i - start]! > 0) continue;
    if (code === 0x2026 || (code === 0x2e && (prose.charCodeAt(i + 1) === 0x2e || prose.charCodeAt(i - 1) === 0x2e))) continue; // ellipsis
    if (code === 0x2e && isAbbreviation(prose, i, sentenceStart)) continue;
    let j = i + 1;
    while (j < end && isCloser(prose.charCodeAt(j))) j++;
    if (j < end && !isSpace(prose.charCodeAt(j))) continue;
    let k = j;
    while (k < end && (isSpace(prose.charCodeAt(k)) || prose.charCodeAt(k) === 0x03)) k++;
    if (k >= end) break;
    // A citation right after the full stop still belongs to this sentence.
    if (prose[k] === '[' || prose[k] === '(') {
      const close = matchingClose(prose, k, end);
      if (close > 0 && CITATION_INSIDE.test(prose.slice(k, close))) {
        let after = close + 1;
        if (/[.,;]/.test(prose[after] ?? '')) after++;
        spans.push({ start: sentenceStart, end: after });
        sentenceStart = after;
        i = after - 1;
        continue;
      }
    }
    if (prose[k] !== PROTECTED_CHAR && !SENTENCE_START.test(text[k])) continue;
    spans.push({ start: sentenceStart, end: j });
    sentenceStart = k;
    i = k - 1;
  }
  if (sentenceStart < end) spans.push({ start: sentenceStart, end });
  return spans;
}

/** The span without surrounding white space and hidden markup; undefined if nothing is left. */
/**
 * Also trims white space of the text itself: masked regions (math, code) are not white space in the
 * prose view, so a span cut inside one (say, by a paragraph break within unclosed `$…$`) can start or
 * end with the region's spaces. Found by the property tests: ">A$ER  - \n\r$$".
 */
function trimOriginal(text: string, span: { start: number; end: number } | undefined): { start: number; end: number } | undefined {
  if (!span) return undefined;
  let { start, end } = span;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return start < end ? { start, end } : undefined;
}

function trim(prose: string, start: number, end: number): { start: number; end: number } | undefined {
  while (start < end && isSpaceOrMarkup(prose.charCodeAt(start))) start++;
  while (end > start && isSpaceOrMarkup(prose.charCodeAt(end - 1))) end--;
  return end > start ? { start, end } : undefined;
}

/** `/[\s\u0002\u0003]/` for one UTF-16 unit. */
function isSpaceOrMarkup(c: number): boolean {
  return c === 0x02 || c === 0x03 || isSpace(c);
}

function sectionAt(headings: ReadonlyArray<{ at: number; title: string }>, offset: number): string | undefined {
  let lo = 0;
  let hi = headings.length - 1;
  let found: string | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (headings[mid].at <= offset) {
      found = headings[mid].title;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
