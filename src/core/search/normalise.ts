/**
 * Text normalisation shared by the search index and the query parser, so that what a writer
 * types ("hassler", "Haßler", "HASSLER") meets what the bibliography holds.
 */

/** Letters that NFD does not decompose into base + combining mark. */
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ŀ: 'l',
};
const SPECIAL_RE = /[ßæœøłđðþıŀ]/g;
const ASCII_RE = /^[\x00-\x7f]*$/;
const COMBINING_MARKS_RE = /[\u0300-\u036f]/g;

/** Lowercase and fold accents: "Haßler" → "hassler", "Beoku-Betts" → "beoku-betts". */
export function foldText(text: string): string {
  // Most bibliography text is ASCII; skip the costly Unicode normalisation for it.
  if (ASCII_RE.test(text)) return text.toLowerCase();
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING_MARKS_RE, '')
    .replace(SPECIAL_RE, (ch) => SPECIAL_LETTERS[ch] ?? ch);
}

const TOKEN_RE = /[a-z0-9]+/g;

/** Folded alphanumeric words of a text: "Waypoints & Signals – Issue 12" → [waypoints, signals, issue, 12]. */
export function tokenize(text: string): string[] {
  return foldText(text).match(TOKEN_RE) ?? [];
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
export function keySegmentTails(key: string): string[] {
  const folded = foldKey(key);
  const tails: string[] = [];
  for (const m of key.matchAll(SEGMENT_START)) {
    const tail = foldKey(key.slice(m.index));
    if (tail.length > 1 && tail !== folded && !tails.includes(tail)) tails.push(tail);
  }
  return tails;
}
