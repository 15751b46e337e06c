import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { CitationSearch } from '../../../src/core/search/citationSearch';
import { foldLetters } from '../../../src/core/text/foldLetters';
import type { BibEntry } from '../../../src/core/types';
import { hubEntries } from './hubEntries';

const keys = (hits: { entry: BibEntry }[]): string[] => hits.map((h) => h.entry.key);
const firstAuthor = (e: BibEntry): string => foldLetters(e.authors[0]?.family ?? e.authors[0]?.literal ?? '');

describe('CitationSearch on the real EdTech Hub entries', () => {
  const entries = hubEntries();
  const search = new CitationSearch(entries);

  describe('prefixes a writer types', () => {
    it('"hen" puts the Hennessy-first entries on top, before entries where Hennessy is a co-author', () => {
      const hits = search.search('hen', 10);
      const firstFour = hits.slice(0, 4).map((h) => h.entry);
      assert.deepEqual(firstFour.map(firstAuthor), ['hennessy', 'hennessy', 'hennessy', 'hennessy']);
      const coAuthored = keys(hits).indexOf('hassler2016');
      assert.ok(coAuthored > 3, `hassler2016 (Hennessy third author) at ${coAuthored}`);
    });

    it('"sel" finds Selwyn first', () => {
      assert.equal(search.search('sel')[0]?.entry.key, 'selwyn2016b');
    });

    it('one letter matches names and keys, not title words', () => {
      const hits = search.search('b', 50);
      assert.ok(hits.length > 0);
      for (const h of hits) {
        const names = h.entry.authors.map((a) => foldLetters(a.family ?? a.literal ?? ''));
        // Key segments: after punctuation, at a case change, between letters and digits.
        const keyParts = h.entry.key.split(/[^\p{L}\p{N}]+|(?<=\p{Ll})(?=\p{Lu})|(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})/u).map(foldLetters);
        const ok = keyParts.some((p) => p.startsWith('b')) || names.some((n) => n.split(/[^a-z]+/).some((w) => w.startsWith('b')));
        assert.ok(ok, `${h.entry.key} matched "b" through neither key nor author`);
      }
    });

    it('a key prefix finds every key it starts', () => {
      const hits = search.search('edtechhub2025obs', 10);
      assert.deepEqual(keys(hits).slice(0, 3).sort(), [
        'edtechhub2025observatorya',
        'edtechhub2025observatoryb',
        'edtechhub2025observatoryc',
      ]);
    });

    it('an exact key comes first with score 1, for every entry in the library', () => {
      for (const e of entries) {
        const top = search.search(e.key, 5)[0];
        assert.equal(top?.entry.key, e.key, `query ${e.key}`);
        assert.equal(top?.score, 1);
      }
    });
  });

  describe('typos', () => {
    it('"leapfrgo" (swapped letters) finds the leapfrog post', () => {
      assert.equal(search.search('leapfrgo')[0]?.entry.key, 'edtechhub2026might');
    });

    it('"hennesy" (a letter missing) finds Hennessy', () => {
      assert.equal(firstAuthor(search.search('hennesy')[0]!.entry), 'hennessy');
    });

    it('"covdi" finds Covid titles', () => {
      const hits = search.search('covdi', 5);
      assert.ok(hits.length === 5);
      for (const h of hits) assert.match(h.entry.title ?? '', /covid/i, h.entry.key);
    });

    it('"brgha jordna" (two typos) finds Brugha & Jordan', () => {
      assert.equal(search.search('brgha jordna')[0]?.entry.key, 'brugha2020');
    });

    it('a query nothing resembles finds nothing', () => {
      assert.deepEqual(search.search('qqxzzvvk'), []);
    });
  });

  describe('author and year', () => {
    it('"hennessy 2021" ranks the 2021 Hennessy entries above the other years', () => {
      const hits = search.search('hennessy 2021', 10);
      assert.deepEqual(keys(hits).slice(0, 2).sort(), ['hennessy2021', 'hennessy2021a']);
      for (const h of hits) assert.equal(h.entry.year, 2021);
    });

    it('"lalbeharie 2022" finds both suffixed entries', () => {
      assert.deepEqual(keys(search.search('lalbeharie 2022', 5)).sort(), ['lalbeharie2022a', 'lalbeharie2022b']);
    });

    it('accents and ß fold: "hassler", "Haßler" and "HASSLER" give the same list', () => {
      const a = keys(search.search('hassler'));
      assert.ok(a.length >= 4);
      assert.deepEqual(keys(search.search('Haßler')), a);
      assert.deepEqual(keys(search.search('HASSLER')), a);
      for (const k of a.slice(0, 4)) assert.match(k, /^hassler/);
    });

    it('hyphenated names match by part and as one word', () => {
      assert.equal(search.search('beoku')[0]?.entry.key, 'beokubetts2023');
      assert.equal(search.search('beoku-betts')[0]?.entry.key, 'beokubetts2023');
      assert.equal(search.search('beokubetts')[0]?.entry.key, 'beokubetts2023');
    });
  });

  describe('field queries', () => {
    it('author: and year: filter', () => {
      const hits = search.search('author:major year:2020', 50);
      assert.deepEqual(keys(hits).sort(), ['major2020a', 'major2020b']);
    });

    it('title: keeps only titles with the word', () => {
      const hits = search.search('title:radio', 50);
      assert.ok(hits.length >= 3);
      for (const h of hits) assert.match(h.entry.title ?? '', /radio/i);
    });

    it('year: alone lists that year only', () => {
      const hits = search.search('year:2021', 100);
      assert.equal(hits.length, entries.filter((e) => e.year === 2021).length);
      for (const h of hits) assert.equal(h.entry.year, 2021);
    });

    it('key: matches key prefixes only', () => {
      const hits = search.search('key:hennessy', 50);
      assert.deepEqual(keys(hits).sort(), entries.map((e) => e.key).filter((k) => k.startsWith('hennessy')).sort());
    });

    it('keyword: matches keywords', () => {
      const hits = search.search('kw:vietnam');
      assert.ok(hits.length >= 1);
      for (const h of hits) assert.ok(h.entry.keywords.some((k) => /vietnam/i.test(k)), h.entry.key);
    });

    it('a filter combines with free words', () => {
      const hits = search.search('rapid year:2020', 50);
      assert.ok(hits.length >= 3);
      for (const h of hits) {
        assert.equal(h.entry.year, 2020);
        assert.match(`${h.entry.title} ${h.entry.key} ${h.entry.keywords.join(' ')}`, /rapid/i);
      }
    });

    it('a filter nothing passes gives nothing', () => {
      assert.deepEqual(search.search('hennessy year:1850'), []);
    });
  });

  describe('limits, scores and the empty query', () => {
    it('honours the limit', () => {
      assert.equal(search.search('e', 3).length, 3);
      assert.equal(search.search('hennessy', 1).length, 1);
      assert.deepEqual(search.search('hennessy', 0), []);
    });

    it('an empty query lists the newest entries first', () => {
      const hits = search.search('', 20);
      assert.equal(hits.length, 20);
      const newest = Math.max(...entries.map((e) => e.year ?? 0));
      assert.equal(hits[0]!.entry.year, newest);
      for (let i = 1; i < hits.length; i++) assert.ok((hits[i - 1]!.entry.year ?? 0) >= (hits[i]!.entry.year ?? 0));
    });

    it('scores stay in 0..1 and never increase down the list', () => {
      for (const q of ['h', 'hen', 'hennessy 2021', 'leapfrgo', 'title:radio', 'edtech', '']) {
        const hits = search.search(q, 50);
        for (let i = 0; i < hits.length; i++) {
          assert.ok(hits[i]!.score >= 0 && hits[i]!.score <= 1, `${q}: ${hits[i]!.score}`);
          if (i > 0) assert.ok(hits[i - 1]!.score >= hits[i]!.score, `${q}: scores rise at ${i}`);
        }
      }
    });

    it('an empty library finds nothing', () => {
      assert.deepEqual(new CitationSearch([]).search('hennessy'), []);
    });

    it('never throws on arbitrary input and respects the limit', () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 40 }), fc.integer({ min: 0, max: 60 }), (q, limit) => {
          const hits = search.search(q, limit);
          assert.ok(hits.length <= limit);
        }),
        { numRuns: 300 },
      );
    });
  });
});
