/**
 * Decides whether one sentence, read as a reviewer reads it (with the sentence before it, its
 * heading, the list it belongs to, and the writer's own voice), is a claim that needs evidence.
 *
 * Score: the probability from the small logistic model (claimModel.ts) over cue features, context
 * features and hashed word n-grams, damped for fragments (headings, navigation, "Connect with Us").
 * Verdict: score ≥ the sensitivity's threshold ('low' strictest, 'high' most permissive; the
 * thresholds are ordered, so high ⊇ medium ⊇ low).
 * Reasons: always from the readable cues and context, never from opaque weights — for a claim, the
 * claim-like cues by learned strength (plus "wording typical of sentences that need a source" when
 * the words carried it); for a non-claim, what argued against it ("the writer's own aim or plan").
 */
import { SENSITIVITIES, type ClaimInput, type ClaimScore, type ClaimScoreOptions, type Sensitivity } from '../types';
import { claimFeatures, type ClaimFeatures, type SentenceFeatures } from './claimFeatures';
import { fnv1a, tokenise } from './tokens';
import type { CueMatch } from './claimCues';
import { CLAIM_MODEL, modelProbability, type ClaimModelWeights } from './claimModel';

const MAX_REASONS = 4;
/** Fewer words than MIN_WORDS, or fewer than SHORT_FRAGMENT_WORDS without final punctuation: a heading or UI label. */
const MIN_WORDS = 4;
const SHORT_FRAGMENT_WORDS = 8;
const FRAGMENT_DAMPING = 0.3;


/**
 * The score people see, from the model's probability: fragments (headings, navigation), list
 * introductions (a sentence ending with a colon: 2 of 67 in the gold sets need evidence) and
 * boilerplate (thanks, licences, disclaimers) are damped, as they are (almost) never claims.
 * Exported so training chooses thresholds on exactly this score (scripts/train-claims.ts).
 */
export function adjustedScore(probability: number, features: SentenceFeatures): number {
  let score = probability;
  const boilerplate = features.cues.some((c) => c.cue.id === 'acknowledgement');
  if (isFragment(features) || boilerplate || features.named.includes('shape:colon')) score *= FRAGMENT_DAMPING;
  return Math.min(1, Math.max(0, score));
}

function isFragment(features: SentenceFeatures): boolean {
  return (
    features.wordCount < MIN_WORDS ||
    (features.wordCount < SHORT_FRAGMENT_WORDS && features.named.includes('shape:noFinalPunctuation'))
  );
}

function isSensitivity(s: unknown): s is Sensitivity {
  return typeof s === 'string' && (SENSITIVITIES as readonly string[]).includes(s);
}

/**
 * Whether `input.text`, read with its context (previous sentence, heading, list introduction) and
 * in the writer's own voice (`options.ownVoice`), is a claim that needs evidence at
 * `options.sensitivity` (default 'medium'); with the reasons for the verdict either way.
 */
export function scoreClaim(input: ClaimInput, options: ClaimScoreOptions = {}, weights: ClaimModelWeights = CLAIM_MODEL): ClaimScore {
  const level: Sensitivity = isSensitivity(options?.sensitivity) ? options.sensitivity : 'medium';
  const sentence = typeof input?.text === 'string' ? input.text.trim() : '';
  if (!/\p{L}/u.test(sentence)) return { claim: false, score: 0, reasons: ['no words to judge'] };

  const context = { contextBefore: stringOrNone(input.contextBefore), heading: stringOrNone(input.heading), listIntro: stringOrNone(input.listIntro) };
  const features = claimFeatures({ text: sentence, ...context }, options?.ownVoice, weights.buckets);
  const fragment = isFragment(features);
  const score = adjustedScore(modelProbability(features, weights), features);
  const claim = score >= weights.thresholds[level];

  const reasons = claim ? claimReasons(features, weights) : nonClaimReasons(features, weights);
  if (claim && reasons.length < 2) {
    const words = typicalWords(features.own.text, weights);
    if (words.length) reasons.push(`wording typical of sentences that need a source (${words.map((w) => `'${w}'`).join(', ')})`);
  }
  if (!claim && fragment) reasons.unshift('too short or incomplete to be a claim');
  else if (!claim && features.named.includes('shape:colon')) reasons.unshift('introduces a list');
  if (!claim && reasons.length === 0) reasons.push('states nothing a reviewer would ask a source for');
  return { claim, score: Math.round(score * 1000) / 1000, reasons };
}

/** Callers in plain JavaScript (and --classify) may pass anything: only strings are context. */
function stringOrNone(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Learned weight of a cue, or its hand-set prior if the model has none. */
function cueWeight(match: CueMatch, weights: ClaimModelWeights): number {
  return weights.named[match.cue.id] ?? match.cue.prior;
}

/**
 * Up to MAX_REASONS cues, strongest first, whose weight has the wanted sign (+1: argued for a claim;
 * -1: argued against). Plain loops, as this runs for every sentence; reasons are only built for the
 * cues shown. Ties keep CLAIM_CUES order.
 */
function strongestCues(features: SentenceFeatures, weights: ClaimModelWeights, sign: 1 | -1): CueMatch[] {
  const picked: CueMatch[] = [];
  const strength: number[] = [];
  for (const c of features.cues) {
    const s = sign * cueWeight(c, weights);
    if (s <= 0) continue;
    let at = picked.length;
    while (at > 0 && strength[at - 1] < s) at--;
    picked.splice(at, 0, c);
    strength.splice(at, 0, s);
  }
  return picked.length > MAX_REASONS ? picked.slice(0, MAX_REASONS) : picked;
}

function claimReasons(features: SentenceFeatures, weights: ClaimModelWeights): string[] {
  const out: string[] = [];
  for (const c of strongestCues(features, weights, 1)) out.push(c.cue.reason(c.match));
  return out;
}

/**
 * What argued against a claim: the context first (a point of the writer's own list, the heading),
 * then the cues; an own-voice name is quoted as written ('EdTech Hub'), not as the "we" it was read as.
 */
function nonClaimReasons(features: ClaimFeatures, weights: ClaimModelWeights): string[] {
  const out: string[] = [];
  const context = [...features.context.reasons]
    .map(([id, reason]) => ({ reason, weight: weights.named[id] ?? 0 }))
    .filter((c) => c.weight < 0)
    .sort((a, b) => a.weight - b.weight);
  for (const c of context) out.push(c.reason);
  for (const c of strongestCues(features, weights, -1)) {
    if (c.cue.id === 'firstPerson' && features.continues) out.push(`goes on with the writer's account of their own work ('${features.continues}')`);
    else if (c.cue.id === 'firstPerson' && features.own.found.length) out.push(`describes the writer's own organisation's work ('${features.own.found[0]}')`);
    else out.push(c.cue.reason(c.match));
  }
  return out.length > MAX_REASONS ? out.slice(0, MAX_REASONS) : out;
}

/** The sentence's words whose own (unigram) weight most strongly marks sentences that need a source. */
function typicalWords(sentence: string, weights: ClaimModelWeights): string[] {
  const mask = weights.buckets - 1;
  const scored = new Map<string, number>();
  for (const t of tokenise(sentence)) {
    if (t.length < 3 || t.startsWith('<')) continue;
    const w = weights.hashed[fnv1a(t) & mask] ?? 0;
    if (w > 0.15) scored.set(t, w);
  }
  return [...scored].sort((a, b) => b[1] - a[1]).slice(0, 2).map(([t]) => t);
}
