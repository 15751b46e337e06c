import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parseBibliographyText } from '../../../src/core/bibliography/formats/parseText';
import { buildTokenIndex, concatTokenIndexes } from '../../../src/core/search/buildTokenIndex';
import type { TokenIndexParts } from '../../../src/core/search/tokenIndex';
import type { BibEntry, Person } from '../../../src/core/types';
import { checkProperty } from '../../property/helpers';
import { BIG_BIB } from '../../sharedFixtures';

/**
 * A file parsed in pieces (one per thread) is indexed by joining the pieces' indexes
 * (concatTokenIndexes): the result must be the very index a build over the whole entry list gives,
 * array for array — vocabulary order, postings, sort order and trigram lists alike.
 */

const LOCATION = { file: 'refs.bib', line: 1, column: 1 };

/** The pieces' indexes joined. */
function joined(pieces: readonly (readonly BibEntry[])[]): TokenIndexParts {
  return concatTokenIndexes(pieces.map((entries) => ({ index: buildTokenIndex(entries), entries: entries.length })));
}

/** `entries` cut before each of `cuts` (positions, any order, repeats make empty pieces). */
function split<T>(entries: readonly T[], cuts: readonly number[]): T[][] {
  const at = [0, ...cuts.map((c) => c % (entries.length + 1)).sort((a, b) => a - b), entries.length];
  return at.slice(1).map((end, k) => entries.slice(at[k]!, end));
}

/**
 * Whether a token is key-only in one piece and word-like in a later one: it joins the trigram lists
 * at its earlier id, so the joined trigrams are not the first piece's with the later ones appended.
 */
function turnsWordLike(pieces: readonly TokenIndexParts[]): boolean {
  const wordLikeLater = new Set<string>();
  for (let p = pieces.length - 1; p >= 0; p--) {
    const { tokens, trigramIds } = pieces[p]!;
    const wordLike = new Set(Array.from(trigramIds, (id) => tokens[id]!));
    if (tokens.some((t) => t.length >= 3 && !wordLike.has(t) && wordLikeLater.has(t))) return true;
    for (const t of wordLike) wordLikeLater.add(t);
  }
  return false;
}

// Words shared between entries (stopwords among them), non-ASCII ones, and words keys are made of
// that other entries use in titles and names.
const SHARED_WORDS = ['learning', 'teacher', 'education', 'mobile', 'evidence', 'the', 'of', 'de', 'and', 'ab', 'x'];
const NON_ASCII_WORDS = ['Ødegård', 'Haßler', 'Çetinkaya-Rundel', 'Ελλάδα', 'naïve', 'İstanbul', 'ﬁnal', 'Straße', 'Ⅻ'];
const KEY_WORDS = ['ggplot2', 'Tidyverse', 'EdTech', 'worldbank', 'hub2020'];
const uniqueWord = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789éøßA'), minLength: 1, maxLength: 9 });
const word = fc.oneof(fc.constantFrom(...SHARED_WORDS), fc.constantFrom(...NON_ASCII_WORDS), fc.constantFrom(...KEY_WORDS), uniqueWord);
const text = fc.tuple(fc.array(word, { maxLength: 6 }), fc.constantFrom(' ', ': ', '-', ' — ')).map(([words, separator]) => words.join(separator));
const year = fc.option(fc.integer({ min: 1990, max: 2030 }), { nil: undefined });
const person: fc.Arbitrary<Person> = fc.oneof(
  fc.tuple(text, fc.option(word, { nil: undefined })).map(([family, given]) => (given === undefined ? { family } : { family, given })),
  text.map((literal) => ({ literal })),
  word.map((given) => ({ given })),
);
const key = fc
  .tuple(fc.array(fc.oneof(fc.constantFrom(...KEY_WORDS, 'R', 'Smith', 'Çetinkaya', 'vanDerBerg'), uniqueWord, year.map(String)), { minLength: 1, maxLength: 3 }), fc.constantFrom('', '-', ':', '_', '.'))
  .map(([parts, separator]) => parts.join(separator));
const entry: fc.Arbitrary<BibEntry> = fc
  .record({
    key,
    title: fc.option(text, { nil: undefined }),
    authors: fc.array(person, { maxLength: 3 }),
    editors: fc.array(person, { maxLength: 2 }),
    year,
    suffix: fc.constantFrom('', '', 'a', 'b'),
    keywords: fc.array(text, { maxLength: 2 }),
  })
  .map(({ title, year, suffix, ...rest }) => ({
    ...rest,
    type: 'article-journal',
    ...(title === undefined ? {} : { title }),
    ...(year === undefined ? {} : { year, yearLabel: `${year}${suffix}` }),
    location: LOCATION,
    csl: {},
  }));

describe('search/buildTokenIndex: concatTokenIndexes', () => {
  it('joins the indexes of random entry lists cut into 1–4 pieces into the index of the whole list', () => {
    let cutInPieces = 0;
    let turnedWordLike = 0;
    checkProperty(
      'search/concat-token-indexes',
      [fc.array(entry, { maxLength: 30 }), fc.array(fc.nat(), { maxLength: 3 })],
      (entries, cuts) => {
        const pieces = split(entries, cuts);
        const indexes = pieces.map((p) => buildTokenIndex(p));
        assert.deepEqual(concatTokenIndexes(pieces.map((p, k) => ({ index: indexes[k]!, entries: p.length }))), buildTokenIndex(entries));
        if (pieces.filter((p) => p.length > 0).length > 1) cutInPieces++;
        if (turnsWordLike(indexes)) turnedWordLike++;
      },
      400,
    );
    // The cases that make joining more than appending must have been met.
    assert.ok(cutInPieces > 100, `${cutInPieces} runs cut the list in two or more pieces`);
    assert.ok(turnedWordLike > 10, `${turnedWordLike} runs had a token key-only in one piece and word-like in a later one`);
  });

  it('joins no pieces into the empty index, and one piece into its own index', () => {
    assert.deepEqual(concatTokenIndexes([]), buildTokenIndex([]));
    const one: BibEntry = { key: 'R-ggplot2', type: 'book', title: 'Elegant Graphics', authors: [{ family: 'Wickham' }], keywords: [], location: LOCATION, csl: {} };
    assert.deepEqual(joined([[one]]), buildTokenIndex([one]));
  });

  it('joins the real 6k library cut in two, and in three, into the index of the whole library', () => {
    const big = parseBibliographyText(readFileSync(BIG_BIB, 'utf8'), BIG_BIB).entries;
    const whole = buildTokenIndex(big);
    const halves = split(big, [2500]);
    assert.ok(turnsWordLike(halves.map((p) => buildTokenIndex(p))), 'a key segment of the first part is a word of the second');
    assert.deepEqual(joined(halves), whole);
    assert.deepEqual(joined(split(big, [1000, 4000])), whole);
  });
});
