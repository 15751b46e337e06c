import { strict as assert } from 'node:assert';
import { findCitations } from '../../../src/core/citations/findCitations';
import type { Citation } from '../../../src/core/types';
import { readFixture } from './helpers';

const authorYear = (text: string, language: 'plaintext' | 'markdown' | 'latex' = 'plaintext') =>
  findCitations(text, language).filter((c) => c.syntax === 'author-year');
const items = (cs: readonly Citation[]) => cs.flatMap((c) => c.items.map((i) => i.authorYear));

describe('author-year citations', () => {
  describe('in the real EdTech Hub blog (⇡ citations)', () => {
    const text = readFixture('hub', 'blogs', 'advancing-evidence-based-decision-making-2021.txt');
    const found = authorYear(text);

    it('finds exactly the three citations the post makes, with their spans', () => {
      assert.deepEqual(
        found.map((c) => text.slice(c.span.start, c.span.end)),
        [
          '(e.g. ⇡Castillo, et al., 2015; ⇡Liyanagunawardena, et al., 2013; ⇡Selwyn, 2016b)',
          '(⇡Vegas, 2020; ⇡World Bank, 2016)',
          '⇡Hennessy, Jordan & Wagner (2021)',
        ],
      );
      assert.deepEqual(found.map((c) => c.narrative === true), [false, false, true]);
    });

    it('reads names, et al., corporate authors and suffix letters', () => {
      assert.deepEqual(items(found), [
        { names: ['Castillo'], etAl: true, year: '2015' },
        { names: ['Liyanagunawardena'], etAl: true, year: '2013' },
        { names: ['Selwyn'], etAl: false, year: '2016b' },
        { names: ['Vegas'], etAl: false, year: '2020' },
        { names: ['World Bank'], etAl: false, year: '2016' },
        { names: ['Hennessy', 'Jordan', 'Wagner'], etAl: false, year: '2021' },
      ]);
      const selwyn = found[0].items[2];
      assert.equal(text.slice(selwyn.span.start, selwyn.span.end), 'Selwyn, 2016b');
      assert.equal(selwyn.text, 'Selwyn, 2016b');
    });

    it('finds none in the 2024 post, which cites nothing (its years and numbers are not citations)', () => {
      assert.deepEqual(authorYear(readFixture('hub', 'blogs', 'shaping-the-sector-2024.txt')), []);
    });
  });

  it('the same forms without ⇡', () => {
    const text = 'Shown (Vegas, 2020). Smith and Jones (2019) agree, as do Smith et al. (2019a, 2019b) and (World Bank, 2016; Takacs et al., 2015, p. 4).';
    const found = authorYear(text);
    assert.deepEqual(found.map((c) => [text.slice(c.span.start, c.span.end), c.narrative === true]), [
      ['(Vegas, 2020)', false],
      ['Smith and Jones (2019)', true],
      ['Smith et al. (2019a, 2019b)', true],
      ['(World Bank, 2016; Takacs et al., 2015, p. 4)', false],
    ]);
    assert.deepEqual(items(found), [
      { names: ['Vegas'], etAl: false, year: '2020' },
      { names: ['Smith', 'Jones'], etAl: false, year: '2019' },
      { names: ['Smith'], etAl: true, year: '2019a' },
      { names: ['Smith'], etAl: true, year: '2019b' },
      { names: ['World Bank'], etAl: false, year: '2016' },
      { names: ['Takacs'], etAl: true, year: '2015' },
    ]);
  });

  it('accepts particles, hyphens, apostrophes and diacritics in names', () => {
    const found = authorYear("(see van der Berg, 2019; O’Brien-Smith & Haßler, 2020)");
    assert.deepEqual(items(found), [
      { names: ['van der Berg'], etAl: false, year: '2019' },
      { names: ['O’Brien-Smith', 'Haßler'], etAl: false, year: '2020' },
    ]);
  });

  it('is careful without ⇡: bare years, dates, sentence words and proper-noun phrases are not citations', () => {
    const negatives = [
      'In 2019, the programme grew.',
      'It was published later (2021).',
      'Schools closed (March 2020) and again (March, 2021).',
      'The Summit (2022) was large, as was the EdTech Hub (2021) report.',
      'This (2019) was odd; In (2019) too.',
      'Costs rose (from 1999 to 2005) and by 2,750 articles (about 109 countries).',
      'The decade (1990s) saw change (n = 2019).',
      'Code `Smith (2019)` and math $Smith (2019)$ are not prose.',
    ];
    for (const text of negatives) assert.deepEqual(authorYear(text, 'markdown'), [], text);
  });

  it('does not look in the reference list, link targets or front matter', () => {
    const text = '---\nnote: (Smith, 2019)\n---\n\nSee [here](https://x.org/(Smith,_2019)).\n\n# References\n\nSmith, J. (2019). A title. Publisher.\n';
    assert.deepEqual(authorYear(text, 'markdown'), []);
  });

  it('also works in LaTeX and Markdown prose', () => {
    assert.equal(authorYear('As shown (Vegas, 2020).', 'latex').length, 1);
    assert.equal(authorYear('As shown (⇡Vegas, 2020).', 'markdown').length, 1);
  });
});
