/**
 * The extension lints in time slices (lintDocumentSteps under runInSlices): the result must be the
 * lint the CLI gets at once, and a cancelled run must stop. Real data: the 31 Pandoc papers, all
 * concatenated (~100 pages), linted against the real 6k-entry library they do not cite from (so
 * hundreds of unknown keys, each with did-you-mean suggestions: the slowest rule).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BibliographyIndex } from '../../../src/core/bibliography/index/bibliographyIndex';
import { parseBibliographyText } from '../../../src/core/bibliography/formats/parseText';
import { createTextDocument } from '../../../src/core/document/textDocument';
import { defaultConfig } from '../../../src/core/lint/config';
import { lintDocument, lintDocumentSteps } from '../../../src/core/lint/lintDocument';
import { runInSlices } from '../../../src/core/scheduling/timeSlices';

const PAPERS = path.join(__dirname, '../../fixtures/papers');
const BIG = path.join(__dirname, '../../fixtures/bibliography/big/gsa_oes_matching_guide_big.bib');

const text = fs
  .readdirSync(PAPERS)
  .filter((n) => fs.existsSync(path.join(PAPERS, n, 'paper.md')))
  .sort()
  .map((n) => fs.readFileSync(path.join(PAPERS, n, 'paper.md'), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, ''))
  .join('\n\n');
const doc = createTextDocument('/papers/all.md', 'markdown', text);
const index = BibliographyIndex.fromFiles([parseBibliographyText(fs.readFileSync(BIG, 'utf8'), BIG)]);

describe('lint in time slices (lintDocumentSteps)', () => {
  it('gives exactly the result of lintDocument, pausing along the way', async () => {
    const atOnce = lintDocument(doc, index, defaultConfig);
    assert.ok(atOnce.findings.filter((f) => f.ruleId === 'unknown-key').length > 100, 'expected many unknown keys');
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 0);
    try {
      const sliced = await runInSlices(lintDocumentSteps(doc, index, defaultConfig), { sliceMs: 2 });
      assert.deepEqual(sliced, atOnce);
    } finally {
      clearInterval(ticker);
    }
    assert.ok(ticks > 0, 'the lint never paused');
  });

  it('a cancelled run stops with an AbortError', async () => {
    const controller = new AbortController();
    const run = runInSlices(lintDocumentSteps(doc, index, defaultConfig), { sliceMs: 1, signal: controller.signal });
    controller.abort();
    await assert.rejects(run, { name: 'AbortError' });
  });
});
