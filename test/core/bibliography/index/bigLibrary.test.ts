import { strict as assert } from 'node:assert';
import { BibliographyIndex } from '../../../../src/core/bibliography/index/bibliographyIndex';
import { loadBibliographyFile } from '../../../../src/core/bibliography/store/loadFile';
import type { BibEntry, LoadedFile } from '../../../../src/core/types';
import { countBibtexEntries, fixture, fixtureText, lineOf } from '../fixtures';

/** The real 6,239-entry BibDesk library (3.9 MB, CC0): every entry must survive. Loaded once. */
describe('bibliography: the 6k-entry BibDesk library (real data)', () => {
  const file = fixture('big', 'gsa_oes_matching_guide_big.bib');
  const text = fixtureText('big', 'gsa_oes_matching_guide_big.bib');
  let loaded: LoadedFile;
  let index: BibliographyIndex;
  const get = (key: string): BibEntry => {
    const entry = index.get(key);
    assert.ok(entry, key);
    return entry;
  };

  before(async function () {
    this.timeout(120_000);
    loaded = await loadBibliographyFile(file);
    index = BibliographyIndex.fromFiles([loaded]);
  });

  it('keeps every entry (independent count of @type{ lines minus @string/@comment/@preamble)', () => {
    const expected = countBibtexEntries(text);
    assert.equal(expected, 6239);
    assert.equal(loaded.entries.length, expected);
    assert.equal(new Set(loaded.entries.map((e) => e.key)).size, expected);
  });

  it('reports only the one real oddity: a BibDesk @url entry type, as a warning', () => {
    assert.deepEqual(
      loaded.problems.map((p) => [p.code, p.severity, p.key]),
      [['unknown-entry-type', 'warning', 'grady2019survey']],
    );
    assert.equal(loaded.problems[0].location.line, lineOf(text, '@url{grady2019survey,'));
  });

  it('keeps a lone $ in an abstract as a dollar sign (ackerman01062013: "$80,000")', () => {
    assert.match(get('ackerman01062013').abstract ?? '', /provides \$80,000 to all Americans/);
  });

  it('locates entries at their @ line', () => {
    for (const key of ['rosenbaum2018', 'eim2024', 'bowers:hans:2008', 'weber1994pav']) {
      const entry = get(key);
      const head = new RegExp(`^@\\w+\\{${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')},`, 'm');
      const at = text.search(head);
      assert.equal(entry.location.line, text.slice(0, at).split('\n').length, key);
    }
  });

  it('expands @string macros (journal = jasa)', () => {
    assert.equal(get('bowers:hans:2008').container, 'Journal of the American Statistical Association');
  });

  it('inherits crossref fields from the parent book', () => {
    const child = get('constant1819lib');
    assert.equal(child.publisher, 'Cambridge University Press');
    assert.equal(child.year, 1988);
    assert.equal(child.container, 'Political Writings');
  });

  it("turns BibTeX accents into Unicode, including {\\'\\i} and a stray \\\\ before an accent", () => {
    assert.equal(get('eim2024').publisher, 'Departamento de Ciencias Sociales y Políticas de la Universidad Católica del Uruguay');
    assert.equal(get('eim2024').title, 'A p-value for process tracing and other N=1 studies.');
    // St{\\"u}rmer in the file: a doubled backslash that BibTeX would not accept either.
    assert.ok(get('brookhart2006variable').authors.some((a) => a.family === 'Stürmer'));
    for (const entry of loaded.entries) {
      const shown = [entry.title, entry.container, ...entry.authors.map((a) => a.family ?? a.literal)].join(' ');
      assert.doesNotMatch(shown, /[\\{}]/, entry.key);
    }
  });

  it('finds works by author and year across the library', () => {
    const hits = index.findByAuthorYear(['Rosenbaum'], '2018', false);
    assert.ok(hits.some((e) => e.key === 'rosenbaum2018'));
    for (const hit of hits) {
      assert.equal(hit.year, 2018);
      assert.equal(hit.authors.length, 1);
    }
    assert.ok(index.findByAuthorYear(['Bowers', 'Hansen'], '2008', false).some((e) => e.key === 'bowers:hans:2008'));
  });
});
