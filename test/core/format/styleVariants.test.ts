import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { parseBibliographyText } from '../../../src/core/bibliography/formats/parseText';
import { renderBibliography, renderBibliographyEntry } from '../../../src/core/format/citationJsCsl';
import { cslItemOf, ReferenceFormatter, variantOf } from '../../../src/core/format/formatReference';
import { styleFor } from '../../../src/core/format/styleVariants';
import type { BibEntry } from '../../../src/core/types';
import { BIG_BIB, HUB_BIB, paperFixture, paperNames } from '../../sharedFixtures';

const entriesOf = (file: string): readonly BibEntry[] => parseBibliographyText(fs.readFileSync(file, 'utf8'), file).entries;
const paperBibs = (): string[] => paperNames().map((name) => paperFixture(name, 'paper.bib')).filter((file) => fs.existsSync(file));

const STYLE = [
  '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><!-- a <sort> in a comment -->',
  '<macro name="author"><names variable="author"/></macro>',
  '<citation et-al-min="3" disambiguate-add-year-suffix="true"><sort><key macro="author"/></sort><layout><text macro="author"/></layout></citation>',
  '<bibliography hanging-indent="true"><sort>\n<key macro="author"/>\n<key variable="issued"/></sort><layout><text macro="author"/><text variable="title"/></layout></bibliography>',
  '</style>',
].join('\n');

describe('styleVariants', () => {
  it('for one entry: no sort key, a one-variable citation layout, the citation attributes and the bibliography kept', () => {
    const out = styleFor('one-entry', STYLE);
    assert.doesNotMatch(out, /<sort|<key|<!--/);
    assert.match(out, /<citation et-al-min="3" disambiguate-add-year-suffix="true"><layout><text variable="title"\/><\/layout><\/citation>/);
    assert.match(out, /<bibliography hanging-indent="true"><layout><text macro="author"\/><text variable="title"\/><\/layout><\/bibliography>/);
    assert.match(out, /<macro name="author">/);
  });

  it('for a reference list: only the citation sort left out; the citation layout and the bibliography sort kept', () => {
    const out = styleFor('reference-list', STYLE);
    assert.match(out, /<citation et-al-min="3" disambiguate-add-year-suffix="true"><layout><text macro="author"\/><\/layout><\/citation>/);
    assert.match(out, /<bibliography hanging-indent="true"><sort>\n<key macro="author"\/>\n<key variable="issued"\/><\/sort><layout>/);
  });

  it('returns a text without a citation element as it is (citeproc then says what is wrong with it)', () => {
    const xml = '<style xmlns="http://purl.org/net/xbiblio/csl"><bibliography><sort><key variable="title"/></sort><layout/></bibliography></style>';
    assert.equal(styleFor('one-entry', xml), xml);
    assert.equal(styleFor('reference-list', xml), xml);
  });

  it("renders every entry of the real libraries on its own as the whole style does (APA in HTML, the Hub's style in text; with a year letter and without)", function () {
    this.timeout(60_000);
    const hub = entriesOf(HUB_BIB);
    const all = [...hub, ...paperBibs().flatMap(entriesOf)];
    assert.ok(all.length > 500, `${all.length} entries`);
    new ReferenceFormatter().format(hub[0]!, 'edtechhub-apa'); // registers the Hub's style
    let compared = 0;
    for (const { template, output, entries } of [
      { template: 'apa', output: 'html' as const, entries: all },
      { template: 'edtechhub-apa', output: 'text' as const, entries: hub },
    ]) {
      const oneEntry = variantOf(template, 'one-entry');
      entries.forEach((entry, i) => {
        const item = cslItemOf(entry);
        const suffix = i % 2 ? 'b' : undefined;
        const whole = renderBibliographyEntry(item, template, output, suffix);
        assert.ok(whole.trim().length > 0, entry.key);
        assert.equal(renderBibliographyEntry(item, oneEntry, output, suffix), whole, `${entry.key} in ${template} (${output})`);
        compared++;
      });
    }
    assert.equal(compared, all.length + hub.length);
  });

  it('renders the reference lists of the real libraries as the whole style does: sorted, and with the same year letters (2020a, 2020b)', function () {
    this.timeout(60_000);
    const hub = entriesOf(HUB_BIB);
    new ReferenceFormatter().format(hub[0]!, 'edtechhub-apa'); // registers the Hub's style
    // The BibDesk library's entries by first author, so that namesakes share a list.
    const big = [...entriesOf(BIG_BIB)].sort((a, b) => (a.authors[0]?.family ?? '').localeCompare(b.authors[0]?.family ?? ''));
    const lists = [hub, ...paperBibs().map(entriesOf), big.slice(3000, 3200)];
    const renders: string[] = [];
    for (const { template, of } of [
      { template: 'apa', of: lists },
      { template: 'edtechhub-apa', of: [hub] },
    ]) {
      const referenceList = variantOf(template, 'reference-list');
      for (const list of of) {
        const items = list.map(cslItemOf);
        const whole = renderBibliography(items, template, 'html');
        assert.equal(renderBibliography(items, referenceList, 'html'), whole, `a list of ${list.length} in ${template}, starting with ${list[0]?.key}`);
        renders.push(whole);
      }
    }
    // Disambiguation was exercised: the Hub's two Major & Francis (2020) reports got their letters.
    assert.match(renders[0]!, /Major, L\., &#38; Francis, G\. A\. \(2020a\)\. <i>Technology-supported/);
    assert.match(renders[0]!, /Major, L\., &#38; Francis, G\. A\. \(2020b, August 18\)/);
  });
});
