import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { BibliographyIndex } from '../../../../src/core/bibliography/index/bibliographyIndex';
import { loadBibliographyFile } from '../../../../src/core/bibliography/store/loadFile';
import { parseBibliographyText } from '../../../../src/core/bibliography/formats/parseText';
import type { LoadedFile } from '../../../../src/core/types';
import { fixture, hubFixture, hubText, lineOf, newStore, paperBib } from '../fixtures';

describe('bibliography/BibliographyIndex', () => {
  let hubBib: LoadedFile;
  let hubJson: LoadedFile;
  let eukulele: LoadedFile;

  before(async () => {
    [hubBib, hubJson, eukulele] = await Promise.all([
      loadBibliographyFile(hubFixture('hub-outputs.bib')),
      loadBibliographyFile(hubFixture('hub-outputs.json')),
      loadBibliographyFile(paperBib('57-EUKulele')),
    ]);
  });

  describe('keys across files', () => {
    it('the first file listed wins; each later definition is a duplicate-key problem naming the one used', () => {
      const index = BibliographyIndex.fromFiles([hubBib, hubJson]);
      assert.equal(index.entries.length, 161);
      assert.equal(index.get('major2023')?.location.file, hubBib.file);
      const dups = index.problems.filter((p) => p.code === 'duplicate-key');
      assert.equal(dups.length, 161);
      const major = dups.find((p) => p.key === 'major2023');
      assert.ok(major);
      assert.equal(major.location.file, hubJson.file);
      assert.equal(major.location.line, lineOf(hubText('hub-outputs.json'), '"id": "major2023"'));
      assert.match(major.message, new RegExp(`${path.basename(hubBib.file)}:${hubBib.entries.find((e) => e.key === 'major2023')?.location.line}`));

      const reversed = BibliographyIndex.fromFiles([hubJson, hubBib]);
      assert.equal(reversed.get('major2023')?.location.file, hubJson.file);
    });

    it('keeps problems of every file, and lookups are exact (case-sensitive)', () => {
      const index = BibliographyIndex.fromFiles([eukulele, hubBib]);
      assert.ok(index.problems.some((p) => p.code === 'duplicate-key' && p.key === 'eukzoo' && p.location.file === eukulele.file));
      assert.equal(index.entries.length, eukulele.entries.length + hubBib.entries.length);
      assert.ok(index.get('major2023'));
      assert.equal(index.get('Major2023'), undefined);
      assert.equal(index.locationOf('major2023')?.line, lineOf(hubText('hub-outputs.bib'), '@techreport{major2023,'));
      assert.equal(index.locationOf('nope'), undefined);
    });
  });

  describe('byHubKey', () => {
    it('finds entries by library key (any case), Hub DOI and DOI suffix', () => {
      const index = BibliographyIndex.fromFiles([hubBib]);
      assert.equal(index.byHubKey('JNH4277Z')?.key, 'major2023');
      assert.equal(index.byHubKey('jnh4277z')?.key, 'major2023');
      assert.equal(index.byHubKey('https://docs.edtechhub.org/lib/JNH4277Z')?.key, 'major2023');
      assert.equal(index.byHubKey('10.53832/edtechhub.0176')?.key, 'major2023');
      assert.equal(index.byHubKey('https://doi.org/10.53832/edtechhub.0176')?.key, 'major2023');
      assert.equal(index.byHubKey('edtechhub.0176')?.key, 'major2023');
      assert.equal(index.byHubKey('CZBRW85R')?.key, 'webb2020');
      assert.equal(index.byHubKey('JZM7W6QE')?.key, index.entries.find((e) => e.hubKey === 'JZM7W6QE')?.key);
      assert.equal(index.byHubKey('ZZZZZZZZ'), undefined);
    });

    it('finds a Hub DOI-only entry (no library link) by its DOI', () => {
      const withDoiOnly = hubBib.entries.find((e) => !e.hubKey && e.doi?.startsWith('10.53832/'));
      assert.ok(withDoiOnly, 'hub-outputs.bib has an entry with a Hub DOI and no library link');
      const index = BibliographyIndex.fromFiles([hubBib]);
      assert.equal(index.byHubKey(withDoiOnly.doi!)?.key, withDoiOnly.key);
    });
  });

  describe('findByAuthorYear (real Hub citations from the blog posts)', () => {
    let index: BibliographyIndex;
    before(() => {
      index = BibliographyIndex.fromFiles([hubBib]);
    });
    const keys = (names: string[], year: string, etAl = false) => index.findByAuthorYear(names, year, etAl).map((e) => e.key);

    it('⇡Hennessy, Jordan & Wagner, 2021: all three names, in order', () => {
      assert.deepEqual(keys(['Hennessy', 'Jordan', 'Wagner'], '2021'), ['hennessy2021']);
      assert.deepEqual(keys(['hennessy', 'JORDAN', 'wagner'], '2021'), ['hennessy2021']);
      assert.deepEqual(keys(['Hennessy', 'Jordan'], '2021'), [], 'two names do not match a three-author work without et al.');
      assert.deepEqual(keys(['Jordan', 'Hennessy', 'Wagner'], '2021'), []);
    });

    it('⇡Webb et al., 2020: et al. means these names first, maybe more', () => {
      assert.ok(keys(['Webb'], '2020', true).includes('webb2020'));
      assert.deepEqual(keys(['Webb'], '2020', false), []);
      // "Crompton and others" in the bib: the list is cut short, et al. still matches.
      assert.deepEqual(keys(['Crompton'], '2021', true), ['crompton2021']);
    });

    it('⇡Selwyn, 2016b: the suffix must match; 2016 alone matches a unique suffixed entry', () => {
      assert.deepEqual(keys(['Selwyn'], '2016b'), ['selwyn2016b']);
      assert.deepEqual(keys(['Selwyn'], '2016a'), []);
      assert.deepEqual(keys(['Selwyn'], '2016'), ['selwyn2016b']);
      assert.deepEqual(keys(['Selwyn'], '2017'), []);
    });

    it('corporate authors: ⇡Malala Fund, 2020 and EdTech Hub posts', () => {
      assert.deepEqual(keys(['Malala Fund'], '2020'), ['malalafund2020']);
      assert.deepEqual(keys(['malala fund'], '2020'), ['malalafund2020']);
      const hubPosts2023 = keys(['EdTech Hub'], '2023');
      const expected = hubBib.entries.filter((e) => e.year === 2023 && e.authors.length === 1 && e.authors[0].literal === 'EdTech Hub').map((e) => e.key);
      assert.ok(expected.length > 1);
      assert.deepEqual(hubPosts2023.sort(), expected.sort());
    });

    it('CSL-JSON posts with no author are cited by their publisher', () => {
      const jsonIndex = BibliographyIndex.fromFiles([hubJson]);
      assert.ok(jsonIndex.findByAuthorYear(['EdTech Hub'], '2026', false).some((e) => e.key === 'edtechhub2026might'));
    });

    it('accents and ß are folded: Hassler = Haßler, Bjorn-less family match', () => {
      const hassler = keys(['Hassler'], '2019', true);
      const withAccent = keys(['Haßler'], '2019', true);
      assert.deepEqual(hassler, withAccent);
      assert.ok(hassler.length > 0, 'Haßler 2019 in the Hub outputs');
    });

    it('names with particles match with and without them', () => {
      const loaded = parseBibliographyText(
        '@article{vdb2018, author = {van der Berg, Servaas and Gustafsson, Martin}, title = {Test}, year = {2018}}\n',
        'particles.bib',
      );
      const small = BibliographyIndex.fromFiles([loaded]);
      assert.equal(small.findByAuthorYear(['van der Berg', 'Gustafsson'], '2018', false).length, 1);
      assert.equal(small.findByAuthorYear(['Van der Berg', 'Gustafsson'], '2018', false).length, 1);
      assert.equal(small.findByAuthorYear(['Berg', 'Gustafsson'], '2018', false).length, 1);
      assert.equal(small.findByAuthorYear(['Berg'], '2018', true).length, 1);
    });

    it('2016 with two suffixed entries returns both (ambiguous); n.d. matches undated entries', () => {
      const loaded = parseBibliographyText(
        [
          '@book{selwyn2016a, author = {Selwyn, Neil}, title = {Is Technology Good for Education?}, year = {2016}}',
          '@book{selwyn2016b, author = {Selwyn, Neil}, title = {Education and Technology}, year = {2016b}}',
          '@misc{selwynnd, author = {Selwyn, Neil}, title = {Undated}}',
        ].join('\n'),
        'selwyn.bib',
      );
      const small = BibliographyIndex.fromFiles([loaded]);
      assert.deepEqual(small.findByAuthorYear(['Selwyn'], '2016', false).map((e) => e.key), ['selwyn2016a', 'selwyn2016b']);
      assert.deepEqual(small.findByAuthorYear(['Selwyn'], '2016a', false).map((e) => e.key), ['selwyn2016a']);
      assert.deepEqual(small.findByAuthorYear(['Selwyn'], 'n.d.', false).map((e) => e.key), ['selwynnd']);
      assert.deepEqual(small.findByAuthorYear([], '2016', false), []);
    });
  });

  describe('withFile / loading files', () => {
    it('withFile replaces one file, reusing the other files’ entry objects', () => {
      const index = BibliographyIndex.fromFiles([hubBib, eukulele]);
      const edited = parseBibliographyText('@misc{eukzoo, title = {Replaced}, year = {2020}}\n', eukulele.file);
      const next = index.withFile(edited);
      assert.equal(next.files.length, 2);
      assert.equal(next.get('eukzoo')?.title, 'Replaced');
      assert.equal(next.entries.length, hubBib.entries.length + 1);
      assert.equal(next.get('major2023'), index.get('major2023'), 'same object, not re-parsed');
      assert.ok(!next.problems.some((p) => p.key === 'eukzoo'));
      assert.ok(index.get('eukzoo')?.title !== 'Replaced', 'the old index is unchanged');
      const added = next.withFile(parseBibliographyText('@misc{extra, title = {X}}', '/elsewhere/extra.bib'));
      assert.equal(added.files.length, 3);
      assert.ok(added.get('extra'));
    });

    it('BibliographyStore.loadAll reads files concurrently, in order, and never throws on missing files', async () => {
      const missing = fixture('does-not-exist.bib');
      const index = BibliographyIndex.fromFiles(await newStore().loadAll([hubFixture('hub-outputs.json'), missing, hubFixture('hub-outputs.bib')]));
      assert.deepEqual(index.files.map((f) => f.file), [hubFixture('hub-outputs.json'), missing, hubFixture('hub-outputs.bib')]);
      assert.equal(index.get('major2023')?.location.file, hubFixture('hub-outputs.json'));
      assert.ok(index.problems.some((p) => p.code === 'unreadable-file' && p.location.file === missing));
    });

    it('loadAll with an aborted signal loads nothing', async () => {
      const controller = new AbortController();
      controller.abort();
      const index = BibliographyIndex.fromFiles(await newStore().loadAll([hubFixture('hub-outputs.bib')], { signal: controller.signal }));
      assert.equal(index.entries.length, 0);
    });
  });
});
