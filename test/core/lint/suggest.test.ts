import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseBibliographyText } from '../../../src/core/bibliography/loadFile';
import { editDistance, entryLabel, normaliseName, suggestByAuthor, suggestKeys } from '../../../src/core/lint/suggest';

const file = path.join(__dirname, '../../fixtures/lint/hub-outputs.bib');
const entries = parseBibliographyText(fs.readFileSync(file, 'utf8'), file).entries;
const keys = entries.map((e) => e.key);

describe('did-you-mean suggestions', () => {
  it('editDistance counts insertions, deletions, substitutions and transpositions', () => {
    assert.equal(editDistance('hasler2020', 'hassler2020'), 1);
    assert.equal(editDistance('vegas2020', 'vegsa2020'), 1);
    assert.equal(editDistance('abc', 'xyz'), 3);
    assert.equal(editDistance('same', 'same'), 0);
    assert.equal(editDistance('short', 'a much longer string', 2), 3, 'stops early past max');
  });

  it('suggests near keys from the real Hub bibliography, closest first', () => {
    assert.deepEqual(suggestKeys('hasler2020', keys).slice(0, 1), ['hassler2020']);
    assert.equal(suggestKeys('Vegas2020', keys)[0], 'vegas2020');
    assert.deepEqual(suggestKeys('zzzzzzzz1999', keys), []);
    // A key without its year extends to the keys that start with it.
    assert.ok(suggestKeys('liyanagunawardena', keys).includes('liyanagunawardena2013'));
  });

  it('suggests entries by a near first author, nearest year first', () => {
    const near = suggestByAuthor('Hasler', '2021', entries).map((e) => e.key);
    assert.ok(near.length > 0 && near.every((k) => k.startsWith('hassler')), near.join());
    assert.equal(normaliseName('Haßler'), 'hassler');
    assert.deepEqual(suggestByAuthor('Nobody', '2020', entries), []);
  });

  it('labels entries as people cite them', () => {
    const hennessy = entries.find((e) => e.key === 'hennessy2021')!;
    assert.equal(entryLabel(hennessy), 'Hennessy et al. (2021)');
    const major = entries.find((e) => e.key === 'major2020a')!;
    assert.match(entryLabel(major), /^Major & Francis \(2020a?\)$/);
  });
});
