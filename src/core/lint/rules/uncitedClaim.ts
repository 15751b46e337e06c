/** uncited-claim: a sentence the claim scorer judges a claim, with no citation supporting it. */
import type { DocumentRule, RuleFinding } from './rule';

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
      findings.push({
        message: `Claim cites no evidence: ${reasons.join('; ')}`,
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
