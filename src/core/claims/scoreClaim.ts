/**
 * Decides whether one sentence, judged alone, is a claim that needs evidence.
 *
 * Score: the probability from the small logistic model (claimModel.ts) over cue features and
 * hashed word n-grams, damped for fragments (headings, navigation, "Connect with Us").
 * Verdict: score ≥ the sensitivity's threshold ('low' strictest, 'high' most permissive; the
 * thresholds are ordered, so high ⊇ medium ⊇ low).
 * Reasons: always from the readable cues, never from opaque weights — for a claim, the claim-like
 * cues by learned strength (plus "wording typical of cited sentences" when the words carried it);
 * for a non-claim, what argued against it.
 */
import type { ClaimScore, Sensitivity } from '../types';
import { sentenceFeatures, tokenise, fnv1a, type SentenceFeatures } from './claimFeatures';
import type { CueMatch } from './claimCues';
import { CLAIM_MODEL, modelProbability, type ClaimModelWeights } from './claimModel';

const MAX_REASONS = 4;
/** Fewer words than MIN_WORDS, or fewer than SHORT_FRAGMENT_WORDS without final punctuation: a heading or UI label. */
const MIN_WORDS = 4;
const SHORT_FRAGMENT_WORDS = 8;
const FRAGMENT_DAMPING = 0.3;

const SENSITIVITIES: readonly Sensitivity[] = ['low', 'medium', 'high'];

/**
 * Cues that on their own make a sentence need a source in evidence writing (a statistic, "research
 * shows", a named report), unless the writer is describing their own work, doing mathematics or
 * writing boilerplate.
 * The model is trained on arXiv text, where figures are mostly the authors' own results, so it
 * underrates them; this floor keeps the Hub's central case, an uncited figure about the world, flagged.
 */
const EVIDENCE_CUES: readonly string[] = ['statistic', 'attribution', 'namedReport'];
/** Own work, mathematics or boilerplate (a funder's disclaimer names the World Bank): no floor. */
const NO_FLOOR_CUES: readonly string[] = ['firstPerson', 'selfReference', 'mathematics', 'acknowledgement'];
const EVIDENCE_FLOOR = 0.7;

/**
 * The score people see, from the model's probability: the evidence floor, then damping of fragments
 * and boilerplate.
 * Exported so training chooses thresholds on exactly this score (scripts/train-claims.ts).
 */
export function adjustedScore(probability: number, features: SentenceFeatures): number {
  let score = probability;
  let evidence = false;
  let noFloor = false;
  let boilerplate = false;
  for (const c of features.cues) {
    if (EVIDENCE_CUES.includes(c.cue.id)) evidence = true;
    else if (NO_FLOOR_CUES.includes(c.cue.id)) noFloor = true;
    if (c.cue.id === 'acknowledgement') boilerplate = true;
  }
  if (evidence && !noFloor) score = Math.max(score, EVIDENCE_FLOOR);
  // Fragments (headings, navigation) and boilerplate (thanks, licences, disclaimers) are not claims.
  if (isFragment(features) || boilerplate) score *= FRAGMENT_DAMPING;
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

export function scoreClaim(text: string, sensitivity: Sensitivity = 'medium', weights: ClaimModelWeights = CLAIM_MODEL): ClaimScore {
  const level: Sensitivity = isSensitivity(sensitivity) ? sensitivity : 'medium';
  const sentence = typeof text === 'string' ? text.trim() : '';
  if (!/\p{L}/u.test(sentence)) return { claim: false, score: 0, reasons: ['no words to judge'] };

  const features = sentenceFeatures(sentence, weights.buckets);
  const fragment = isFragment(features);
  const score = adjustedScore(modelProbability(features, weights), features);
  const claim = score >= weights.thresholds[level];

  const reasons = claim ? claimReasons(features, weights) : nonClaimReasons(features, weights);
  if (claim && reasons.length < 2) {
    const words = typicalWords(sentence, weights);
    if (words.length) reasons.push(`wording typical of cited sentences (${words.map((w) => `'${w}'`).join(', ')})`);
  }
  if (!claim && fragment) reasons.unshift('too short or incomplete to be a claim');
  return { claim, score: Math.round(score * 1000) / 1000, reasons };
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

function nonClaimReasons(features: SentenceFeatures, weights: ClaimModelWeights): string[] {
  const out: string[] = [];
  for (const c of strongestCues(features, weights, -1)) out.push(c.cue.reason(c.match));
  return out;
}

/** The sentence's words whose own (unigram) weight most strongly marks cited sentences. */
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
