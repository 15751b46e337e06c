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

/** Splits a folded key into its letter and digit runs: "edtechhub2025observatoryb" → [edtechhub, 2025, observatoryb]. */
export function keyParts(foldedKey: string): string[] {
  return foldedKey.match(/[a-z]+|[0-9]+/g) ?? [];
}
