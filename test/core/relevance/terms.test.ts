import * as assert from 'node:assert/strict';
import { TermReader } from '../../../src/core/relevance/terms';

describe('TermReader', () => {
  const reader = new TermReader();
  const stems = (text: string) => [...reader.read(text).stems.keys()];

  it('folds, drops stop words and numbers, and stems, so inflected forms meet', () => {
    assert.deepEqual(stems('The Punishment of punishers in 2015'), [reader.stem('punishment')]);
    assert.equal(reader.stem('punishment'), reader.stem('punishers'));
    assert.deepEqual(stems('Haßler’s Évaluation'), stems('hassler evaluation'));
  });

  it('remembers each stem with the word as first written', () => {
    const { stems: written } = reader.read('Teachers teach; teachers learn.');
    assert.equal(written.get(reader.stem('teachers')), 'Teachers');
  });

  it('splits camelCase names as well as keeping them whole', () => {
    const found = stems('AeroAcoustics edgeDetection');
    for (const w of ['aeroacoustics', 'aero', 'acoustics', 'edgedetection', 'edge', 'detection']) assert.ok(found.includes(reader.stem(w)), w);
  });

  it('keeps names with digits and one-letter capitals, not DOI fragments or lone lower-case letters', () => {
    const found = stems('plots with ggplot2 in R and 3D views, s41598 x');
    assert.ok(found.includes('ggplot2'));
    assert.ok(found.includes('r'));
    assert.ok(found.includes('3d'));
    assert.ok(!found.includes('s41598'));
    assert.ok(!found.includes('x'));
  });

  it('reads acronyms as written and the initialisms of runs of content words', () => {
    const sentence = reader.read('Wearables measure HR and HRVs during sleep.');
    assert.deepEqual([...sentence.acronyms].sort(), ['hr', 'hrv']);
    const title = reader.read('Guidelines for reporting on heart rate variability');
    assert.ok(title.initialisms.has('hrv'));
    assert.ok(title.initialisms.has('grhrv'));
    assert.ok(!title.initialisms.has('gfr'), 'stop words are skipped');
  });
});
