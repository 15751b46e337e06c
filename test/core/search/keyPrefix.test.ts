/**
 * A key that starts with what was typed comes first (issue 14): on the 31 real papers' bibliographies,
 * the moderndive one in particular, and on the real 6k library (which `npm run bench` replicates to
 * 50k; its 180 rosen* keys already fill a completion list).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseBibliographyText } from '../../../src/core/bibliography/formats/parseText';
import { CitationSearch } from '../../../src/core/search/citationSearch';
import { foldKey } from '../../../src/core/search/normalise';
import type { BibEntry } from '../../../src/core/types';

const BIBLIOGRAPHY_FIXTURES = path.join(__dirname, '../../fixtures/bibliography');
const PAPERS = path.join(__dirname, '../../fixtures/papers');
const load = (file: string): readonly BibEntry[] => parseBibliographyText(fs.readFileSync(file, 'utf8'), file).entries;
const keys = (hits: { entry: BibEntry }[]): string[] => hits.map((h) => h.entry.key);

describe('key prefixes rank first', () => {
  describe('the moderndive paper', () => {
    const search = new CitationSearch(load(path.join(PAPERS, '01-moderndive', 'paper.bib')));

    it('"R-gg" puts R-ggplot2 first, before the other R- packages', () => {
      assert.equal(keys(search.search('R-gg'))[0], 'R-ggplot2');
      assert.equal(keys(search.search('r-ggp'))[0], 'R-ggplot2');
    });

    it('"g" and "gg" offer R-ggplot2: a segment after "-" is a start too', () => {
      assert.ok(keys(search.search('g')).includes('R-ggplot2'));
      assert.equal(keys(search.search('gg'))[0], 'R-ggplot2');
      assert.equal(keys(search.search('ggplot2'))[0], 'R-ggplot2');
    });
  });

  it('in every paper, keys starting with a prefix of a key come before all other hits', () => {
    const papers = fs.readdirSync(PAPERS).filter((f) => fs.existsSync(path.join(PAPERS, f, 'paper.bib')));
    assert.equal(papers.length, 31);
    let checked = 0;
    for (const paper of papers) {
      const entries = load(path.join(PAPERS, paper, 'paper.bib'));
      const search = new CitationSearch(entries);
      for (const entry of entries) {
        const key = entry.key;
        for (const typed of new Set([key.slice(0, 2), key.slice(0, Math.ceil(key.length / 2)), key.slice(0, -1)])) {
          if (foldKey(typed).length < 2) continue;
          const starting = entries.filter((e) => foldKey(e.key).startsWith(foldKey(typed))).length;
          const hits = keys(search.search(typed, 50));
          const firstOther = hits.findIndex((k) => !foldKey(k).startsWith(foldKey(typed)));
          const expected = Math.min(starting, 50);
          assert.ok(firstOther === -1 || firstOther >= expected, `${paper}: "${typed}" lists ${hits[firstOther]} at ${firstOther}, before all ${starting} keys starting with it`);
          assert.ok(hits.includes(key) || starting > 50, `${paper}: "${typed}" misses ${key}`);
          checked++;
        }
      }
    }
    assert.ok(checked > 1000, `${checked} prefixes checked`);
  });

  it('"rosen" lists rosenbaum* keys above entries where Rosenbaum is a co-author', function () {
    this.timeout(120_000);
    const library = load(path.join(BIBLIOGRAPHY_FIXTURES, 'big/gsa_oes_matching_guide_big.bib'));
    const search = new CitationSearch(library);
    assert.ok(library.filter((e) => e.key.startsWith('rosen')).length > 50);
    const hits = search.search('rosen', 50);
    assert.equal(hits.length, 50);
    // Before, silber2009 (Silber, Rosenbaum, Rosen), volpp2009 … came first, and 8 of the 50 were co-authored.
    for (const h of hits) assert.match(h.entry.key, /^rosen/);
    assert.equal(keys(search.search('silber', 50))[0]?.startsWith('silber'), true);
  });
});
