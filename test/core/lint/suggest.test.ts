import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseBibliographyText } from '../../../src/core/bibliography/formats/parseText';
import { BibliographyIndex } from '../../../src/core/bibliography/index/bibliographyIndex';
import { editDistance, normaliseName, suggestByAuthor, suggestKeys } from '../../../src/core/lint/suggest';

const file = path.join(__dirname, '../../fixtures/hub/hub-outputs.bib');
const hub = BibliographyIndex.fromFiles([parseBibliographyText(fs.readFileSync(file, 'utf8'), file)]);

describe('did-you-mean suggestions', () => {
  it('editDistance counts insertions, deletions, substitutions and transpositions', () => {
    assert.equal(editDistance('hasler2020', 'hassler2020'), 1);
    assert.equal(editDistance('vegas2020', 'vegsa2020'), 1);
    assert.equal(editDistance('abc', 'xyz'), 3);
    assert.equal(editDistance('same', 'same'), 0);
    assert.equal(editDistance('short', 'a much longer string', 2), 3, 'stops early past max');
  });

  it('suggests near keys from the real Hub bibliography, closest first', () => {
    assert.deepEqual(suggestKeys('hasler2020', hub).slice(0, 1), ['hassler2020']);
    assert.equal(suggestKeys('Vegas2020', hub)[0], 'vegas2020');
    assert.deepEqual(suggestKeys('zzzzzzzz1999', hub), []);
    // A key without its year extends to the keys that start with it.
    assert.ok(suggestKeys('liyanagunawardena', hub).includes('liyanagunawardena2013'));
  });

  it('suggests entries by a near first author, nearest year first', () => {
    const near = suggestByAuthor('Hasler', '2021', hub).map((e) => e.key);
    assert.ok(near.length > 0 && near.every((k) => k.startsWith('hassler')), near.join());
    assert.equal(normaliseName('Haßler'), 'hassler');
    assert.deepEqual(suggestByAuthor('Nobody', '2020', hub), []);
  });

  it('the prepared index suggests exactly what a full scan of every key would, on a real 6k-entry library', () => {
    const bigFile = path.join(__dirname, '../../fixtures/bibliography/big/gsa_oes_matching_guide_big.bib');
    const bigIndex = BibliographyIndex.fromFiles([parseBibliographyText(fs.readFileSync(bigFile, 'utf8'), bigFile)]);
    const big = bigIndex.entries;
    // Reference: every key, full distance, no filters (what suggestKeys did before it was indexed).
    const fullScan = (key: string): string[] => {
      const lower = key.toLowerCase();
      const max = lower.length >= 12 ? 3 : lower.length >= 5 ? 2 : 1;
      const scored: { key: string; rank: number }[] = [];
      for (const e of big) {
        const d = editDistance(lower, e.key.toLowerCase(), max);
        if (d <= max) scored.push({ key: e.key, rank: d });
        else if (lower.length >= 4 && e.key.toLowerCase().startsWith(lower)) scored.push({ key: e.key, rank: max + 0.5 });
      }
      scored.sort((x, y) => x.rank - y.rank || x.key.localeCompare(y.key));
      return scored.slice(0, 3).map((s) => s.key);
    };
    // Deterministic typos of real keys: a dropped, a doubled and a swapped character, a cut-off year.
    const queries = big.filter((_, i) => i % 61 === 0).flatMap(({ key }) => {
      const at = Math.floor(key.length / 2);
      return [key.slice(0, at) + key.slice(at + 1), key.slice(0, at) + key[at] + key.slice(at), key.slice(0, at - 1) + key[at] + key[at - 1] + key.slice(at + 1), key.replace(/\d+$/, ''), key.toUpperCase()];
    });
    assert.ok(queries.length > 400);
    let withSuggestions = 0;
    for (const q of queries) {
      const expected = fullScan(q);
      assert.deepEqual(suggestKeys(q, bigIndex), expected, q);
      if (expected.length > 0) withSuggestions++;
    }
    assert.ok(withSuggestions > queries.length * 0.8, `only ${withSuggestions} of ${queries.length} typos had suggestions`);
  });
});
