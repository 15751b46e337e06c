import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { BibliographyIndex } from '../../../src/core/bibliography/index/bibliographyIndex';
import { parseBibliographyText } from '../../../src/core/bibliography/formats/parseText';
import { createTextDocument } from '../../../src/core/document/textDocument';
import { defaultConfig } from '../../../src/core/lint/config';
import { lintDocument } from '../../../src/core/lint/lintDocument';
import { LEAST_RELATED_MAX_SCORE, leastRelatedCitations, weaklySupportedClaims } from '../../../src/core/panel/evidenceChecks';
import { actionForMessage } from '../../../src/core/panel/messages';
import { buildPanelState } from '../../../src/core/panel/panelModel';
import { renderPanelBody } from '../../../src/core/panel/renderPanel';

/** Shared fixtures: the papers (papers/NAME/paper.bib) and the Hub bibliography (hub/). */
const FIXTURES = path.join(__dirname, '../../fixtures');
const bibOf = (...parts: string[]) => {
  const file = parts[0] === 'papers' ? path.join(FIXTURES, ...parts) : path.join(FIXTURES, 'hub', ...parts);
  return BibliographyIndex.fromFiles([parseBibliographyText(readFileSync(file, 'utf8'), file)]);
};
const telescope = bibOf('papers', '53-TelescopeML', 'paper.bib');
const hub = bibOf('hub-outputs.bib');
const lint = (text: string, bib: BibliographyIndex) => lintDocument(createTextDocument('file:///doc.md', 'markdown', text), bib, defaultConfig);

describe('Evidence panel checks', () => {
  it('marks a claim whose only support is a preprint or a blog post, not one that also cites an article', () => {
    const text =
      'Flux-conserving resampling is 40% faster than linear interpolation [@SpectRes].\n\n' +
      'Convolutional networks classify most exoplanet spectra correctly [@SpectRes; @Zingales2018ExoGAN].\n';
    const weak = weaklySupportedClaims(lint(text, telescope));
    assert.deepEqual(weak.map((w) => [w.text, w.entries.map((e) => e.key)]), [['Flux-conserving resampling is 40% faster than linear interpolation [@SpectRes].', ['SpectRes']]]);
    const blog = 'Girls were 20% less likely than boys to have a phone at home [@edtechhub2024shaping].\n';
    assert.equal(weaklySupportedClaims(lint(blog, hub)).length, 1);
  });

  it('lists the citations of a real paper whose works fit their sentence least, lowest first, within the bound', () => {
    const dir = path.join(FIXTURES, 'papers', '13-APGG');
    const bib = bibOf('papers', '13-APGG', 'paper.bib');
    const text = readFileSync(path.join(dir, 'paper.md'), 'utf8');
    const listed = leastRelatedCitations(text, lint(text, bib), 5);
    assert.equal(listed.length, 5);
    for (let i = 1; i < listed.length; i++) assert.ok(listed[i - 1]!.score <= listed[i]!.score);
    for (const c of listed) assert.ok(c.score <= LEAST_RELATED_MAX_SCORE);
    assert.equal(listed[0]!.score, 0);
    assert.deepEqual(listed[0]!.shared, []);
    assert.equal(text.slice(listed[0]!.span.start, listed[0]!.span.end), listed[0]!.entry.key);
    assert.deepEqual(leastRelatedCitations(text, lint(text, bib), 0), []);
  });

  it('in the panel: both lists, each entry’s evidence kind, rendered, revealable', () => {
    const text = 'Girls ran faster than boys at the games [@vegas2020].\n\nGirls were 20% less likely than boys to have a phone at home [@edtechhub2024shaping].\n';
    const result = lint(text, hub);
    const state = buildPanelState({ document: { uri: 'file:///doc.md', name: 'doc.md', version: 1, text }, lint: result, suggest: () => [], format: (e) => e.key, currentYear: 2026 });
    assert.deepEqual(state.leastRelated.map((c) => [c.entry.key, c.score]), [['vegas2020', 0], ['edtechhub2024shaping', 0]]);
    assert.deepEqual(state.weaklySupported.map((w) => w.works.map((e) => e.evidence)), [['EdTech Hub output · Blog post · 2024 (2 years old)']]);
    assert.equal(state.cited.find((w) => w.entry?.key === 'vegas2020')?.entry?.evidence, 'Report · 2020 (6 years old)');
    const html = renderPanelBody(state);
    assert.match(html, /Least related citations <span class="count">\(2\)<\/span>/);
    assert.match(html, /Resting on a blog post or preprint <span class="count">\(1\)<\/span>/);
    assert.match(html, /<span class="badge warning">Blog post<\/span>/);
    assert.match(html, /<p class="evidence-kind">Report · 2020 \(6 years old\)<\/p>/);
    const offset = state.leastRelated[0]!.span.start;
    assert.deepEqual(actionForMessage({ type: 'reveal', offset }, state), { ok: true, action: { kind: 'reveal', span: state.leastRelated[0]!.span } });
  });
});
