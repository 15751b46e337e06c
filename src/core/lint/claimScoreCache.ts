/**
 * Claim scores remembered by sentence text, for re-linting a document while it is typed in: a
 * keystroke changes one sentence, so a re-lint scores that one and reuses the rest (scoring is
 * most of a lint's time). Opt-in per caller through `lintDocument(…, { claimScoreCache })`; one
 * cache belongs to one scorer. Bounded: the least recently used scores go first.
 */
import type { ClaimScore, Sensitivity } from '../types';

export class ClaimScoreCache {
  private readonly scores = new Map<string, ClaimScore>();

  /** `maxEntries`: about the sentences of a few long documents (a 100-page report has ~2,000). */
  constructor(readonly maxEntries = 20_000) {}

  get size(): number {
    return this.scores.size;
  }

  /** The score of `text`, from the cache or else from `score` (then remembered). */
  scoreOf(text: string, sensitivity: Sensitivity, score: (text: string, sensitivity: Sensitivity) => ClaimScore): ClaimScore {
    const key = `${sensitivity}\u0000${text}`;
    const known = this.scores.get(key);
    if (known !== undefined) {
      // Re-inserted so that Map order is least recently used first.
      this.scores.delete(key);
      this.scores.set(key, known);
      return known;
    }
    const fresh = score(text, sensitivity);
    this.scores.set(key, fresh);
    if (this.scores.size > this.maxEntries) this.scores.delete(this.scores.keys().next().value as string);
    return fresh;
  }

  clear(): void {
    this.scores.clear();
  }
}
