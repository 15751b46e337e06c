import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { findCitations } from '../../../src/core/citations/findCitations';
import { resolveCitation, resolveCitationItem } from '../../../src/core/citations/resolve';
import { BibliographyIndex } from '../../../src/core/bibliography/index/bibliographyIndex';
import { loadBibliographyFile } from '../../../src/core/bibliography/store/loadFile';
import type { BibEntry, BibliographyLookup, CitationItem } from '../../../src/core/types';
import { FIXTURES, readFixture } from './helpers';

function entry(key: string, extra: Partial<BibEntry> = {}): BibEntry {
  return { key, type: 'report', authors: [], keywords: [], location: { file: 'fake.bib', line: 1, column: 1 }, csl: {}, ...extra };
}

/** A fake lookup that records calls: only for checking which lookup the resolver chooses. */
class RecordingLookup implements BibliographyLookup {
  readonly calls: string[] = [];
  readonly entries = [entry('smith04'), entry('hubdoc', { hubKey: 'ABCD1234' }), entry('vegas2020a'), entry('vegas2020b')];
  readonly problems = [];
  get(key: string) {
    this.calls.push(`get:${key}`);
    return this.entries.find((e) => e.key === key);
  }
  byHubKey(hubKey: string) {
    this.calls.push(`hub:${hubKey}`);
    return this.entries.find((e) => e.hubKey === hubKey);
  }
  byZoteroKey(itemKey: string) {
    this.calls.push(`zotero:${itemKey}`);
    return this.entries.find((e) => e.hubKey === itemKey);
  }
  findByAuthorYear(names: readonly string[], year: string, etAl: boolean) {
    this.calls.push(`ay:${names.join('+')}:${year}:${etAl}`);
    return names[0] === 'Vegas' ? this.entries.filter((e) => e.key.startsWith('vegas')) : [];
  }
}

const span = { start: 0, end: 1 };

describe('resolveCitationItem', () => {
  it('keys go to get(), hub keys to byHubKey(), Zotero items to byZoteroKey(), author-year to findByAuthorYear()', () => {
    const bib = new RecordingLookup();
    assert.deepEqual(resolveCitationItem({ text: 'smith04', key: 'smith04', span }, bib).map((e) => e.key), ['smith04']);
    assert.deepEqual(resolveCitationItem({ text: 'nope', key: 'nope', span }, bib), []);
    assert.deepEqual(resolveCitationItem({ text: 'ABCD1234', hubKey: 'ABCD1234', span }, bib).map((e) => e.key), ['hubdoc']);
    const ay: CitationItem = { text: 'Vegas, 2020', span, authorYear: { names: ['Vegas'], etAl: false, year: '2020' } };
    assert.deepEqual(resolveCitationItem(ay, bib).map((e) => e.key), ['vegas2020a', 'vegas2020b']);
    const tagged: CitationItem = { text: 'Smith, 2004', span, zotero: { itemKey: 'ABCD1234', label: 'Smith, 2004' } };
    assert.deepEqual(resolveCitationItem(tagged, bib).map((e) => e.key), ['hubdoc']);
    assert.deepEqual(bib.calls, ['get:smith04', 'get:nope', 'hub:ABCD1234', 'ay:Vegas:2020:false', 'zotero:ABCD1234']);
  });

  it('returns no entries (never throws) when the bibliography throws or the item has nothing to look up', () => {
    const broken: BibliographyLookup = {
      entries: [],
      problems: [],
      get: () => {
        throw new Error('boom');
      },
      byHubKey: () => undefined,
      byZoteroKey: () => undefined,
      findByAuthorYear: () => [],
    };
    assert.deepEqual(resolveCitationItem({ text: 'a', key: 'a', span }, broken), []);
    assert.deepEqual(resolveCitationItem({ text: 'a', span }, new RecordingLookup()), []);
  });

  describe('against the real BibliographyIndex and the Hub bibliography', () => {
    let hub: BibliographyIndex;
    before(async () => {
      hub = BibliographyIndex.fromFiles([await loadBibliographyFile(join(FIXTURES, 'hub', 'hub-outputs.bib'))]);
    });

    it('resolves every ⇡ citation of the real 2021 blog post to exactly one entry', () => {
      const text = readFixture('hub', 'blogs', 'advancing-evidence-based-decision-making-2021.txt');
      const resolved = findCitations(text, 'plaintext').flatMap((c) =>
        resolveCitation(c, hub).map((entries, i) => [c.items[i].text, entries.map((e) => e.key)] as const),
      );
      assert.equal(resolved.length, 6);
      for (const [text, keys] of resolved) assert.equal(keys.length, 1, `${text} → ${keys.join(', ')}`);
      const byText = Object.fromEntries(resolved.map(([t, k]) => [t, k[0]]));
      assert.equal(byText['Selwyn, 2016b'], 'selwyn2016b');
      assert.equal(byText['World Bank, 2016'], 'worldbank2016');
      assert.equal(byText['Castillo, et al., 2015'], 'castillo2015');
    });

    it('resolves a Pandoc key and reports an unknown one as unresolved', () => {
      const text = 'As shown [@selwyn2016b; @no_such_key].';
      const [c] = findCitations(text, 'markdown');
      assert.deepEqual(resolveCitation(c, hub).map((es) => es.map((e) => e.key)), [['selwyn2016b'], []]);
    });
  });
});
