import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { scoreClaim } from '../../../src/core/claims/scoreClaim';
import { ClaimScoreCache, scoreKey, scoreKeyHash } from '../../../src/core/lint/claimScoreCache';
import { formatKept, KEPT_SCORES_FILE, KeptClaimScores, parseKept } from '../../../src/core/lint/keptClaimScores';
import type { Log } from '../../../src/core/log';
import type { ClaimScore } from '../../../src/core/types';
import { checkAsyncProperty } from '../../property/helpers';
import { collectingLog } from '../collectingLog';
import { countingScorer, lintText, paper } from './scoringFixture';

/** A log and what it was told. */
function recordingLog(): Log & { warnings: string[] } {
  const warnings: string[] = [];
  return { ...collectingLog(warnings), warnings };
}

describe('claim scores kept between runs', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kept-scores-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** A first run that scores the paper and keeps its scores in `dir`. */
  async function keptRun(scorer = 'build-1'): Promise<void> {
    const cache = new ClaimScoreCache();
    lintText(paper, { claimScoreCache: cache });
    await new KeptClaimScores(dir, scorer, recordingLog()).save(cache);
  }

  it('a second run of the same scorer scores nothing and gives the same lint as scoring afresh', async () => {
    await keptRun();
    const cache = new ClaimScoreCache();
    const log = recordingLog();
    await new KeptClaimScores(dir, 'build-1', log).loadInto(cache);
    const scorer = countingScorer();
    const result = lintText(paper, { claimScoreCache: cache, scoreClaim: scorer.score });
    assert.deepEqual(scorer.asked, []);
    assert.deepEqual(result, lintText(paper));
    assert.deepEqual(log.warnings, []);
    assert.equal(cache.changed, false, 'nothing new to keep');
  });

  it('after an edit, only the changed sentence and the one it is context for are scored; the file then has both versions', async () => {
    await keptRun();
    const claims = lintText(paper).claims;
    const at = claims.findIndex((c, i) => i >= 5 && claims[i + 1]?.sentence.paragraph === c.sentence.paragraph);
    const end = claims[at]!.sentence.span.end;
    const edited = `${paper.slice(0, end - 1)} indeed${paper.slice(end - 1)}`;
    const cache = new ClaimScoreCache();
    const kept = new KeptClaimScores(dir, 'build-1', recordingLog());
    await kept.loadInto(cache);
    const scorer = countingScorer();
    assert.deepEqual(lintText(edited, { claimScoreCache: cache, scoreClaim: scorer.score }), lintText(edited));
    assert.equal(scorer.asked.length, 2, JSON.stringify(scorer.asked));
    await kept.save(cache);
    for (const text of [paper, edited]) {
      const next = new ClaimScoreCache();
      await new KeptClaimScores(dir, 'build-1', recordingLog()).loadInto(next);
      const again = countingScorer();
      lintText(text, { claimScoreCache: next, scoreClaim: again.score });
      assert.deepEqual(again.asked, [], 'the earlier text and the edited one are both kept');
    }
  });

  it('another scorer build reuses none of them, silently', async () => {
    await keptRun('build-1');
    const cache = new ClaimScoreCache();
    const log = recordingLog();
    await new KeptClaimScores(dir, 'build-2', log).loadInto(cache);
    const scorer = countingScorer();
    lintText(paper, { claimScoreCache: cache, scoreClaim: scorer.score });
    assert.ok(scorer.asked.length > 20);
    assert.deepEqual(log.warnings, []);
  });

  it('uses a kept score as it is (what the file says is what lint reports)', async () => {
    const input = { text: 'Most teachers in the region used the platform every week.' };
    const options = { sensitivity: 'medium' as const };
    const cache = new ClaimScoreCache();
    const real = cache.scoreOf(input, options, scoreClaim);
    const [[hash]] = [...cache.toKeep()];
    const planted: ClaimScore = { claim: !real.claim, score: 0.123, reasons: ['planted'] };
    fs.writeFileSync(path.join(dir, KEPT_SCORES_FILE), formatKept(new Map([[hash!, planted]]), 'build-1'));
    const next = new ClaimScoreCache();
    await new KeptClaimScores(dir, 'build-1', recordingLog()).loadInto(next);
    assert.deepEqual(next.scoreOf(input, options, scoreClaim), planted);
  });

  it('a damaged file (truncated, zero-filled, bit-flipped) is said once and never gives a wrong score', async () => {
    await keptRun();
    const file = path.join(dir, KEPT_SCORES_FILE);
    const good = fs.readFileSync(file);
    const expected = lintText(paper);
    await checkAsyncProperty(
      'kept claim scores, damaged',
      [
        fc.oneof(
          fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(good.length - 1) }),
          fc.record({ kind: fc.constant('zero' as const), at: fc.nat(good.length - 1), length: fc.integer({ min: 1, max: 4096 }) }),
          fc.record({ kind: fc.constant('flip' as const), at: fc.nat(good.length - 1), bit: fc.nat(7) }),
        ),
      ],
      async (damage) => {
          const bytes = Buffer.from(good);
          if (damage.kind === 'truncate') fs.writeFileSync(file, bytes.subarray(0, damage.at));
          else {
            if (damage.kind === 'zero') bytes.fill(0, damage.at, Math.min(bytes.length, damage.at + damage.length));
            else bytes[damage.at]! ^= 1 << damage.bit;
            fs.writeFileSync(file, bytes);
          }
          const cache = new ClaimScoreCache();
          const log = recordingLog();
          await new KeptClaimScores(dir, 'build-1', log).loadInto(cache);
          assert.ok(log.warnings.length <= 1, log.warnings.join('\n'));
          assert.deepEqual(lintText(paper, { claimScoreCache: cache }), expected);
      },
      150,
    );
  });

  it('a folder that cannot be written: said once, no temp file left, and the lint is unchanged', async () => {
    const notAFolder = path.join(dir, 'file');
    fs.writeFileSync(notAFolder, 'not a folder');
    const log = recordingLog();
    const kept = new KeptClaimScores(notAFolder, 'build-1', log);
    for (const text of [paper, `${paper}\nOne more sentence about most schools.\n`]) {
      const cache = new ClaimScoreCache();
      await kept.loadInto(cache);
      assert.deepEqual(lintText(text, { claimScoreCache: cache }), lintText(text));
      await kept.save(cache);
    }
    assert.equal(log.warnings.length, 1, log.warnings.join('\n'));
    assert.match(log.warnings[0]!, /Cannot keep claim scores in .*file \((EEXIST|ENOTDIR)\)/);
    assert.deepEqual(fs.readdirSync(dir), ['file']);
  });

  it('makes the cache folder when nothing else has', async () => {
    const folder = path.join(dir, 'not', 'yet');
    const cache = new ClaimScoreCache();
    lintText(paper, { claimScoreCache: cache });
    const log = recordingLog();
    await new KeptClaimScores(folder, 'build-1', log).save(cache);
    assert.deepEqual(log.warnings, []);
    assert.ok('scores' in parseKept(fs.readFileSync(path.join(folder, KEPT_SCORES_FILE), 'utf8'), 'build-1'));
  });

  it('is written only when something new was scored', async () => {
    await keptRun();
    const file = path.join(dir, KEPT_SCORES_FILE);
    fs.utimesSync(file, new Date(0), new Date(0));
    const cache = new ClaimScoreCache();
    const kept = new KeptClaimScores(dir, 'build-1', recordingLog());
    await kept.loadInto(cache);
    lintText(paper, { claimScoreCache: cache });
    await kept.save(cache);
    assert.equal(fs.statSync(file).mtimeMs, 0);
  });

  it('keeps at most the cache size, the scores used in the last run first', async () => {
    const options = { sensitivity: 'medium' as const };
    const first = new ClaimScoreCache(3);
    for (const text of ['One.', 'Two.', 'Three.']) first.scoreOf({ text }, options, scoreClaim);
    await new KeptClaimScores(dir, 'b', recordingLog()).save(first);
    const second = new ClaimScoreCache(3);
    const kept = new KeptClaimScores(dir, 'b', recordingLog());
    await kept.loadInto(second);
    for (const text of ['Four.', 'Two.']) second.scoreOf({ text }, options, scoreClaim);
    await kept.save(second);
    const read = parseKept(fs.readFileSync(path.join(dir, KEPT_SCORES_FILE), 'utf8'), 'b');
    assert.ok('scores' in read);
    const hashOf = (text: string) => scoreKeyHash(scoreKey({ text }, options));
    assert.deepEqual([...read.scores.keys()], [hashOf('Two.'), hashOf('Four.'), hashOf('Three.')]);
  });

  it('the key hash: no collision among 300,000 near-identical keys', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) {
      for (const key of [`medium\u0000\u0000Sentence ${i}.\u0000`, `medium\u0000\u0000Sentence ${i}.\u0000x`, `high\u0000\u0000Sentence ${i}.\u0000`]) seen.add(scoreKeyHash(key));
    }
    assert.equal(seen.size, 300_000);
    assert.match(scoreKeyHash(''), /^[0-9a-f]{16}$/);
  });
});
