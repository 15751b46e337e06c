import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BibliographyIndex } from '../../../../src/core/bibliography/index/bibliographyIndex';
import { parseBibliographyText } from '../../../../src/core/bibliography/formats/parseText';
import { createTextDocument } from '../../../../src/core/document/textDocument';
import { defaultConfig, mergeConfig } from '../../../../src/core/lint/config';
import { lintDocument } from '../../../../src/core/lint/lintDocument';

const hubFile = path.join(__dirname, '../../../fixtures/hub/hub-outputs.bib');
const hub = BibliographyIndex.fromFiles([parseBibliographyText(fs.readFileSync(hubFile, 'utf8'), hubFile)]);

function findings(text: string, level?: 'info' | 'warning') {
  const config = level ? mergeConfig(defaultConfig, { rules: { 'citation-relevance': level } }) : defaultConfig;
  return lintDocument(createTextDocument('file:///doc.md', 'markdown', text), hub, config).findings.filter((f) => f.ruleId === 'citation-relevance');
}

// Two real Hub entries: a review of teacher professional development, and a report on school closures in COVID-19.
const TEXT =
  'Teacher professional development delivered with technology helped teachers in low-income countries [@hennessy2022].\n\n' +
  'Girls ran faster than boys in the athletics tournament [@vegas2020].\n';

describe('citation-relevance', () => {
  it('is off by default', () => {
    assert.equal(defaultConfig.rules['citation-relevance'], 'off');
    assert.deepEqual(findings(TEXT), []);
  });

  it('when on, flags only the citation whose entry shares no word with its sentence, at the key, naming the work', () => {
    const [f, ...rest] = findings(TEXT, 'info');
    assert.ok(f);
    assert.deepEqual(rest, []);
    assert.equal(f.severity, 'info');
    assert.equal(TEXT.split('\n')[f.range.start.line]!.slice(f.range.start.character, f.range.end.character), 'vegas2020');
    assert.match(f.message, /^Vegas \(2020\): "School closures, government responses, and learning inequality/);
    assert.match(f.message, /shares no word with the sentence that cites it/);
  });

  it('does not judge a work whose entry has no title, abstract or keywords', () => {
    assert.equal(hub.get('castillo2015')?.title, undefined);
    assert.deepEqual(findings('Girls ran faster than boys in the athletics tournament [@castillo2015].\n', 'info'), []);
  });

  it('is silenced by a suppression comment like every rule', () => {
    const text = TEXT.replace('Girls', '<!-- evidence-lint-disable-next-line citation-relevance -->\nGirls');
    assert.deepEqual(findings(text, 'info'), []);
  });
});
