import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { citationLabel, hubCitationText } from '../../../src/core/format/labels';
import { ReferenceFormatter } from '../../../src/core/format/formatReference';
import type { BibEntry } from '../../../src/core/types';
import { entryByKey, hubEntries } from '../search/hubEntries';

const HUB_CSL = path.join(__dirname, '../../../media/csl/edtechhub-apa.csl');

describe('formatReference (real EdTech Hub entries)', () => {
  const formatter = new ReferenceFormatter();
  it('APA: authors, year, title and DOI of a Hub report', () => {
    const text = formatter.format(entryByKey('hassler2020'));
    assert.match(text, /^Haßler, B\., Nicolai, S\., McBurnie, C\., Jordan, K\., Wilson, S\., & Kreimeia, A\. \(2020\)\./);
    assert.ok(text.includes('EdTech and COVID-19 response'));
    assert.ok(text.includes('https://doi.org/10.5281/zenodo.4118177'));
  });

  it('APA is the default style and text the default output', () => {
    const e = entryByKey('brugha2020');
    assert.equal(formatter.format(e), formatter.format(e, 'apa', 'text'));
  });

  it('every Hub entry formats in both styles with its title and year (or n.d.)', () => {
    for (const e of hubEntries()) {
      for (const style of ['apa', 'edtechhub-apa'] as const) {
        const r = formatter.formatResult(e, style);
        assert.equal(r.error, undefined, `${e.key} ${style}: ${r.error}`);
        assert.equal(r.template, style);
        const year = e.year !== undefined ? String(e.year) : 'n.d.';
        assert.ok(r.text.includes(year), `${e.key} ${style}: no ${year} in ${r.text}`);
        // The title's first words: styles move punctuation around its end ("Data.’") and may
        // change the case of a subtitle and curl apostrophes ("Sandboxes: what we’ve learned").
        const plain = (s: string): string => s.toLowerCase().replace(/[’']/g, "'");
        const opening = e.title ? plain(e.title.split(' ').slice(0, 4).join(' ')) : undefined;
        if (opening) assert.ok(plain(r.text).includes(opening), `${e.key} ${style}: no title in ${r.text}`);
      }
    }
  });

  it('prints the year with its suffix letter, as the key and the citation have it: "(2016b)", "(2022b, February 28)"', () => {
    assert.match(formatter.format(entryByKey('selwyn2016b')), /^Selwyn\. \(2016b\)\./);
    assert.match(formatter.format(entryByKey('major2020a')), /^Major, L\., & Francis, G\. A\. \(2020a\)\./);
    assert.match(formatter.format(entryByKey('lalbeharie2022b'), 'apa'), /^Lalbeharie, V\. \(2022b, February 28\)\./);
    assert.match(formatter.format(entryByKey('lalbeharie2022b'), 'edtechhub-apa'), /^Lalbeharie, V\. \(2022b, February 28\)\./);
    assert.match(formatter.format(entryByKey('lalbeharie2022b'), 'apa', 'html'), /\(2022b, February 28\)/);
    // The letter is the entry's own: rendering another entry after it gets none.
    assert.match(formatter.format(entryByKey('hennessy2022')), /^Hennessy\. \(2022\)\./);
  });

  it('the Hub style puts the title first when the author is missing, where APA moves the publisher up', () => {
    const e = entryByKey('edtechhub2020why');
    const apa = formatter.format(e, 'apa');
    const hub = formatter.format(e, 'edtechhub-apa');
    assert.match(apa, /^EdTech Hub\. \(2020, June 26\)\. Why African Innovations\?/);
    assert.match(hub, /^Why African Innovations\? \(2020, June 26\)\. EdTech Hub\./);
  });

  it('the Hub style says "[Data set]" where this APA says "[Dataset]"', () => {
    const e = entryByKey('anon2020reconstructing');
    assert.ok(formatter.format(e, 'apa').includes('[Dataset]'));
    assert.ok(formatter.format(e, 'edtechhub-apa').includes('[Data set]'));
  });

  it('HTML output is one entry, italicised title, escaped ampersand, no wrapper div', () => {
    const html = formatter.format(entryByKey('brugha2020'), 'apa', 'html');
    assert.ok(html.startsWith('Brugha, M., &#38; Jordan, K. (2020, February 18).'), html);
    assert.ok(html.includes('<i>An inclusive approach to searching for evidence on EdTech'));
    assert.ok(!html.includes('csl-entry') && !html.includes('csl-bib-body'));
  });

  describe('{cslFile}', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ew-csl-'));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('a real .csl file by path gives the same text as the bundled copy', () => {
      const e = entryByKey('edtechhub2020why');
      const r = formatter.formatResult(e, { cslFile: HUB_CSL });
      assert.equal(r.error, undefined);
      assert.ok(r.template.startsWith('csl-file:'));
      assert.equal(r.text, formatter.format(e, 'edtechhub-apa'));
    });

    it('a file that changes on disk is read again', () => {
      const file = path.join(dir, 'mine.csl');
      const e = entryByKey('edtechhub2020why');
      fs.writeFileSync(file, fs.readFileSync(HUB_CSL, 'utf8'));
      assert.equal(formatter.format(e, { cslFile: file }), formatter.format(e, 'edtechhub-apa'));
      const apaXml = /<bibliography[\s\S]*<\/bibliography>/.exec(fs.readFileSync(HUB_CSL, 'utf8'))![0];
      // Same style, but its bibliography now prints only the title: the output must change.
      const titleOnly = fs.readFileSync(HUB_CSL, 'utf8').replace(apaXml, '<bibliography><layout><text variable="title"/></layout></bibliography>');
      fs.writeFileSync(file, titleOnly);
      const later = new Date(Date.now() + 5000);
      fs.utimesSync(file, later, later);
      assert.equal(formatter.format(e, { cslFile: file }), 'Why African Innovations?');
    });

    it('a missing file falls back to APA and says why, naming the file', () => {
      const e = entryByKey('brugha2020');
      const missing = path.join(dir, 'nope.csl');
      const r = formatter.formatResult(e, { cslFile: missing });
      assert.equal(r.template, 'apa');
      assert.equal(r.text, formatter.format(e, 'apa'));
      assert.ok(r.error?.includes(missing), r.error);
    });

    it('a file that is not CSL falls back to APA with a reason', () => {
      const file = path.join(dir, 'notes.csl');
      fs.writeFileSync(file, 'These are my notes, not a style.');
      const r = formatter.formatResult(entryByKey('brugha2020'), { cslFile: file });
      assert.equal(r.template, 'apa');
      assert.match(r.error ?? '', /no <style> element/);
    });

    it('a broken CSL style that citeproc rejects falls back to APA', () => {
      const file = path.join(dir, 'broken.csl');
      fs.writeFileSync(file, '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0"><bibliography><<<<layout></style>');
      const e = entryByKey('brugha2020');
      const r = formatter.formatResult(e, { cslFile: file });
      assert.equal(r.template, 'apa');
      assert.equal(r.text, formatter.format(e, 'apa'));
      assert.ok(r.error?.includes(file), r.error);
    });

    it('a style that renders nothing (undefined macro) falls back to APA', () => {
      const file = path.join(dir, 'empty.csl');
      fs.writeFileSync(
        file,
        '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><citation><layout><text variable="title"/></layout></citation>' +
          '<bibliography><layout><text macro="nope"/></layout></bibliography></style>',
      );
      const r = formatter.formatResult(entryByKey('brugha2020'), { cslFile: file });
      assert.equal(r.template, 'apa');
      assert.match(r.error ?? '', /empty reference/);
    });
  });

  it('an entry without CSL-JSON is formatted from its fields', () => {
    const e: BibEntry = { ...entryByKey('brugha2020'), csl: {} };
    const text = formatter.format(e);
    assert.ok(text.startsWith('Brugha, M., & Jordan, K. (2020).'), text);
    assert.ok(text.includes('An inclusive approach'));
  });
});

describe('citationLabel', () => {
  it('one author, two, up to three named, four or more as et al. (the Hub\'s way)', () => {
    assert.equal(citationLabel(entryByKey('hennessy2022')), 'Hennessy (2022)');
    assert.equal(citationLabel(entryByKey('brugha2020')), 'Brugha & Jordan (2020)');
    assert.equal(citationLabel(entryByKey('hassler2020')), 'Haßler et al. (2020)'); // six authors
    const three = hubEntries().find((e) => e.authors.length === 3 && e.authors.every((a) => a.family));
    assert.ok(three, 'the Hub bibliography has a three-author entry');
    const [a, b, c] = three.authors.map((p) => p.family);
    assert.equal(citationLabel(three), `${a}, ${b} & ${c} (${three.yearLabel ?? three.year})`);
  });
  it('writes the ⇡ text the Hub itself published for its entries (the bibliography notes "cited as ⇡…")', () => {
    let compared = 0;
    for (const entry of hubEntries()) {
      const note = [entry.csl.note, entry.csl.annote].filter((n) => typeof n === 'string').join(' | ');
      const cited = /cited as ⇡(.+?),? \(?(\d{4}[a-z]?)\)? in /.exec(note);
      // "further authors (et al.) not named": the bibliography knows only the first author.
      if (!cited || note.includes('further authors')) continue;
      const published = `${cited[1]}, ${cited[2]}`;
      if (entry.key === 'liyanagunawardena2013') {
        // The one exception: a third-party work with three authors, published as "Liyanagunawardena, et al.".
        assert.equal(hubCitationText(entry), 'Liyanagunawardena, Williams & Adams, 2013');
        continue;
      }
      assert.equal(hubCitationText(entry), published, entry.key);
      compared++;
    }
    assert.ok(compared >= 8, `${compared} published cites compared`);
  });
  it('keeps the year suffix letter', () => {
    assert.equal(citationLabel(entryByKey('lalbeharie2022a')), 'Lalbeharie (2022a)');
  });
  it('uses a corporate author as written', () => {
    assert.equal(citationLabel(entryByKey('edtechhub2021edtech')), 'EdTech Hub (2021)');
  });
  it('says n.d. without a year, and falls back to a short title without an author', () => {
    assert.equal(citationLabel(entryByKey('alliergagneurnd')), 'Allier-Gagneur (n.d.)');
    assert.equal(citationLabel(entryByKey('edtechhub2020why')), 'Why African Innovations? (2020)');
    assert.match(citationLabel(entryByKey('anon2020reconstructing')), /^Reconstructing Data from the… \(2020\)$/);
  });
});
