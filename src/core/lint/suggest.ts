/**
 * "Did you mean" candidates for a citation that resolves to nothing: near keys by edit distance
 * (typos, case), keys that extend what was typed, and entries by a near first author.
 */
import type { BibEntry } from '../types';

/** Optimal-string-alignment distance (Damerau–Levenshtein without re-edits), stopping past `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1);
    row[0] = i;
    rows.push(row);
  }
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
  }
  return rows[a.length]![b.length]!;
}

/** Up to `limit` keys close to `key`, closest first. */
export function suggestKeys(key: string, keys: Iterable<string>, limit = 3): string[] {
  const lower = key.toLowerCase();
  const max = lower.length >= 12 ? 3 : lower.length >= 5 ? 2 : 1;
  const scored: { key: string; rank: number }[] = [];
  for (const candidate of keys) {
    const c = candidate.toLowerCase();
    if (c === lower) {
      scored.push({ key: candidate, rank: 0 });
      continue;
    }
    const d = editDistance(lower, c, max);
    if (d <= max) scored.push({ key: candidate, rank: d });
    else if (lower.length >= 4 && c.startsWith(lower)) scored.push({ key: candidate, rank: max + 0.5 });
  }
  scored.sort((x, y) => x.rank - y.rank || x.key.localeCompare(y.key));
  return scored.slice(0, limit).map((s) => s.key);
}

/** Accent- and case-insensitive form of a name. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function firstAuthorName(entry: BibEntry): string | undefined {
  const p = entry.authors[0] ?? entry.editors?.[0];
  return p ? (p.family ?? p.literal) : undefined;
}

/** Entries whose first author is (nearly) the name written, nearest year first. */
export function suggestByAuthor(name: string, year: string, entries: readonly BibEntry[], limit = 3): BibEntry[] {
  const wanted = normaliseName(name);
  if (!wanted) return [];
  const max = wanted.length >= 6 ? 2 : 1;
  const wantedYear = Number.parseInt(year, 10);
  const found: { entry: BibEntry; rank: number }[] = [];
  for (const entry of entries) {
    const first = firstAuthorName(entry);
    if (!first) continue;
    const d = editDistance(wanted, normaliseName(first), max);
    if (d > max) continue;
    const yearGap = entry.year !== undefined && Number.isFinite(wantedYear) ? Math.abs(entry.year - wantedYear) : 50;
    found.push({ entry, rank: d * 100 + yearGap });
  }
  found.sort((a, b) => a.rank - b.rank || a.entry.key.localeCompare(b.entry.key));
  return found.slice(0, limit).map((f) => f.entry);
}

/** "Hennessy, Jordan & Wagner (2021)" style label for an entry in messages. */
export function entryLabel(entry: BibEntry): string {
  const names = entry.authors.map((p) => p.family ?? p.literal ?? '').filter(Boolean);
  const who =
    names.length === 0
      ? (entry.title ?? entry.key)
      : names.length === 1
        ? names[0]
        : names.length === 2
          ? `${names[0]} & ${names[1]}`
          : `${names[0]} et al.`;
  return `${who} (${entry.yearLabel ?? entry.year ?? 'n.d.'})`;
}
