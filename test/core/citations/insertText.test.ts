import { strict as assert } from 'node:assert';
import { findCitations } from '../../../src/core/citations/findCitations';
import { citationInsertText, keyNeedsBraces } from '../../../src/core/citations/insertText';

describe('citationInsertText', () => {
  it('Pandoc brackets in Markdown-family documents and plain text; bare list inside brackets', () => {
    for (const language of ['markdown', 'quarto', 'rmd', 'plaintext'] as const) {
      assert.equal(citationInsertText(['a'], language), '[@a]');
      assert.equal(citationInsertText(['a', 'b'], language), '[@a; @b]');
      assert.equal(citationInsertText(['a', 'b'], language, { insideBrackets: true }), '@a; @b');
    }
  });

  it('\\cite{} in LaTeX; bare keys inside braces', () => {
    assert.equal(citationInsertText(['a', 'b'], 'latex'), '\\cite{a,b}');
    assert.equal(citationInsertText(['a', 'b'], 'latex', { insideBrackets: true }), 'a,b');
  });

  it('braces keys Pandoc would not read bare, and the result reads back as the same keys', () => {
    const keys = ['smith04', 'odd key', 'ends.', 'Turner:2022'];
    const inserted = citationInsertText(keys, 'markdown');
    assert.equal(inserted, '[@smith04; @{odd key}; @{ends.}; @Turner:2022]');
    assert.deepEqual(findCitations(`Text ${inserted}.`, 'markdown')[0].items.map((i) => i.key), keys);
    assert.equal(keyNeedsBraces('odd key'), true);
  });

  it('inserts nothing for no keys', () => {
    assert.equal(citationInsertText([], 'markdown'), '');
    assert.equal(citationInsertText(['  '], 'latex'), '');
  });
});
