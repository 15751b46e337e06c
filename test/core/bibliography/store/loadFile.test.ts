import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { HUB_LIBRARY_URL, hubKeyOf } from '../../../../src/core/bibliography/formats/hubKeys';
import { loadBibliographyBytes, loadBibliographyFile } from '../../../../src/core/bibliography/store/loadFile';
import { MAX_BIBLIOGRAPHY_BYTES } from '../../../../src/core/bibliography/formats/decodeBytes';
import { parseBibliographyText } from '../../../../src/core/bibliography/formats/parseText';
import type { BibEntry, LoadedFile } from '../../../../src/core/types';
import { countBibtexEntries, fixture, fixtureText, hubFixture, hubText, lineOf, paperBib, paperBibs } from '../fixtures';

function byKey(loaded: LoadedFile, key: string): BibEntry {
  const entry = loaded.entries.find((e) => e.key === key);
  assert.ok(entry, `entry ${key} missing from ${loaded.file}`);
  return entry;
}

describe('bibliography/loadFile: EdTech Hub outputs (real data)', () => {
  let bib: LoadedFile;
  let json: LoadedFile;
  const bibText = hubText('hub-outputs.bib');
  const jsonText = hubText('hub-outputs.json');

  before(async () => {
    bib = await loadBibliographyFile(hubFixture('hub-outputs.bib'));
    json = await loadBibliographyFile(hubFixture('hub-outputs.json'));
  });

  it('loads every entry of the BibTeX file, with no problems', () => {
    assert.equal(bib.format, 'bibtex');
    assert.equal(bib.entries.length, countBibtexEntries(bibText));
    assert.equal(bib.entries.length, 161);
    assert.deepEqual(bib.problems, []);
  });

  it('loads every item of the CSL-JSON file, and the two files hold the same keys', () => {
    assert.equal(json.format, 'csl-json');
    assert.equal(json.entries.length, (JSON.parse(jsonText) as unknown[]).length);
    assert.deepEqual(json.problems, []);
    assert.deepEqual(json.entries.map((e) => e.key).sort(), bib.entries.map((e) => e.key).sort());
  });

  it('reads a Hub report: authors, year, publisher, DOI and the library key from its URL', () => {
    const major = byKey(bib, 'major2023');
    assert.equal(major.type, 'report');
    assert.equal(major.authors.length, 8);
    assert.deepEqual(major.authors[0], { family: 'Major', given: 'Louis' });
    assert.deepEqual(major.authors[7], { family: 'Friedburg', given: 'Aidan' });
    assert.equal(major.title, 'Randomised Controlled Trial Protocol: Digital personalised learning to improve literacy and numeracy outcomes in Kenyan classrooms');
    assert.equal(major.year, 2023);
    assert.equal(major.yearLabel, '2023');
    assert.equal(major.publisher, 'EdTech Hub');
    assert.equal(major.doi, '10.53832/edtechhub.0176');
    assert.equal(major.hubKey, 'JNH4277Z');
    assert.deepEqual(major.keywords, ['RCT protocol', 'digital personalised learning', 'Kenya', 'pre-primary', 'numeracy', 'literacy']);
    assert.equal(major.location.line, lineOf(bibText, '@techreport{major2023,'));
    assert.equal(major.location.column, 1);
    assert.equal(major.location.endLine, lineOf(bibText, '@techreport{chachage2023,') - 2);
  });

  it('gives the same report the same fields from CSL-JSON, located at its "id" line', () => {
    const major = byKey(json, 'major2023');
    const fromBib = byKey(bib, 'major2023');
    assert.deepEqual(major.authors, fromBib.authors);
    assert.equal(major.title, fromBib.title);
    assert.equal(major.yearLabel, '2023');
    assert.equal(major.hubKey, 'JNH4277Z');
    assert.equal(major.doi, fromBib.doi);
    assert.equal(major.location.line, lineOf(jsonText, '"id": "major2023"'));
  });

  it('makes an organisation with no author the corporate author (blog posts by EdTech Hub)', () => {
    const post = byKey(bib, 'edtechhub2025cost');
    assert.deepEqual(post.authors, [{ literal: 'EdTech Hub' }]);
    assert.deepEqual(post.csl.author, [{ literal: 'EdTech Hub' }]);
    assert.equal(post.year, 2025);
  });

  it('reads braced names as organisations and drops "and others"', () => {
    assert.deepEqual(byKey(bib, 'malalafund2020').authors, [{ literal: 'Malala Fund' }]);
    assert.deepEqual(byKey(bib, 'crompton2021').authors, [{ family: 'Crompton' }]);
    const sengeh = bib.entries.find((e) => e.authors.some((a) => a.literal === 'MBSSE Delivery Team'));
    assert.ok(sengeh, 'Sengeh and {MBSSE Delivery Team}');
    assert.deepEqual(sengeh.authors[0], { family: 'Sengeh', given: 'David Moinina' });
  });

  it('takes a year suffix letter from the key when the year has none (selwyn2016b, cited as "Selwyn, 2016b")', () => {
    const selwyn = byKey(bib, 'selwyn2016b');
    assert.equal(selwyn.year, 2016);
    assert.equal(selwyn.yearLabel, '2016b');
    assert.equal(byKey(json, 'selwyn2016b').yearLabel, '2016b');
  });

  it('turns LaTeX into readable text (\\& and accents)', () => {
    assert.equal(byKey(bib, 'edtechhub2025observatoryb').title, 'AI Observatory: Waypoints & Signals – Issue 12');
    const hassler = bib.entries.find((e) => e.authors.some((a) => a.family === 'Haßler'));
    assert.ok(hassler);
    assert.equal(hassler.authors.find((a) => a.family === 'Haßler')?.given, 'Björn');
  });

  it('ignores library links that name another item ("cited as … in docs.edtechhub.org/lib/KEY")', () => {
    // crompton2021's annote names JZM7W6QE, the page that cites it; it has no library page itself.
    assert.equal(byKey(bib, 'crompton2021').hubKey, undefined);
    // webb2020's annote names the same citing page, but its url is its own page.
    assert.equal(byKey(bib, 'webb2020').hubKey, 'CZBRW85R');
    // every entry whose url is a library page has that key
    for (const entry of bib.entries) {
      const fromUrl = entry.url ? hubKeyOf(entry.url) : undefined;
      if (fromUrl) assert.equal(entry.hubKey, fromUrl, entry.key);
    }
    // Independently: entries with a url/note/howpublished field that is a library link.
    const linkField = /^ {2}(url|note|howpublished) = \{(source: )?https?:\/\/docs\.edtechhub\.org\/lib\/[A-Z0-9]{8}\b/m;
    const expected = bibText.split(/^@/m).filter((chunk) => linkField.test(chunk)).length;
    assert.equal(expected, 21);
    assert.equal(bib.entries.filter((e) => e.hubKey).length, expected);
  });
});

describe('bibliography/loadFile: hubKeyOf', () => {
  it('finds the 8-char key in library links, upper-cased, and nothing in other links', () => {
    assert.equal(hubKeyOf(`${HUB_LIBRARY_URL}JNH4277Z`), 'JNH4277Z');
    assert.equal(hubKeyOf('see https://docs.edtechhub.org/lib/e5j2khf2/export/bibtex'), 'E5J2KHF2');
    assert.equal(hubKeyOf('http://docs.edtechhub.org/lib/?page=61&page-len=1'), undefined);
    assert.equal(hubKeyOf('https://docs.edtechhub.org/lib/JNH4277ZX'), undefined);
    assert.equal(hubKeyOf('https://edtechhub.org/2023/07/13/testing-technology'), undefined);
  });
});

describe('bibliography/loadFile: JOSS/JOSE paper bibliographies (real data)', () => {
  it('loads every paper.bib without throwing; entries = counted entries − entries reported lost', async () => {
    const files = paperBibs();
    assert.equal(files.length, 31);
    for (const file of files) {
      const loaded = await loadBibliographyFile(file);
      // Problems that cost an entry: errors (parse errors, missing keys) and later duplicates.
      const lost = loaded.problems.filter((p) => p.severity === 'error' || p.code === 'duplicate-key').length;
      assert.equal(loaded.entries.length, countBibtexEntries(readFileSync(file, 'utf8')) - lost, path.basename(file));
      for (const entry of loaded.entries) {
        assert.ok(entry.key.length > 0);
        assert.equal(entry.location.file, file);
      }
    }
  });

  it('reports the real duplicate key in EUKulele at the second definition, keeping the first', async () => {
    const file = paperBib('57-EUKulele');
    const text = readFileSync(file, 'utf8');
    const loaded = await loadBibliographyFile(file);
    const dup = loaded.problems.filter((p) => p.code === 'duplicate-key');
    assert.equal(dup.length, 1);
    assert.equal(dup[0].key, 'eukzoo');
    const first = lineOf(text, '@misc{eukzoo,');
    const second = first + lineOf(text.split('\n').slice(first).join('\n'), '@misc{eukzoo,');
    assert.equal(dup[0].location.line, second);
    assert.match(dup[0].message, new RegExp(`line ${first}\\b`));
    assert.equal(loaded.entries.filter((e) => e.key === 'eukzoo').length, 1);
    assert.equal(byKey(loaded, 'eukzoo').location.line, first);
  });

  it("reports profileAAR's unquoted `pages = 1-19` at its line and keeps the other entries", async () => {
    const file = paperBib('23-profileAAR');
    const text = readFileSync(file, 'utf8');
    const loaded = await loadBibliographyFile(file);
    assert.equal(loaded.problems.length, 1);
    const [problem] = loaded.problems;
    assert.equal(problem.code, 'bib-parse-error');
    assert.equal(problem.key, 'guetter:2015');
    assert.equal(problem.location.line, 1);
    assert.match(problem.message, new RegExp(`near line ${lineOf(text, 'pages = 1-19')}`));
    assert.equal(loaded.entries.length, countBibtexEntries(text) - 1);
  });

  it('skips a multi-line @Comment (JabRef metadata) without losing entries', async () => {
    const file = paperBib('31-biopixR');
    const loaded = await loadBibliographyFile(file);
    assert.deepEqual(loaded.problems, []);
    assert.equal(loaded.entries.length, countBibtexEntries(readFileSync(file, 'utf8')));
  });
});

describe('bibliography/loadFile: RIS exports (real data)', () => {
  const count = (text: string) => (text.match(/^\uFEFF?TY {2}- /gm) ?? []).length;

  for (const name of ['asreview_baseline_zotero.ris', 'asreview__baseline.ris', 'asreview_embase.ris']) {
    it(`loads every record of ${name}, each at its TY line`, async () => {
      const text = fixtureText('ris', name);
      const loaded = await loadBibliographyFile(fixture('ris', name));
      assert.equal(loaded.format, 'ris');
      assert.equal(loaded.entries.length, count(text));
      assert.deepEqual(loaded.problems, []);
      const tyLines = text.split(/\r?\n/).flatMap((l, i) => (/^\uFEFF?TY {2}- /.test(l) ? [i + 1] : []));
      assert.deepEqual(loaded.entries.map((e) => e.location.line), tyLines);
      assert.equal(new Set(loaded.entries.map((e) => e.key)).size, loaded.entries.length, 'keys are unique');
      for (const entry of loaded.entries) assert.ok(entry.title, `${entry.key} has a title`);
    });
  }

  it('reads a Zotero RIS record: authors with particles, year, DOI, generated key', async () => {
    const loaded = await loadBibliographyFile(fixture('ris', 'asreview_baseline_zotero.ris'));
    const first = loaded.entries[0];
    assert.deepEqual(first.authors[0], { family: 'van de Schoot', given: 'Rens' });
    assert.equal(first.year, 2021);
    assert.match(first.key, /^vandeschoot2021/);
    assert.equal(first.title, 'An open source machine learning framework for efficient and transparent systematic reviews');
  });

  it('splits Embase "Liu R." names into family and initials', async () => {
    const loaded = await loadBibliographyFile(fixture('ris', 'asreview_embase.ris'));
    assert.deepEqual(loaded.entries[0].authors[0], { family: 'Liu', given: 'R.' });
  });

  it('keeps PsycINFO records with a repeated DO tag (citation-js alone rejects them), with a warning each', async () => {
    const text = fixtureText('ris', 'asreview_ovid_psycinfo.ris');
    const loaded = await loadBibliographyFile(fixture('ris', 'asreview_ovid_psycinfo.ris'));
    assert.equal(loaded.entries.length, count(text));
    assert.ok(loaded.problems.length > 0);
    for (const p of loaded.problems) {
      assert.equal(p.severity, 'warning');
      assert.match(p.message, /repeats DO/);
    }
    assert.equal(loaded.entries[0].key, '2019-65183-001', 'the ID tag is the key');
    assert.match(loaded.entries[0].doi ?? '', /^10\.1002\/cpp\.2398$/);
  });
});

describe('bibliography/loadFile: malformed BibTeX (broken variants of real entries)', () => {
  it('an unclosed brace costs only that entry, reported at its line', async () => {
    const file = fixture('broken', 'unclosed-brace.bib');
    const text = readFileSync(file, 'utf8');
    const loaded = await loadBibliographyFile(file);
    assert.deepEqual(loaded.entries.map((e) => e.key), ['major2023', 'beokubetts2023']);
    assert.equal(loaded.problems.length, 1);
    const [p] = loaded.problems;
    const line = lineOf(text, '@techreport{chachage2023,');
    assert.equal(p.code, 'bib-parse-error');
    assert.equal(p.severity, 'error');
    assert.equal(p.location.line, line);
    assert.equal(p.location.file, file);
    assert.match(p.message, new RegExp(`entry 'chachage2023' starting at line ${line} has an unclosed brace`));
    assert.equal(byKey(loaded, 'beokubetts2023').location.line, lineOf(text, '@techreport{beokubetts2023,'));
  });

  it('an unclosed last entry is reported as running to the end of the file', () => {
    const loaded = parseBibliographyText('@misc{a, title={A}}\n\n@misc{b, title={B}\n', 'x.bib');
    assert.deepEqual(loaded.entries.map((e) => e.key), ['a']);
    assert.equal(loaded.problems[0].location.line, 3);
    assert.match(loaded.problems[0].message, /unclosed brace.*end of the file/);
  });

  it('a lone $ no longer loses the entry: it is read as a dollar sign, with a warning', async () => {
    const loaded = await loadBibliographyFile(fixture('broken', 'stray-dollar.bib'));
    assert.deepEqual(loaded.entries.map((e) => e.key), ['beokubetts2023', 'ackerman01062013', 'chachage2023']);
    assert.equal(byKey(loaded, 'ackerman01062013').title, 'Why Stakeholding? Giving every young adult $80,000');
    assert.equal(byKey(loaded, 'ackerman01062013').container, 'Politics & Society');
    assert.equal(loaded.problems.length, 1);
    assert.equal(loaded.problems[0].severity, 'warning');
    assert.match(loaded.problems[0].message, /unbalanced '\$' in title/);
  });

  it('missing keys are errors at their lines; the entries around survive', async () => {
    const file = fixture('broken', 'missing-key.bib');
    const text = readFileSync(file, 'utf8');
    const loaded = await loadBibliographyFile(file);
    assert.deepEqual(loaded.entries.map((e) => e.key), ['beokubetts2023', 'selwyn2016b']);
    assert.deepEqual(loaded.problems.map((p) => [p.code, p.location.line]), [
      ['missing-key', lineOf(text, '@techreport{,')],
      ['missing-key', lineOf(text, '@article{\n')],
    ]);
  });

  it('field mistakes, unknown types, stray text and duplicates: each reported, good entries kept', async () => {
    const file = fixture('broken', 'field-errors.bib');
    const text = readFileSync(file, 'utf8');
    const loaded = await loadBibliographyFile(file);
    assert.deepEqual(loaded.entries.map((e) => e.key), ['edtechhub2023testing', 'malalafund2020', 'chachage2023']);
    const summary = loaded.problems.map((p) => [p.code, p.severity, p.location.line]);
    assert.deepEqual(summary, [
      ['bib-parse-error', 'error', lineOf(text, '@article{guetter:2015,')],
      ['bib-parse-error', 'error', lineOf(text, '@techreport{beokubetts2023,')],
      ['unknown-entry-type', 'warning', lineOf(text, '@blogpost{')],
      ['bib-parse-error', 'warning', lineOf(text, '  note = {an extra')],
      ['duplicate-key', 'warning', lineOf(text, '@techreport{chachage2023,\n  author = {Chachage, Kristen}')],
    ]);
    assert.match(loaded.problems[1].message, /missing comma/);
    assert.match(loaded.problems[1].message, new RegExp(`near line ${lineOf(text, '  institution = {EdTech Hub},\n  year = {2023}\n}\n\n@blogpost')}`));
    assert.equal(byKey(loaded, 'edtechhub2023testing').type, 'document');
    assert.deepEqual(byKey(loaded, 'edtechhub2023testing').authors, [{ literal: 'EdTech Hub' }]);
    assert.equal(byKey(loaded, 'chachage2023').year, 2023, 'the first definition is kept');
  });

  it('@string macros reach every entry, also across batches; crossref inherits from a parent defined later', () => {
    const filler = Array.from({ length: 250 }, (_, i) => `@misc{filler${i}, title = {Filler ${i}}, journal = jasa, year = 2000}`).join('\n');
    const text = [
      '@string{jasa = {Journal of the American Statistical Association}}',
      '@inbook{weber1994pav, author = {Weber, M.}, crossref = {weber1994wpw}, pages = {309--69}, title = {{The Profession and Vocation of Politics}}, year = {1994}}',
      filler,
      '@book{weber1994wpw, author = {Weber, M. and Lassman, P.}, publisher = {Cambridge University Press}, title = {Weber: Political Writings}, year = {1994}}',
    ].join('\n');
    const loaded = parseBibliographyText(text, 'macros.bib');
    assert.deepEqual(loaded.problems, []);
    assert.equal(loaded.entries.length, 252);
    assert.equal(byKey(loaded, 'filler0').container, 'Journal of the American Statistical Association');
    assert.equal(byKey(loaded, 'filler249').container, 'Journal of the American Statistical Association');
    const child = byKey(loaded, 'weber1994pav');
    assert.equal(child.publisher, 'Cambridge University Press');
    assert.equal(child.container, 'Weber: Political Writings');
    assert.equal(child.title, 'The Profession and Vocation of Politics');
  });

  it('reads BibTeX from a file with another extension by sniffing, and refuses what is no bibliography', () => {
    const text = fixtureText('broken', 'stray-dollar.bib');
    assert.equal(parseBibliographyText(text, 'refs.txt').format, 'bibtex');
    assert.equal(parseBibliographyText(text, 'refs.txt').entries.length, 3);
    const risAsBib = parseBibliographyText(fixtureText('ris', 'asreview_embase.ris'), 'export.bib');
    assert.equal(risAsBib.format, 'ris', 'content decides when the extension finds nothing');
    assert.equal(risAsBib.entries.length, 6);
    const notBib = parseBibliographyText('Just some notes about references.\n', 'notes.txt');
    assert.equal(notBib.entries.length, 0);
    assert.equal(notBib.problems[0].code, 'unsupported-format');
  });
});

describe('bibliography/loadFile: CSL-JSON and CSL-YAML', () => {
  it('reports invalid JSON with its line', async () => {
    const file = fixture('broken', 'broken.json');
    const text = readFileSync(file, 'utf8');
    const loaded = await loadBibliographyFile(file);
    assert.equal(loaded.entries.length, 0);
    assert.equal(loaded.problems[0].code, 'bib-parse-error');
    assert.equal(loaded.problems[0].location.line, lineOf(text, ' },\n {'));
  });

  it('reads Pandoc CSL-YAML with real positions, plain years and organisations', async () => {
    const file = fixture('broken', 'hub-sample.yaml');
    const text = readFileSync(file, 'utf8');
    const loaded = await loadBibliographyFile(file);
    assert.equal(loaded.format, 'csl-yaml');
    assert.deepEqual(loaded.problems, []);
    assert.deepEqual(loaded.entries.map((e) => e.key), ['major2023', 'haßler2020', 'worldbank2016']);
    assert.deepEqual(loaded.entries.map((e) => e.location.line), [lineOf(text, 'id: major2023'), lineOf(text, 'id: haßler2020'), lineOf(text, 'id: worldbank2016')]);
    const major = loaded.entries[0];
    assert.equal(major.year, 2023);
    assert.deepEqual(major.csl.issued, { 'date-parts': [[2023]] });
    assert.equal(major.hubKey, 'JNH4277Z');
    assert.deepEqual(loaded.entries[2].authors, [{ literal: 'World Bank' }]);
  });

  it('reports CSL-JSON items without an id and duplicate ids, keeping the rest', () => {
    const text = JSON.stringify([{ id: 'a', type: 'book', title: 'A' }, { type: 'book', title: 'No id' }, { id: 'a', type: 'book', title: 'Again' }], null, 1);
    const loaded = parseBibliographyText(text, 'items.json');
    assert.deepEqual(loaded.entries.map((e) => e.title), ['A']);
    assert.deepEqual(loaded.problems.map((p) => p.code), ['missing-key', 'duplicate-key']);
  });
});

describe('bibliography/loadFile: encodings and refused files', () => {
  let dir: string;
  // A real Hub entry with non-ASCII names (Haßler, Björn).
  const entry = '@techreport{hassler2020,\n  author = {Haßler, Björn},\n  title = {Girls’ education and EdTech},\n  year = {2020}\n}\n';

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'bib-enc-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads UTF-8 with a BOM', async () => {
    const file = path.join(dir, 'bom.bib');
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(entry, 'utf8')]));
    const loaded = await loadBibliographyFile(file);
    assert.deepEqual(loaded.problems, []);
    assert.equal(loaded.entries[0].location.line, 1);
    assert.deepEqual(loaded.entries[0].authors, [{ family: 'Haßler', given: 'Björn' }]);
  });

  it('reads UTF-16LE and UTF-16BE with a BOM', async () => {
    const le = path.join(dir, 'le.bib');
    writeFileSync(le, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(entry, 'utf16le')]));
    const be = path.join(dir, 'be.bib');
    const beBytes = Buffer.from(entry, 'utf16le');
    beBytes.swap16();
    writeFileSync(be, Buffer.concat([Buffer.from([0xfe, 0xff]), beBytes]));
    for (const file of [le, be]) {
      const loaded = await loadBibliographyFile(file);
      assert.deepEqual(loaded.problems, [], file);
      assert.deepEqual(loaded.entries[0].authors, [{ family: 'Haßler', given: 'Björn' }]);
    }
  });

  it('reads a Latin-1 file with a wrong-encoding warning at the first bad line', async () => {
    const file = path.join(dir, 'latin1.bib');
    writeFileSync(file, Buffer.from(entry, 'latin1'));
    const loaded = await loadBibliographyFile(file);
    assert.equal(loaded.problems.length, 1);
    assert.equal(loaded.problems[0].code, 'wrong-encoding');
    assert.equal(loaded.problems[0].location.line, 2);
    assert.deepEqual(loaded.entries[0].authors, [{ family: 'Haßler', given: 'Björn' }]);
  });

  it('refuses a binary file (NUL bytes)', async () => {
    const file = path.join(dir, 'binary.bib');
    writeFileSync(file, Buffer.concat([Buffer.from(entry), Buffer.from([0, 1, 2, 0])]));
    const loaded = await loadBibliographyFile(file);
    assert.equal(loaded.entries.length, 0);
    assert.equal(loaded.problems[0].code, 'binary-file');
  });

  it(`refuses a file larger than ${MAX_BIBLIOGRAPHY_BYTES / 2 ** 20} MB without reading it`, async () => {
    const file = path.join(dir, 'huge.bib');
    writeFileSync(file, entry);
    truncateSync(file, MAX_BIBLIOGRAPHY_BYTES + 1); // sparse: no real disk use
    const loaded = await loadBibliographyFile(file);
    assert.equal(loaded.entries.length, 0);
    assert.equal(loaded.problems[0].code, 'file-too-large');
    assert.match(loaded.problems[0].message, /64\.0 MB limit/);
  });

  it('reports a missing file or a directory as unreadable, without throwing', async () => {
    const missing = await loadBibliographyFile(path.join(dir, 'nope.bib'));
    assert.equal(missing.problems[0].code, 'unreadable-file');
    assert.match(missing.problems[0].message, /does not exist/);
    const folder = await loadBibliographyFile(dir);
    assert.equal(folder.problems[0].code, 'unreadable-file');
  });
});

describe('bibliography/loadFile: bytes read once', () => {
  it('without a source map, the same file as with one (the CLI without a cache asks for none)', () => {
    const file = hubFixture('hub-outputs.bib');
    const bytes = readFileSync(file);
    const mapped = loadBibliographyBytes(bytes, file);
    const once = loadBibliographyBytes(bytes, file, parseBibliographyText, { sourceMap: false });
    assert.ok(mapped.sourceMap, 'a plain UTF-8 BibTeX file gets a source map by default');
    assert.equal(once.sourceMap, undefined);
    assert.deepEqual(once.loaded, mapped.loaded);
  });
});
