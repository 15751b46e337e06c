/**
 * An inverted index from folded tokens to the entries (and fields) that contain them, with a
 * sorted vocabulary for prefix look-ups and a trigram index over the vocabulary for typos.
 * The vocabulary is far smaller than the entry list, so typo search touches tokens, not entries.
 */
import type { BibEntry, Person, SearchIndexParts } from '../types';
import { prefixEditDistance } from './editDistance';

/** Where a token occurs in an entry. Numbers, not strings: they are packed into postings. */
export const Field = {
  Key: 0,
  /** The rest of the key from an inner segment start ("ggplot2" of "R-ggplot2"). */
  KeyPart: 1,
  AuthorFirst: 2,
  AuthorOther: 3,
  Year: 4,
  Title: 5,
  Keyword: 6,
} as const;
export type FieldId = (typeof Field)[keyof typeof Field];
export const FIELD_BITS = 3;
export const FIELD_MASK = (1 << FIELD_BITS) - 1;

/** How much a match in each field counts; the first author and the key matter most to a writer. */
export const FIELD_WEIGHT: readonly number[] = [1.0, 0.6, 1.0, 0.75, 0.9, 0.6, 0.45];

/** Bit masks of fields, used to restrict a term (short prefixes, `author:` filters…). */
export const FieldMask = {
  all: 0b1111111,
  names: (1 << Field.Key) | (1 << Field.KeyPart) | (1 << Field.AuthorFirst) | (1 << Field.AuthorOther),
  key: (1 << Field.Key) | (1 << Field.KeyPart),
  author: (1 << Field.AuthorFirst) | (1 << Field.AuthorOther),
  year: 1 << Field.Year,
  title: 1 << Field.Title,
  keyword: 1 << Field.Keyword,
} as const;

/** Called for every (entry, field) a term reaches, with the match quality 0..1 and whether it is a typo away. */
export type PostingVisitor = (entry: number, field: FieldId, quality: number, typo: boolean) => void;

export interface MatchOptions {
  readonly fields: number;
  readonly prefix: boolean;
  readonly typos: boolean;
}

const EMPTY = new Int32Array(0);

/** Everything a built index holds, as flat arrays (see SearchIndexParts): what a pack stores. */
export type TokenIndexParts = SearchIndexParts;

/**
 * A built index (see buildTokenIndex), searched by `visit`. Its arrays are shared, not copied: they
 * may be views into a pack.
 */
export class TokenIndex {
  private tokens: readonly string[] = [];
  /** Postings of token `id` are `postings[offsets[id] .. offsets[id + 1])`, each `entry << 3 | field`. */
  private offsets: Int32Array = EMPTY;
  private postings: Int32Array = EMPTY;
  /** Token ids sorted by token text, for binary-searched prefix ranges. */
  private sorted: Int32Array = EMPTY;
  /** Trigram → its slot in trigramOffsets (the token ids holding it are in trigramIds). */
  private readonly trigramSlots = new Map<string, number>();
  private trigramList: readonly string[] = [];
  private trigramOffsets: Int32Array = EMPTY;
  private trigramIds: Int32Array = EMPTY;
  /** Scratch counters for trigram overlap, one per token (reset after each use). */
  private overlap: Int32Array = EMPTY;
  /** Scratch: the visit in which a token last matched, so typo matches skip prefix matches. */
  private visitedIn: Int32Array = EMPTY;
  private visitCount = 0;

  private constructor(parts: TokenIndexParts) {
    this.tokens = parts.tokens;
    this.offsets = parts.offsets;
    this.postings = parts.postings;
    this.sorted = parts.sorted;
    this.trigramList = parts.trigrams;
    this.trigramOffsets = parts.trigramOffsets;
    this.trigramIds = parts.trigramIds;
    for (let t = 0; t < parts.trigrams.length; t++) this.trigramSlots.set(parts.trigrams[t]!, t);
    this.overlap = new Int32Array(parts.tokens.length);
    this.visitedIn = new Int32Array(parts.tokens.length);
  }

  /** An index from the parts of one built earlier, without looking at any entry. */
  static fromParts(parts: TokenIndexParts): TokenIndex {
    return new TokenIndex(parts);
  }

  /** The index as flat arrays (shared, not copied: treat them as read-only). */
  toParts(): TokenIndexParts {
    return {
      tokens: this.tokens,
      offsets: this.offsets,
      postings: this.postings,
      sorted: this.sorted,
      trigrams: this.trigramList,
      trigramOffsets: this.trigramOffsets,
      trigramIds: this.trigramIds,
    };
  }

  /**
   * Visits every posting of every token the term reaches: exact, as a prefix, or (if allowed and
   * long enough) within a small edit distance. Returns how many tokens matched.
   */
  visit(term: string, opts: MatchOptions, visitor: PostingVisitor): number {
    let matched = 0;
    const visit = ++this.visitCount;
    const emit = (id: number, quality: number, typo = false): void => {
      this.visitedIn[id] = visit;
      matched++;
      for (let k = this.offsets[id]!, end = this.offsets[id + 1]!; k < end; k++) {
        const packed = this.postings[k]!;
        const field = (packed & FIELD_MASK) as FieldId;
        if ((opts.fields >> field) & 1) visitor(packed >> FIELD_BITS, field, quality, typo);
      }
    };
    if (opts.prefix) {
      const [from, to] = this.prefixRange(term);
      for (let k = from; k < to; k++) {
        const id = this.sorted[k]!;
        emit(id, prefixQuality(term.length, this.tokens[id]!.length));
      }
    } else {
      const [from, to] = this.prefixRange(term);
      if (from < to && this.tokens[this.sorted[from]!] === term) emit(this.sorted[from]!, 1);
    }
    // Digits are years and numbers: "2011" is not a typo of "2010".
    if (opts.typos && !/^[0-9]+$/.test(term)) {
      const maxDistance = allowedTypos(term.length);
      if (maxDistance > 0) {
        for (const [id, distance] of this.typoNeighbours(term, maxDistance, opts.prefix)) {
          if (this.visitedIn[id] === visit) continue;
          const base = prefixQuality(term.length, this.tokens[id]!.length);
          emit(id, base * (distance === 1 ? 0.7 : 0.5), true);
        }
      }
    }
    return matched;
  }

  /** [from, to) range in `sorted` of tokens starting with `prefix`. */
  private prefixRange(prefix: string): [number, number] {
    const lower = (probe: (t: string) => boolean): number => {
      let lo = 0;
      let hi = this.sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (probe(this.tokens[this.sorted[mid]!]!)) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    const from = lower((t) => t < prefix);
    const to = lower((t) => t < prefix || t.startsWith(prefix));
    return [from, to];
  }

  /** Tokens within `maxDistance` edits of the term (of any prefix of the token, when `asPrefix`). */
  private typoNeighbours(term: string, maxDistance: number, asPrefix: boolean): [number, number][] {
    const grams = [...new Set(trigramsOf(term))];
    const touched: number[] = [];
    for (const g of grams) {
      const slot = this.trigramSlots.get(g);
      if (slot === undefined) continue;
      for (let k = this.trigramOffsets[slot]!, end = this.trigramOffsets[slot + 1]!; k < end; k++) {
        const id = this.trigramIds[k]!;
        if (this.overlap[id] === 0) touched.push(id);
        this.overlap[id]!++;
      }
    }
    // One edit spoils at most four of the term's trigrams (a swap of neighbours touches four);
    // a token sharing fewer cannot be close enough.
    const needed = Math.max(1, grams.length - 4 * maxDistance);
    const result: [number, number][] = [];
    for (const id of touched) {
      const shared = this.overlap[id]!;
      this.overlap[id] = 0;
      if (shared < needed) continue;
      const distance = prefixEditDistance(term, this.tokens[id]!, maxDistance, !asPrefix);
      if (distance > 0 && distance <= maxDistance) result.push([id, distance]);
    }
    return result;
  }
}

/** The family names (or corporate names) a writer cites an entry by: authors, else editors. */
export function namesOf(entry: BibEntry): string[] {
  const people: readonly Person[] = entry.authors.length > 0 ? entry.authors : entry.editors ?? [];
  const names: string[] = [];
  for (const p of people) {
    const name = p.family ?? p.literal ?? p.given;
    if (name) names.push(name);
  }
  return names;
}

/** Trigrams of the word with a start marker, so the first letters count: "^he", "hen", "enn"… */
export function trigramsOf(word: string): string[] {
  const padded = `^${word}`;
  const out: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) out.push(padded.slice(i, i + 3));
  return out;
}

/** Short words get no typo allowance (too many false friends); long ones get two. */
function allowedTypos(length: number): number {
  if (length < 4) return 0;
  if (length < 8) return 1;
  return 2;
}

/** An exact match is worth 1; a prefix less, more so the less of the token it covers. */
function prefixQuality(termLength: number, tokenLength: number): number {
  if (termLength >= tokenLength) return 1;
  return 0.5 + 0.4 * (termLength / tokenLength);
}
