import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { normaliseAnyName, normaliseName } from '../../../../src/core/bibliography/index/entryColumns';
import { foldAnyName, foldName } from '../../../../src/core/bibliography/index/nameMatching';

/** ASCII names are folded in one pass; it must give what the general steps give. */
describe('name folding: the one-pass reading of ASCII names', () => {
  const asciiName = fc.array(fc.constantFrom(...'aZm09 ,-.\'`&\t\n\v\f\r_(){}/;:'.split('')), { maxLength: 14 }).map((cs) => cs.join(''));

  it('foldName (author-year matching) equals its general steps', () => {
    fc.assert(fc.property(asciiName, (name) => assert.equal(foldName(name), foldAnyName(name))), { numRuns: 5000 });
    assert.equal(foldName("  O'Brien-Smith, J. & Co. "), 'obrien smith j and co');
  });

  it('normaliseName (did-you-mean) equals its general steps', () => {
    fc.assert(fc.property(asciiName, (name) => assert.equal(normaliseName(name), normaliseAnyName(name))), { numRuns: 5000 });
    assert.equal(normaliseName('__Van der-Berg (2010)'), 'van der berg 2010');
  });
});
