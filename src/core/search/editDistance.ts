/**
 * Bounded "prefix" edit distance for typo tolerance while typing: the smallest optimal-string-
 * alignment distance (insert, delete, substitute, swap neighbours) between `term` and ANY prefix
 * of `token`. "leapfrgo" → "leapfrog" is 1 (swap); "pandemc" → "pandemics" is 1 (prefix "pandemic").
 * With `wholeToken`, the plain distance to the whole token instead.
 * Returns maxDistance + 1 as soon as the distance must exceed maxDistance.
 */
export function prefixEditDistance(term: string, token: string, maxDistance: number, wholeToken = false): number {
  const m = term.length;
  const far = maxDistance + 1;
  if (wholeToken && Math.abs(token.length - m) > maxDistance) return far;
  const n = Math.min(token.length, m + maxDistance);
  if (n < m - maxDistance) return far;
  const width = n + 1;
  // Three rows are enough for OSA: the one before last (for swaps), the last and the current. Only
  // cells within maxDistance of the diagonal can stay within maxDistance (|i - j| edits at least), so
  // each row is computed over that band alone, the cells beside it held at `far`.
  let prev2 = new Int32Array(width);
  let prev = new Int32Array(width);
  let cur = new Int32Array(width);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    const from = i > maxDistance ? i - maxDistance : 1;
    const to = i + maxDistance < n ? i + maxDistance : n;
    cur[from - 1] = from === 1 ? i : far;
    if (to < n) cur[to + 1] = far;
    let rowMin = from === 1 ? i : far;
    const a = term.charCodeAt(i - 1);
    const previousA = i > 1 ? term.charCodeAt(i - 2) : -1;
    for (let j = from; j <= to; j++) {
      const b = token.charCodeAt(j - 1);
      let d = prev[j - 1]! + (a === b ? 0 : 1);
      const up = prev[j]! + 1;
      if (up < d) d = up;
      const left = cur[j - 1]! + 1;
      if (left < d) d = left;
      if (previousA === b && j > 1 && a === token.charCodeAt(j - 2)) {
        const swap = prev2[j - 2]! + 1;
        if (swap < d) d = swap;
      }
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > maxDistance) return far;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  // `prev` now holds the last row: the distance from the whole term to each prefix of the token.
  if (wholeToken) return Math.min(prev[n]!, far);
  let best = far;
  for (let j = Math.max(0, m - maxDistance); j <= n; j++) if (prev[j]! < best) best = prev[j]!;
  return best;
}

/** A word prepared for `osaDistance`: where each of its characters occurs, as bits (words of up to 32 characters). */
export class WordBits {
  static readonly MAX_LENGTH = 32;
  private readonly ascii = new Int32Array(128);
  private readonly other = new Map<number, number>();

  constructor(readonly word: string) {
    if (word.length > WordBits.MAX_LENGTH) throw new RangeError(`WordBits takes words of up to ${WordBits.MAX_LENGTH} characters`);
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      if (c < 128) this.ascii[c]! |= 1 << i;
      else this.other.set(c, (this.other.get(c) ?? 0) | (1 << i));
    }
  }

  /** The positions of character code `c` in the word. */
  positionsOf(c: number): number {
    return c < 128 ? this.ascii[c]! : (this.other.get(c) ?? 0);
  }
}

/**
 * The optimal-string-alignment distance between a prepared word and `text` (what
 * `prefixEditDistance(word, text, max, true)` gives), up to maxDistance + 1: Hyyrö's bit-vector
 * algorithm, one column of the table per character of `text` in a few word operations. For
 * did-you-mean, which measures one unknown key against thousands of keys.
 */
export function osaDistance(word: WordBits, text: string, maxDistance: number): number {
  const m = word.word.length;
  const n = text.length;
  const far = maxDistance + 1;
  if (Math.abs(n - m) > maxDistance) return far;
  if (m === 0) return Math.min(n, far);
  const top = 1 << (m - 1);
  let vp = -1; // vertical deltas of the current column: +1 everywhere (column 0 is 0, 1, …, m)
  let vn = 0;
  let d0 = 0;
  let previous = 0;
  let score = m;
  for (let j = 0; j < n; j++) {
    const pm = word.positionsOf(text.charCodeAt(j));
    // A swap of neighbours: the character matches the word's next one, and the text's previous the word's this one.
    const tr = (((~d0 & pm) << 1) & previous) | 0;
    const x = pm | vn;
    d0 = ((((x & vp) + vp) | 0) ^ vp) | x | tr;
    let hp = vn | ~(d0 | vp);
    let hn = d0 & vp;
    if (hp & top) score++;
    else if (hn & top) score--;
    // The rest of the text can lower the distance by at most one per character.
    if (score - (n - 1 - j) > maxDistance) return far;
    hp = (hp << 1) | 1;
    hn = hn << 1;
    vp = hn | ~(d0 | hp);
    vn = hp & d0;
    previous = pm;
  }
  return Math.min(score, far);
}
