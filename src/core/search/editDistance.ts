/**
 * Bounded "prefix" edit distance for typo tolerance while typing: the smallest optimal-string-
 * alignment distance (insert, delete, substitute, swap neighbours) between `term` and ANY prefix
 * of `token`. "leapfrgo" → "leapfrog" is 1 (swap); "pandemc" → "pandemics" is 1 (prefix "pandemic").
 * With `wholeToken`, the plain distance to the whole token instead.
 * Returns maxDistance + 1 as soon as the distance must exceed maxDistance.
 */
export function prefixEditDistance(term: string, token: string, maxDistance: number, wholeToken = false): number {
  const m = term.length;
  if (wholeToken && Math.abs(token.length - m) > maxDistance) return maxDistance + 1;
  const n = Math.min(token.length, m + maxDistance);
  if (n < m - maxDistance) return maxDistance + 1;
  const width = n + 1;
  // Three rows are enough for OSA: the one before last (for swaps), the last and the current.
  let prev2 = new Int32Array(width);
  let prev = new Int32Array(width);
  let cur = new Int32Array(width);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    let rowMin = i;
    const a = term.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const b = token.charCodeAt(j - 1);
      const cost = a === b ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a === token.charCodeAt(j - 2) && term.charCodeAt(i - 2) === b) {
        d = Math.min(d, prev2[j - 2]! + 1);
      }
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > maxDistance) return maxDistance + 1;
    const t = prev2; prev2 = prev; prev = cur; cur = t;
  }
  // `prev` now holds the last row: the distance from the whole term to each prefix of the token.
  if (wholeToken) return Math.min(prev[n]!, maxDistance + 1);
  let best = maxDistance + 1;
  for (let j = Math.max(0, m - maxDistance); j <= n; j++) if (prev[j]! < best) best = prev[j]!;
  return best;
}
