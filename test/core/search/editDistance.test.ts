import * as assert from 'node:assert/strict';
import { prefixEditDistance } from '../../../src/core/search/editDistance';

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
