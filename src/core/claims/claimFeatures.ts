/**
 * Turns a sentence into the sparse binary features the claim model scores: the cue ids from
 * claimCues.ts, how many claim-like cues fired, a few shape features, hashed lower-case word unigrams
 * and bigrams, and (claimFeatures) what its context says, all read in the writer's own voice.
 * Shared by the scorer and by scripts/train-claims.ts so training and scoring cannot drift apart.
 */
import type { ClaimInput } from '../types';
import { detectCues, type CueMatch } from './claimCues';
import { contextFeatures, type ContextReading } from './claimContext';
import { fnv1a, fnv1aFrom } from './tokens';
import { continuesOwnAccount, hasOwnSubject, ownVoiceReader, type OwnVoiceReading } from './ownVoice';
import { meanWordVector } from './wordVectors';

/** Number of hash buckets for word n-grams (a power of two; part of the weights file's contract). */
export const DEFAULT_HASH_BUCKETS = 1 << 15;

export interface SentenceFeatures {
  readonly cues: readonly CueMatch[];
  /** Named (non-hashed) features: cue ids and shape features. */
  readonly named: readonly string[];
  /** Distinct hash-bucket indices of the sentence's unigrams and bigrams. */
  readonly buckets: readonly number[];
  /** Number of word tokens. */
  readonly wordCount: number;
  /** FNV-1a hashes of the word tokens without digits, in order (for word vectors, wordVectors.ts). */
  readonly wordHashes: readonly number[];
}


const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const HASH_PCT = fnv1a('<pct>');
const HASH_YEAR = fnv1a('<year>');
const HASH_NUM = fnv1a('<num>');
const HASH_START = fnv1a('<s>');
const NON_ASCII_WORD_CHAR = /[\p{L}\p{N}]/u;

/** Whether the UTF-16 unit at `code` can be part of a token's core (TOKEN's [\p{L}\p{N}%]). */
function isCoreChar(code: number, text: string, i: number): boolean {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || code === 37;
  if (code >= 0xd800 && code <= 0xdbff) return NON_ASCII_WORD_CHAR.test(text.slice(i, i + 2));
  if (code >= 0xdc00 && code <= 0xdfff) return i > 0 && NON_ASCII_WORD_CHAR.test(text.slice(i - 1, i + 1));
  return NON_ASCII_WORD_CHAR.test(text[i]);
}

/** Joiners allowed inside a token: apostrophes and hyphens. */
function isJoinerChar(code: number): boolean {
  return code === 39 || code === 45 || code === 0x2019;
}

/** Bucket de-duplication without a Set: a stamp per bucket, bumped once per sentence. */
let stamps = new Uint32Array(DEFAULT_HASH_BUCKETS);
let stampNow = 0;

/**
 * Hash buckets of the sentence's unigrams and bigrams, in one pass over the lower-cased text with
 * no per-token strings: the same tokens and hashes as tokenise() + fnv1a, since FNV-1a continues
 * character by character (bigram 'a b' is fnv1a(a) continued over ' b').
 */
function ngramBuckets(lower: string, buckets: number): { buckets: number[]; wordCount: number; wordHashes: number[] } {
  if (stamps.length !== buckets) stamps = new Uint32Array(buckets);
  if (++stampNow === 0xffffffff) { stamps.fill(0); stampNow = 1; }
  const mask = buckets - 1;
  const out: number[] = [];
  const words: number[] = [];
  let prev = HASH_START;
  let count = 0;
  const n = lower.length;
  let i = 0;
  while (i < n) {
    let code = lower.charCodeAt(i);
    if (!isCoreChar(code, lower, i)) { i++; continue; }
    // Token: core chars and joiners, ending at the last core char.
    const start = i;
    const bigramStart = Math.imul(prev ^ 32, FNV_PRIME) >>> 0;
    let uni = FNV_OFFSET, bi = bigramStart;
    let uniAtCore = 0, biAtCore = 0, end = i;
    let digit = false;
    while (i < n) {
      code = lower.charCodeAt(i);
      const core = isCoreChar(code, lower, i);
      if (!core && !isJoinerChar(code)) break;
      uni = Math.imul(uni ^ code, FNV_PRIME);
      bi = Math.imul(bi ^ code, FNV_PRIME);
      if (core) {
        uniAtCore = uni; biAtCore = bi; end = i + 1;
        if (code >= 48 && code <= 57) digit = true;
      }
      i++;
    }
    i = end;
    let h: number, hb: number;
    if (digit) {
      const t = lower.slice(start, end);
      const folded = t.endsWith('%') ? '<pct>' : /^(?:19|20)\d\d$/.test(t) ? '<year>' : '<num>';
      h = folded === '<pct>' ? HASH_PCT : folded === '<year>' ? HASH_YEAR : HASH_NUM;
      hb = fnv1aFrom(bigramStart, folded);
    } else {
      h = uniAtCore >>> 0;
      hb = biAtCore >>> 0;
      words.push(h);
    }
    const b1 = h & mask, b2 = hb & mask;
    if (stamps[b1] !== stampNow) { stamps[b1] = stampNow; out.push(b1); }
    if (stamps[b2] !== stampNow) { stamps[b2] = stampNow; out.push(b2); }
    prev = h;
    count++;
  }
  if (count > 0) {
    const b = fnv1aFrom(prev, ' </s>') & mask;
    if (stamps[b] !== stampNow) { stamps[b] = stampNow; out.push(b); }
  }
  return { buckets: out, wordCount: count, wordHashes: words };
}

const ACRONYM = /\b[A-Z]{2,}\b/;
const DIGIT = /\d/;
const FINAL_PUNCTUATION = /[.!;:]["'”’)\]]*\s*$/;

/**
 * How many claim-like cues fired, as one of 'cues:0', 'cues:1', 'cues:2', 'cues:3+'. Lets the model
 * say that a sentence with no cue at all is rarely cited, and that cues add up less than linearly.
 */
export function claimCueCountFeature(cues: readonly CueMatch[]): string {
  let n = 0;
  for (const c of cues) if (c.cue.prior > 0) n++;
  return n >= 3 ? 'cues:3+' : `cues:${n}`;
}

export function sentenceFeatures(text: string, buckets = DEFAULT_HASH_BUCKETS): SentenceFeatures {
  const lower = text.toLowerCase();
  const cues = detectCues(text, lower);
  const { buckets: hashed, wordCount: n, wordHashes } = ngramBuckets(lower, buckets);
  const named: string[] = cues.map((c) => c.cue.id);
  named.push(claimCueCountFeature(cues));
  if (n < 5) named.push('shape:veryShort');
  // Short and cue-less: a heading, label or fragment; a short sentence with a statistic or a
  // comparison ("Radio reached more learners than online platforms.") is not penalised for its length.
  else if (n < 10 && claimCueCountFeature(cues) === 'cues:0') named.push('shape:short');
  else if (n > 35) named.push('shape:long');
  if (ACRONYM.test(text)) named.push('shape:acronym');
  if (DIGIT.test(text)) named.push('shape:digit');
  if (!FINAL_PUNCTUATION.test(text)) named.push('shape:noFinalPunctuation');
  else if (COLON_END.test(text)) named.push('shape:colon');
  return { cues, named, buckets: hashed, wordCount: n, wordHashes };
}

const COLON_END = /:["'”’)\]]*\s*$/;

/** A sentence's features with its context's, everything read in the writer's own voice. */
export interface ClaimFeatures extends SentenceFeatures {
  /** The sentence as read in the own voice, with the own-voice names it named. */
  readonly own: OwnVoiceReading;
  /** 'They' in "They focus on…" after a sentence of the writer's own: read as "we" (continuesOwnAccount). */
  readonly continues?: string;
  readonly context: ContextReading;
  /** The mean word vector of the sentence (as read in the own voice): the model's dense input. */
  readonly dense: Float32Array;
}

export function claimFeatures(input: ClaimInput, ownVoice?: readonly string[], buckets = DEFAULT_HASH_BUCKETS): ClaimFeatures {
  const read = ownVoiceReader(ownVoice);
  let own = read(input.text);
  const continues = continuesOwnAccount(input.text, input.contextBefore && read(input.contextBefore).text);
  if (continues) own = { text: `We${own.text.slice(continues.length)}`, found: own.found };
  const sentence = sentenceFeatures(own.text, buckets);
  const context = contextFeatures(input, read);
  const named = [...sentence.named, ...context.named];
  if (own.found.length || continues) named.push('ownVoice:named');
  const ownWork = hasOwnSubject(own.text);
  if (ownWork) named.push('subject:own');
  const hashed = sentence.buckets as number[];
  for (const t of context.tokens) {
    const b = fnv1a(t) & (buckets - 1);
    if (!hashed.includes(b)) hashed.push(b);
  }
  const features = { ...sentence, named, buckets: hashed, own, context, dense: meanWordVector(sentence.wordHashes) };
  return continues ? { ...features, continues } : features;
}
