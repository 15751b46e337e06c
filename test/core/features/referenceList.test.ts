import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { BibliographyIndex } from '../../../src/core/bibliography/index/bibliographyIndex';
import { parseBibliographyText } from '../../../src/core/bibliography/formats/parseText';
import { applySpanEdits } from '../../../src/core/citations/convertCitations';
import { findCitations } from '../../../src/core/citations/findCitations';
import { splitSentences } from '../../../src/core/claims/splitSentences';
import { referenceListFor } from '../../../src/core/features/referenceList';

const ZOTERO = path.join(__dirname, '../../fixtures/zotero');
const bibFile = path.join(ZOTERO, 'hub-outputs.bib');
const hub = BibliographyIndex.fromFiles([parseBibliographyText(readFileSync(bibFile, 'utf8'), bibFile)]);
const draft = readFileSync(path.join(ZOTERO, 'draft.md'), 'utf8');
const CSL_FILE = path.join(__dirname, '../../../media/csl/edtechhub-apa.csl');

describe('reference list', () => {
  const list = referenceListFor(draft, 'markdown', hub, { style: 'edtechhub-apa' });

  it('lists every work the document cites once, in the style’s order, and the citations it cannot list apart', () => {
    assert.deepEqual(list.entries.map((e) => e.key), ['ashlee2020', 'chachage2023', 'damani2020', 'hassler2020', 'hennessy2022', 'jordan2020', 'major2020a', 'mitchell2020', 'watson2020', 'webb2020']);
    assert.deepEqual(list.unlisted.map((u) => [u.text, u.reason]), [
      ['Haßler, et al., 2020 (Zotero item IA9PL99E)', 'not in the bibliography'],
      ['Nobody, 2031 (Zotero item QQQQ7777)', 'not in the bibliography'],
    ]);
    assert.equal(list.styleError, undefined);
  });

  it('writes Markdown with DOIs, URLs and the Hub library page as links, one paragraph per work', () => {
    const paragraphs = list.body.split('\n\n');
    assert.equal(paragraphs.length, 10);
    assert.equal(
      paragraphs[1],
      'Chachage, K., & Thakrar, J. (2023). *Teacher Continuous Professional Development in Tanzania: Lessons Learnt*. EdTech Hub. <https://doi.org/10.53832/edtechhub.0157> [EdTech Hub Evidence Library](https://docs.edtechhub.org/lib/9WBV8KPN)',
    );
    // A reference whose own URL is the library page gets no second link.
    assert.match(paragraphs[2]!, /<https:\/\/docs\.edtechhub\.org\/lib\/YMWE6FR6>$/);
  });

  it('is one edit that adds the list under a new References heading, which a second run refreshes in place', () => {
    assert.deepEqual(list.edit.span, { start: draft.length, end: draft.length });
    const once = applySpanEdits(draft, [list.edit]);
    assert.ok(once.endsWith(`# References\n\n<!-- evidence-lint-references -->\n${list.body}\n<!-- /evidence-lint-references -->\n`));
    const again = referenceListFor(once, 'markdown', hub, { style: 'edtechhub-apa' });
    assert.equal(applySpanEdits(once, [again.edit]), once, 'refreshing an up-to-date list changes nothing');
    // After a citation is removed, the refresh drops its work and touches nothing else.
    const fewer = once.replace('[@hennessy2022]', '');
    const refreshed = applySpanEdits(fewer, [referenceListFor(fewer, 'markdown', hub, { style: 'edtechhub-apa' }).edit]);
    assert.ok(!refreshed.includes('Hennessy. (2022)'));
    assert.equal(refreshed.slice(0, refreshed.indexOf('<!-- evidence-lint-references -->')), fewer.slice(0, fewer.indexOf('<!-- evidence-lint-references -->')));
  });

  it('the list between the markers is the reference list: no citations, no claims', () => {
    const once = applySpanEdits(draft, [list.edit]);
    const start = once.indexOf('<!-- evidence-lint-references -->');
    assert.ok(findCitations(once, 'markdown').every((c) => c.span.end <= start));
    assert.ok(splitSentences(once, 'markdown').every((s) => s.span.end <= start));
    assert.equal(findCitations(once, 'markdown').length, findCitations(draft, 'markdown').length);
    // Also where no References heading covers it.
    const mid = 'Schools closed [@damani2020].\n\n<!-- evidence-lint-references -->\nSmith (2019) found 45% more [@x].\n<!-- /evidence-lint-references -->\n\nAfter the list.\n';
    assert.deepEqual(findCitations(mid, 'markdown').map((c) => mid.slice(c.span.start, c.span.end)), ['[@damani2020]']);
    assert.deepEqual(splitSentences(mid, 'markdown').map((x) => x.text), ['Schools closed [@damani2020].', 'After the list.']);
  });

  it('goes under the document’s own References heading when it has one', () => {
    const text = 'Radio helped [@damani2020].\n\n## References\n\nOld notes.\n';
    const r = referenceListFor(text, 'markdown', hub);
    const after = applySpanEdits(text, [r.edit]);
    assert.ok(after.startsWith('Radio helped [@damani2020].\n\n## References\n\n<!-- evidence-lint-references -->\nDamani, K., & Mitchell, J. (2020).'), after);
    assert.ok(after.endsWith('<!-- /evidence-lint-references -->\n\nOld notes.\n'));
  });

  it('in LaTeX: a thebibliography between % markers, before \\end{document}, special characters escaped', () => {
    const text = '\\documentclass{article}\n\\begin{document}\nRadio and TV \\citep{damani2020,watson2020,hassler2020}.\n\\end{document}\n';
    const r = referenceListFor(text, 'latex', hub);
    assert.ok(r.body.startsWith('\\begin{thebibliography}{9}\n\\bibitem{damani2020} Damani, K., \\& Mitchell, J. (2020). \\emph{Rapid Evidence Review: Radio}'), r.body);
    assert.match(r.body, /\\bibitem\{hassler2020\} Haßler, B\., .* \\url\{https:\/\/doi\.org\/10\.5281\/zenodo\.4118177\} EdTech Hub Evidence Library: \\url\{https:\/\/docs\.edtechhub\.org\/lib\/IA9PL99D\}/);
    const after = applySpanEdits(text, [r.edit]);
    assert.ok(after.includes('.\n% evidence-lint-references\n\\begin{thebibliography}{9}\n'));
    assert.ok(after.endsWith('\\end{thebibliography}\n% /evidence-lint-references\n\n\\end{document}\n'));
    assert.equal(applySpanEdits(after, [referenceListFor(after, 'latex', hub).edit]), after);
  });

  it('uses a .csl file, and falls back to APA with the reason when a style cannot be used', () => {
    const text = 'Radio helped [@damani2020].';
    assert.equal(referenceListFor(text, 'markdown', hub, { style: { cslFile: CSL_FILE } }).body, referenceListFor(text, 'markdown', hub, { style: 'edtechhub-apa' }).body);
    const missing = referenceListFor(text, 'markdown', hub, { style: { cslFile: '/no/such/style.csl' } });
    assert.match(missing.styleError ?? '', /cannot be read.*showing APA instead/);
    assert.equal(missing.body, referenceListFor(text, 'markdown', hub, { style: 'apa' }).body);
  });

  it('an ambiguous author-year citation is listed apart with its candidates', () => {
    const r = referenceListFor('As shown (⇡Major & Francis, 2020).', 'markdown', hub);
    assert.deepEqual(r.unlisted.map((u) => u.reason), ['matches 2 entries (major2020a, major2020b)']);
    assert.deepEqual(r.entries, []);
  });
});
