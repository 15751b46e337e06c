import * as assert from 'node:assert/strict';
import { foldKey, keySegmentTails } from '../../../src/core/search/normalise';

describe('key segments', () => {
  it('starts a segment after punctuation, at a case change and between letters and digits', () => {
    assert.deepEqual(keySegmentTails('R-ggplot2'), ['ggplot2']);
    assert.deepEqual(keySegmentTails('ASAGuidelines'), ['guidelines']);
    assert.deepEqual(keySegmentTails('edtechhub2025observatoryb'), ['2025observatoryb', 'observatoryb']);
    assert.deepEqual(keySegmentTails('neyman:1923'), ['1923']);
    assert.deepEqual(keySegmentTails('gree:silb:cnaa:rose:rand:2004'), ['silbcnaaroserand2004', 'cnaaroserand2004', 'roserand2004', 'rand2004', '2004']);
    assert.deepEqual(keySegmentTails('deBoer_2010'), ['boer2010', '2010']);
  });

  it('leaves out one-letter tails (year suffixes, replica marks) and the whole key', () => {
    assert.deepEqual(keySegmentTails('selwyn2016b'), ['2016b']);
    assert.deepEqual(keySegmentTails('rosenbaum2021replicationx1'), ['2021replicationx1', 'replicationx1']);
    assert.deepEqual(keySegmentTails('_hidden'), []);
    assert.deepEqual(keySegmentTails('smith'), []);
  });

  it('folds tails as keys are folded', () => {
    for (const key of ['Haßler-2020', 'Çetinkaya-Rundel_2021', 'van.der.Berg:2019a']) {
      for (const tail of keySegmentTails(key)) assert.ok(foldKey(key).endsWith(tail), `${key}: ${tail}`);
    }
    assert.deepEqual(keySegmentTails('Haßler-2020'), ['2020']);
  });
});
