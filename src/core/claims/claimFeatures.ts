/**
 * Turns a sentence into the sparse binary features the claim model scores: the cue ids from
 * claimCues.ts, a few shape features, and hashed lower-case word unigrams and bigrams.
 * Shared by the scorer and by scripts/train-claims.ts so training and scoring cannot drift apart.
 */
import { detectCues, type CueMatch } from './claimCues';

/** Number of hash buckets for word n-grams (a power of two; part of the weights file's contract). */
export const DEFAULT_HASH_BUCKETS = 1 << 13;

export interface SentenceFeatures {
  readonly cues: readonly CueMatch[];
  /** Named (non-hashed) features: cue ids and shape features. */
  readonly named: readonly string[];
  /** Distinct hash-bucket indices of the sentence's unigrams and bigrams. */
  readonly buckets: readonly number[];
  /** Number of word tokens. */
  readonly wordCount: number;
}

/** A word: letters, digits and '%', with inner apostrophes and hyphens ("don't", "state-of-the-art"). */
const TOKEN = /[\p{L}\p{N}%](?:[\p{L}\p{N}%'’-]*[\p{L}\p{N}%])?/gu;

/** Lower-case word tokens with digits folded, so '45%' and '12%' share a feature. */
export function tokenise(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(TOKEN)) {
    let t = m[0];
    if (/\d/.test(t)) {
      if (/%$/.test(t)) t = '<pct>';
      else if (/^(?:19|20)\d\d$/.test(t)) t = '<year>';
      else t = '<num>';
    }
    out.push(t);
  }
  return out;
}

/** 32-bit FNV-1a: tiny, fast and identical in every JavaScript engine. */
export function fnv1a(s: string): number {
  return fnv1aFrom(0x811c9dc5, s);
}

/** Continues an FNV-1a hash over more text: fnv1aFrom(fnv1a(a), b) === fnv1a(a + b). */
function fnv1aFrom(hash: number, s: string): number {
  let h = hash;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function sentenceFeatures(text: string, buckets = DEFAULT_HASH_BUCKETS): SentenceFeatures {
  const cues = detectCues(text);
  const tokens = tokenise(text);
  const named: string[] = cues.map((c) => c.cue.id);
  const n = tokens.length;
  if (n < 5) named.push('shape:veryShort');
  else if (n < 10) named.push('shape:short');
  else if (n > 35) named.push('shape:long');
  if (/\b[A-Z]{2,}\b/.test(text)) named.push('shape:acronym');
  if (/\d/.test(text)) named.push('shape:digit');
  if (!/[.!;:]["'”’)\]]*\s*$/.test(text.trim())) named.push('shape:noFinalPunctuation');
  const mask = buckets - 1;
  const seen = new Set<number>();
  // Bigram 'a b' is hashed as fnv1a(a) continued over ' b', so no strings are concatenated.
  let prev = fnv1a('<s>');
  for (const t of tokens) {
    const h = fnv1a(t);
    seen.add(h & mask);
    seen.add(fnv1aFrom(fnv1aFrom(prev, ' '), t) & mask);
    prev = h;
  }
  if (n > 0) seen.add(fnv1aFrom(prev, ' </s>') & mask);
  return { cues, named, buckets: [...seen], wordCount: n };
}
