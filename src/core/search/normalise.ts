/**
 * The search's words and keys, shared by the search index and the query parser (letters folded by
 * foldLetters, so that what a writer types meets what the bibliography holds).
 */
import { foldLetters, isAscii } from '../text/foldLetters';

const TOKEN_RE = /[a-z0-9]+/g;

/** Folded alphanumeric words of a text: "Waypoints & Signals – Issue 12" → [waypoints, signals, issue, 12]. */
export function tokenize(text: string): string[] {
  return foldLetters(text).match(TOKEN_RE) ?? [];
}

/** A citation key folded for prefix matching; punctuation (":" "-" "_") is kept out. */
export function foldKey(key: string): string {
  return tokenize(key).join('');
}

/**
 * Where a key's inner segments start: after punctuation (`R-ggplot2`, `neyman:1923`, `rosen_2010`),
 * at a case change (`ASAGuidelines`, `deBoer`) and between letters and digits (`selwyn2016b`).
 */
const SEGMENT_START = /(?<=[^\p{L}\p{N}])[\p{L}\p{N}]|(?<=\p{Ll})\p{Lu}|(?<=\p{Lu})\p{Lu}(?=\p{Ll})|(?<=\p{L})\p{N}|(?<=\p{N})\p{L}/gu;

/**
 * The rest of a key from each inner segment start, folded: "R-ggplot2" → [ggplot2],
 * "edtechhub2025observatoryb" → [2025observatoryb, observatoryb]. A writer typing "gg" or
 * "observ" is typing the start of one of these. One-letter tails (year suffixes, "x1") are left out.
 */
export function keySegmentTails(key: string, folded = foldKey(key)): string[] {
  const tails: string[] = [];
  const add = (tail: string): void => {
    if (tail.length > 1 && tail !== folded && !tails.includes(tail)) tails.push(tail);
  };
  if (!isAscii(key)) {
    for (const m of key.matchAll(SEGMENT_START)) add(foldKey(key.slice(m.index)));
    return tails;
  }
  return asciiKeyTailStarts(key, folded).map((start) => folded.slice(start));
}

/** For an ASCII key: where, in its folded form, each of its tails (keySegmentTails) starts. */
export function asciiKeyTailStarts(key: string, folded: string): number[] {
  // One pass, the same starts as SEGMENT_START; folded = the key's letters and digits, lowercased,
  // so a tail is the folded key past the letters and digits before it. Distinct starts give distinct
  // tails; the one at 0 is the whole key, and one-letter tails are left out.
  const starts: number[] = [];
  let kept = 0;
  let before: number = CharClass.other;
  for (let i = 0; i < key.length; i++) {
    const here = charClass(key.charCodeAt(i));
    if (here === CharClass.other) {
      before = CharClass.other;
      continue;
    }
    const start =
      i > 0 &&
      (before === CharClass.other ||
        (before === CharClass.lower && here === CharClass.upper) ||
        (before === CharClass.upper && here === CharClass.upper && charClass(key.charCodeAt(i + 1)) === CharClass.lower) ||
        ((before === CharClass.digit) !== (here === CharClass.digit)));
    if (start && kept > 0 && folded.length - kept > 1) starts.push(kept);
    kept++;
    before = here;
  }
  return starts;
}

const CharClass = { other: 0, lower: 1, upper: 2, digit: 3 } as const;

function charClass(code: number): number {
  if (code >= 97 && code <= 122) return CharClass.lower;
  if (code >= 65 && code <= 90) return CharClass.upper;
  if (code >= 48 && code <= 57) return CharClass.digit;
  return CharClass.other;
}
