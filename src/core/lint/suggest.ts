/**
 * "Did you mean" candidates for a citation that resolves to nothing: near keys by edit distance
 * (typos, case), keys that extend what was typed, and entries by a near first author.
 */
import type { BibliographyIndex } from '../bibliography/index/bibliographyIndex';
import { normaliseName } from '../bibliography/index/entryColumns';
import { charMask, PREFIX_LENGTH, type SuggestionIndex } from '../bibliography/index/suggestionIndex';
import { osaDistance, prefixEditDistance, WordBits } from '../search/editDistance';
import type { BibEntry } from '../types';

export { firstAuthorName, normaliseName } from '../bibliography/index/entryColumns';

/** Optimal-string-alignment distance (Damerau–Levenshtein without re-edits), stopping past `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  return prefixEditDistance(a, b, max, true);
}

/** `editDistance` from one word to many: the word prepared once (bit vectors, when it is short enough). */
function distancesFrom(word: string): (other: string, max: number) => number {
  if (word.length > WordBits.MAX_LENGTH) return (other, max) => editDistance(word, other, max);
  const bits = new WordBits(word);
  return (other, max) => osaDistance(bits, other, max);
}

/**
 * What suggestions are looked up in: a bibliography index, which owns the suggestion index of its
 * keys and names (built on first use).
 */
export type SuggestionSource = Pick<BibliographyIndex, 'columns' | 'suggestionIndex'>;

/** Up to `limit` keys of `bib` close to `key`, closest first. */
export function suggestKeys(key: string, bib: SuggestionSource, limit = 3): string[] {
  const index = bib.suggestionIndex();
  // Re-lints ask again for the same keys: the answers are remembered with the index (bounded).
  const memo = index.nearKeys;
  const memoKey = `${limit}\u0000${key}`;
  const known = memo.get(memoKey);
  if (known) return [...known];
  const found = scanKeys(key, index, limit);
  if (memo.size >= MAX_REMEMBERED) memo.delete(memo.keys().next().value as string);
  memo.set(memoKey, found);
  return [...found];
}

const MAX_REMEMBERED = 10_000;

function scanKeys(key: string, index: SuggestionIndex, limit: number): string[] {
  const lower = key.toLowerCase();
  const max = lower.length >= 12 ? 3 : lower.length >= 5 ? 2 : 1;
  const { keys, lowerKeys, keyMasks, byPrefix, byLength, lengthStart, masksByLength } = index;
  const scored: { key: string; rank: number }[] = [];
  const mask = charMask(lower);
  const distanceTo = distancesFrom(lower);
  const from = lengthStart[Math.max(0, Math.min(lengthStart.length - 1, lower.length - max))]!;
  const to = lengthStart[Math.max(0, Math.min(lengthStart.length - 1, lower.length + max + 1))]!;
  for (let k = from; k < to; k++) {
    if (bitCount(masksByLength[k]! ^ mask) > 2 * max) continue;
    const i = byLength[k]!;
    const c = lowerKeys[i]!;
    const d = c === lower ? 0 : distanceTo(c, max);
    if (d <= max) scored.push({ key: keys[i]!, rank: d });
  }
  if (lower.length >= PREFIX_LENGTH) {
    // Keys that extend what was typed ("liyanagunawardena" → "liyanagunawardena2013").
    for (const i of byPrefix.get(lower.slice(0, PREFIX_LENGTH)) ?? []) {
      const c = lowerKeys[i]!;
      if (!c.startsWith(lower)) continue;
      if (Math.abs(c.length - lower.length) > max || bitCount(keyMasks[i]! ^ mask) > 2 * max || distanceTo(c, max) > max) {
        scored.push({ key: keys[i]!, rank: max + 0.5 });
      }
    }
  }
  scored.sort((x, y) => x.rank - y.rank || x.key.localeCompare(y.key));
  return scored.slice(0, limit).map((s) => s.key);
}

function bitCount(n: number): number {
  n -= (n >>> 1) & 0x55555555;
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Entries whose first author is (nearly) the name written, nearest year first. */
export function suggestByAuthor(name: string, year: string, bib: SuggestionSource, limit = 3): BibEntry[] {
  const wanted = normaliseName(name);
  if (!wanted) return [];
  const max = wanted.length >= 6 ? 2 : 1;
  const wantedYear = Number.parseInt(year, 10);
  const { names, nameMasks, entriesByName } = bib.suggestionIndex();
  const columns = bib.columns;
  const mask = charMask(wanted);
  const distanceTo = distancesFrom(wanted);
  const found: { entry: BibEntry; rank: number }[] = [];
  for (let i = 0; i < names.length; i++) {
    const first = names[i]!;
    if (Math.abs(first.length - wanted.length) > max || bitCount(nameMasks[i]! ^ mask) > 2 * max) continue;
    const d = distanceTo(first, max);
    if (d > max) continue;
    for (const position of entriesByName[i]!) {
      const entry = columns.entryAt(position);
      const yearGap = entry.year !== undefined && Number.isFinite(wantedYear) ? Math.abs(entry.year - wantedYear) : 50;
      found.push({ entry, rank: d * 100 + yearGap });
    }
  }
  found.sort((a, b) => a.rank - b.rank || a.entry.key.localeCompare(b.entry.key));
  return found.slice(0, limit).map((f) => f.entry);
}
