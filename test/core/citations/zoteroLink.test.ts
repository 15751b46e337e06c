import { strict as assert } from 'node:assert';
import { findCitations } from '../../../src/core/citations/findCitations';
import { findZoteroLinkCitations } from '../../../src/core/citations/zoteroLink';

describe('Zotero item links', () => {
  it('reads every link form with its item key and library, the span being the URI', () => {
    const links = [
      ['zotero://select/groups/2405685/items/A2II5ZV7', 'A2II5ZV7', { kind: 'group', id: '2405685' }],
      ['zotero://select/items/1_ZPTMAP5C', 'ZPTMAP5C', { kind: 'local', id: '1' }],
      ['zotero://select/library/items/UUNEJ7FS', 'UUNEJ7FS', undefined],
      ['zotero://select/2405685/items/IA9PL99D', 'IA9PL99D', { kind: 'group', id: '2405685' }],
      ['https://www.zotero.org/groups/2405685/edtechhub/items/UUNEJ7FS', 'UUNEJ7FS', { kind: 'group', id: '2405685' }],
      ['http://zotero.org/groups/2405685/items/itemKey/CZBRW85R', 'CZBRW85R', { kind: 'group', id: '2405685' }],
      ['http://zotero.org/users/123456/items/BVXSZ7G4', 'BVXSZ7G4', { kind: 'user', id: '123456' }],
      ['http://zotero.org/users/local/abcDEF12/items/BVXSZ7G4', 'BVXSZ7G4', { kind: 'user', id: '0' }],
    ] as const;
    for (const [uri, key, library] of links) {
      const text = `See ${uri} for it.`;
      const [c, ...rest] = findZoteroLinkCitations(text);
      assert.deepEqual(rest, [], uri);
      assert.equal(text.slice(c!.span.start, c!.span.end), uri);
      const item = c!.items[0]!;
      assert.equal(text.slice(item.span.start, item.span.end), key);
      assert.deepEqual(item.zotero, library ? { itemKey: key, library } : { itemKey: key });
    }
  });

  it('in a Markdown link, the link text stays text; inside author-year parentheses both are read', () => {
    const text = 'see [Major & Francis, 2020](zotero://select/groups/2405685/items/A2II5ZV7) and ([⇡Haßler et al., 2020](zotero://select/items/1_IA9PL99D); Smith, 2019)';
    const found = findCitations(text, 'markdown').map((c) => [c.syntax, text.slice(c.span.start, c.span.end)]);
    assert.deepEqual(found, [
      ['zotero-link', 'zotero://select/groups/2405685/items/A2II5ZV7'],
      ['author-year', 'Haßler et al., 2020'],
      ['zotero-link', 'zotero://select/items/1_IA9PL99D'],
      ['author-year', 'Smith, 2019'],
    ]);
  });

  it('is not read in code blocks', () => {
    assert.deepEqual(findCitations('```\nzotero://select/items/1_IA9PL99D\n```\n', 'markdown'), []);
  });
});
