import { strict as assert } from 'node:assert';
import { parseLabel } from '../../../src/core/citations/zoteroLabel';

describe('parseLabel (the author-year text of a Zotero cite)', () => {
  it('reads the plugin’s and Zotero’s shapes', () => {
    assert.deepEqual(parseLabel('Haßler, et al., 2020'), { names: ['Haßler'], etAl: true, year: '2020', narrative: false });
    assert.deepEqual(parseLabel('Haßler et al.  (2020)'), { names: ['Haßler'], etAl: true, year: '2020', narrative: true });
    assert.deepEqual(parseLabel('Damani & Mitchell, 2020b'), { names: ['Damani', 'Mitchell'], etAl: false, year: '2020b', narrative: false });
    assert.deepEqual(parseLabel('-World Bank, 2016'), { names: ['World Bank'], etAl: false, year: '2016', narrative: false });
    assert.deepEqual(parseLabel('anon., no date'), { names: [], etAl: false, year: 'n.d.', narrative: false });
  });

  it('gives nothing for a label without a year', () => {
    assert.equal(parseLabel('Haßler et al.'), undefined);
  });
});
