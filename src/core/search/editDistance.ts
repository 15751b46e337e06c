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
  // Only cells within maxDistance of the diagonal can stay within maxDistance (|i - j| edits at
  // least), so each row is computed over that band alone, its edges held at `far`. Three rows, in one
  // buffer, are enough for OSA: the one before last (for swaps), the last and the current; `before`,
  // `last` and `row` are their offsets. (Lint asks this of thousands of keys per unknown citation.)
  const rows = new Int32Array(3 * width);
  let before = 0;
  let last = width;
  let row = 2 * width;
  for (let j = 0; j <= n; j++) rows[last + j] = j;
  for (let i = 1; i <= m; i++) {
    const from = Math.max(1, i - maxDistance);
    const to = Math.min(n, i + maxDistance);
    rows[row + from - 1] = from === 1 ? i : far;
    if (to < n) rows[row + to + 1] = far;
    let rowMin = from === 1 ? i : far;
    const a = term.charCodeAt(i - 1);
    const previousA = i > 1 ? term.charCodeAt(i - 2) : -1;
    for (let j = from; j <= to; j++) {
      const b = token.charCodeAt(j - 1);
      const cost = a === b ? 0 : 1;
      let d = Math.min(rows[last + j]! + 1, rows[row + j - 1]! + 1, rows[last + j - 1]! + cost);
      if (j > 1 && a === token.charCodeAt(j - 2) && previousA === b) d = Math.min(d, rows[before + j - 2]! + 1);
      rows[row + j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > maxDistance) return far;
    const free = before;
    before = last;
    last = row;
    row = free;
  }
  // `last` now holds the last row: the distance from the whole term to each prefix of the token.
  if (wholeToken) return Math.min(rows[last + n]!, far);
  let best = far;
  for (let j = Math.max(0, m - maxDistance); j <= n; j++) if (rows[last + j]! < best) best = rows[last + j]!;
  return best;
}
