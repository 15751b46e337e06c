/**
 * Prose sentences of a document, structure-aware: front matter, code, math, headings, tables,
 * HTML/LaTeX markup and the reference list are never part of a sentence; headings name the
 * section of the sentences below them; list items and block quotes are paragraphs of their own.
 *
 * Contract: `sentence.text === text.slice(sentence.span.start, sentence.span.end)`, and the text
 * is trimmed (no leading/trailing white space, list bullet, quote marker or markup). A citation
 * before the full stop (`… practice [@a; @b].`, `… (⇡Vegas, 2020).`) belongs to its sentence,
 * and so does one placed right after the full stop (`… practice. [@a]`).
 */
import type { DocumentLanguage, Sentence } from '../types';
import { isMarkdownLike, splitLines } from '../document/regions';
import { BULLET_ITEM, HIDDEN, NUMBERED_ITEM, PROTECTED, REMOVED, proseView } from './proseText';

/** Words that end with a full stop without ending a sentence (compared lower-case, without the dot). */
const ABBREVIATIONS = new Set(
  (
    'e.g eg i.e ie et al etc.al cf vs v viz fig figs eq eqs eqn ref refs sec secs ch chap tab no nos vol vols pp p para ' +
    'approx ca c dr mr mrs ms prof jr sr st mt inc ltd co corp dept univ ed eds trans rev est min max op cit ibid ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.u n.d resp incl excl esp ps'
  ).split(' '),
);
const SENTENCE_START = /[\p{Lu}\p{N}"“'‘«⇡`*_[(@\\$¡¿]/u;
const CLOSERS = /["'”’»)\]*_]/;
const CITATION_INSIDE = /@|⇡|\\[A-Za-z]*cite|(?:19|20)\d\d/;

export function splitSentences(text: string, language: DocumentLanguage): Sentence[] {
  try {
    return split(text, language);
  } catch {
    // Bad input must not break the linter or the editor; no sentences means nothing flagged.
    return [];
  }
}

function split(text: string, language: DocumentLanguage): Sentence[] {
  const view = proseView(text, language);
  const prose = view.prose;
  const headings = view.regions.filter((r) => r.kind === 'heading' && r.title).map((r) => ({ at: r.start, title: r.title as string }));
  const sentences: Sentence[] = [];
  let paragraph = 0;
  for (const block of paragraphs(text, prose, language)) {
    const before = sentences.length;
    for (const segment of segmentsWithoutRemoved(prose, block.start, block.end)) {
      for (const span of sentenceSpans(text, prose, segment.start, segment.end)) {
        const trimmed = trim(prose, span.start, span.end);
        if (!trimmed || !/\p{L}/u.test(prose.slice(trimmed.start, trimmed.end))) continue;
        const section = sectionAt(headings, trimmed.start);
        const sentence: Sentence = { text: text.slice(trimmed.start, trimmed.end), span: trimmed, paragraph };
        sentences.push(section === undefined ? sentence : { ...sentence, section });
      }
    }
    if (sentences.length > before) paragraph++;
  }
  return sentences;
}

interface Block {
  readonly start: number;
  readonly end: number;
}

/** Paragraphs: runs of prose lines, broken by blank or structure-only lines and by list items. */
function* paragraphs(text: string, prose: string, language: DocumentLanguage): Generator<Block> {
  const lines = splitLines(text);
  let start = -1;
  let end = -1;
  let inList = false;
  let blockIsQuote = false;
  const close = function* (): Generator<Block> {
    if (start >= 0) yield { start, end };
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
    const insideProtected = prose[line.start] === PROTECTED;
    if (!insideProtected && (bullet || numbered || latexItem || quoteChange)) {
      yield* close();
      inList = bullet || numbered || latexItem;
    }
    if (start < 0) {
      start = line.start;
      blockIsQuote = isQuote(line.text);
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
  let s = start;
  for (let i = start; i <= end; i++) {
    if (i === end || prose[i] === REMOVED) {
      if (i > s) out.push({ start: s, end: i });
      s = i + 1;
    }
  }
  return out;
}

/**
 * Marks offsets inside matched () and [] pairs, where no sentence can end. Linear: a closer skips
 * the search when no opener of its kind is open, and pairs are marked through a difference array
 * (searching and marking per pair was quadratic on `](](…` and deep nesting).
 */
function bracketDepth(prose: string, start: number, end: number): Uint8Array {
  const inside = new Uint8Array(end - start);
  const delta = new Int32Array(end - start + 1);
  const stack: Array<{ at: number; open: string }> = [];
  const openCount: Record<string, number> = { '(': 0, '[': 0 };
  for (let i = start; i < end; i++) {
    const c = prose[i];
    if (c === '(' || c === '[') {
      stack.push({ at: i, open: c });
      openCount[c]++;
    } else if (c === ')' || c === ']') {
      const want = c === ')' ? '(' : '[';
      // Pop to the matching opener; unmatched closers (e.g. "1)") are ignored.
      if (openCount[want] === 0) continue;
      let k = stack.length - 1;
      while (stack[k].open !== want) k--;
      for (let j = k; j < stack.length; j++) openCount[stack[j].open]--;
      delta[stack[k].at + 1 - start]++;
      delta[i - start]--;
      stack.length = k;
    }
  }
  for (let i = 0, depth = 0; i < inside.length; i++) {
    depth += delta[i];
    if (depth > 0) inside[i] = 1;
  }
  return inside;
}

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
  const before = prose.slice(Math.max(segmentStart, dot - 30), dot);
  const word = /([\p{L}\p{N}][\p{L}\p{N}.]*)$/u.exec(before)?.[1];
  if (!word) return false;
  if (/^\p{Lu}$/u.test(word)) return true; // an initial: "Nathan M. Castillo"
  if (word.includes('.') && /^(?:\p{L}{1,3}\.)+\p{L}{1,3}$/u.test(word)) return true; // e.g, i.e, U.S
  const lower = word.toLowerCase();
  if (ABBREVIATIONS.has(lower)) return lower !== 'etc';
  return false;
}

function sentenceSpans(text: string, prose: string, start: number, end: number): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  const inside = bracketDepth(prose, start, end);
  let sentenceStart = start;
  for (let i = start; i < end; i++) {
    const c = prose[i];
    if (c !== '.' && c !== '?' && c !== '!' && c !== '…') continue;
    if (inside[i - start]) continue;
    if (c === '…' || (c === '.' && (prose[i + 1] === '.' || prose[i - 1] === '.'))) continue; // ellipsis
    if (c === '.' && isAbbreviation(prose, i, sentenceStart)) continue;
    let j = i + 1;
    while (j < end && CLOSERS.test(prose[j]) && !(prose[j] === '(' || prose[j] === '[')) j++;
    if (j < end && !/\s/.test(prose[j])) continue;
    let k = j;
    while (k < end && /[\s\u0003]/.test(prose[k])) k++;
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
    if (prose[k] !== PROTECTED && !SENTENCE_START.test(text[k])) continue;
    spans.push({ start: sentenceStart, end: j });
    sentenceStart = k;
    i = k - 1;
  }
  if (sentenceStart < end) spans.push({ start: sentenceStart, end });
  return spans;
}

/** The span without surrounding white space and hidden markup; undefined if nothing is left. */
function trim(prose: string, start: number, end: number): { start: number; end: number } | undefined {
  while (start < end && /[\s\u0002\u0003]/.test(prose[start])) start++;
  while (end > start && /[\s\u0002\u0003]/.test(prose[end - 1])) end--;
  return end > start ? { start, end } : undefined;
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
