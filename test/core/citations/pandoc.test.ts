import { strict as assert } from 'node:assert';
import { findCitations } from '../../../src/core/citations/findCitations';
import { keyNeedsBraces } from '../../../src/core/citations/pandoc';
import type { Citation } from '../../../src/core/types';
import { describe as shape } from './helpers';

const keysOf = (cs: readonly Citation[]) => cs.map((c) => c.items.map((i) => i.key));

describe('Pandoc citations', () => {
  it('bracketed, multiple keys, prefixes, locators and suppress-author', () => {
    const text = 'A [@smith04]. B [see @doe99, pp. 33-35; also @smith04, chap. 1]. C [-@smith04]. D [AIA; @lemen_2012] E [@a;@b]';
    const found = findCitations(text, 'markdown');
    assert.deepEqual(shape(text, found), [
      { syntax: 'pandoc', text: '[@smith04]', items: ['smith04'], narrative: false },
      { syntax: 'pandoc', text: '[see @doe99, pp. 33-35; also @smith04, chap. 1]', items: ['doe99', 'smith04'], narrative: false },
      { syntax: 'pandoc', text: '[-@smith04]', items: ['smith04'], narrative: false },
      { syntax: 'pandoc', text: '[AIA; @lemen_2012]', items: ['lemen_2012'], narrative: false },
      { syntax: 'pandoc', text: '[@a;@b]', items: ['a', 'b'], narrative: false },
    ]);
    assert.equal(found[1].items[0].text, 'doe99');
  });

  it('narrative @key, with a locator, and key punctuation only when followed by an alphanumeric', () => {
    const text = '@smith04 says so. As @doe99 [p. 33] shows, see @richter2019evo. And @Turner:2022, @fischer_pixi:2025.';
    const found = findCitations(text, 'quarto');
    assert.deepEqual(shape(text, found), [
      { syntax: 'pandoc', text: '@smith04', items: ['smith04'], narrative: true },
      { syntax: 'pandoc', text: '@doe99 [p. 33]', items: ['doe99'], narrative: true },
      { syntax: 'pandoc', text: '@richter2019evo', items: ['richter2019evo'], narrative: true },
      { syntax: 'pandoc', text: '@Turner:2022', items: ['Turner:2022'], narrative: true },
      { syntax: 'pandoc', text: '@fischer_pixi:2025', items: ['fischer_pixi:2025'], narrative: true },
    ]);
  });

  it('braced keys with characters Pandoc would not read bare', () => {
    const text = 'See @{key.with:odd/chars} and [@{https://x.org/a?b=1}; @plain].';
    const found = findCitations(text, 'markdown');
    assert.deepEqual(keysOf(found), [['key.with:odd/chars'], ['https://x.org/a?b=1', 'plain']]);
    assert.equal(text.slice(found[0].items[0].span.start, found[0].items[0].span.end), 'key.with:odd/chars');
  });

  it('is not fooled by e-mail addresses, escaped @, URLs, code, math, comments or front matter', () => {
    const text = [
      '---',
      'author: me@example.com',
      'note: "@frontmatter"',
      '---',
      '',
      'Write to name@example.com or <x@y.org>, follow https://twitter.com/@handle and [\\@lisamr](https://github.com/lisamr).',
      'Code `@incode` and $a@b$ and $$@x$$. <!-- [@hidden] -->',
      '',
      '```',
      '[@inblock]',
      '```',
      '',
      'Real [@real].',
    ].join('\n');
    assert.deepEqual(keysOf(findCitations(text, 'markdown')), [['real']]);
  });

  it('Quarto and pandoc-crossref cross-references are not citations', () => {
    const text = 'See @fig-plot, @tbl-a, @sec-intro, @eq-1 and [@fig-a; @fig-b] and @fig:x; but [@fig-a; @doe99] cites doe99.';
    assert.deepEqual(keysOf(findCitations(text, 'quarto')), [['doe99']]);
  });

  it('links and spans whose text starts with @ are not bracketed citations', () => {
    const text = '[@notacite](https://x.org) and [@alsonot][ref] and [@span]{.smallcaps}';
    const found = findCitations(text, 'markdown');
    assert.ok(found.every((c) => c.narrative), 'only narrative readings of the link text remain');
  });

  it('keyNeedsBraces follows the bare-key rules', () => {
    assert.equal(keyNeedsBraces('smith2004'), false);
    assert.equal(keyNeedsBraces('Turner:2022'), false);
    assert.equal(keyNeedsBraces('_x'), false);
    assert.equal(keyNeedsBraces('a.b/c'), false);
    assert.equal(keyNeedsBraces('ends.'), true);
    assert.equal(keyNeedsBraces('has space'), true);
    assert.equal(keyNeedsBraces('-lead'), true);
    assert.equal(keyNeedsBraces('a@b'), true);
  });

  it('never throws on odd input', () => {
    for (const text of ['@', '[@', '[@]', '@{', '@{}', '[[[@a]', '\\@', '@'.repeat(1000)]) {
      assert.ok(Array.isArray(findCitations(text, 'markdown')));
    }
  });
});
