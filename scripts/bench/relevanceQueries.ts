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
import { foldKey, keySegmentTails, tokenize } from '../../src/core/search/normalise';
import { foldLetters } from '../../src/core/text/foldLetters';

export interface RelevanceQuery {
  readonly kind: 'author' | 'title typo' | 'author+year' | 'key prefix' | 'key start' | 'key segment';
  readonly query: string;
  readonly intended: string;
}

/** A query to be run against one library of several. */
export interface LibraryQuery extends RelevanceQuery {
  readonly library: string;
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
  return name ? foldLetters(name) : undefined;
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

/**
 * Key queries as a writer types them, in several real libraries, each unique to one key of its
 * library by construction:
 *  - key start (6): the shortest start of a key, 2 to 6 letters and digits, that no other key of its
 *    library starts with, typed with the key's own punctuation ("R-gg"). Short, so names compete.
 *  - key segment (6): the shortest start of an inner segment of a key (after "-", "_", ":", a case
 *    change or a digit: "gg" of R-ggplot2) that starts no other key or segment of its library.
 * Half of each kind from the first library (the 6k one), half from the others (the papers' own), spread
 * evenly over the candidates sorted by library and key; plus the two issue 14 reported in the moderndive
 * paper (`R-gg` put R-ggplot2 fifth, `gg` never offered it).
 */
export function buildKeyQueries(libraries: readonly { readonly name: string; readonly entries: readonly BibEntry[] }[]): LibraryQuery[] {
  const fromFirst = libraries.slice(0, 1).flatMap(keyQueryCandidates);
  const fromOthers = libraries.slice(1).flatMap(keyQueryCandidates);
  const pick = (kind: RelevanceQuery['kind']) => [
    ...spread(fromFirst.filter((q) => q.kind === kind), PER_KIND_EACH),
    ...spread(fromOthers.filter((q) => q.kind === kind), PER_KIND_EACH),
  ];
  const moderndive = libraries.find((l) => l.name.includes('moderndive') && l.entries.some((e) => e.key === 'R-ggplot2'));
  const reported: LibraryQuery[] = moderndive
    ? [
        { kind: 'key start', library: moderndive.name, query: 'R-gg', intended: 'R-ggplot2' },
        { kind: 'key segment', library: moderndive.name, query: 'gg', intended: 'R-ggplot2' },
      ]
    : [];
  return [...pick('key start'), ...pick('key segment'), ...reported];
}

const PER_KIND_EACH = 3;

/** Every key start and key segment query one library allows (see buildKeyQueries). */
function keyQueryCandidates({ name, entries }: { readonly name: string; readonly entries: readonly BibEntry[] }): LibraryQuery[] {
  const sorted = [...entries].sort((a, b) => (a.key < b.key ? -1 : 1));
  const folded = sorted.map((e) => foldKey(e.key));
  const tails = sorted.map((e) => keySegmentTails(e.key));
  const othersStart = (prefix: string, self: number, withTails: boolean): boolean =>
    folded.some((k, j) => j !== self && (k.startsWith(prefix) || (withTails && tails[j]!.some((t) => t.startsWith(prefix)))));
  const starts: LibraryQuery[] = [];
  const segments: LibraryQuery[] = [];
  sorted.forEach((e, i) => {
    const key = folded[i]!;
    const n = range(2, Math.min(6, key.length - 1)).find((len) => !othersStart(key.slice(0, len), i, false));
    if (n !== undefined) starts.push({ kind: 'key start', library: name, query: rawPrefix(e.key, n), intended: e.key });
    for (const tail of tails[i]!.filter((t) => /^[a-z]/.test(t))) {
      const m = range(2, tail.length - 1).find((len) => !key.startsWith(tail.slice(0, len)) && !othersStart(tail.slice(0, len), i, true));
      if (m === undefined) continue;
      segments.push({ kind: 'key segment', library: name, query: tail.slice(0, m), intended: e.key });
      break;
    }
  });
  return [...starts, ...segments];
}

/** from, from + 1, …, to. */
function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

/** The start of `key` as typed, punctuation included, up to its `n`th letter or digit ("R-gg" for 3). */
function rawPrefix(key: string, n: number): string {
  let seen = 0;
  for (let i = 0; i < key.length; i++) {
    if (/[\p{L}\p{N}]/u.test(key[i]!) && ++seen === n) return key.slice(0, i + 1);
  }
  return key;
}

/** Swaps the two middle letters; if they are equal, drops one instead. */
function typo(word: string): string {
  const i = Math.floor(word.length / 2) - 1;
  if (word[i] !== word[i + 1]) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  return word.slice(0, i) + word.slice(i + 1);
}
