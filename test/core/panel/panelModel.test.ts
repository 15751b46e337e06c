import { strict as assert } from 'node:assert';
import { buildPanelState, citationInsertOffset, NO_HEADING_SECTION } from '../../../src/core/panel/panelModel';
import { citationLabel, plainReference } from '../../../src/core/format/labels';
import type { BibEntry } from '../../../src/core/types';
import { lintExample, loadCslEntries, readFixture } from './panelFixtures';
import { HUB_JSON } from '../../sharedFixtures';

const entries = loadCslEntries(HUB_JSON);
const byKey = new Map(entries.map((e) => [e.key, e]));
const text = readFixture('example.md');
const document = { uri: 'file:///work/example.md', name: 'example.md', version: 3, text };

/** Suggestions for tests: entries sharing the most title words with the claim (a stand-in ranking). */
function overlapSuggest(claim: string, limit: number): BibEntry[] {
  const words = new Set(claim.toLowerCase().match(/[a-z]{4,}/g) ?? []);
  return entries
    .map((e) => ({ e, n: (e.title?.toLowerCase().match(/[a-z]{4,}/g) ?? []).filter((w) => words.has(w)).length }))
    .filter((x) => x.n > 0)
    .sort((a, b) => b.n - a.n || a.e.key.localeCompare(b.e.key))
    .slice(0, limit)
    .map((x) => x.e);
}

function state(overrides: Partial<Parameters<typeof buildPanelState>[0]> = {}) {
  return buildPanelState({
    document,
    lint: lintExample(text, entries),
    suggest: overlapSuggest,
    format: (e) => `FORMATTED ${e.key}`,
    ...overrides,
  });
}

describe('panel model', () => {
  it('summarises claims found, supported and coverage (rounded down)', () => {
    const s = state();
    // example.md: 9 prose sentences, 5 of which carry a [@key] citation.
    assert.deepEqual(s.summary, { claims: 9, supported: 5, coverage: 55 });
    assert.equal(s.document.version, 3);
  });

  it('gives coverage per section in document order and marks the weakest', () => {
    const s = state();
    assert.deepEqual(
      s.sections.map((x) => [x.title, x.claims, x.supported, x.coverage, x.weakest]),
      [
        ['Why teachers', 3, 2, 66, false],
        ['Devices and connectivity', 4, 2, 50, true],
        ['Evidence use', 2, 1, 50, true],
      ],
    );
  });

  it('groups sentences without a heading and does not mark a lone section weakest', () => {
    const lint = lintExample(text, entries);
    const noHeadings = { ...lint, claims: lint.claims.map((c) => ({ ...c, sentence: { ...c.sentence, section: undefined } })) };
    const s = state({ lint: noHeadings });
    assert.equal(s.sections.length, 1);
    assert.equal(s.sections[0].title, NO_HEADING_SECTION);
    assert.equal(s.sections[0].weakest, false);
  });

  it('lists uncited claims in document order with reasons, span and top suggestions', () => {
    const s = state();
    assert.equal(s.uncited.length, 4);
    const first = s.uncited[0];
    assert.ok(first.text.startsWith('Most teachers in sub-Saharan Africa'));
    assert.equal(text.slice(first.span.start, first.span.end), first.text);
    assert.equal(first.section, 'Why teachers');
    assert.deepEqual(first.reasons, ['states a general fact (Why teachers)']);
    for (let i = 1; i < s.uncited.length; i++) assert.ok(s.uncited[i].span.start > s.uncited[i - 1].span.start);
    for (const claim of s.uncited) {
      assert.ok(claim.suggestions.length <= 3);
      assert.deepEqual(claim.suggestions.map((x) => x.key), overlapSuggest(claim.text, 3).map((x) => x.key));
    }
    // "Decision-makers rarely use rigorous evidence…" shares words with Hub titles about evidence.
    assert.ok(s.uncited.some((c) => c.suggestions.length === 3));
  });

  it('counts a claim citing only unknown keys as uncited, and says which keys', () => {
    const onlyUnknown = text.replace('[@rahman2021; @notInTheBibliography2019]', '[@notInTheBibliography2019]');
    const s = state({ document: { ...document, text: onlyUnknown }, lint: lintExample(onlyUnknown, entries) });
    assert.deepEqual(s.summary, { claims: 9, supported: 4, coverage: 44 });
    const sandboxes = s.uncited.find((c) => c.text.startsWith('Sandboxes'));
    assert.deepEqual(sandboxes?.unknownCited, ['notInTheBibliography2019']);
    assert.equal(state().uncited.find((c) => c.text.startsWith('Sandboxes')), undefined, 'with rahman2021 beside it, it is supported');
  });

  it('shows a LaTeX claim as text, not source', () => {
    const latex = 'Around 70\\% of teachers used \\emph{radio} lessons.';
    const s = state({
      document: { ...document, text: latex, language: 'latex' },
      lint: { claims: [{ sentence: { text: latex, span: { start: 0, end: latex.length }, paragraph: 0 }, score: { claim: true, score: 0.8, reasons: [] }, supported: false }], citations: [] },
    });
    assert.equal(s.uncited[0]?.text, 'Around 70% of teachers used radio lessons.');
  });

  it('puts the insertion point before the closing full stop', () => {
    const s = state();
    for (const claim of s.uncited) {
      assert.equal(text[claim.insertOffset], '.');
      assert.equal(claim.insertOffset, claim.span.end - 1);
    }
  });

  it('finds insertion points before closing punctuation and quotes, or at the end', () => {
    const t = 'He said "schools closed."  Next';
    assert.equal(citationInsertOffset(t, { start: 0, end: 27 }), t.indexOf('."'));
    assert.equal(citationInsertOffset('No stop here ', { start: 0, end: 13 }), 12);
    assert.equal(citationInsertOffset('Really?!', { start: 0, end: 8 }), 6);
    assert.equal(citationInsertOffset('xx A claim… yy', { start: 3, end: 11 }), 10);
  });

  it('counts cited works, flags unknown keys first, and keeps occurrences', () => {
    const s = state();
    assert.equal(s.cited[0].status, 'unknown');
    assert.equal(s.cited[0].label, 'notInTheBibliography2019');
    assert.equal(s.cited[0].entry, undefined);
    const known = s.cited.filter((w) => w.status === 'known');
    assert.deepEqual(known.map((w) => w.entry?.key).sort(), ['chachage2023', 'chuang2021', 'hennessy2022', 'rahman2021', 'vegas2020', 'watson2020']);
    for (const w of s.cited) {
      assert.equal(w.count, 1);
      assert.equal(text.slice(w.occurrences[0].start, w.occurrences[0].end), w.entry?.key ?? w.label);
    }
  });

  it('counts repeated citations of one entry and lists ambiguous ones with candidates', () => {
    const lint = lintExample(text, entries);
    const first = lint.citations[0];
    const ambiguous = {
      citation: { syntax: 'author-year' as const, span: { start: 0, end: 10 }, items: [{ text: 'Major, 2020', span: { start: 1, end: 9 } }] },
      resolved: [[byKey.get('major2020a')!, byKey.get('major2020b')!]],
    };
    const s = state({ lint: { ...lint, citations: [...lint.citations, first, first, ambiguous] } });
    const hennessy = s.cited.find((w) => w.entry?.key === 'hennessy2022');
    assert.equal(hennessy?.count, 3);
    const amb = s.cited.find((w) => w.status === 'ambiguous');
    assert.equal(amb?.label, 'Major, 2020');
    assert.deepEqual(amb?.candidates?.map((c) => c.key), ['major2020a', 'major2020b']);
    assert.deepEqual(s.cited.map((w) => w.status).slice(0, 2), ['unknown', 'ambiguous']);
  });

  it('builds entry details from real entries: label, formatted reference, DOI address, location', () => {
    const s = state();
    const chuang = s.cited.find((w) => w.entry?.key === 'chuang2021')!.entry!;
    assert.equal(chuang.label, 'Chuang & Khalayleh (2021)');
    assert.equal(chuang.reference, 'FORMATTED chuang2021');
    assert.equal(chuang.doiUrl, 'https://doi.org/10.5281/zenodo.4140412');
    assert.ok(chuang.location.file.endsWith('hub-outputs.json'));
    assert.equal(citationLabel(byKey.get('hennessy2021')!), 'Hennessy, Jordan & Wagner (2021)');
    assert.equal(citationLabel(byKey.get('major2023')!), 'Major et al. (2023)');
    assert.equal(citationLabel(byKey.get('worldbank2016')!), 'World Bank (2016)');
    assert.equal(citationLabel(byKey.get('hasslernda')!), 'Haßler (n.d.)');
    // Hub blog posts have no author: their title's first words stand in.
    assert.equal(citationLabel(byKey.get('edtechhub2025cost')!), 'Is Cost-Effectiveness Analysis the… (2025)');
  });

  it('falls back to a plain reference when the formatter throws, and survives a failing search', () => {
    const s = state({
      format: () => {
        throw new Error('no CSL');
      },
      suggest: () => {
        throw new Error('index not ready');
      },
    });
    const vegas = s.cited.find((w) => w.entry?.key === 'vegas2020')!.entry!;
    assert.equal(vegas.reference, plainReference(byKey.get('vegas2020')!));
    assert.match(vegas.reference, /^Vegas \(2020\)\. School closures/);
    assert.ok(s.uncited.every((c) => c.suggestions.length === 0));
  });

  it('reports no coverage when there are no claims, and caps the listed uncited claims', () => {
    const empty = state({ lint: { claims: [], citations: [] } });
    assert.deepEqual(empty.summary, { claims: 0, supported: 0, coverage: undefined });
    assert.deepEqual([empty.sections, empty.uncited, empty.cited], [[], [], []]);
    const capped = state({ maxUncitedListed: 1 });
    assert.equal(capped.uncited.length, 1);
    assert.equal(capped.uncitedNotListed, 3);
  });

  it('does not list claims silenced by an evidence-lint comment, but still counts them', () => {
    const silenced = text.replace('channel, studies show.', 'channel, studies show. <!-- evidence-lint-disable-line uncited-claim -->');
    const s = buildPanelState({ document: { ...document, text: silenced }, lint: lintExample(silenced, entries), suggest: overlapSuggest, format: (e) => e.key });
    assert.equal(s.summary.claims, 9);
    assert.equal(s.summary.supported, 5);
    // disable-line silences every uncited claim starting on that line: Radio… and Messaging apps…
    assert.equal(s.uncited.length, 2);
    assert.equal(s.uncitedSuppressed, 2);
    assert.ok(!s.uncited.some((c) => c.text.includes('Radio programmes') || c.text.includes('Messaging apps')));
    const latex = buildPanelState({ document: { ...document, text: silenced, language: 'latex' }, lint: lintExample(silenced, entries), suggest: overlapSuggest, format: (e) => e.key });
    assert.equal(latex.uncitedSuppressed, 0, 'an HTML comment means nothing in LaTeX');
  });

  it('ignores sentences the scorer did not judge claims', () => {
    const lint = lintExample(text, entries);
    const notClaims = { ...lint, claims: lint.claims.map((c, i) => (i < 2 ? { ...c, score: { ...c.score, claim: false } } : c)) };
    const s = state({ lint: notClaims });
    assert.equal(s.summary.claims, 7);
  });
});
