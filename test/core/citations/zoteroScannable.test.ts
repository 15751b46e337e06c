import { strict as assert } from 'node:assert';
import { findCitations } from '../../../src/core/citations/findCitations';
import { findZoteroScannableCitations } from '../../../src/core/citations/zoteroScannable';

describe("Zotero's scannable cites", () => {
  it('reads label, locator, prefix, suffix and the item id', () => {
    const text = 'Fewer girls had phones {see | Webb et al., 2020 | p. 12 | for Kenya |zg:2405685:CZBRW85R}.';
    const [c, ...rest] = findCitations(text, 'markdown');
    assert.deepEqual(rest, []);
    assert.equal(c!.syntax, 'zotero-scannable');
    assert.equal(text.slice(c!.span.start, c!.span.end), '{see | Webb et al., 2020 | p. 12 | for Kenya |zg:2405685:CZBRW85R}');
    assert.deepEqual(c!.items[0]!.zotero, {
      itemKey: 'CZBRW85R',
      library: { kind: 'group', id: '2405685' },
      label: 'Webb et al., 2020',
      prefix: 'see',
      locator: 'p. 12',
      suffix: 'for Kenya',
    });
    assert.equal(c!.items[0]!.text, 'Webb et al., 2020');
  });

  it('joins adjacent markers into one citation; accepts zu: ids and Zotero URIs', () => {
    const text = '{ | Watson, 2020 | | |zu:0:BVXSZ7G4}; { | Damani, 2020 | | |zotero://select/groups/2405685/items/YMWE6FR6} and { | Jordan, 2020 | | |zu:12:XHBPFYVC}';
    const found = findZoteroScannableCitations(text);
    assert.deepEqual(found.map((c) => c.items.map((i) => i.zotero?.itemKey)), [['BVXSZ7G4', 'YMWE6FR6'], ['XHBPFYVC']]);
    assert.deepEqual(found[1]!.items[0]!.zotero?.library, { kind: 'user', id: '12' });
  });

  it('needs five fields and a Zotero id: other braces are not cites', () => {
    assert.deepEqual(findZoteroScannableCitations('{ | a | b | c |notanid} {a|b|c|zg:1:ABCD2345} {x}'), []);
  });
});
