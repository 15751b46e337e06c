/**
 * Properties of the claim scorer: never throws or hangs, the score is a number in [0, 1] whatever
 * the sensitivity, sensitivities are nested (a claim at 'low' is one at 'medium' and 'high'), the
 * verdict agrees with the score, reasons are readable strings, and the result is deterministic —
 * with or without context (previous sentence, heading, list introduction) and own-voice names.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { scoreClaim } from '../../src/core/claims/scoreClaim';
import { splitSentences } from '../../src/core/claims/splitSentences';
import { claimInput } from '../../src/core/lint/lintDocument';
import type { ClaimInput } from '../../src/core/types';
import { checkProperty, mutatedExcerpt, REAL, syntaxText, withinTime } from './helpers';

const REAL_INPUTS: ClaimInput[] = [...REAL.blogs, ...REAL.papers].flatMap((t) => splitSentences(t, 'markdown').map((s, i, all) => claimInput(s, all[i - 1])));
const REAL_SENTENCES = REAL_INPUTS.map((s) => s.text);
const OWN_VOICE = ['EdTech Hub', 'the Hub'];

function check(text: string): void {
  checkInput({ text });
}

function checkInput(input: ClaimInput, ownVoice?: readonly string[]): void {
  const scores = (['low', 'medium', 'high'] as const).map((sensitivity) =>
    withinTime(`scoreClaim (${input.text.length} chars)`, () => scoreClaim(input, { sensitivity, ownVoice })),
  );
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
  assert.deepEqual(scoreClaim(input, { sensitivity: 'medium', ownVoice }), medium, 'scoreClaim is not deterministic');
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

  it('every real sentence, as is, with its context, with and without own-voice names', () => {
    let n = 0;
    for (const input of REAL_INPUTS) {
      checkInput(input);
      checkInput(input, OWN_VOICE);
      n++;
    }
    assert.ok(n > 100, `only ${n} real sentences`);
    assert.ok(REAL_INPUTS.some((s) => s.contextBefore) && REAL_INPUTS.some((s) => s.heading), 'real inputs carry context');
  });

  it('random context and own-voice names', () => {
    checkProperty(
      'claims/random-context',
      [syntaxText(40), syntaxText(40), syntaxText(20), syntaxText(30), fc.array(fc.string({ maxLength: 12 }), { maxLength: 3 })],
      (text, contextBefore, heading, listIntro, ownVoice) => checkInput({ text, contextBefore, heading, listIntro }, ownVoice),
      500,
    );
  });

  it('an unknown sensitivity or a non-string input does not throw', () => {
    checkProperty(
      'claims/bad-arguments',
      [fc.anything(), fc.anything(), fc.anything()],
      (input, level, ownVoice) => {
        const s = scoreClaim(input as ClaimInput, { sensitivity: level as 'medium', ownVoice: ownVoice as string[] });
        assert.ok(Number.isFinite(s.score) && s.score >= 0 && s.score <= 1);
      },
      300,
    );
  });
});
