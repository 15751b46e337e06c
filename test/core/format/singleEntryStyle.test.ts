import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { parseBibliographyText } from '../../../src/core/bibliography/formats/parseText';
import { hasStyle, registerStyle, renderBibliographyEntry, styleXml } from '../../../src/core/format/citationJsCsl';
import { ReferenceFormatter } from '../../../src/core/format/formatReference';
import { singleEntryStyle } from '../../../src/core/format/singleEntryStyle';
import type { BibEntry } from '../../../src/core/types';
import { HUB_BIB, paperFixture, paperNames } from '../../sharedFixtures';

/** The single-entry variant of `template`, registered under a name of this test's own. */
function withVariant(template: string): string {
  const name = `${template}|test-variant`;
  if (!hasStyle(name)) registerStyle(name, singleEntryStyle(styleXml(template)!));
  return name;
}

/** The CSL item citeproc is given for an entry (as ReferenceFormatter gives it). */
function itemOf(entry: BibEntry): { readonly id: string; readonly type: string } {
  return { ...(entry.csl as object), id: entry.key, type: (entry.csl as { type?: string }).type ?? entry.type };
}

describe('singleEntryStyle', () => {
  it('leaves out every sort key and the citation layout, and keeps the citation attributes and the bibliography', () => {
    const xml = [
      '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><!-- a <sort> in a comment -->',
      '<macro name="author"><names variable="author"/></macro>',
      '<citation et-al-min="3" disambiguate-add-year-suffix="true"><sort><key macro="author"/></sort><layout><text macro="author"/></layout></citation>',
      '<bibliography hanging-indent="true"><sort>\n<key macro="author"/>\n<key variable="issued"/></sort><layout><text macro="author"/><text variable="title"/></layout></bibliography>',
      '</style>',
    ].join('\n');
    const out = singleEntryStyle(xml);
    assert.doesNotMatch(out, /<sort|<key|<!--/);
    assert.match(out, /<citation et-al-min="3" disambiguate-add-year-suffix="true"><layout><text variable="title"\/><\/layout><\/citation>/);
    assert.match(out, /<bibliography hanging-indent="true"><layout><text macro="author"\/><text variable="title"\/><\/layout><\/bibliography>/);
    assert.match(out, /<macro name="author">/);
  });

  it('returns a text without a citation element as it is (citeproc then says what is wrong with it)', () => {
    const xml = '<style xmlns="http://purl.org/net/xbiblio/csl"><bibliography><sort><key variable="title"/></sort><layout/></bibliography></style>';
    assert.equal(singleEntryStyle(xml), xml);
  });

  it("renders every entry of the real libraries as the whole style does (APA in HTML, the Hub's style in text; with a year letter and without)", function () {
    this.timeout(60_000);
    const papers = paperNames().map((name) => paperFixture(name, 'paper.bib')).filter((file) => fs.existsSync(file));
    const entriesOf = (files: string[]): BibEntry[] => files.flatMap((file) => parseBibliographyText(fs.readFileSync(file, 'utf8'), file).entries);
    const hub = entriesOf([HUB_BIB]);
    const all = [...hub, ...entriesOf(papers)];
    assert.ok(all.length > 500, `${all.length} entries`);
    new ReferenceFormatter().format(hub[0]!, 'edtechhub-apa'); // registers the Hub's style
    let compared = 0;
    for (const { template, output, entries } of [
      { template: 'apa', output: 'html' as const, entries: all },
      { template: 'edtechhub-apa', output: 'text' as const, entries: hub },
    ]) {
      const variant = withVariant(template);
      entries.forEach((entry, i) => {
        const item = itemOf(entry);
        const suffix = i % 2 ? 'b' : undefined;
        const whole = renderBibliographyEntry(item, template, output, suffix);
        assert.ok(whole.trim().length > 0, entry.key);
        assert.equal(renderBibliographyEntry(item, variant, output, suffix), whole, `${entry.key} in ${template} (${output})`);
        compared++;
      });
    }
    assert.equal(compared, all.length + hub.length);
  });
});
