/**
 * Claim scores remembered by sentence text and context, for re-linting a document while it is
 * typed in: a keystroke changes one sentence, so a re-lint scores that one (and the sentence after
 * it, whose context it is) and reuses the rest (scoring is most of a lint's time). Opt-in per
 * caller through `lintDocument(…, { claimScoreCache })`; one cache belongs to one scorer. Bounded:
 * the least recently used scores go first.
 */
import type { ClaimInput, ClaimScore, ClaimScoreOptions } from '../types';

/** A claim scorer as lint calls it. */
export type ClaimScorer = (input: ClaimInput, options: ClaimScoreOptions) => ClaimScore;

export class ClaimScoreCache {
  private readonly scores = new Map<string, ClaimScore>();

  /** `maxEntries`: about the sentences of a few long documents (a 100-page report has ~2,000). */
  constructor(readonly maxEntries = 20_000) {}

  get size(): number {
    return this.scores.size;
  }

  /** The score of `input`, from the cache or else from `score` (then remembered). */
  scoreOf(input: ClaimInput, options: ClaimScoreOptions, score: ClaimScorer): ClaimScore {
    const key = [
      options.sensitivity ?? '',
      (options.ownVoice ?? []).join('\u0001'),
      input.text,
      input.contextBefore ?? '',
      input.heading ?? '',
      input.listIntro ?? '',
    ].join('\u0000');
    const known = this.scores.get(key);
    if (known !== undefined) {
      // Re-inserted so that Map order is least recently used first.
      this.scores.delete(key);
      this.scores.set(key, known);
      return known;
    }
    const fresh = score(input, options);
    this.scores.set(key, fresh);
    if (this.scores.size > this.maxEntries) this.scores.delete(this.scores.keys().next().value as string);
    return fresh;
  }

  clear(): void {
    this.scores.clear();
  }
}
