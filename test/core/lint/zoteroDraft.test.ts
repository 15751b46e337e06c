import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { BibliographyIndex } from '../../../src/core/bibliography/index/bibliographyIndex';
import { parseBibliographyText } from '../../../src/core/bibliography/formats/parseText';
import { createTextDocument } from '../../../src/core/document/textDocument';
import { defaultConfig } from '../../../src/core/lint/config';
import { citedKeysOf, lintDocument } from '../../../src/core/lint/lintDocument';

const ZOTERO = path.join(__dirname, '../../fixtures/zotero');
const bibFile = path.join(ZOTERO, 'hub-outputs.bib');
const hub = BibliographyIndex.fromFiles([parseBibliographyText(readFileSync(bibFile, 'utf8'), bibFile)]);
const text = readFileSync(path.join(ZOTERO, 'draft.md'), 'utf8');
const result = lintDocument(createTextDocument('file:///draft.md', 'markdown', text), hub, defaultConfig);

describe('lint of a Hub draft citing in the Zotero forms (real Hub keys)', () => {
  it('resolves every Zotero cite and link by its item key', () => {
    const keys = citedKeysOf(result);
    for (const k of ['hassler2020', 'damani2020', 'watson2020', 'jordan2020', 'webb2020', 'major2020a', 'ashlee2020', 'mitchell2020', 'hennessy2022', 'chachage2023']) {
      assert.ok(keys.has(k), k);
    }
  });

  it('reports the unknown item keys, suggesting the entry the cite’s author and year name', () => {
    const unknown = result.findings.filter((f) => f.ruleId === 'unknown-key');
    assert.deepEqual(unknown.map((f) => f.message), [
      'No bibliography entry has the Zotero item key "IA9PL99E" (Haßler, et al., 2020); did you mean hassler2020 (Haßler et al. (2020))?',
      'No bibliography entry has the Zotero item key "QQQQ7777" (Nobody, 2031)',
    ]);
    assert.deepEqual(unknown[0]!.suggestions, ['hassler2020']);
    assert.equal(text.split('\n')[unknown[0]!.range.start.line]!.slice(unknown[0]!.range.start.character, unknown[0]!.range.end.character), '⟦zg:2405685:IA9PL99E|Haßler, et al., 2020⟧');
  });

  it('a Zotero citation supports its claim, and its text is never also read as author-year', () => {
    const claim = result.claims.find((c) => c.sentence.text.startsWith('Girls were 20% less likely'));
    assert.ok(claim?.supported);
    const authorYear = result.citations.filter((c) => c.citation.syntax === 'author-year').map((c) => text.slice(c.citation.span.start, c.citation.span.end));
    assert.deepEqual(authorYear, ['Chachage & Thakrar, 2023']);
  });
});
