import * as assert from 'node:assert/strict';
import fc from 'fast-check';
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

  it('the one-pass reading of ASCII keys finds the same tails as the Unicode rule', () => {
    // The rule as stated (what non-ASCII keys use), applied to ASCII keys as an independent reference.
    const rule = /(?<=[^\p{L}\p{N}])[\p{L}\p{N}]|(?<=\p{Ll})\p{Lu}|(?<=\p{Lu})\p{Lu}(?=\p{Ll})|(?<=\p{L})\p{N}|(?<=\p{N})\p{L}/gu;
    const reference = (key: string): string[] => {
      const tails: string[] = [];
      for (const m of key.matchAll(rule)) {
        const tail = foldKey(key.slice(m.index));
        if (tail.length > 1 && tail !== foldKey(key) && !tails.includes(tail)) tails.push(tail);
      }
      return tails;
    };
    const keyChar = fc.constantFrom(...'aAbBzZ019-_:./+ '.split(''));
    fc.assert(
      fc.property(fc.array(keyChar, { maxLength: 16 }).map((cs) => cs.join('')), (key) => {
        assert.deepEqual(keySegmentTails(key), reference(key));
      }),
      { numRuns: 2000 },
    );
  });
});
