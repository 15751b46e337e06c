/**
 * plainNarrativeMatches skips the parts of a document where a narrative citation cannot be; it must
 * find exactly what running the pattern over the whole text finds.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { PLAIN_NARRATIVE, plainNarrativeMatches } from '../../../src/core/citations/authorYear';
import { HUB_FIXTURES, paperFixture } from '../../sharedFixtures';

const everyMatch = (text: string) => [...text.matchAll(new RegExp(PLAIN_NARRATIVE.source, PLAIN_NARRATIVE.flags))].map((m) => [m.index, m[0]]);
const skipping = (text: string) => [...plainNarrativeMatches(text)].map((m) => [m.index, m[0]]);

const PIECES = [
  'Smith', 'Jones', 'World Bank', 'van ', 'de ', 'der ', 'O’Brien', "D'Souza", 'Hernández', 'Émile', 'Ørsted', '𝐀lpha', 'Zoë\u0308',
  ' et al.', ' et al', ', ', ' & ', ' and ', ' ', '  ', '\n', '\n\n', '\t', '(', ')', '(2019)', '(2020a)', '(1999, 2001)', ' (2021, p. 4)',
  '(2019', '2019)', '(20', '19)', 'the ', 'The ', 'In ', 'See ', '.', '. ', ';', ':', '"', '“', '”', '-', "'", '’', '⇡', '1', '42',
  'x', 'Q', '\u00a0', '—',
];
const documents = fc.array(fc.constantFrom(...PIECES), { maxLength: 80 }).map((parts) => parts.join(''));

describe('plainNarrativeMatches', () => {
  it('finds what matchAll over the whole text finds, on generated text', () => {
    let withMatches = 0;
    fc.assert(
      fc.property(documents, (text) => {
        const expected = everyMatch(text);
        if (expected.length > 0) withMatches++;
        assert.deepEqual(skipping(text), expected);
      }),
      { numRuns: 3000 },
    );
    assert.ok(withMatches >= 100, `generated texts with citations: ${withMatches}`);
  });

  it('finds what matchAll finds on the real papers and blogs (with their narrative citations)', () => {
    const blogs = path.join(HUB_FIXTURES, 'blogs');
    const texts = [
      ...['01-moderndive', '27-REHO', '41-aiapy'].map((p) => fs.readFileSync(paperFixture(p, 'paper.md'), 'utf8')),
      ...fs.readdirSync(blogs).map((b) => fs.readFileSync(path.join(blogs, b), 'utf8')),
      'As Smith and Jones (2019) and van der Berg et al. (2020a, 2021) showed, (Vegas 2020) differs from Hernández (2018).',
    ];
    let found = 0;
    for (const text of texts) {
      const expected = everyMatch(text);
      found += expected.length;
      assert.deepEqual(skipping(text), expected);
    }
    assert.ok(found >= 3, `the texts hold narrative citations (${found})`);
  });
});
