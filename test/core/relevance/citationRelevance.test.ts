import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BibliographyIndex } from '../../../src/core/bibliography/index/bibliographyIndex';
import { parseBibliographyText } from '../../../src/core/bibliography/formats/parseText';
import { RelevanceContext, relevanceOf } from '../../../src/core/relevance/citationRelevance';
import type { BibEntry } from '../../../src/core/types';

const PAPERS = path.join(__dirname, '../../fixtures/papers');

function bibOf(paper: string): BibliographyIndex {
  const file = path.join(PAPERS, paper, 'paper.bib');
  return BibliographyIndex.fromFiles([parseBibliographyText(fs.readFileSync(file, 'utf8'), file)]);
}

describe('RelevanceContext (real entries of the 31 papers)', () => {
  const hrv = bibOf('17-wearable-hrv');
  const entry = (key: string): BibEntry => {
    const e = hrv.get(key);
    assert.ok(e, key);
    return e;
  };

  it('scores the cited work above an unrelated work of the same bibliography, naming the shared words', () => {
    const sentence = 'Photoplethysmography optically measures the changes in blood volume in peripheral tissues.';
    const context = new RelevanceContext({ entries: [entry('allen_photoplethysmography_2007'), entry('hunter2007matplotlib')] });
    const real = context.score(sentence, entry('allen_photoplethysmography_2007'));
    const other = context.score(sentence, entry('hunter2007matplotlib'));
    assert.ok(real.score > 0.5, JSON.stringify(real));
    assert.equal(other.score, 0);
    assert.deepEqual(other.shared, []);
    assert.equal(real.shared[0], 'Photoplethysmography');
  });

  it('matches an acronym in the sentence to the words it stands for in the entry', () => {
    const sentence = 'Researchers validate the HRV of new devices.';
    const result = relevanceOf(sentence, entry('quintana_guidelines_2016'));
    assert.ok(result.shared.includes('HRV'), JSON.stringify(result));
    assert.ok(result.score > 0);
  });

  it('scores within 0..1, the best-fitting cited work highest', () => {
    const pool = hrv.entries.slice();
    const context = new RelevanceContext({ entries: pool });
    const sentence = 'Heart rate variability was recorded with a wearable optical sensor.';
    const scores = pool.map((e) => context.score(sentence, e).score);
    for (const s of scores) assert.ok(s >= 0 && s <= 1, String(s));
    const best = pool[scores.indexOf(Math.max(...scores))]!;
    assert.match(best.title ?? '', /heart rate|wearable|optical/i);
  });

  it('words the document uses in every sentence count for less', () => {
    const e = entry('allen_photoplethysmography_2007');
    const sentence = 'Clinical measurement of photoplethysmography.';
    const plain = new RelevanceContext({ entries: [e], sentences: ['Clinical measurement of photoplethysmography.', 'Another sentence.'] });
    const everywhere = new RelevanceContext({ entries: [e], sentences: Array.from({ length: 20 }, () => 'photoplethysmography photoplethysmography') });
    const [a, b] = [plain.score(sentence, e), everywhere.score(sentence, e)];
    assert.equal(a.shared[0], 'photoplethysmography');
    assert.notEqual(b.shared[0], 'photoplethysmography', 'the everywhere-word is no longer the most telling');
  });

  it('the key and a URL path count as the entry’s own words; a DOI link does not', () => {
    const software = { key: 'pixi2025', type: 'software', title: 'Package manager', authors: [], keywords: [], url: 'https://github.com/prefix-dev/pixi', location: { file: 'x.bib', line: 1, column: 1 }, csl: {} } as BibEntry;
    assert.ok(relevanceOf('Environments are locked with pixi.', software).shared.includes('pixi'));
    const doiOnly = { ...software, key: 'k', url: 'https://doi.org/10.5281/zenodo.17537699' } as BibEntry;
    assert.equal(relevanceOf('The record zenodo holds it.', doiOnly).score, 0);
  });
});
