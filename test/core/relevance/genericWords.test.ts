import * as assert from 'node:assert/strict';
import { GenericWordWeights } from '../../../src/core/relevance/genericWords';
import { TermReader } from '../../../src/core/relevance/terms';

describe('GenericWordWeights (the shipped table)', () => {
  const weights = new GenericWordWeights();
  const stem = (w: string) => new TermReader().stem(w);

  it('weighs words common in scientific writing below specific ones, and unseen words highest', () => {
    const common = weights.weight(stem('results'));
    const specific = weights.weight(stem('photoplethysmography'));
    assert.ok(common < 3, `results: ${common}`);
    assert.ok(specific > common + 3, `photoplethysmography ${specific} vs results ${common}`);
    assert.equal(weights.weight('zzqxunseen'), weights.weight('qqzzunseen'));
    assert.ok(weights.weight('zzqxunseen') >= specific);
  });

  it('computes ln((N + 1) / (df + 1)) from a given table', () => {
    const table = new GenericWordWeights({ about: 'test', documents: 9, frequencies: { data: 4 } });
    assert.equal(table.weight('data'), Math.log(10 / 5));
    assert.equal(table.weight('other'), Math.log(10));
  });
});
