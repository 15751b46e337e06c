/**
 * The 20 relevance queries, built from the real 6k library so that the intended entry is
 * determinable: each query is unique to one entry by construction.
 *  - author (5): a family name that occurs in exactly one entry (any author position).
 *  - title typo (5): a title word (7+ letters) that occurs in exactly one entry's title, with two
 *    middle letters swapped (or one deleted, if the swap changes nothing).
 *  - author + year (5): a first author with 3+ entries, whose (name, year) pair is unique.
 *  - key prefix (5): the shortest prefix of a key, at least 60% of it, that no other key shares.
 * Picks are spread evenly over the entries sorted by key, so the set is deterministic.
 */
import type { BibEntry } from '../../src/core/types';
import { foldKey, foldText, tokenize } from '../../src/core/search/normalise';

export interface RelevanceQuery {
  readonly kind: 'author' | 'title typo' | 'author+year' | 'key prefix';
  readonly query: string;
  readonly intended: string;
}

const PER_KIND = 5;

function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  const step = items.length / count;
  return Array.from({ length: count }, (_, i) => items[Math.floor(i * step + step / 2)]!);
}

const familyOf = (e: BibEntry, i: number): string | undefined => {
  const p = e.authors[i];
  const name = p?.family ?? p?.literal;
  return name ? foldText(name) : undefined;
};

export function buildRelevanceQueries(all: readonly BibEntry[]): RelevanceQuery[] {
  const entries = [...all].sort((a, b) => (a.key < b.key ? -1 : 1));
  const used = new Set<string>();
  const take = (kind: RelevanceQuery['kind'], candidates: { query: string; intended: string }[]): RelevanceQuery[] => {
    const fresh = candidates.filter((c) => !used.has(c.intended));
    const picked = spread(fresh, PER_KIND);
    for (const p of picked) used.add(p.intended);
    return picked.map((p) => ({ kind, ...p }));
  };

  // Author names by how many entries they appear in.
  const nameEntries = new Map<string, Set<string>>();
  for (const e of entries) {
    for (let i = 0; i < e.authors.length; i++) {
      const f = familyOf(e, i);
      if (f) (nameEntries.get(f) ?? nameEntries.set(f, new Set()).get(f)!).add(e.key);
    }
  }
  const authorQueries = entries.flatMap((e) => {
    const f = familyOf(e, 0);
    return f && /^[a-z]{5,}$/.test(f) && nameEntries.get(f)!.size === 1 ? [{ query: f, intended: e.key }] : [];
  });

  // Title words by how many entries' titles hold them.
  const wordEntries = new Map<string, Set<string>>();
  for (const e of entries) for (const w of new Set(tokenize(e.title ?? ''))) (wordEntries.get(w) ?? wordEntries.set(w, new Set()).get(w)!).add(e.key);
  const titleQueries = entries.flatMap((e) => {
    const word = tokenize(e.title ?? '').find((w) => /^[a-z]{7,}$/.test(w) && wordEntries.get(w)!.size === 1 && !nameEntries.has(w));
    return word ? [{ query: typo(word), intended: e.key }] : [];
  });

  // First author + year.
  const firstYear = new Map<string, string[]>();
  for (const e of entries) {
    const f = familyOf(e, 0);
    if (f && e.yearLabel) (firstYear.get(`${f} ${e.yearLabel}`) ?? firstYear.set(`${f} ${e.yearLabel}`, []).get(`${f} ${e.yearLabel}`)!).push(e.key);
  }
  const authorYearQueries = entries.flatMap((e) => {
    const f = familyOf(e, 0);
    if (!f || !/^[a-z]{4,}$/.test(f) || !e.year || (nameEntries.get(f)?.size ?? 0) < 3) return [];
    const pair = `${f} ${e.yearLabel}`;
    return firstYear.get(pair)!.length === 1 && e.yearLabel === String(e.year) ? [{ query: pair, intended: e.key }] : [];
  });

  // Unique key prefixes.
  const folded = entries.map((e) => foldKey(e.key));
  const keyQueries = entries.flatMap((e, i) => {
    const key = folded[i]!;
    if (key.length < 10 || e.key !== key) return [];
    for (let n = Math.max(6, Math.ceil(key.length * 0.6)); n < key.length; n++) {
      const prefix = key.slice(0, n);
      if (folded.filter((k) => k.startsWith(prefix)).length === 1) return [{ query: prefix, intended: e.key }];
    }
    return [];
  });

  return [
    ...take('author', authorQueries),
    ...take('title typo', titleQueries),
    ...take('author+year', authorYearQueries),
    ...take('key prefix', keyQueries),
  ];
}

/** Swaps the two middle letters; if they are equal, drops one instead. */
function typo(word: string): string {
  const i = Math.floor(word.length / 2) - 1;
  if (word[i] !== word[i + 1]) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  return word.slice(0, i) + word.slice(i + 1);
}
