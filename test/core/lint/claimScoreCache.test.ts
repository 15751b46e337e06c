import * as assert from 'node:assert/strict';
import { scoreClaim } from '../../../src/core/claims/scoreClaim';
import { ClaimScoreCache } from '../../../src/core/lint/claimScoreCache';
import { countingScorer, lintText, paper } from './scoringFixture';

describe('ClaimScoreCache', () => {
  it('gives the same lint result as scoring every sentence afresh', () => {
    const cache = new ClaimScoreCache();
    const first = lintText(paper, { claimScoreCache: cache });
    const again = lintText(paper, { claimScoreCache: cache });
    const uncached = lintText(paper);
    assert.ok(uncached.claims.length > 20, 'the paper has sentences to score');
    assert.deepEqual(first, uncached);
    assert.deepEqual(again, uncached);
  });

  it('after one edit, a re-lint scores only the sentence that changed and the one it is context for', () => {
    const cache = new ClaimScoreCache();
    const scorer = countingScorer();
    lintText(paper, { scoreClaim: scorer.score, claimScoreCache: cache });
    const firstRun = scorer.asked.length;
    assert.ok(firstRun > 20);

    const claims = lintText(paper).claims;
    // A sentence followed by another of its paragraph: that one reads the edited sentence as its context.
    const at = claims.findIndex((c, i) => i >= 5 && claims[i + 1]?.sentence.paragraph === c.sentence.paragraph);
    const sentence = claims[at]!.sentence;
    const edited = `${paper.slice(0, sentence.span.end - 1)} indeed${paper.slice(sentence.span.end - 1)}`;
    scorer.asked.length = 0;
    const result = lintText(edited, { scoreClaim: scorer.score, claimScoreCache: cache });
    assert.equal(scorer.asked.length, 2, JSON.stringify(scorer.asked));
    assert.ok(scorer.asked[0]!.includes(' indeed'));
    assert.equal(scorer.asked[1], claims[at + 1]!.sentence.text);
    assert.deepEqual(result, lintText(edited));
  });

  it('keeps sensitivities, own voices and contexts apart', () => {
    const cache = new ClaimScoreCache();
    const scorer = countingScorer();
    const input = { text: 'Most teachers in the region used the platform every week.' };
    const low = cache.scoreOf(input, { sensitivity: 'low' }, scorer.score);
    const high = cache.scoreOf(input, { sensitivity: 'high' }, scorer.score);
    assert.equal(scorer.asked.length, 2);
    assert.deepEqual(low, scoreClaim(input, { sensitivity: 'low' }));
    assert.deepEqual(high, scoreClaim(input, { sensitivity: 'high' }));
    const aims = { text: 'Support teachers in the region every week.', listIntro: 'The Hub aims to:' };
    cache.scoreOf(aims, { sensitivity: 'high' }, scorer.score);
    cache.scoreOf(aims, { sensitivity: 'high', ownVoice: ['the Hub'] }, scorer.score);
    cache.scoreOf({ ...aims, listIntro: undefined }, { sensitivity: 'high' }, scorer.score);
    cache.scoreOf({ ...aims, contextBefore: 'Why?' }, { sensitivity: 'high' }, scorer.score);
    cache.scoreOf({ ...aims, heading: 'Our aims' }, { sensitivity: 'high' }, scorer.score);
    assert.equal(scorer.asked.length, 7);
    cache.scoreOf({ ...aims }, { sensitivity: 'high', ownVoice: ['the Hub'] }, scorer.score);
    assert.equal(scorer.asked.length, 7, 'the same input and options again: cached');
  });

  it('holds at most maxEntries scores, dropping the least recently used', () => {
    const cache = new ClaimScoreCache(2);
    const scorer = countingScorer();
    cache.scoreOf({ text: 'First sentence here.' }, { sensitivity: 'medium' }, scorer.score);
    cache.scoreOf({ text: 'Second sentence here.' }, { sensitivity: 'medium' }, scorer.score);
    cache.scoreOf({ text: 'First sentence here.' }, { sensitivity: 'medium' }, scorer.score); // used again: now the most recent
    cache.scoreOf({ text: 'Third sentence here.' }, { sensitivity: 'medium' }, scorer.score); // drops "Second"
    assert.equal(cache.size, 2);
    assert.equal(scorer.asked.length, 3);
    cache.scoreOf({ text: 'First sentence here.' }, { sensitivity: 'medium' }, scorer.score);
    assert.equal(scorer.asked.length, 3, 'still cached');
    cache.scoreOf({ text: 'Second sentence here.' }, { sensitivity: 'medium' }, scorer.score);
    assert.equal(scorer.asked.length, 4, 'was dropped, scored again');
  });
});
