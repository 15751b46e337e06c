import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { osaDistance, prefixEditDistance, WordBits } from '../../../src/core/search/editDistance';

describe('prefixEditDistance', () => {
  it('is 0 for a prefix and for the whole token', () => {
    assert.equal(prefixEditDistance('hen', 'hennessy', 2), 0);
    assert.equal(prefixEditDistance('hennessy', 'hennessy', 2), 0);
  });
  it('counts a swap of neighbours as one edit', () => {
    assert.equal(prefixEditDistance('leapfrgo', 'leapfrog', 2), 1);
  });
  it('measures against the best prefix of a longer token', () => {
    assert.equal(prefixEditDistance('pandemc', 'pandemics', 2), 1);
    assert.equal(prefixEditDistance('hennesy', 'hennessy', 2), 1);
  });
  it('stops at maxDistance + 1', () => {
    assert.equal(prefixEditDistance('abcdef', 'uvwxyz', 1), 2);
    assert.equal(prefixEditDistance('hennessy', 'hen', 1), 2);
  });
  it('with wholeToken, compares whole words', () => {
    assert.equal(prefixEditDistance('pandemc', 'pandemics', 2, true), 2);
    assert.equal(prefixEditDistance('pandemc', 'pandemic', 2, true), 1);
    assert.equal(prefixEditDistance('hen', 'hennessy', 2, true), 3);
  });
});

/** The full optimal-string-alignment table, every cell (what the banded computation must agree with). */
function referenceDistance(term: string, token: string, maxDistance: number, wholeToken: boolean): number {
  const d = Array.from({ length: term.length + 1 }, (_, i) => Array.from({ length: token.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= term.length; i++) {
    for (let j = 1; j <= token.length; j++) {
      const cost = term[i - 1] === token[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && term[i - 1] === token[j - 2] && term[i - 2] === token[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  const last = d[term.length]!;
  return Math.min(wholeToken ? last[token.length]! : Math.min(...last), maxDistance + 1);
}

describe('prefixEditDistance against the full table', () => {
  it('agrees on random words over a small alphabet (many near misses), whole and prefix, bounds 0–4', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', 'e'), maxLength: 14 });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 4 }), fc.boolean(), (term, token, max, whole) => {
        assert.equal(prefixEditDistance(term, token, max, whole), referenceDistance(term, token, max, whole));
      }),
      { numRuns: 5000 },
    );
  });
  it('agrees on a word and its copy with a few edits (the distances that matter are small)', () => {
    const edited = fc.tuple(fc.string({ unit: fc.constantFrom('h', 'e', 'n', 's', 'y', '2', '0'), minLength: 1, maxLength: 20 }), fc.array(fc.tuple(fc.nat(), fc.constantFrom('h', 'x', '1', ''), fc.boolean()), { maxLength: 4 }));
    fc.assert(
      fc.property(edited, fc.integer({ min: 1, max: 3 }), fc.boolean(), ([word, edits], max, whole) => {
        let token = word;
        for (const [at, ch, swap] of edits) {
          const p = at % (token.length + 1);
          token = swap && p + 1 < token.length ? token.slice(0, p) + token[p + 1] + token[p] + token.slice(p + 2) : token.slice(0, p) + ch + token.slice(p + 1);
        }
        assert.equal(prefixEditDistance(word, token, max, whole), referenceDistance(word, token, max, whole));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('osaDistance (bit-vector) against the full table', () => {
  it('agrees with the whole-word distance on random and near-copy words, bounds 0–4, up to 32 characters', () => {
    const unit = fc.constantFrom('a', 'b', 'c', 'd', 'é', '2');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 32 }), fc.string({ unit, maxLength: 36 }), fc.integer({ min: 0, max: 4 }), (word, text, max) => {
        assert.equal(osaDistance(new WordBits(word), text, max), referenceDistance(word, text, max, true));
      }),
      { numRuns: 20000 },
    );
  });
  it('agrees on a word and its copy with a few edits, swaps among them', () => {
    const edited = fc.tuple(fc.string({ unit: fc.constantFrom('h', 'e', 'n', 's', 'y', '2', '0'), minLength: 1, maxLength: 32 }), fc.array(fc.tuple(fc.nat(), fc.constantFrom('h', 'x', '1', ''), fc.boolean()), { maxLength: 4 }));
    fc.assert(
      fc.property(edited, fc.integer({ min: 0, max: 3 }), ([word, edits], max) => {
        let text = word;
        for (const [at, ch, swap] of edits) {
          const p = at % (text.length + 1);
          text = swap && p + 1 < text.length ? text.slice(0, p) + text[p + 1] + text[p] + text.slice(p + 2) : text.slice(0, p) + ch + text.slice(p + 1);
        }
        assert.equal(osaDistance(new WordBits(word), text, max), referenceDistance(word, text, max, true));
      }),
      { numRuns: 10000 },
    );
  });
  it('agrees on swaps, the case the bit-vector form treats apart', () => {
    for (const [word, text] of [['ab', 'ba'], ['abc', 'acb'], ['leapfrgo', 'leapfrog'], ['vegsa2020', 'vegas2020'], ['ca', 'abc'], ['abcd', 'badc'], ['a'.repeat(32), `${'a'.repeat(30)}ba`]] as const) {
      for (let max = 0; max <= 3; max++) assert.equal(osaDistance(new WordBits(word), text, max), referenceDistance(word, text, max, true), `${word} / ${text} / ${max}`);
    }
  });
  it('refuses a word longer than 32 characters', () => {
    assert.throws(() => new WordBits('x'.repeat(33)), RangeError);
  });
});
