/**
 * What the normaliser mends in citation-js's reading of BibTeX: names that begin with a braced accent
 * (read as a "von" particle, losing a hyphen) and BibLaTeX type keys left as a genre ("[Techreport]").
 */
import * as assert from 'node:assert/strict';
import { parseBibliographyText } from '../../../src/core/bibliography/formats/parseText';
import { ReferenceFormatter } from '../../../src/core/format/formatReference';

const formatter = new ReferenceFormatter();
const formatReference = (entry: Parameters<ReferenceFormatter['format']>[0]): string => formatter.format(entry);
import { citationLabel } from '../../../src/core/format/labels';
import type { BibEntry } from '../../../src/core/types';
import type { CslItem } from '../../../src/core/bibliography/formats/citationJs';
import { normaliseCslItem, normaliseOwnCslItem } from '../../../src/core/bibliography/formats/normaliseEntry';
import { readFileSync } from 'node:fs';
import { paperBib, paperBibs } from './fixtures';

const moderndive = parseBibliographyText(readFileSync(paperBib('01-moderndive'), 'utf8'), paperBib('01-moderndive')).entries;
const byKey = (entries: readonly BibEntry[], key: string): BibEntry => entries.find((e) => e.key === key)!;
const one = (bibtex: string): BibEntry => {
  const loaded = parseBibliographyText(bibtex, 'test.bib');
  assert.deepEqual(loaded.problems, []);
  return loaded.entries[0]!;
};
const cslNames = (e: BibEntry) => e.csl.author as Record<string, string>[];

describe('normaliseEntry: names', () => {
  it('keeps "{\\c{C}}etinkaya-Rundel" (moderndive) one hyphenated family name, in labels and references', () => {
    const diez = byKey(moderndive, 'diez2015openintro');
    assert.deepEqual(diez.authors[2], { family: 'Çetinkaya-Rundel', given: 'M.' });
    assert.deepEqual(cslNames(diez)[2], { given: 'M.', family: 'Çetinkaya-Rundel' });
    assert.equal(citationLabel(diez), 'Diez, Barr & Çetinkaya-Rundel (2015)');
    assert.match(formatReference(diez), /^Diez, D\. M\., Barr, C\. D\., & Çetinkaya-Rundel, M\. \(2015\)\. OpenIntro Statistics/);
  });

  it('puts a capitalised part citation-js took for a particle where BibTeX puts it', () => {
    assert.deepEqual(one('@misc{a, author = {{\\"O}zdemir Yilmaz, Ayşe}, year = 2020}').authors, [{ family: 'Özdemir Yilmaz', given: 'Ayşe' }]);
    assert.deepEqual(one('@misc{a, author = {M. {\\c{C}}etinkaya-Rundel}, year = 2020}').authors, [{ family: 'Çetinkaya-Rundel', given: 'M.' }]);
    assert.deepEqual(one("@misc{a, author = {{\\'E}mile Zola}, year = 2020}").authors, [{ family: 'Zola', given: 'Émile' }]);
  });

  it('leaves real particles alone: "van der Walt", "de Jager"', () => {
    assert.deepEqual(one('@misc{a, author = {van der Walt, St{\\\'e}fan J. and de Jager, Tim}, year = 2020}').authors, [
      { family: 'van der Walt', given: 'Stéfan J.' },
      { family: 'de Jager', given: 'Tim' },
    ]);
  });

  it('no name in the 31 papers\' bibliographies keeps a capitalised particle', () => {
    let names = 0;
    for (const file of paperBibs()) {
      for (const e of parseBibliographyText(readFileSync(file, 'utf8'), file).entries) {
        for (const n of [...((e.csl.author as Record<string, unknown>[] | undefined) ?? []), ...((e.csl.editor as Record<string, unknown>[] | undefined) ?? [])]) {
          names++;
          const particle = n['non-dropping-particle'];
          assert.ok(typeof particle !== 'string' || !/^\p{Lu}/u.test(particle), `${e.key}: particle ${String(particle)}`);
        }
      }
    }
    assert.ok(names > 1000, `${names} names`);
  });
});

describe('normaliseEntry: BibTeX types', () => {
  it('a @techreport is a CSL report with no bracketed genre: APA shows no "[Techreport]" (moderndive ASAGuidelines)', () => {
    const asa = byKey(moderndive, 'ASAGuidelines');
    assert.equal(asa.csl.type, 'report');
    assert.equal(asa.csl.genre, undefined);
    const apa = formatReference(asa);
    assert.ok(!apa.includes('['), apa);
    assert.match(apa, /College Report 2016\.?” American Statistical Association\.$/);
  });

  it('theses say what APA says; a genre the file gives is kept', () => {
    const base = 'author = {Smith, Jane}, title = {A Title}, year = {2020}, school = {University of Nairobi}';
    assert.match(formatReference(one(`@phdthesis{a, ${base}}`)), /A Title \[Doctoral dissertation\]\. University of Nairobi\./);
    assert.match(formatReference(one(`@mastersthesis{a, ${base}}`)), /A Title \[Master’s thesis\]\. University of Nairobi\./);
    assert.match(formatReference(one(`@thesis{a, ${base}, type = {mathesis}}`)), /\[Master’s thesis\]/);
    assert.match(formatReference(one(`@techreport{a, ${base}, institution = {EdTech Hub}, type = {Working Paper}, number = {12}}`)), /A Title \(Working Paper No\. 12\)\. EdTech Hub\./);
    for (const type of ['misc', 'online', 'unpublished', 'report', 'manual', 'booklet']) {
      assert.ok(!formatReference(one(`@${type}{a, ${base}}`)).includes('['), type);
    }
  });
});

describe('normaliseEntry: items completed in place', () => {
  const item = (): CslItem => ({ type: 'book', title: 'A  Title', author: [{ family: 'Doe', given: 'J.' }, { family: 'others' }], issued: { 'date-parts': [[2020]], literal: undefined } });
  const location = { file: 'x.bib', line: 1, column: 1 };

  it('normaliseOwnCslItem gives the entry normaliseCslItem gives, with the item itself as its csl', () => {
    const own = item();
    const entry = normaliseOwnCslItem(own, 'doe2020', location);
    assert.deepEqual(entry, normaliseCslItem(item(), 'doe2020', location));
    assert.equal(entry.csl, own);
    assert.deepEqual(Object.keys(entry.csl), ['type', 'title', 'author', 'issued', 'id']);
  });

  it('normaliseCslItem leaves the item it is given as it was', () => {
    const given = item();
    const entry = normaliseCslItem(given, 'doe2020', location);
    assert.deepEqual(given, item());
    assert.notEqual(entry.csl, given);
    assert.equal(entry.csl.id, 'doe2020');
  });
});
