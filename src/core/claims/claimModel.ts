/**
 * The small logistic-regression model behind the claim score (cue, context and hashed n-gram
 * features plus the sentence's mean word vector), and its weights file format.
 * Weights are produced by `npm run train:claims` (scripts/train-claims.ts) and committed as
 * model/weights.json; the model contributes the score, the cues contribute the reasons.
 */
import type { Sensitivity } from '../types';
import type { ClaimFeatures } from './claimFeatures';
import committedWeights from './model/weights.json';

export interface ClaimModelWeights {
  readonly version: 2;
  readonly bias: number;
  /** Weights of named features (cue ids, shape and context features). Missing → 0. */
  readonly named: Readonly<Record<string, number>>;
  /** Number of n-gram hash buckets; `hashed.length === buckets`. */
  readonly buckets: number;
  readonly hashed: readonly number[];
  /** Weights of the dense input (the mean word vector, wordVectors.ts). */
  readonly dense: readonly number[];
  /** Probability thresholds at or above which a sentence is a claim. */
  readonly thresholds: Readonly<Record<Sensitivity, number>>;
  /** How the weights were made (data, split, seed, held-out figures), for people. */
  readonly trainedOn: Readonly<Record<string, unknown>>;
}

export const CLAIM_MODEL: ClaimModelWeights = committedWeights as unknown as ClaimModelWeights;

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export function modelLogit(features: ClaimFeatures, weights: ClaimModelWeights = CLAIM_MODEL): number {
  let z = weights.bias;
  for (const f of features.named) z += weights.named[f] ?? 0;
  const h = weights.hashed;
  for (const b of features.buckets) z += h[b] ?? 0;
  const w = weights.dense;
  const x = features.dense;
  for (let d = 0; d < w.length && d < x.length; d++) z += w[d]! * x[d]!;
  return z;
}

export function modelProbability(features: ClaimFeatures, weights: ClaimModelWeights = CLAIM_MODEL): number {
  return sigmoid(modelLogit(features, weights));
}
