import { strict as assert } from 'node:assert';
import { findCitations } from '../../../src/core/citations/findCitations';
import { findZoteroTaggedCitations } from '../../../src/core/citations/zoteroTagged';
import { describe as describeCitations } from './helpers';

describe('Zotero tagged citations (the Hub plugin)', () => {
  it('reads a parenthesised group as one citation whose items carry key, library and label', () => {
    const text = 'Radio helped (⟦zg:2405685:IA9PL99D|Haßler, et al., 2020⟧; ⟦zg:2405685:YMWE6FR6|Damani & Mitchell, 2020⟧).';
    const [c, ...rest] = findCitations(text, 'markdown');
    assert.deepEqual(rest, []);
    assert.equal(c!.syntax, 'zotero-tagged');
    assert.equal(text.slice(c!.span.start, c!.span.end), '(⟦zg:2405685:IA9PL99D|Haßler, et al., 2020⟧; ⟦zg:2405685:YMWE6FR6|Damani & Mitchell, 2020⟧)');
    assert.deepEqual(
      c!.items.map((i) => [text.slice(i.span.start, i.span.end), i.text, i.zotero]),
      [
        ['⟦zg:2405685:IA9PL99D|Haßler, et al., 2020⟧', 'Haßler, et al., 2020', { itemKey: 'IA9PL99D', library: { kind: 'group', id: '2405685' }, label: 'Haßler, et al., 2020' }],
        ['⟦zg:2405685:YMWE6FR6|Damani & Mitchell, 2020⟧', 'Damani & Mitchell, 2020', { itemKey: 'YMWE6FR6', library: { kind: 'group', id: '2405685' }, label: 'Damani & Mitchell, 2020' }],
      ],
    );
  });

  it('reads the year-in-brackets form as narrative citations, one per item, and never also as author-year', () => {
    const text = 'As ⟦zg:2405685:BVXSZ7G4|Watson & McIntyre  (2020)⟧, ⟦zu:0:A2II5ZV7|Major & Francis  (2020)⟧ show.';
    const found = describeCitations(text, findCitations(text, 'markdown'));
    assert.deepEqual(found.map((f) => [f.syntax, f.narrative, f.items]), [
      ['zotero-tagged', true, ['⟦zg:2405685:BVXSZ7G4|Watson & McIntyre  (2020)⟧']],
      ['zotero-tagged', true, ['⟦zu:0:A2II5ZV7|Major & Francis  (2020)⟧']],
    ]);
    assert.deepEqual(findCitations(text, 'markdown')[1]!.items[0]!.zotero?.library, { kind: 'user', id: '0' });
  });

  it('keeps a C: tag apart from the label', () => {
    const [c] = findZoteroTaggedCitations('(⟦zg:2405685:XHBPFYVC|Kenya, Girls: Jordan & Mitchell, 2020⟧)');
    assert.equal(c!.items[0]!.zotero?.tag, 'Kenya, Girls');
    assert.equal(c!.items[0]!.zotero?.label, 'Jordan & Mitchell, 2020');
  });

  it('a group with other text inside its parentheses keeps its words; prose around a lone item is prose', () => {
    const text = '(see ⟦zg:2405685:IA9PL99D|Haßler, et al., 2020⟧) and ⟦zg:2405685:YMWE6FR6|Damani & Mitchell, 2020⟧ (Smith, 2019)';
    const found = describeCitations(text, findCitations(text, 'markdown'));
    assert.deepEqual(found.map((f) => [f.syntax, f.text]), [
      ['zotero-tagged', '(see ⟦zg:2405685:IA9PL99D|Haßler, et al., 2020⟧)'],
      ['zotero-tagged', '⟦zg:2405685:YMWE6FR6|Damani & Mitchell, 2020⟧'],
      ['author-year', '(Smith, 2019)'],
    ]);
  });

  it('is not read in code, and a malformed id is not a citation', () => {
    assert.deepEqual(findCitations('`⟦zg:2405685:IA9PL99D|Haßler, 2020⟧`', 'markdown'), []);
    assert.deepEqual(findZoteroTaggedCitations('⟦zx:2405685:IA9PL99D|Haßler, 2020⟧ ⟦zg:2405685:SHORT|A, 2020⟧'), []);
  });
});
