/**
 * Properties of the claim scorer: never throws or hangs, the score is a number in [0, 1] whatever
 * the sensitivity, sensitivities are nested (a claim at 'low' is one at 'medium' and 'high'), the
 * verdict agrees with the score, reasons are readable strings, and the result is deterministic.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { scoreClaim } from '../../src/core/claims/scoreClaim';
import { splitSentences } from '../../src/core/claims/splitSentences';
import { checkProperty, mutatedExcerpt, REAL, syntaxText, withinTime } from './helpers';

const REAL_SENTENCES = [...REAL.blogs, ...REAL.papers].flatMap((t) => splitSentences(t, 'markdown').map((s) => s.text));

function check(text: string): void {
  const scores = (['low', 'medium', 'high'] as const).map((level) => withinTime(`scoreClaim (${text.length} chars)`, () => scoreClaim(text, level)));
  for (const s of scores) {
    assert.ok(Number.isFinite(s.score) && s.score >= 0 && s.score <= 1, `score ${s.score} outside [0, 1]`);
    assert.equal(typeof s.claim, 'boolean');
    assert.ok(Array.isArray(s.reasons) && s.reasons.every((r) => typeof r === 'string' && r.length > 0), 'reasons must be non-empty strings');
  }
  const [low, medium, high] = scores;
  assert.equal(low.score, medium.score, 'the score must not depend on the sensitivity');
  assert.equal(medium.score, high.score);
  assert.ok(!low.claim || medium.claim, 'a claim at low sensitivity is not one at medium');
  assert.ok(!medium.claim || high.claim, 'a claim at medium sensitivity is not one at high');
  assert.deepEqual(scoreClaim(text, 'medium'), medium, 'scoreClaim is not deterministic');
}

describe('property: scoreClaim', () => {
  it('random syntax-rich strings', () => {
    checkProperty('claims/random-syntax', [syntaxText(60)], check, 1500);
  });

  it('arbitrary Unicode strings (surrogates, RTL, combining marks)', () => {
    checkProperty('claims/full-unicode', [fc.string({ unit: 'binary', maxLength: 300 })], check, 1000);
  });

  it('real sentences from the blogs and papers, mutated', () => {
    checkProperty('claims/mutated-real-sentences', [mutatedExcerpt(REAL_SENTENCES.length ? [REAL_SENTENCES.join(' ')] : ['x'], 400)], check, 1000);
  });

  it('every real sentence, as is', () => {
    let n = 0;
    for (const s of REAL_SENTENCES) {
      check(s);
      n++;
    }
    assert.ok(n > 100, `only ${n} real sentences`);
  });

  it('an unknown sensitivity or a non-string input does not throw', () => {
    checkProperty(
      'claims/bad-arguments',
      [fc.anything(), fc.anything()],
      (text, level) => {
        const s = scoreClaim(text as string, level as 'medium');
        assert.ok(Number.isFinite(s.score) && s.score >= 0 && s.score <= 1);
      },
      300,
    );
  });
});
