import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseBibliographyText } from '../../../src/core/bibliography/formats/parseText';
import { evidenceLabel, evidenceProfile, isWeakEvidence } from '../../../src/core/evidence/evidenceKind';
import type { BibEntry } from '../../../src/core/types';

const FIXTURES = path.join(__dirname, '../../fixtures');
const load = (...parts: string[]) => {
  const file = path.join(FIXTURES, ...parts);
  return parseBibliographyText(readFileSync(file, 'utf8'), file).entries;
};
const hubBib = load('hub', 'hub-outputs.bib');
const hubJson = load('hub', 'hub-outputs.json');
const papers = ['13-APGG', '15-systemgmmkit', '11-statistics-101', '45-AdaptiveResonance.jl', '53-TelescopeML', '57-EUKulele', '37-CosinorAge', '05-reproducible-ml-workflows', '07-manipulator-control-tutorial', '33-dsmmR'].flatMap((p) => load('papers', p, 'paper.bib'));
const entry = (entries: readonly BibEntry[], key: string): BibEntry => {
  const e = entries.find((x) => x.key === key);
  assert.ok(e, key);
  return e;
};
const labelOf = (entries: readonly BibEntry[], key: string) => evidenceProfile(entry(entries, key), 2026).label;

describe('evidenceProfile (real entries)', () => {
  it('tells EdTech Hub outputs from other works: agrees with the Hub bibliography’s own categories', () => {
    // The fixture's annote says "category: hub_output" for the Hub's own works: a label written by hand, not read by the code.
    const isOutput = (e: BibEntry) => /category: hub\\?_output/.test(String(e.csl.annote ?? ''));
    const truth = hubBib.map(isOutput);
    const said = hubBib.map((e) => evidenceProfile(e).hubOutput);
    const tp = said.filter((s, i) => s && truth[i]).length;
    const precision = tp / said.filter(Boolean).length;
    const recall = tp / truth.filter(Boolean).length;
    assert.ok(truth.filter(Boolean).length === 120, String(truth.filter(Boolean).length));
    assert.ok(precision >= 0.95 && recall >= 0.95, `precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`);
  });

  it('labels Hub reports, working papers, chapters and blog posts, with their age', () => {
    assert.equal(evidenceLabel(evidenceProfile(entry(hubBib, 'chachage2023'), 2026)), 'EdTech Hub output · Report · 2023 (3 years old)');
    assert.equal(labelOf(hubBib, 'edtechhub2024shaping'), 'Blog post'); // a dated edtechhub.org path; the .bib says only @misc
    assert.equal(labelOf(hubJson, 'edtechhub2024shaping'), 'Blog post'); // CSL-JSON: post-weblog
    assert.equal(labelOf(hubBib, 'hennessy2022'), 'Peer-reviewed article');
    const kinds = new Set(hubBib.map((e) => evidenceProfile(e).label));
    for (const k of ['Working paper', 'Book chapter', 'Report', 'Blog post', 'Web page']) assert.ok(kinds.has(k), k);
  });

  it('finds preprints by DOI, server, container or arXiv number — and not when a journal DOI says where it was published', () => {
    const all = [...papers, ...load('papers', '41-aiapy', 'paper.bib'), ...load('papers', '51-pharmsol', 'paper.bib'), ...load('papers', '39-NeuroAnalyzer.jl', 'paper.bib')];
    const byKey = (key: string) => evidenceProfile(entry(all, key), 2026);
    assert.equal(byKey('SpectRes').label, 'Preprint (arXiv)'); // DOI 10.48550/arXiv…
    assert.equal(byKey('Valizadegan2021').label, 'Preprint (arXiv)'); // container "arXiv e-prints"
    assert.equal(byKey('richter2020eukprot').label, 'Preprint (bioRxiv)');
    assert.equal(byKey('shim2025wrist').label, 'Preprint (SSRN)');
    assert.equal(byKey('bezanson_2014').label, 'Preprint (arXiv)'); // CoRR
    assert.equal(byKey('DaSilva2019').label, 'Peer-reviewed article'); // Neural Networks DOI, an arXiv link beside it
    assert.ok(isWeakEvidence(byKey('SpectRes').kind));
    assert.ok(!isWeakEvidence(byKey('DaSilva2019').kind));
  });

  it('software, books, conference papers and theses from their type, DOI or link', () => {
    assert.equal(labelOf(papers, 'richter2019evo'), "Bachelor's thesis");
    assert.equal(labelOf(papers, 'menagerie'), 'Software'); // a GitHub link on a @misc
    assert.equal(labelOf(papers, 'pixi'), 'Software');
    const kinds = new Set(papers.map((e) => evidenceProfile(e).label));
    for (const k of ['Book', 'Conference paper', 'Peer-reviewed article', 'Software']) assert.ok(kinds.has(k), k);
  });

  it('says the age plainly, and "no date" without a year', () => {
    const base = { key: 'k', type: 'article-journal', authors: [], keywords: [], location: { file: 'x', line: 1, column: 1 }, csl: {} } as BibEntry;
    assert.equal(evidenceLabel(evidenceProfile({ ...base, year: 2026 }, 2026)), 'Peer-reviewed article · 2026 (this year)');
    assert.equal(evidenceLabel(evidenceProfile({ ...base, year: 2025 }, 2026)), 'Peer-reviewed article · 2025 (1 year old)');
    assert.equal(evidenceLabel(evidenceProfile(base, 2026)), 'Peer-reviewed article · no date');
    assert.equal(evidenceLabel(evidenceProfile({ ...base, type: 'document', doi: '10.53832/edtechhub.0176' }, 2026)), 'EdTech Hub output · Document · no date');
  });
});
