/**
 * Builds a token index's parts (see TokenIndex): every entry's key, key segments, names, years,
 * title words and keywords, folded, as postings `entry << 3 | field` grouped by token, the vocabulary
 * sorted for prefix look-ups, and the trigrams of its words for typos. One pass over the entries with
 * typed arrays; a token seen before costs no string (TokenTable).
 *
 * After an edit, `remapTokenIndex` renumbers the postings of the index before it instead, and
 * tokenises only the entries that are new or changed; `concatTokenIndexes` joins the indexes of a
 * file's pieces, parsed apart, without tokenising any entry again.
 */
import type { BibEntry } from '../types';
import { foldLetters, isAscii } from '../text/foldLetters';
import { asciiKeyTailStarts, foldKey, keySegmentTails } from './normalise';
import { Field, FIELD_BITS, FIELD_MASK, namesOf, trigramsOf, type FieldId, type TokenIndexParts } from './tokenIndex';
import { grown, TokenTable } from './tokenTable';

// Title words a writer never searches by; leaving them out keeps postings short.
const STOPWORDS: ReadonlySet<string> = new Set(
  'a an the of and in on for to with by at from is are as or its it into via vs de la le el et und der die das'.split(' '),
);
/** Longer words are no stopword: most title words are not looked up among them. */
const LONGEST_STOPWORD = Math.max(...[...STOPWORDS].map((word) => word.length));

/** The token index of `entries` (position in the list = entry number in the postings). */
export function buildTokenIndex(entries: readonly BibEntry[]): TokenIndexParts {
  const builder = new TokenIndexBuilder();
  for (let i = 0; i < entries.length; i++) builder.add(entries[i]!);
  return builder.finish();
}

/**
 * A token index built entry by entry, numbered in the order added (buildTokenIndex's): for a parse
 * that packs its entries as it makes them, so that none has to be kept for the index.
 */
export class TokenIndexBuilder {
  private readonly builder = new IndexBuilder(new TokenTable(), 1 << 16);
  private count = 0;

  add(entry: BibEntry): void {
    this.builder.addEntry(entry, this.count++);
  }

  finish(): TokenIndexParts {
    const { builder } = this;
    const [offsets, postings] = builder.groupPostings();
    const tokens = builder.table.tokens;
    // Sorting the strings natively and mapping back is much faster than a comparator over ids.
    const sortedTokens = [...tokens].sort();
    const sorted = Int32Array.from(sortedTokens, (t) => builder.table.find(t));
    const [trigrams, trigramOffsets, trigramIds] = trigramLists(tokens, builder.wordLikeIds());
    return { tokens, offsets, postings, sorted, trigrams, trigramOffsets, trigramIds };
  }
}

/**
 * The index of a file after an edit, from the index before it: `oldToNew` maps each old entry
 * position to its new one (-1: removed or changed), and `added` are the entries that are new or
 * changed, with their new positions. Only those are tokenised; the old postings are renumbered.
 * At 50,000 entries this takes tens of milliseconds where a full build takes most of a second. Tokens
 * that no entry uses any more stay in the vocabulary (they match nothing) until the next full build.
 */
export function remapTokenIndex(previous: TokenIndexParts, oldToNew: Int32Array, added: readonly { readonly entry: BibEntry; readonly position: number }[]): TokenIndexParts {
  const table = new TokenTable();
  for (const token of previous.tokens) table.idOf(token);
  const oldCount = previous.tokens.length;
  let offsets: Int32Array;
  let postings: Int32Array;
  let builder: IndexBuilder;
  if (keepsOrder(oldToNew)) {
    // After an edit, old entries keep their order: each old posting list stays sorted once renumbered,
    // so lists are copied in one pass and only those that gain new entries' postings are sorted.
    builder = new IndexBuilder(table, Math.max(64, 64 * added.length));
    for (const { entry, position } of added) builder.addEntry(entry, position);
    [offsets, postings] = mergedWith(previous, oldToNew, builder);
  } else {
    builder = new IndexBuilder(table, Math.max(1 << 16, previous.postings.length + 64 * added.length));
    for (let id = 0; id < oldCount; id++) {
      for (let k = previous.offsets[id]!, end = previous.offsets[id + 1]!; k < end; k++) {
        const packed = previous.postings[k]!;
        const moved = oldToNew[packed >> FIELD_BITS]!;
        if (moved >= 0) builder.pend(id, (moved << FIELD_BITS) | (packed & FIELD_MASK));
      }
    }
    for (const { entry, position } of added) builder.addEntry(entry, position);
    [offsets, postings] = builder.groupPostings();
    sortEachPostingList(offsets, postings, table.size);
  }
  const tokens = table.tokens;
  const newIds = Array.from({ length: tokens.length - oldCount }, (_, k) => oldCount + k);
  const sorted = newIds.length === 0 ? previous.sorted : mergeSorted(previous.sorted, newIds, tokens);
  const wordLike = builder.wordLikeIds();
  const grams = newIds.filter((id) => tokens[id]!.length >= 3 && wordLike[id]);
  const [trigrams, trigramOffsets, trigramIds] = grams.length === 0 ? [previous.trigrams, previous.trigramOffsets, previous.trigramIds] : withTrigrams(previous, grams, tokens);
  return { tokens, offsets, postings, sorted, trigrams, trigramOffsets, trigramIds };
}

/**
 * The index of the entries of several lists one after the other, from each list's own index (built by
 * buildTokenIndex): what a file parsed in pieces (one per thread) is indexed by. Equal to
 * buildTokenIndex over the concatenated entries.
 */
export function concatTokenIndexes(pieces: readonly { readonly index: TokenIndexParts; readonly entries: number }[]): TokenIndexParts {
  const tokens: string[] = [];
  let sorted: Int32Array = new Int32Array(0);
  // Per piece: its token ids in the joined vocabulary.
  const idsInPiece: Int32Array[] = [];
  for (const { index } of pieces) {
    const [ids, merged] = joinedVocabulary(tokens, sorted, index);
    idsInPiece.push(ids);
    sorted = merged;
  }
  const tokenCount = tokens.length;

  // Each token's postings, piece after piece: entry order, as a build's arrival order.
  const offsets = new Int32Array(tokenCount + 1);
  pieces.forEach(({ index }, p) => {
    const ids = idsInPiece[p]!;
    for (let id = 0; id < ids.length; id++) offsets[ids[id]! + 1]! += index.offsets[id + 1]! - index.offsets[id]!;
  });
  for (let id = 0; id < tokenCount; id++) offsets[id + 1]! += offsets[id]!;
  const fill = offsets.slice(0, tokenCount);
  const postings = new Int32Array(offsets[tokenCount]!);
  // Adding `entries << FIELD_BITS` to `entry << FIELD_BITS | field` renumbers the entry past a piece.
  let shift = 0;
  pieces.forEach(({ index, entries }, p) => {
    const ids = idsInPiece[p]!;
    for (let id = 0; id < ids.length; id++) {
      let at = fill[ids[id]!]!;
      for (let k = index.offsets[id]!, end = index.offsets[id + 1]!; k < end; k++) postings[at++] = index.postings[k]! + shift;
      fill[ids[id]!] = at;
    }
    shift += entries << FIELD_BITS;
  });

  // Trigrams are in order of first sight over all word-like tokens, which a token word-like in a later
  // piece only can change: they are listed anew (a few milliseconds), from the pieces' word-like tokens.
  // A token of three letters or more is word-like in a piece iff it holds trigrams there.
  const wordLike = new Uint8Array(tokenCount);
  pieces.forEach(({ index }, p) => {
    const ids = idsInPiece[p]!;
    for (const id of index.trigramIds) wordLike[ids[id]!] = 1;
  });
  const [trigrams, trigramOffsets, trigramIds] = trigramLists(tokens, wordLike);
  return { tokens, offsets, postings, sorted, trigrams, trigramOffsets, trigramIds };
}

/**
 * Joins a piece's vocabulary to `tokens` (ids in order of first sight, `sorted` in token order): its
 * tokens that are new are appended in its id order. Returns the joined id of each of the piece's
 * tokens and the joined sort order. One merge of the two sorted vocabularies finds the tokens they
 * share and the new tokens' places, with no hashing.
 */
function joinedVocabulary(tokens: string[], sorted: Int32Array, piece: TokenIndexParts): [Int32Array, Int32Array] {
  const pieceTokens = piece.tokens;
  const pieceSorted = piece.sorted;
  const ids = new Int32Array(pieceTokens.length).fill(-1);
  // Joined ids, or ~(the piece's id) for a new token, whose joined id is known only after the merge.
  const merged = new Int32Array(sorted.length + pieceSorted.length);
  let count = 0;
  let i = 0;
  let j = 0;
  while (i < sorted.length && j < pieceSorted.length) {
    const known = tokens[sorted[i]!]!;
    const local = pieceSorted[j]!;
    const token = pieceTokens[local]!;
    if (known === token) {
      ids[local] = sorted[i]!;
      merged[count++] = sorted[i++]!;
      j++;
    } else if (known < token) merged[count++] = sorted[i++]!;
    else {
      merged[count++] = ~local;
      j++;
    }
  }
  while (i < sorted.length) merged[count++] = sorted[i++]!;
  while (j < pieceSorted.length) merged[count++] = ~pieceSorted[j++]!;
  for (let local = 0; local < ids.length; local++) {
    if (ids[local]! >= 0) continue;
    ids[local] = tokens.length;
    tokens.push(pieceTokens[local]!);
  }
  for (let k = 0; k < count; k++) if (merged[k]! < 0) merged[k] = ids[~merged[k]!]!;
  return [ids, count === merged.length ? merged : merged.slice(0, count)];
}

/** Build-time state: the vocabulary, per-token bookkeeping, and postings in arrival order. */
class IndexBuilder {
  /** Per token id: the last entry that posted it, and the fields it did (postings are unique per entry and field). */
  private lastEntry: Int32Array = new Int32Array(1024).fill(-1);
  private lastFields = new Uint8Array(1024);
  /** Per token id: whether it occurs outside keys (keys and their segments are typed as prefixes, not misspelt). */
  private wordLike = new Uint8Array(1024);
  /** Title words left out. */
  private readonly stopwords = new TokenTable();
  // Postings in arrival order, as parallel arrays (grouped by token at the end).
  private pendingTokens: Int32Array;
  private pendingPostings: Int32Array;
  private pendingCount = 0;
  /** Scratch: the ids of the words of the text just read. */
  private ids: Int32Array = new Int32Array(64);

  constructor(
    readonly table: TokenTable,
    pendingCapacity: number,
  ) {
    this.pendingTokens = new Int32Array(pendingCapacity);
    this.pendingPostings = new Int32Array(pendingCapacity);
    for (const word of STOPWORDS) this.stopwords.idOf(word);
  }

  addEntry(entry: BibEntry, index: number): void {
    const { table } = this;
    const key = foldKey(entry.key);
    this.post(key, Field.Key, index);
    if (key && isAscii(entry.key)) {
      for (const start of asciiKeyTailStarts(entry.key, key)) this.postId(table.idOfSlice(key, start, key.length), Field.KeyPart, index);
    } else {
      for (const tail of keySegmentTails(entry.key, key)) this.post(tail, Field.KeyPart, index);
    }

    const names = namesOf(entry);
    for (let i = 0; i < names.length; i++) {
      const field = i === 0 ? Field.AuthorFirst : Field.AuthorOther;
      const count = this.readWords(names[i]!);
      for (let k = 0; k < count; k++) this.postId(this.ids[k]!, field, index);
      // "Beoku-Betts", "van der Berg", "EdTech Hub": also the name written as one word.
      if (count > 1) {
        let joined = '';
        for (let k = 0; k < count; k++) joined += table.tokens[this.ids[k]!];
        this.post(joined, field, index);
      }
    }

    if (entry.yearLabel) this.post(entry.yearLabel.toLowerCase(), Field.Year, index);
    if (entry.year !== undefined) this.post(String(entry.year), Field.Year, index);

    if (entry.title) {
      const count = this.readWords(entry.title, true);
      for (let k = 0; k < count; k++) this.postId(this.ids[k]!, Field.Title, index);
    }
    for (const keyword of entry.keywords) {
      const count = this.readWords(keyword);
      for (let k = 0; k < count; k++) this.postId(this.ids[k]!, Field.Keyword, index);
    }
  }

  /** A posting of token `id` (already renumbered), as it arrives. */
  pend(id: number, packed: number): void {
    if (this.pendingCount === this.pendingTokens.length) {
      this.pendingTokens = grown(this.pendingTokens);
      this.pendingPostings = grown(this.pendingPostings);
    }
    this.pendingTokens[this.pendingCount] = id;
    this.pendingPostings[this.pendingCount++] = packed;
  }

  /** Counting sort of the pending postings by token: one flat array, arrival order kept within each token. */
  groupPostings(): [Int32Array, Int32Array] {
    const tokenCount = this.table.size;
    const offsets = new Int32Array(tokenCount + 1);
    const count = this.pendingCount;
    const tokens = this.pendingTokens;
    const packed = this.pendingPostings;
    for (let k = 0; k < count; k++) offsets[tokens[k]! + 1]!++;
    for (let id = 0; id < tokenCount; id++) offsets[id + 1]! += offsets[id]!;
    const fill = offsets.slice(0, tokenCount);
    const postings = new Int32Array(count);
    for (let k = 0; k < count; k++) postings[fill[tokens[k]!]!++] = packed[k]!;
    this.pendingTokens = new Int32Array(0);
    this.pendingPostings = new Int32Array(0);
    this.pendingCount = 0;
    return [offsets, postings];
  }

  /** Per token id, whether it occurs outside keys. */
  wordLikeIds(): Uint8Array {
    this.ensureCapacity(this.table.size);
    return this.wordLike;
  }

  private post(token: string, field: FieldId, index: number): void {
    if (token) this.postId(this.table.idOf(token), field, index);
  }

  private postId(id: number, field: FieldId, index: number): void {
    if (id >= this.lastEntry.length) this.ensureCapacity(id + 1);
    // Entries are added in order, so "already posted for this entry" needs only the last entry.
    if (this.lastEntry[id] !== index) {
      this.lastEntry[id] = index;
      this.lastFields[id] = 0;
    }
    const bit = 1 << field;
    if (this.lastFields[id]! & bit) return;
    this.lastFields[id]! |= bit;
    if (field !== Field.Key && field !== Field.KeyPart) this.wordLike[id] = 1;
    this.pend(id, (index << FIELD_BITS) | field);
  }

  /**
   * Reads the folded words of `text` (tokenize's: runs of [a-z0-9] after folding) into `ids`; returns
   * how many. ASCII text is read as written; other text is folded first.
   */
  private readWords(text: string, withoutStopwords = false): number {
    const count = this.readAsciiWords(text, false, withoutStopwords);
    // (The words before the first non-ASCII character are the folded text's first words too: the
    // vocabulary's order of first sight is the same.)
    return count >= 0 ? count : this.readAsciiWords(foldLetters(text), true, withoutStopwords);
  }

  /**
   * As readWords, reading A–Z as a–z: for ASCII text, or (`folded`) text folded already, whose other
   * characters separate words. -1 at the first non-ASCII character of text not folded.
   */
  private readAsciiWords(text: string, folded: boolean, withoutStopwords: boolean): number {
    let count = 0;
    let start = -1;
    for (let i = 0; i <= text.length; i++) {
      const c = i < text.length ? text.charCodeAt(i) : 0;
      const isWordChar = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
      if (isWordChar) {
        if (start < 0) start = i;
        continue;
      }
      if (c >= 128 && !folded) return -1;
      if (start >= 0 && !(withoutStopwords && i - start <= LONGEST_STOPWORD && this.stopwords.hasSlice(text, start, i))) {
        if (count === this.ids.length) this.ids = grown(this.ids);
        this.ids[count++] = this.table.idOfSlice(text, start, i);
      }
      start = -1;
    }
    return count;
  }

  private ensureCapacity(size: number): void {
    if (size <= this.lastEntry.length) return;
    let capacity = this.lastEntry.length;
    while (capacity < size) capacity *= 2;
    const lastEntry = new Int32Array(capacity).fill(-1);
    lastEntry.set(this.lastEntry);
    this.lastEntry = lastEntry;
    this.lastFields = widened(this.lastFields, capacity);
    this.wordLike = widened(this.wordLike, capacity);
  }
}

function widened(values: Uint8Array, capacity: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(capacity);
  out.set(values);
  return out;
}

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

/**
 * The postings of `previous` renumbered by `oldToNew` (which keeps their order), merged with the
 * pending postings of added entries: one pass over the old postings.
 */
function mergedWith(previous: TokenIndexParts, oldToNew: Int32Array, builder: IndexBuilder): [Int32Array, Int32Array] {
  const [addedOffsets, addedPostings] = builder.groupPostings();
  const tokenCount = builder.table.size;
  const oldCount = previous.tokens.length;
  const offsets = new Int32Array(tokenCount + 1);
  const postings = new Int32Array(previous.postings.length + addedPostings.length);
  let w = 0;
  for (let id = 0; id < tokenCount; id++) {
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
  offsets[tokenCount] = w;
  return [offsets, w === postings.length ? postings : postings.slice(0, w)];
}

/** Postings in entry order within each token (renumbered and added ones may not be). */
function sortEachPostingList(offsets: Int32Array, postings: Int32Array, tokenCount: number): void {
  for (let id = 0; id < tokenCount; id++) {
    const from = offsets[id]!;
    const to = offsets[id + 1]!;
    for (let k = from + 1; k < to; k++) {
      if (postings[k - 1]! > postings[k]!) {
        postings.subarray(from, to).sort();
        break;
      }
    }
  }
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

/** A trigram's code when its characters are `^`, digits and lowercase letters (nearly always), else -1. */
function denseCode(a: number, b: number, c: number): number {
  const x = symbolOf(a);
  const y = symbolOf(b);
  const z = symbolOf(c);
  return x < 0 || y < 0 || z < 0 ? -1 : (x * SYMBOLS + y) * SYMBOLS + z;
}

const SYMBOLS = 37;

function symbolOf(code: number): number {
  if (code >= 97 && code <= 122) return code - 86; // a–z: 11–36
  if (code >= 48 && code <= 57) return code - 47; // 0–9: 1–10
  return code === 94 ? 0 : -1; // ^
}

/**
 * The trigrams of the word-like tokens of three letters or more (see trigramsOf), in order of first
 * sight, each with the ids of the tokens holding it (in id order): what the index looks typos up in.
 */
function trigramLists(tokens: readonly string[], wordLike: Uint8Array): [string[], Int32Array, Int32Array] {
  const denseSlot = new Int32Array(SYMBOLS ** 3).fill(-1);
  const sparseSlot = new Map<number, number>();
  const trigrams: string[] = [];
  let lastIdOfSlot = new Int32Array(1024).fill(-1);
  let counts = new Int32Array(1024);
  // (slot, id) pairs in id order, for a counting sort by slot.
  let pairSlots = new Int32Array(1 << 16);
  let pairIds = new Int32Array(1 << 16);
  let pairs = 0;
  for (let id = 0; id < tokens.length; id++) {
    const token = tokens[id]!;
    if (token.length < 3 || !wordLike[id]) continue;
    // The trigrams of "^" + token: "^he", "hen", "enn"…
    for (let i = -1; i + 2 < token.length; i++) {
      const a = i < 0 ? 94 : token.charCodeAt(i);
      const b = token.charCodeAt(i + 1);
      const c = token.charCodeAt(i + 2);
      const dense = denseCode(a, b, c);
      let slot = dense >= 0 ? denseSlot[dense]! : (sparseSlot.get((a * 65536 + b) * 65536 + c) ?? -1);
      if (slot < 0) {
        slot = trigrams.length;
        trigrams.push(String.fromCharCode(a, b, c));
        if (dense >= 0) denseSlot[dense] = slot;
        else sparseSlot.set((a * 65536 + b) * 65536 + c, slot);
        if (slot === counts.length) {
          counts = grown(counts);
          const last = new Int32Array(counts.length).fill(-1);
          last.set(lastIdOfSlot);
          lastIdOfSlot = last;
        }
      }
      if (lastIdOfSlot[slot] === id) continue; // a trigram twice in one token
      lastIdOfSlot[slot] = id;
      counts[slot]!++;
      if (pairs === pairSlots.length) {
        pairSlots = grown(pairSlots);
        pairIds = grown(pairIds);
      }
      pairSlots[pairs] = slot;
      pairIds[pairs++] = id;
    }
  }
  const offsets = new Int32Array(trigrams.length + 1);
  for (let t = 0; t < trigrams.length; t++) offsets[t + 1] = offsets[t]! + counts[t]!;
  const fill = offsets.slice(0, trigrams.length);
  const ids = new Int32Array(pairs);
  for (let k = 0; k < pairs; k++) ids[fill[pairSlots[k]!]!++] = pairIds[k]!;
  return [trigrams, offsets, ids];
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
