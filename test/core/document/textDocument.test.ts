import { strict as assert } from 'node:assert';
import { createTextDocument, languageOfPath, normaliseLanguage } from '../../../src/core/document/textDocument';

describe('core/document/textDocument', () => {
  it('maps offsets to 0-based positions and back, across CRLF lines', () => {
    const doc = createTextDocument('file:///a.md', 'markdown', 'one\r\ntwo [@key]\nthree');
    const offset = doc.getText().indexOf('@key');
    const pos = doc.positionAt(offset);
    assert.deepEqual(pos, { line: 1, character: 5 });
    assert.equal(doc.offsetAt(pos), offset);
  });

  it('knows the languages evidence-lint reads by file extension', () => {
    assert.equal(languageOfPath('paper.md'), 'markdown');
    assert.equal(languageOfPath('report.QMD'), 'quarto');
    assert.equal(languageOfPath('analysis.Rmd'), 'rmd');
    assert.equal(languageOfPath('thesis.tex'), 'latex');
    assert.equal(languageOfPath('refs.bib'), undefined);
    assert.equal(languageOfPath('Makefile'), undefined);
  });

  it('folds VS Code language ids into the core families', () => {
    assert.equal(normaliseLanguage('tex'), 'latex');
    assert.equal(normaliseLanguage('quarto'), 'quarto');
    assert.equal(normaliseLanguage('restructuredtext'), 'markdown');
  });
});
