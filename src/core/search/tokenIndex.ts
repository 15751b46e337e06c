/**
 * An inverted index from folded tokens to the entries (and fields) that contain them, with a
 * sorted vocabulary for prefix look-ups and a trigram index over the vocabulary for typos.
 * The vocabulary is far smaller than the entry list, so typo search touches tokens, not entries.
 */
import type { BibEntry, Person, SearchIndexParts } from '../types';
import { foldKey, keySegmentTails, tokenize } from './normalise';
import { runAtOnce, type Steps } from '../scheduling/timeSlices';
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
const FIELD_BITS = 3;
const FIELD_MASK = (1 << FIELD_BITS) - 1;

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

// Title words a writer never searches by; leaving them out keeps postings short.
const STOPWORDS: ReadonlySet<string> = new Set(
  'a an the of and in on for to with by at from is are as or its it into via vs de la le el et und der die das'.split(' '),
);

/** Called for every (entry, field) a term reaches, with the match quality 0..1 and whether it is a typo away. */
export type PostingVisitor = (entry: number, field: FieldId, quality: number, typo: boolean) => void;

export interface MatchOptions {
  readonly fields: number;
  readonly prefix: boolean;
  readonly typos: boolean;
}

const EMPTY = new Int32Array(0);
/** Whether old positions that are kept (≥ 0) keep their order. */
function keepsOrder(oldToNew: Int32Array): boolean {
  let last = -1;
  for (let i = 0; i < oldToNew.length; i++) {
    const moved = oldToNew[i]!;
    if (moved < 0) continue;
    if (moved <= last) return false;
    last = moved;
  }
  return true;
}

/** Passed to the constructor by `steps` and `fromParts`, which fill the index themselves. */
const FILLED_ELSEWHERE: readonly BibEntry[] = [];

/** Everything a built index holds, as flat arrays (see SearchIndexParts): what a pack stores. */
export type TokenIndexParts = SearchIndexParts;

export class TokenIndex {
  private tokens: string[] = [];
  /** Build-time only: token → id. Look-ups after the build search `sorted`. */
  private tokenIds = new Map<string, number>();
  /** While renumbering an earlier index (`remapped`): the id of one of its tokens. */
  private findOld: ((token: string) => number | undefined) | undefined;
  /** Postings of token `id` are `postings[offsets[id] .. offsets[id + 1])`, each `entry << 3 | field`. */
  private offsets: Int32Array = EMPTY;
  private postings: Int32Array = EMPTY;
  // Build-time only: postings in arrival order, as parallel arrays (grouped by token at the end).
  private pendingTokens = new Int32Array(1 << 16);
  private pendingPostings = new Int32Array(1 << 16);
  private pendingCount = 0;
  /** Token ids sorted by token text, for binary-searched prefix ranges. */
  private sorted: Int32Array = EMPTY;
  /** Trigram → its slot in trigramOffsets (the token ids holding it are in trigramIds). */
  private trigramSlots = new Map<string, number>();
  private trigramList: readonly string[] = [];
  private trigramOffsets: Int32Array = EMPTY;
  private trigramIds: Int32Array = EMPTY;
  /** Scratch counters for trigram overlap, one per token (reset after each use). */
  private overlap: Int32Array = EMPTY;
  /** Scratch: the visit in which a token last matched, so typo matches skip prefix matches. */
  private visitedIn: Int32Array = EMPTY;
  private visitCount = 0;
  // Build-time only: dedupe (entry, token, field) without building strings.
  private lastEntry: number[] = [];
  private lastFields: number[] = [];
  /** Whether a token occurs outside keys: keys and their segments are typed as prefixes, not misspelt. */
  private wordLike: boolean[] = [];

  /** Builds the index at once; `TokenIndex.steps` builds it in pausable steps. */
  constructor(entries: readonly BibEntry[]) {
    if (entries !== FILLED_ELSEWHERE) runAtOnce(this.build(entries));
  }

  /** The same index, built in steps that may pause (see scheduling/timeSlices). */
  static *steps(entries: readonly BibEntry[]): Steps<TokenIndex> {
    const index = new TokenIndex(FILLED_ELSEWHERE);
    yield* index.build(entries);
    return index;
  }

  /** An index from the parts of one built earlier (`toParts`), without looking at any entry. */
  static fromParts(parts: TokenIndexParts): TokenIndex {
    const index = new TokenIndex(FILLED_ELSEWHERE);
    index.tokens = parts.tokens as string[];
    index.offsets = parts.offsets;
    index.postings = parts.postings;
    index.sorted = parts.sorted;
    index.setTrigrams(parts.trigrams, parts.trigramOffsets, parts.trigramIds);
    index.overlap = new Int32Array(parts.tokens.length);
    index.visitedIn = new Int32Array(parts.tokens.length);
    return index;
  }

  /**
   * The index of a file after an edit, from the index before it: `oldToNew` maps each old entry
   * position to its new one (-1: removed or changed), and `added` are the entries that are new or
   * changed, with their new positions. Only those are tokenised; the old postings are renumbered.
   * At 50,000 entries this takes tens of milliseconds where a full build takes ~0.9 s. Tokens that
   * no entry uses any more stay in the vocabulary (they match nothing) until the next full build.
   */
  static remapped(previous: TokenIndexParts, oldToNew: Int32Array, added: readonly { readonly entry: BibEntry; readonly position: number }[]): TokenIndex {
    const index = new TokenIndex(FILLED_ELSEWHERE);
    const oldCount = previous.tokens.length;
    index.tokens = [...previous.tokens];
    // Old tokens are found by binary search in the old order, new ones in tokenIds: no 64k-entry map to build.
    index.findOld = (token) => {
      let lo = 0;
      let hi = previous.sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (previous.tokens[previous.sorted[mid]!]! < token) lo = mid + 1;
        else hi = mid;
      }
      const id = previous.sorted[lo];
      return id !== undefined && previous.tokens[id] === token ? id : undefined;
    };
    index.lastEntry = new Array<number>(oldCount).fill(-1);
    index.lastFields = new Array<number>(oldCount).fill(0);
    index.wordLike = new Array<boolean>(oldCount).fill(false);
    if (keepsOrder(oldToNew)) {
      // After an edit, old entries keep their order: each old posting list stays sorted once renumbered,
      // so lists are copied in one pass and only those that gain new entries' postings are sorted.
      index.pendingTokens = new Int32Array(Math.max(64, 64 * added.length));
      index.pendingPostings = new Int32Array(index.pendingTokens.length);
      for (const { entry, position } of added) index.addEntry(entry, position);
      [index.offsets, index.postings] = index.mergedWith(previous, oldToNew);
    } else {
      index.pendingTokens = new Int32Array(Math.max(1 << 16, previous.postings.length + 64 * added.length));
      index.pendingPostings = new Int32Array(index.pendingTokens.length);
      let count = 0;
      for (let id = 0; id < oldCount; id++) {
        for (let k = previous.offsets[id]!, end = previous.offsets[id + 1]!; k < end; k++) {
          const packed = previous.postings[k]!;
          const moved = oldToNew[packed >> FIELD_BITS]!;
          if (moved < 0) continue;
          index.pendingTokens[count] = id;
          index.pendingPostings[count++] = (moved << FIELD_BITS) | (packed & FIELD_MASK);
        }
      }
      index.pendingCount = count;
      for (const { entry, position } of added) index.addEntry(entry, position);
      [index.offsets, index.postings] = index.groupPostings();
      index.sortEachPostingList();
    }
    const newIds = Array.from({ length: index.tokens.length - oldCount }, (_, k) => oldCount + k);
    index.sorted = newIds.length === 0 ? previous.sorted : mergeSorted(previous.sorted, newIds, index.tokens);
    const grams = newIds.filter((id) => index.tokens[id]!.length >= 3 && index.wordLike[id]);
    if (grams.length === 0) index.setTrigrams(previous.trigrams, previous.trigramOffsets, previous.trigramIds);
    else index.setTrigrams(...withTrigrams(previous, grams, index.tokens));
    index.overlap = new Int32Array(index.tokens.length);
    index.visitedIn = new Int32Array(index.tokens.length);
    index.tokenIds = new Map();
    index.findOld = undefined;
    index.lastEntry = [];
    index.lastFields = [];
    index.wordLike = [];
    return index;
  }

  /**
   * The postings of `previous` renumbered by `oldToNew` (which keeps their order), merged with the
   * pending postings of added entries: one pass over the old postings.
   */
  private mergedWith(previous: TokenIndexParts, oldToNew: Int32Array): [Int32Array, Int32Array] {
    const [addedOffsets, addedPostings] = this.groupPostings();
    const oldCount = previous.tokens.length;
    const offsets = new Int32Array(this.tokens.length + 1);
    const postings = new Int32Array(previous.postings.length + addedPostings.length);
    let w = 0;
    for (let id = 0; id < this.tokens.length; id++) {
      offsets[id] = w;
      if (id < oldCount) {
        for (let k = previous.offsets[id]!, end = previous.offsets[id + 1]!; k < end; k++) {
          const packed = previous.postings[k]!;
          const moved = oldToNew[packed >> FIELD_BITS]!;
          if (moved >= 0) postings[w++] = (moved << FIELD_BITS) | (packed & FIELD_MASK);
        }
      }
      const from = addedOffsets[id]!;
      const to = addedOffsets[id + 1]!;
      if (to > from) {
        const start = offsets[id]!;
        postings.set(addedPostings.subarray(from, to), w);
        w += to - from;
        postings.subarray(start, w).sort();
      }
    }
    offsets[this.tokens.length] = w;
    return [offsets, w === postings.length ? postings : postings.slice(0, w)];
  }

  /** Postings in entry order within each token (renumbered and added ones may not be). */
  private sortEachPostingList(): void {
    for (let id = 0; id < this.tokens.length; id++) {
      const from = this.offsets[id]!;
      const to = this.offsets[id + 1]!;
      for (let k = from + 1; k < to; k++) {
        if (this.postings[k - 1]! > this.postings[k]!) {
          this.postings.subarray(from, to).sort();
          break;
        }
      }
    }
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

  private setTrigrams(trigrams: readonly string[], offsets: Int32Array, ids: Int32Array): void {
    this.trigramList = trigrams;
    this.trigramOffsets = offsets;
    this.trigramIds = ids;
    this.trigramSlots = new Map();
    for (let t = 0; t < trigrams.length; t++) this.trigramSlots.set(trigrams[t]!, t);
  }

  private *build(entries: readonly BibEntry[]): Steps<void> {
    for (let i = 0; i < entries.length; i++) {
      this.addEntry(entries[i]!, i);
      if ((i & 255) === 255) yield;
    }
    [this.offsets, this.postings] = this.groupPostings();
    yield;
    // Sorting the strings natively and mapping back is much faster than a comparator over ids.
    const sortedTokens = [...this.tokens].sort();
    yield;
    this.sorted = Int32Array.from(sortedTokens, (t) => this.tokenIds.get(t)!);
    const byTrigram = new Map<string, number[]>();
    for (let id = 0; id < this.tokens.length; id++) {
      const token = this.tokens[id]!;
      if ((id & 1023) === 1023) yield;
      if (token.length < 3 || !this.wordLike[id]) continue;
      for (const tri of new Set(trigramsOf(token))) {
        const list = byTrigram.get(tri);
        if (list) list.push(id);
        else byTrigram.set(tri, [id]);
      }
    }
    yield;
    const trigrams = [...byTrigram.keys()];
    const offsets = new Int32Array(trigrams.length + 1);
    trigrams.forEach((tri, t) => (offsets[t + 1] = offsets[t]! + byTrigram.get(tri)!.length));
    const ids = new Int32Array(offsets[trigrams.length]!);
    trigrams.forEach((tri, t) => ids.set(byTrigram.get(tri)!, offsets[t]!));
    this.setTrigrams(trigrams, offsets, ids);
    this.overlap = new Int32Array(this.tokens.length);
    this.visitedIn = new Int32Array(this.tokens.length);
    this.tokenIds = new Map();
    this.lastEntry = [];
    this.lastFields = [];
    this.wordLike = [];
  }

  /** Counting sort of the pending postings by token: one flat array, entry order kept. */
  private groupPostings(): [Int32Array, Int32Array] {
    const offsets = new Int32Array(this.tokens.length + 1);
    const count = this.pendingCount;
    const tokens = this.pendingTokens;
    const packed = this.pendingPostings;
    for (let k = 0; k < count; k++) offsets[tokens[k]! + 1]!++;
    for (let id = 0; id < this.tokens.length; id++) offsets[id + 1]! += offsets[id]!;
    const fill = offsets.slice(0, this.tokens.length);
    const postings = new Int32Array(count);
    for (let k = 0; k < count; k++) postings[fill[tokens[k]!]!++] = packed[k]!;
    this.pendingTokens = new Int32Array(0);
    this.pendingPostings = new Int32Array(0);
    return [offsets, postings];
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

  private addEntry(entry: BibEntry, index: number): void {
    const key = foldKey(entry.key);
    this.add(key, Field.Key, index);
    for (const tail of keySegmentTails(entry.key, key)) this.add(tail, Field.KeyPart, index);

    const names = namesOf(entry);
    for (let i = 0; i < names.length; i++) {
      const field = i === 0 ? Field.AuthorFirst : Field.AuthorOther;
      const words = tokenize(names[i]!);
      for (const w of words) this.add(w, field, index);
      // "Beoku-Betts", "van der Berg", "EdTech Hub": also the name written as one word.
      if (words.length > 1) this.add(words.join(''), field, index);
    }

    if (entry.yearLabel) this.add(entry.yearLabel.toLowerCase(), Field.Year, index);
    if (entry.year !== undefined) this.add(String(entry.year), Field.Year, index);

    if (entry.title) for (const w of tokenize(entry.title)) if (!STOPWORDS.has(w)) this.add(w, Field.Title, index);
    for (const kw of entry.keywords) for (const w of tokenize(kw)) this.add(w, Field.Keyword, index);
  }

  private add(token: string, field: FieldId, index: number): void {
    if (!token) return;
    let id = this.tokenIds.get(token) ?? this.findOld?.(token);
    if (id === undefined) {
      id = this.tokens.length;
      this.tokens.push(token);
      this.tokenIds.set(token, id);
      this.lastEntry.push(-1);
      this.lastFields.push(0);
      this.wordLike.push(false);
    }
    // Entries are added in order, so "already added for this entry" needs only the last entry.
    if (this.lastEntry[id] !== index) {
      this.lastEntry[id] = index;
      this.lastFields[id] = 0;
    }
    const bit = 1 << field;
    if (this.lastFields[id]! & bit) return;
    this.lastFields[id]! |= bit;
    if (field !== Field.Key && field !== Field.KeyPart) this.wordLike[id] = true;
    if (this.pendingCount === this.pendingTokens.length) this.growPending();
    this.pendingTokens[this.pendingCount] = id;
    this.pendingPostings[this.pendingCount++] = (index << FIELD_BITS) | field;
  }

  private growPending(): void {
    const tokens = new Int32Array(this.pendingTokens.length * 2);
    tokens.set(this.pendingTokens);
    this.pendingTokens = tokens;
    const postings = new Int32Array(this.pendingPostings.length * 2);
    postings.set(this.pendingPostings);
    this.pendingPostings = postings;
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

/** `sorted` (ids in token order) with `added` ids merged in at their places. */
function mergeSorted(sorted: Int32Array, added: number[], tokens: readonly string[]): Int32Array {
  added.sort((a, b) => (tokens[a]! < tokens[b]! ? -1 : tokens[a]! > tokens[b]! ? 1 : 0));
  const out = new Int32Array(sorted.length + added.length);
  let i = 0;
  let j = 0;
  for (let k = 0; k < out.length; k++) {
    if (j >= added.length || (i < sorted.length && tokens[sorted[i]!]! <= tokens[added[j]!]!)) out[k] = sorted[i++]!;
    else out[k] = added[j++]!;
  }
  return out;
}

/** The trigram lists of `previous` with the trigrams of the tokens `ids` added. */
function withTrigrams(previous: TokenIndexParts, ids: readonly number[], tokens: readonly string[]): [string[], Int32Array, Int32Array] {
  const extra = new Map<string, number[]>();
  for (const id of ids) {
    for (const tri of new Set(trigramsOf(tokens[id]!))) {
      const list = extra.get(tri);
      if (list) list.push(id);
      else extra.set(tri, [id]);
    }
  }
  const known = new Set(previous.trigrams);
  const trigrams = [...previous.trigrams, ...[...extra.keys()].filter((t) => !known.has(t))];
  const offsets = new Int32Array(trigrams.length + 1);
  for (let t = 0; t < trigrams.length; t++) {
    const old = t < previous.trigrams.length ? previous.trigramOffsets[t + 1]! - previous.trigramOffsets[t]! : 0;
    offsets[t + 1] = offsets[t]! + old + (extra.get(trigrams[t]!)?.length ?? 0);
  }
  const out = new Int32Array(offsets[trigrams.length]!);
  for (let t = 0; t < trigrams.length; t++) {
    let at = offsets[t]!;
    if (t < previous.trigrams.length) {
      const from = previous.trigramOffsets[t]!;
      const to = previous.trigramOffsets[t + 1]!;
      out.set(previous.trigramIds.subarray(from, to), at);
      at += to - from;
    }
    for (const id of extra.get(trigrams[t]!) ?? []) out[at++] = id;
  }
  return [trigrams, offsets, out];
}

/** Trigrams of the word with a start marker, so the first letters count: "^he", "hen", "enn"… */
function trigramsOf(word: string): string[] {
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
