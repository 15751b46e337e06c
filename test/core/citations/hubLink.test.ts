import { strict as assert } from 'node:assert';
import { findCitations } from '../../../src/core/citations/findCitations';
import { describe as shape } from './helpers';

describe('EdTech Hub library links', () => {
  it('finds raw URLs and Markdown link targets, with the 8-char key', () => {
    const text = 'See https://docs.edtechhub.org/lib/ABCD1234 and [(⇡Vegas, 2020)](https://docs.edtechhub.org/lib/wxyz9876?page=2).';
    const found = findCitations(text, 'markdown');
    assert.deepEqual(shape(text, found), [
      { syntax: 'hub-link', text: 'https://docs.edtechhub.org/lib/ABCD1234', items: ['ABCD1234'], narrative: false },
      { syntax: 'author-year', text: '(⇡Vegas, 2020)', items: ['Vegas, 2020'], narrative: false },
      { syntax: 'hub-link', text: 'https://docs.edtechhub.org/lib/wxyz9876?page=2', items: ['wxyz9876'], narrative: false },
    ]);
    assert.deepEqual(found.map((c) => c.items[0].hubKey), ['ABCD1234', undefined, 'WXYZ9876']);
  });

  it('finds Hub DOIs and scheme-less links in plain text and LaTeX', () => {
    const text = 'Read docs.edtechhub.org/lib/QWER5678, doi:10.53832/edtechhub.0176 and \\url{https://doi.org/10.53832/edtechhub.0044}.';
    for (const language of ['plaintext', 'latex'] as const) {
      assert.deepEqual(
        findCitations(text, language).map((c) => c.items[0].hubKey),
        ['QWER5678', 'edtechhub.0176', 'edtechhub.0044'],
        language,
      );
    }
  });

  it('rejects keys that are not exactly 8 characters, and links in code', () => {
    const text = 'docs.edtechhub.org/lib/ABC123 docs.edtechhub.org/lib/ABCDEFGHI `docs.edtechhub.org/lib/ABCD1234`';
    assert.deepEqual(findCitations(text, 'markdown'), []);
  });
});

describe('Hub links inside author-year parentheses', () => {
  it('reports each linked author-year item and each link, without overlaps', () => {
    const text =
      'Used by the privileged (e.g. [⇡Castillo, et al., 2015](https://docs.edtechhub.org/lib/AAAA1111); [⇡Selwyn, 2016b](https://docs.edtechhub.org/lib/BBBB2222)). ' +
      'See [⇡Hennessy, Jordan & Wagner](https://docs.edtechhub.org/lib/CCCC3333) (2021).';
    const found = findCitations(text, 'markdown');
    assert.deepEqual(
      found.map((c) => [c.syntax, c.items[0].hubKey ?? c.items[0].authorYear?.names.join('+') + ' ' + c.items[0].authorYear?.year]),
      [
        ['author-year', 'Castillo 2015'],
        ['hub-link', 'AAAA1111'],
        ['author-year', 'Selwyn 2016b'],
        ['hub-link', 'BBBB2222'],
        ['author-year', 'Hennessy+Jordan+Wagner 2021'],
        ['hub-link', 'CCCC3333'],
      ],
    );
    for (let i = 1; i < found.length; i++) assert.ok(found[i - 1].span.end <= found[i].span.start);
  });

  it('regression (found by the property tests in CI, seed 169688118): a link pasted between names and year cuts the names before the separators', () => {
    const text = '(e.g. ⇡Castillo,https://docs.edtechhub.org/lib/ABCD1234 et al., 2015; ⇡Liyanagunawardena, et al., 2013)';
    const found = findCitations(text, 'markdown');
    const castillo = found.find((c) => c.items[0].authorYear?.year === '2015')!;
    assert.equal(text.slice(castillo.span.start, castillo.span.end), 'Castillo');
    assert.deepEqual(
      found.map((c) => c.syntax),
      ['author-year', 'hub-link', 'author-year'],
    );
    for (let i = 1; i < found.length; i++) assert.ok(found[i - 1].span.end <= found[i].span.start);
  });
});
