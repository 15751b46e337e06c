/**
 * "Did you mean" candidates for a citation that resolves to nothing: near keys by edit distance
 * (typos, case), keys that extend what was typed, and entries by a near first author.
 */
import { runAtOnce, type Steps } from '../scheduling/timeSlices';
import { prefixEditDistance } from '../search/editDistance';
import type { BibEntry } from '../types';
import { columnsOf, normaliseName } from '../bibliography/index/entryColumns';

export { firstAuthorName, normaliseName } from '../bibliography/index/entryColumns';

/** Optimal-string-alignment distance (Damerau–Levenshtein without re-edits), stopping past `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  return prefixEditDistance(a, b, max, true);
}

/** Up to `limit` keys of `entries` close to `key`, closest first. */
export function suggestKeys(key: string, entries: readonly BibEntry[], limit = 3): string[] {
  // Re-lints ask again for the same keys: remembered per entry list (bounded).
  const memo = suggestionIndexOf(entries).nearKeys;
  const memoKey = `${limit}\u0000${key}`;
  const known = memo.get(memoKey);
  if (known) return [...known];
  const found = scanKeys(key, entries, limit);
  if (memo.size >= MAX_REMEMBERED) memo.delete(memo.keys().next().value as string);
  memo.set(memoKey, found);
  return [...found];
}

const MAX_REMEMBERED = 10_000;

function scanKeys(key: string, entries: readonly BibEntry[], limit: number): string[] {
  const lower = key.toLowerCase();
  const max = lower.length >= 12 ? 3 : lower.length >= 5 ? 2 : 1;
  const { keys, lowerKeys, keyMasks, byLowerKey } = suggestionIndexOf(entries);
  const scored: { key: string; rank: number }[] = [];
  const mask = charMask(lower);
  const { byLength, lengthStart } = suggestionIndexOf(entries);
  const from = lengthStart[Math.max(0, Math.min(lengthStart.length - 1, lower.length - max))]!;
  const to = lengthStart[Math.max(0, Math.min(lengthStart.length - 1, lower.length + max + 1))]!;
  for (let k = from; k < to; k++) {
    const i = byLength[k]!;
    const c = lowerKeys[i]!;
    if (bitCount(keyMasks[i]! ^ mask) > 2 * max) continue;
    const d = c === lower ? 0 : editDistance(lower, c, max);
    if (d <= max) scored.push({ key: keys[i]!, rank: d });
  }
  if (lower.length >= 4) {
    // Keys that extend what was typed ("liyanagunawardena" → "liyanagunawardena2013"), by binary search.
    for (let k = lowerBound(byLowerKey, lowerKeys, lower); k < byLowerKey.length; k++) {
      const i = byLowerKey[k]!;
      const c = lowerKeys[i]!;
      if (!c.startsWith(lower)) break;
      if (Math.abs(c.length - lower.length) > max || bitCount(keyMasks[i]! ^ mask) > 2 * max || editDistance(lower, c, max) > max) {
        scored.push({ key: keys[i]!, rank: max + 0.5 });
      }
    }
  }
  scored.sort((x, y) => x.rank - y.rank || x.key.localeCompare(y.key));
  return scored.slice(0, limit).map((s) => s.key);
}

/**
 * An entry list's keys and first-author names prepared for suggestions, once per list: a document
 * citing hundreds of keys a 50,000-entry library lacks asks hundreds of times, and a full edit
 * distance to every key each time held the editor for ~15 s. Two cheap filters now run first:
 * length, and a 32-bit mask of the characters present (one edit flips at most two of its bits).
 */
export interface SuggestionIndex {
  readonly keys: readonly string[];
  readonly lowerKeys: readonly string[];
  readonly keyMasks: Int32Array;
  /** Indices of `lowerKeys` in sorted order (prefix look-ups). */
  readonly byLowerKey: Int32Array;
  /** Indices of `lowerKeys` by length; those of length n are byLength[lengthStart[n] .. lengthStart[n + 1]). */
  readonly byLength: Int32Array;
  readonly lengthStart: Int32Array;
  /** Distinct normalised first-author names, with their masks and entries (positions in the list). */
  readonly names: readonly string[];
  readonly nameMasks: Int32Array;
  readonly entriesByName: readonly (readonly number[])[];
  /** Answers already given, by limit and key. */
  readonly nearKeys: Map<string, readonly string[]>;
}

const suggestionIndexes = new WeakMap<readonly BibEntry[], SuggestionIndex>();

function suggestionIndexOf(entries: readonly BibEntry[]): SuggestionIndex {
  return suggestionIndexes.get(entries) ?? runAtOnce(prepareSuggestions(entries));
}

/** Prepares (once per entry list) what suggestions need, in steps that may pause: ~0.2 s for 50,000 entries. */
export function* prepareSuggestions(entries: readonly BibEntry[]): Steps<SuggestionIndex> {
  const known = suggestionIndexes.get(entries);
  if (known) return known;
  // Keys and names come from the list's columns: a library read from the cache is not built for this.
  const columns = columnsOf(entries);
  const keys = Array.from({ length: columns.size }, (_, i) => columns.keyAt(i));
  const lowerKeys = keys.map((k) => k.toLowerCase());
  yield;
  const byLowerKey = Int32Array.from(lowerKeys.keys()).sort((a, b) => (lowerKeys[a]! < lowerKeys[b]! ? -1 : lowerKeys[a]! > lowerKeys[b]! ? 1 : 0));
  yield;
  const grouped = new Map<string, number[]>();
  for (let i = 0; i < columns.size; i++) {
    if (i % 1000 === 999) yield;
    const name = columns.suggestNameAt(i);
    if (!name) continue;
    const list = grouped.get(name);
    if (list) list.push(i);
    else grouped.set(name, [i]);
  }
  const names = [...grouped.keys()];
  const longest = lowerKeys.reduce((n, k) => Math.max(n, k.length), 0);
  const lengthStart = new Int32Array(longest + 2);
  for (const k of lowerKeys) lengthStart[k.length + 1]!++;
  for (let n = 1; n < lengthStart.length; n++) lengthStart[n]! += lengthStart[n - 1]!;
  const byLength = new Int32Array(lowerKeys.length);
  const fill = lengthStart.slice();
  lowerKeys.forEach((k, i) => (byLength[fill[k.length]!++] = i));
  const index: SuggestionIndex = {
    byLength,
    lengthStart,
    keys,
    lowerKeys,
    keyMasks: Int32Array.from(lowerKeys, charMask),
    byLowerKey,
    names,
    nameMasks: Int32Array.from(names, charMask),
    entriesByName: [...grouped.values()],
    nearKeys: new Map(),
  };
  suggestionIndexes.set(entries, index);
  return index;
}

/**
 * Which characters occur, as 32 bits: a–z one bit each, digits and the rest folded into the other six
 * (a shared bit only makes the filter looser, never wrong).
 */
function charMask(text: string): number {
  let mask = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    mask |= 1 << (c >= 97 && c <= 122 ? c - 97 : 26 + (c % 6));
  }
  return mask;
}

function bitCount(n: number): number {
  n -= (n >>> 1) & 0x55555555;
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** First position in `order` whose key is ≥ `text`. */
function lowerBound(order: Int32Array, keys: readonly string[], text: string): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[order[mid]!]! < text) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Entries whose first author is (nearly) the name written, nearest year first. */
export function suggestByAuthor(name: string, year: string, entries: readonly BibEntry[], limit = 3): BibEntry[] {
  const wanted = normaliseName(name);
  if (!wanted) return [];
  const max = wanted.length >= 6 ? 2 : 1;
  const wantedYear = Number.parseInt(year, 10);
  const { names, nameMasks, entriesByName } = suggestionIndexOf(entries);
  const columns = columnsOf(entries);
  const mask = charMask(wanted);
  const found: { entry: BibEntry; rank: number }[] = [];
  for (let i = 0; i < names.length; i++) {
    const first = names[i]!;
    if (Math.abs(first.length - wanted.length) > max || bitCount(nameMasks[i]! ^ mask) > 2 * max) continue;
    const d = editDistance(wanted, first, max);
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
