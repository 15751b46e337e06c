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
import { sentenceFeatures, tokenise, fnv1a } from './claimFeatures';
import { CLAIM_MODEL, modelProbability, type ClaimModelWeights } from './claimModel';

const MAX_REASONS = 4;
/** Fewer words than MIN_WORDS, or fewer than SHORT_FRAGMENT_WORDS without final punctuation: a heading or UI label. */
const MIN_WORDS = 4;
const SHORT_FRAGMENT_WORDS = 8;
const FRAGMENT_DAMPING = 0.3;

const SENSITIVITIES: readonly Sensitivity[] = ['low', 'medium', 'high'];

/**
 * Cues that on their own make a sentence need a source in evidence writing (a statistic, "research
 * shows", a named report), unless the writer is describing their own work or doing mathematics.
 * The model is trained on arXiv text, where figures are mostly the authors' own results, so it
 * underrates them; this floor keeps the Hub's central case, an uncited figure about the world, flagged.
 */
const EVIDENCE_CUES: ReadonlySet<string> = new Set(['statistic', 'attribution', 'namedReport']);
const OWN_WORK_CUES: ReadonlySet<string> = new Set(['firstPerson', 'selfReference', 'mathematics']);
const EVIDENCE_FLOOR = 0.7;

function isSensitivity(s: unknown): s is Sensitivity {
  return typeof s === 'string' && (SENSITIVITIES as readonly string[]).includes(s);
}

export function scoreClaim(text: string, sensitivity: Sensitivity = 'medium', weights: ClaimModelWeights = CLAIM_MODEL): ClaimScore {
  const level: Sensitivity = isSensitivity(sensitivity) ? sensitivity : 'medium';
  const sentence = typeof text === 'string' ? text.trim() : '';
  if (!/\p{L}/u.test(sentence)) return { claim: false, score: 0, reasons: ['no words to judge'] };

  const features = sentenceFeatures(sentence, weights.buckets);
  const fragment =
    features.wordCount < MIN_WORDS ||
    (features.wordCount < SHORT_FRAGMENT_WORDS && features.named.includes('shape:noFinalPunctuation'));
  let score = modelProbability(features, weights);
  const cueIds = features.cues.map((c) => c.cue.id);
  if (cueIds.some((id) => EVIDENCE_CUES.has(id)) && !cueIds.some((id) => OWN_WORK_CUES.has(id))) {
    score = Math.max(score, EVIDENCE_FLOOR);
  }
  if (fragment) score *= FRAGMENT_DAMPING;
  score = Math.min(1, Math.max(0, score));
  const claim = score >= weights.thresholds[level];

  // Reasons are built only for the cues that will be shown.
  const weighted = features.cues
    .map((c) => ({ c, weight: weights.named[c.cue.id] ?? c.cue.prior }))
    .sort((a, b) => b.weight - a.weight);
  const reasonOf = ({ c }: (typeof weighted)[number]): string => c.cue.reason(c.match);
  let reasons: string[];
  if (claim) {
    reasons = weighted.filter((w) => w.weight > 0).slice(0, MAX_REASONS).map(reasonOf);
    if (reasons.length < 2) {
      const words = typicalWords(sentence, weights);
      if (words.length) reasons.push(`wording typical of cited sentences (${words.map((w) => `'${w}'`).join(', ')})`);
    }
  } else {
    reasons = weighted.filter((w) => w.weight < 0).reverse().slice(0, MAX_REASONS).map(reasonOf);
    if (fragment) reasons.unshift('too short or incomplete to be a claim');
  }
  return { claim, score: Math.round(score * 1000) / 1000, reasons };
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
