/**
 * uncited-claim: a sentence the claim scorer judges a claim, with no citation supporting it. A claim
 * whose citations all point nowhere is one: the message names what it cites.
 */
import type { DocumentRule, RuleFinding } from './rule';

/** Unknown works named in a message; the unknown-key findings list them all. */
const NAMED = 3;

export const uncitedClaim: DocumentRule = {
  id: 'uncited-claim',
  description: 'A sentence that makes a claim (a statistic, a finding, a generalisation) cites no evidence.',
  defaultLevel: 'warning',
  scope: 'document',
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const c of ctx.claims) {
      if (!c.score.claim || c.supported) continue;
      const reasons = c.score.reasons.length ? c.score.reasons : ['reads as a claim'];
      const unknown = c.unknownCited ?? [];
      const what = unknown.length
        ? `Claim cites only ${unknown.length === 1 ? 'an unknown key' : 'unknown keys'} (${unknown.slice(0, NAMED).join(', ')}${unknown.length > NAMED ? ', …' : ''})`
        : 'Claim cites no evidence';
      findings.push({
        message: `${what}: ${reasons.join('; ')}`,
        file: ctx.file,
        range: ctx.rangeOf(c.sentence.span.start, c.sentence.span.end),
        offset: c.sentence.span.start,
        endOffset: c.sentence.span.end,
        reasons,
      });
    }
    return findings;
  },
};
