/**
 * The panel on the real pipeline: a real EdTech Hub blog post (⇡ author-year citations, uncited
 * claims) linted against the real Hub bibliography, with references formatted by citation-js.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { BibliographyIndex } from '../../../src/core/bibliography/index/bibliographyIndex';
import { parseBibliographyText } from '../../../src/core/bibliography/formats/parseText';
import { createTextDocument } from '../../../src/core/document/textDocument';
import { ReferenceFormatter } from '../../../src/core/format/formatReference';
import { defaultConfig } from '../../../src/core/lint/config';
import { lintDocument } from '../../../src/core/lint/lintDocument';
import { buildPanelState } from '../../../src/core/panel/panelModel';
import { renderPanelBody } from '../../../src/core/panel/renderPanel';
import { FIXTURES, readFixture } from './panelFixtures';
import { HUB_JSON, hubBlog } from '../../sharedFixtures';

const formatter = new ReferenceFormatter();

describe('panel on the real lint pipeline', () => {
  const bibFile = HUB_JSON;
  const index = BibliographyIndex.fromFiles([parseBibliographyText(readFixture(bibFile), bibFile)]);
  const file = hubBlog('advancing-evidence-based-decision-making-2021.txt');
  const text = readFixture(file);
  const lint = lintDocument(createTextDocument(path.join(FIXTURES, file), 'plaintext', text), index, defaultConfig);
  const state = buildPanelState({
    document: { uri: `file://${FIXTURES}/${file}`, name: file, version: 1, text, language: 'plaintext' },
    lint,
    suggest: () => [],
    format: (entry) => formatter.format(entry, 'apa'),
  });

  it('agrees with the linter on claims and supported claims', () => {
    assert.equal(state.summary.claims, lint.stats.claims);
    assert.equal(state.summary.supported, lint.stats.supported);
    assert.ok(state.summary.claims > state.summary.supported, 'the blog has uncited claims');
    assert.equal(state.sections.reduce((n, s) => n + s.claims, 0), lint.stats.claims);
  });

  it('lists the same uncited claims the linter reports', () => {
    const reported = lint.findings.filter((f) => f.ruleId === 'uncited-claim').map((f) => f.range.start.line);
    const listed = state.uncited.map((c) => text.slice(0, c.span.start).split('\n').length - 1);
    assert.deepEqual(listed, reported);
    assert.ok(state.uncited.some((c) => c.text.startsWith('Research shows that EdTech offers immense potential')));
  });

  it('shows the ⇡ citations as cited works with formatted references', () => {
    const vegas = state.cited.find((w) => w.entry?.key === 'vegas2020');
    assert.ok(vegas, state.cited.map((w) => w.label).join(', '));
    assert.match(vegas.entry!.reference, /^Vegas, E\. \(2020\)\. School closures/);
    assert.equal(state.cited.find((w) => w.entry?.key === 'selwyn2016b')?.label, 'Selwyn (2016b)');
    const body = renderPanelBody(state);
    assert.ok(body.includes('Vegas (2020)'));
    assert.ok(body.includes('data-action="openEntry" data-key="vegas2020"'));
  });

  it('a claim citing only an unknown key is listed as uncited, naming the key', () => {
    const withUnknown = `${text}\n\nAround 45% of learners lacked a device [@nosuchkey2020].\n`;
    const uri = path.join(FIXTURES, 'with-unknown.md');
    const result = lintDocument(createTextDocument(uri, 'markdown', withUnknown), index, defaultConfig);
    const panel = buildPanelState({ document: { uri, name: 'with-unknown.md', version: 1, text: withUnknown }, lint: result, suggest: () => [], format: () => '' });
    // Against the same text read as Markdown too (a Markdown link's text is read apart from its target).
    const before = lintDocument(createTextDocument(uri, 'markdown', text), index, defaultConfig);
    assert.equal(panel.summary.supported, before.stats.supported, 'the unknown key supports nothing');
    const claim = panel.uncited.find((c) => c.text.startsWith('Around 45% of learners'));
    assert.deepEqual(claim?.unknownCited, ['nosuchkey2020']);
    assert.ok(renderPanelBody(panel).includes('Cites only a key not in the bibliography: <code>nosuchkey2020</code>'));
  });
});
