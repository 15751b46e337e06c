/**
 * The one letter folding of Evidence Writer: what a writer types ("hassler", "Haßler", "HASSLER",
 * "Orsted") meets what the bibliography holds ("Haßler", "Ørsted") in search, in author-year matching,
 * in did-you-mean suggestions and in generated keys. Each of those adds its own rules for punctuation
 * and spaces on top of this.
 */

/** Letters that NFD does not decompose into base + combining mark. */
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ŀ: 'l',
};
const SPECIAL_RE = /[ßæœøłđðþıŀ]/g;
const COMBINING_MARKS_RE = /\p{M}/gu;

/** Whether `text` is all ASCII (most bibliography text: it needs no Unicode folding). */
export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 128) return false;
  return true;
}

/** Lower case, accents and other marks dropped, ß/æ/œ/ø/ł/đ/ð/þ/ı/ŀ spelt in ASCII: "Haßler" → "hassler", "Ørsted" → "orsted". */
export function foldLetters(text: string): string {
  if (isAscii(text)) return text.toLowerCase();
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING_MARKS_RE, '')
    .replace(SPECIAL_RE, (ch) => SPECIAL_LETTERS[ch] ?? ch);
}
