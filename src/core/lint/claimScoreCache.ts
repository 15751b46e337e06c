/**
 * Claim scores remembered by sentence text and context, for re-linting a document while it is
 * typed in: a keystroke changes one sentence, so a re-lint scores that one (and the sentence after
 * it, whose context it is) and reuses the rest (scoring is most of a lint's time). Opt-in per
 * caller through `lintDocument(…, { claimScoreCache })`; one cache belongs to one scorer. Bounded:
 * the least recently used scores go first.
 *
 * Scores kept from an earlier run (keptClaimScores.ts) are looked up by a hash of the same key, so
 * that the file holds no document text.
 */
import type { ClaimInput, ClaimScore, ClaimScoreOptions } from '../types';

/** A claim scorer as lint calls it. */
export type ClaimScorer = (input: ClaimInput, options: ClaimScoreOptions) => ClaimScore;

export class ClaimScoreCache {
  private readonly scores = new Map<string, ClaimScore>();
  /** From an earlier run, by `scoreKeyHash` of their key; those used are moved into `scores`. */
  private earlier: Map<string, ClaimScore> | undefined;
  private scoredSinceKept = false;

  /** `maxEntries`: about the sentences of a few long documents (a 100-page report has ~2,000). */
  constructor(readonly maxEntries = 20_000) {}

  get size(): number {
    return this.scores.size;
  }

  /** Whether a score was computed (not remembered) since the cache was filled from, or last saved to, a file. */
  get changed(): boolean {
    return this.scoredSinceKept;
  }

  /** The score of `input`, from the cache or else from `score` (then remembered). */
  scoreOf(input: ClaimInput, options: ClaimScoreOptions, score: ClaimScorer): ClaimScore {
    const key = scoreKey(input, options);
    const known = this.scores.get(key);
    if (known !== undefined) {
      // Re-inserted so that Map order is least recently used first.
      this.scores.delete(key);
      this.scores.set(key, known);
      return known;
    }
    const kept = this.takeEarlier(key);
    if (!kept) this.scoredSinceKept = true;
    const fresh = kept ?? score(input, options);
    this.scores.set(key, fresh);
    if (this.scores.size > this.maxEntries) this.scores.delete(this.scores.keys().next().value as string);
    return fresh;
  }

  /** The score an earlier run kept for `key`, taken out of `earlier` (it moves into `scores`). */
  private takeEarlier(key: string): ClaimScore | undefined {
    if (!this.earlier) return undefined;
    const hash = scoreKeyHash(key);
    const kept = this.earlier.get(hash);
    if (kept) this.earlier.delete(hash);
    return kept;
  }

  /** Adds scores kept from an earlier run of the same scorer (by key hash), to be used before scoring. */
  addKept(scores: ReadonlyMap<string, ClaimScore>): void {
    this.earlier = new Map(scores);
  }

  /**
   * What to keep for a later run, by key hash, at most `maxEntries`: the scores used in this run, then
   * those kept from before and not used, most recent first. Marks the cache unchanged.
   */
  toKeep(): Map<string, ClaimScore> {
    const kept = new Map<string, ClaimScore>();
    for (const [key, score] of [...this.scores].reverse()) kept.set(scoreKeyHash(key), score);
    for (const [hash, score] of this.earlier ?? []) {
      if (kept.size >= this.maxEntries) break;
      if (!kept.has(hash)) kept.set(hash, score);
    }
    this.scoredSinceKept = false;
    return kept;
  }

  clear(): void {
    this.scores.clear();
    this.earlier = undefined;
  }
}

/** Everything a score depends on, as one string: the sentence, what surrounds it, and the options. */
export function scoreKey(input: ClaimInput, options: ClaimScoreOptions): string {
  return [
    options.sensitivity ?? '',
    (options.ownVoice ?? []).join('\u0001'),
    input.text,
    input.contextBefore ?? '',
    input.heading ?? '',
    input.listIntro ?? '',
  ].join('\u0000');
}

/**
 * 64 bits of a score's key, as 16 hex digits: two 32-bit multiply-xorshift lanes over the UTF-16
 * units, mixed at the end (a collision among 100,000 keys has odds of about 1 in 10^9).
 */
export function scoreKeyHash(key: string): string {
  let a = 0xdeadbeef ^ key.length;
  let b = 0x41c6ce57 ^ key.length;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x9e3779b1);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  a = Math.imul(a ^ (a >>> 16), 0x85ebca6b) ^ Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
  b = Math.imul(b ^ (b >>> 16), 0x85ebca6b) ^ Math.imul(a ^ (a >>> 13), 0xc2b2ae35);
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
