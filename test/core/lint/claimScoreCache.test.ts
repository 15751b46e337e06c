import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BibliographyIndex } from '../../../src/core/bibliography/index/bibliographyIndex';
import { parseBibliographyText } from '../../../src/core/bibliography/formats/parseText';
import { scoreClaim } from '../../../src/core/claims/scoreClaim';
import { createTextDocument } from '../../../src/core/document/textDocument';
import { ClaimScoreCache } from '../../../src/core/lint/claimScoreCache';
import { defaultConfig } from '../../../src/core/lint/config';
import { lintDocument } from '../../../src/core/lint/lintDocument';
import type { ClaimScore, Sensitivity } from '../../../src/core/types';

const PAPER = path.join(__dirname, '../../fixtures/papers/01-moderndive');
const bibFile = path.join(PAPER, 'paper.bib');
const bib = BibliographyIndex.fromFiles([parseBibliographyText(fs.readFileSync(bibFile, 'utf8'), bibFile)]);
const paper = fs.readFileSync(path.join(PAPER, 'paper.md'), 'utf8');

/** The real scorer, counting the sentences it is asked about. */
function countingScorer(): { score: (text: string, sensitivity: Sensitivity) => ClaimScore; asked: string[] } {
  const asked: string[] = [];
  return { asked, score: (text, sensitivity) => (asked.push(text), scoreClaim(text, sensitivity)) };
}

const lintText = (text: string, options: Parameters<typeof lintDocument>[3] = {}) =>
  lintDocument(createTextDocument('file:///work/paper.md', 'markdown', text), bib, defaultConfig, options);

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

  it('after one edit, a re-lint scores only the sentence that changed', () => {
    const cache = new ClaimScoreCache();
    const scorer = countingScorer();
    lintText(paper, { scoreClaim: scorer.score, claimScoreCache: cache });
    const firstRun = scorer.asked.length;
    assert.ok(firstRun > 20);

    const sentence = lintText(paper).claims[5]!.sentence;
    const edited = `${paper.slice(0, sentence.span.end - 1)} indeed${paper.slice(sentence.span.end - 1)}`;
    scorer.asked.length = 0;
    const result = lintText(edited, { scoreClaim: scorer.score, claimScoreCache: cache });
    assert.equal(scorer.asked.length, 1);
    assert.ok(scorer.asked[0]!.includes(' indeed'));
    assert.deepEqual(result, lintText(edited));
  });

  it('keeps sensitivities apart', () => {
    const cache = new ClaimScoreCache();
    const scorer = countingScorer();
    const text = 'Most teachers in the region used the platform every week.';
    const low = cache.scoreOf(text, 'low', scorer.score);
    const high = cache.scoreOf(text, 'high', scorer.score);
    assert.equal(scorer.asked.length, 2);
    assert.deepEqual(low, scoreClaim(text, 'low'));
    assert.deepEqual(high, scoreClaim(text, 'high'));
  });

  it('holds at most maxEntries scores, dropping the least recently used', () => {
    const cache = new ClaimScoreCache(2);
    const scorer = countingScorer();
    cache.scoreOf('First sentence here.', 'medium', scorer.score);
    cache.scoreOf('Second sentence here.', 'medium', scorer.score);
    cache.scoreOf('First sentence here.', 'medium', scorer.score); // used again: now the most recent
    cache.scoreOf('Third sentence here.', 'medium', scorer.score); // drops "Second"
    assert.equal(cache.size, 2);
    assert.equal(scorer.asked.length, 3);
    cache.scoreOf('First sentence here.', 'medium', scorer.score);
    assert.equal(scorer.asked.length, 3, 'still cached');
    cache.scoreOf('Second sentence here.', 'medium', scorer.score);
    assert.equal(scorer.asked.length, 4, 'was dropped, scored again');
  });
});
