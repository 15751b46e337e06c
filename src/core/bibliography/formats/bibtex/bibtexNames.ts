/**
 * BibTeX name ordering as citation-js does it (plugin-bibtex lib/input/name.js): a name is read as
 * comma-separated pieces of words; "First von Last", "von Last, First" and "von Last, Jr, First" are
 * told apart by the case of each word (a lower-case word is a particle, a word with no letters counts
 * as upper case), and the result is the CSL name citation-js's name translator makes of it.
 */

export interface NamePart {
  readonly value: string;
  /** The case of the word's first cased letter; null when it has none. */
  readonly upperCase: boolean | null;
  /** Joined to the next word by `-` rather than a space. */
  readonly hyphenated: boolean;
}

/** A CSL name as citation-js gives it: only the parts that are present, in this key order. */
export interface CslName {
  given?: string;
  family?: string;
  suffix?: string;
  'non-dropping-particle'?: string;
}

/** Whether the first character whose case can change is upper case (null: no such character). */
export function stringCase(text: string): boolean | null {
  // ASCII up to the first ASCII letter decides it without case-mapping the whole word.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) return true;
    if (c >= 97 && c <= 122) return false;
    if (c >= 128) break;
    if (i === text.length - 1) return null;
  }
  const upper = text.toUpperCase();
  const lower = text.toLowerCase();
  for (let i = 0; i < text.length; i++) {
    if (upper[i] !== lower[i]) return upper[i] === text[i];
  }
  return null;
}

function isLower(part: NamePart): boolean {
  return part.upperCase === false;
}

/** The words `parts[from..to)`, then `parts[from2..to2)`, joined by space or hyphen; undefined when empty. */
function joinParts(parts: readonly NamePart[], from: number, to: number, from2 = 0, to2 = 0): string | undefined {
  let joined = '';
  let last: NamePart | undefined;
  for (let k = from; k < to; k++) {
    if (last) joined += last.value + (last.hyphenated ? '-' : ' ');
    last = parts[k];
  }
  for (let k = from2; k < to2; k++) {
    if (last) joined += last.value + (last.hyphenated ? '-' : ' ');
    last = parts[k];
  }
  if (last) joined += last.value;
  return joined === '' ? undefined : joined;
}

/**
 * Splits one piece's words into given names, particle and family name, as index ranges (citation-js
 * shifts them off a queue; each of its lists is a contiguous run). With `orderGiven` (a name without
 * commas) leading words not in lower case are given names; then lower-case words up to the last run of
 * non-lower-case words form the particle; a hyphenated run of given-like words that reaches the end
 * belongs to the family name. The last word is always in the family name.
 */
function orderParts(parts: readonly NamePart[], orderGiven: boolean): [string | undefined, string | undefined, string | undefined] {
  const n = parts.length;
  let i = 0;
  let givenEnd = 0;
  if (orderGiven) {
    while (n - i > 1 && !isLower(parts[i])) {
      while (n - i > 1 && !isLower(parts[i]) && !parts[i].hyphenated) i++;
      givenEnd = i;
      while (n - i > 0 && !isLower(parts[i]) && parts[i].hyphenated) i++;
    }
  }
  // Words [givenEnd, undecidedEnd) are hyphenated given-like words still undecided.
  const undecidedEnd = i;
  let familyStart = i;
  while (n - i > 1) {
    while (n - i > 1 && isLower(parts[i])) i++;
    familyStart = i;
    while (n - i > 0 && !isLower(parts[i])) i++;
  }
  return [joinParts(parts, 0, givenEnd), joinParts(parts, undecidedEnd, familyStart), joinParts(parts, givenEnd, undecidedEnd, familyStart, n)];
}

/** One name from its comma-separated pieces (1: "First von Last"; 2: "von Last, First"; 3: "von Last, Jr, First"). */
export function orderNamePieces(pieces: readonly (readonly NamePart[])[]): CslName {
  const [orderedGiven, prefix, family] = orderParts(pieces[0], pieces.length === 1);
  let given: string | undefined;
  let suffix: string | undefined;
  if (pieces.length === 3) {
    given = joinParts(pieces[2], 0, pieces[2].length);
    suffix = joinParts(pieces[1], 0, pieces[1].length);
  } else if (pieces.length === 2) {
    given = joinParts(pieces[1], 0, pieces[1].length);
  } else {
    given = orderedGiven;
  }
  // citation-js ignores pieces after the third.
  const name: CslName = {};
  if (given !== undefined) name.given = given;
  if (family !== undefined) name.family = family;
  if (suffix !== undefined) name.suffix = suffix;
  if (prefix !== undefined) name['non-dropping-particle'] = prefix;
  return name;
}
