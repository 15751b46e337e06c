/**
 * A library's keys and first-author names prepared for "did you mean" (lint/suggest): a document
 * citing hundreds of keys a 50,000-entry library lacks asks hundreds of times, and a full edit
 * distance to every key each time held the editor for ~15 s. Two cheap filters run first: length,
 * and a 32-bit mask of the characters present (one edit flips at most two of its bits). Owned by
 * the BibliographyIndex it was built from (built once, on first use).
 */
import type { EntryColumns } from '../../types';

export interface SuggestionIndex {
  readonly keys: readonly string[];
  readonly lowerKeys: readonly string[];
  readonly keyMasks: Int32Array;
  /** Indices of `lowerKeys` by their first PREFIX_LENGTH characters (keys that extend what was typed). */
  readonly byPrefix: ReadonlyMap<string, readonly number[]>;
  /** Indices of `lowerKeys` by length; those of length n are byLength[lengthStart[n] .. lengthStart[n + 1]). */
  readonly byLength: Int32Array;
  readonly lengthStart: Int32Array;
  /** `keyMasks` in `byLength` order: the scan over a range of lengths reads them one after another. */
  readonly masksByLength: Int32Array;
  /** Distinct normalised first-author names, with their masks and entries (positions in the columns). */
  readonly names: readonly string[];
  readonly nameMasks: Int32Array;
  readonly entriesByName: readonly (readonly number[])[];
  /** Answers already given, by limit and key (re-lints ask again for the same keys). */
  readonly nearKeys: Map<string, readonly string[]>;
}

/** Keys that extend a typed key are looked up for keys of at least this many characters. */
export const PREFIX_LENGTH = 4;

/** Builds the index of `columns`: ~0.1 s for 50,000 entries. */
export function buildSuggestionIndex(columns: EntryColumns): SuggestionIndex {
  const keys = Array.from({ length: columns.size }, (_, i) => columns.keyAt(i));
  const lowerKeys = keys.map((k) => k.toLowerCase());
  // Buckets rather than a sorted array: sorting 50,000 keys took a quarter of this build's time.
  const byPrefix = new Map<string, number[]>();
  lowerKeys.forEach((k, i) => {
    if (k.length < PREFIX_LENGTH) return;
    const prefix = k.slice(0, PREFIX_LENGTH);
    const bucket = byPrefix.get(prefix);
    if (bucket) bucket.push(i);
    else byPrefix.set(prefix, [i]);
  });
  const grouped = new Map<string, number[]>();
  for (let i = 0; i < columns.size; i++) {
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
  const keyMasks = Int32Array.from(lowerKeys, charMask);
  return {
    byLength,
    lengthStart,
    masksByLength: byLength.map((i) => keyMasks[i]!),
    keys,
    lowerKeys,
    keyMasks,
    byPrefix,
    names,
    nameMasks: Int32Array.from(names, charMask),
    entriesByName: [...grouped.values()],
    nearKeys: new Map(),
  };
}

/**
 * Which characters occur, as 32 bits: a–z one bit each, digits and the rest folded into the other six
 * (a shared bit only makes the filter looser, never wrong).
 */
export function charMask(text: string): number {
  let mask = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    mask |= 1 << (c >= 97 && c <= 122 ? c - 97 : 26 + (c % 6));
  }
  return mask;
}
