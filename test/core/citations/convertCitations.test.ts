import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { BibliographyIndex } from '../../../src/core/bibliography/index/bibliographyIndex';
import { parseBibliographyText } from '../../../src/core/bibliography/formats/parseText';
import { applySpanEdits, convertCitations, type CitationConversion } from '../../../src/core/citations/convertCitations';
import { findCitations } from '../../../src/core/citations/findCitations';
import { resolveCitation } from '../../../src/core/citations/resolve';
import type { DocumentLanguage } from '../../../src/core/types';

const ZOTERO = path.join(__dirname, '../../fixtures/zotero');
const load = (name: string) => BibliographyIndex.fromFiles([parseBibliographyText(readFileSync(path.join(ZOTERO, name), 'utf8'), path.join(ZOTERO, name))]);
const hub = load('hub-outputs.bib');
const draft = readFileSync(path.join(ZOTERO, 'draft.md'), 'utf8');

/** Each edit as [the text it replaces, the new text]. */
const pairs = (text: string, r: CitationConversion) => r.edits.map((e) => [text.slice(e.span.start, e.span.end), e.newText]);

function assertSortedDisjoint(r: CitationConversion): void {
  for (let i = 1; i < r.edits.length; i++) assert.ok(r.edits[i - 1]!.span.end <= r.edits[i]!.span.start, 'edits overlap or are out of order');
}

/** The entry keys every citation of `text` resolves to, in order. */
function citedKeys(text: string, language: DocumentLanguage = 'markdown'): string[] {
  return findCitations(text, language).flatMap((c) => resolveCitation(c, hub).flatMap((es) => (es.length === 1 ? [es[0]!.key] : [])));
}

describe('convertCitations', () => {
  describe('to the Hub form', () => {
    const r = convertCitations(draft, 'markdown', hub, 'hub');

    it('turns tagged, scannable and link cites and keys into ⇡ links to the library, groups kept, prefixes and locators kept', () => {
      assertSortedDisjoint(r);
      const byOld = Object.fromEntries(pairs(draft, r));
      assert.equal(
        byOld['(⟦zg:2405685:IA9PL99D|Haßler, et al., 2020⟧; ⟦zg:2405685:YMWE6FR6|Damani & Mitchell, 2020⟧)'],
        '([⇡Haßler, et al., 2020](https://docs.edtechhub.org/lib/IA9PL99D); [⇡Damani & Mitchell, 2020](https://docs.edtechhub.org/lib/YMWE6FR6))',
      );
      assert.equal(byOld['⟦zg:2405685:BVXSZ7G4|Watson & McIntyre  (2020)⟧'], '[⇡Watson & McIntyre (2020)](https://docs.edtechhub.org/lib/BVXSZ7G4)');
      assert.equal(byOld['(⟦zg:2405685:XHBPFYVC|Kenya: Jordan & Mitchell, 2020⟧)'], '(Kenya: [⇡Jordan & Mitchell, 2020](https://docs.edtechhub.org/lib/XHBPFYVC))');
      assert.equal(byOld['{ | Webb et al., 2020 | p. 12 | |zg:2405685:CZBRW85R}'], '([⇡Webb et al., 2020](https://docs.edtechhub.org/lib/CZBRW85R), p. 12)');
      assert.equal(byOld['[Major & Francis, 2020](zotero://select/groups/2405685/items/A2II5ZV7)'], '[⇡Major & Francis, 2020](https://docs.edtechhub.org/lib/A2II5ZV7)');
      assert.equal(byOld['zotero://select/items/1_ZPTMAP5C'], '[⇡Mitchell et al., 2020](https://docs.edtechhub.org/lib/ZPTMAP5C)');
      assert.equal(byOld['(https://www.zotero.org/groups/2405685/edtechhub/items/UUNEJ7FS)'], '([⇡Ashlee, Clericetti & Mitchell, 2020](https://docs.edtechhub.org/lib/UUNEJ7FS))');
      assert.equal(byOld['[@hennessy2022]'], '([⇡Hennessy, 2022](https://docs.edtechhub.org/lib/E5J2KHF2))');
      assert.equal(r.edits.length, 8);
    });

    it('leaves unknown items as written and lists them with the reason', () => {
      assert.deepEqual(r.unconverted.map((u) => [u.text, u.reason]), [
        ['(⟦zg:2405685:IA9PL99E|Haßler, et al., 2020⟧)', 'no bibliography entry has the Zotero item key IA9PL99E'],
        ['(⟦zu:0:QQQQ7777|Nobody, 2031⟧)', 'no bibliography entry has the Zotero item key QQQQ7777'],
      ]);
      const after = applySpanEdits(draft, r.edits);
      assert.ok(after.includes('(⟦zg:2405685:IA9PL99E|Haßler, et al., 2020⟧)'));
    });

    it('the converted text cites the same works, now as Hub links the recognisers read', () => {
      const after = applySpanEdits(draft, r.edits);
      assert.deepEqual(new Set(citedKeys(after)), new Set(citedKeys(draft)));
      assert.ok(!/⟦zg:2405685:(?!IA9PL99E)|zotero:\/\/|\| \|zg/.test(after));
    });

    it('Pandoc prefixes and locators stay with their work; an entry without a Hub key is left and said so', () => {
      const text = 'Radio helped [see @damani2020, p. 3; @watson2020] and [@castillo2015].';
      const c = convertCitations(text, 'markdown', hub, 'hub');
      assert.deepEqual(pairs(text, c), [
        ['[see @damani2020, p. 3; @watson2020]', '(see [⇡Damani & Mitchell, 2020](https://docs.edtechhub.org/lib/YMWE6FR6), p. 3; [⇡Watson & McIntyre, 2020](https://docs.edtechhub.org/lib/BVXSZ7G4))'],
      ]);
      assert.deepEqual(c.unconverted.map((u) => u.reason), ['castillo2015 has no EdTech Hub library key (docs.edtechhub.org/lib/…)']);
    });

    it('a cite in the Hub’s group library links by its own item key even when the entry has no Hub link', () => {
      const personal = load('personal.bib');
      const text = 'Television reached many (⟦zg:2405685:BVXSZ7G4|Watson & McIntyre, 2020⟧); radio too [@damani2020].';
      const c = convertCitations(text, 'markdown', personal, 'hub');
      assert.deepEqual(pairs(text, c), [['(⟦zg:2405685:BVXSZ7G4|Watson & McIntyre, 2020⟧)', '([⇡Watson & McIntyre, 2020](https://docs.edtechhub.org/lib/BVXSZ7G4))']]);
      assert.equal(c.unconverted.length, 1);
    });

    it('in LaTeX writes \\href links; commands with notes are left for the writer', () => {
      const text = 'Radio helped \\citep{damani2020}, as \\citet{watson2020} show; see \\citep[p.~3]{hassler2020}.';
      const c = convertCitations(text, 'latex', hub, 'hub');
      assert.deepEqual(pairs(text, c), [
        ['\\citep{damani2020}', '(\\href{https://docs.edtechhub.org/lib/YMWE6FR6}{⇡Damani & Mitchell, 2020})'],
        ['\\citet{watson2020}', '\\href{https://docs.edtechhub.org/lib/BVXSZ7G4}{⇡Watson & McIntyre (2020)}'],
      ]);
      assert.deepEqual(c.unconverted.map((u) => u.text), ['\\citep[p.~3]{hassler2020}']);
    });
  });

  describe('to citation keys', () => {
    it('turns the Zotero forms and the Hub’s ⇡ citations into Pandoc keys, narrative ones narrative', () => {
      const r = convertCitations(draft, 'markdown', hub, 'key');
      assertSortedDisjoint(r);
      assert.deepEqual(pairs(draft, r), [
        ['(⟦zg:2405685:IA9PL99D|Haßler, et al., 2020⟧; ⟦zg:2405685:YMWE6FR6|Damani & Mitchell, 2020⟧)', '[@hassler2020; @damani2020]'],
        ['⟦zg:2405685:BVXSZ7G4|Watson & McIntyre  (2020)⟧', '@watson2020'],
        ['(⟦zg:2405685:XHBPFYVC|Kenya: Jordan & Mitchell, 2020⟧)', '[Kenya: @jordan2020]'],
        ['{ | Webb et al., 2020 | p. 12 | |zg:2405685:CZBRW85R}', '[@webb2020, p. 12]'],
        ['[Major & Francis, 2020](zotero://select/groups/2405685/items/A2II5ZV7)', '[@major2020a]'],
        ['(https://www.zotero.org/groups/2405685/edtechhub/items/UUNEJ7FS)', '[@ashlee2020]'],
        ['zotero://select/items/1_ZPTMAP5C', '[@mitchell2020]'],
        ['([⇡Chachage & Thakrar, 2023](https://docs.edtechhub.org/lib/9WBV8KPN))', '[@chachage2023]'],
      ]);
      const after = applySpanEdits(draft, r.edits);
      assert.deepEqual(new Set(citedKeys(after)), new Set(citedKeys(draft)));
    });

    it('reads the Hub’s published forms: linked groups, a link then its year, and ⇡ text without links', () => {
      const text =
        'Schools closed (e.g. [⇡Haßler et al., 2020](https://docs.edtechhub.org/lib/IA9PL99D); [⇡Damani & Mitchell, 2020](https://docs.edtechhub.org/lib/YMWE6FR6)). ' +
        '[⇡Watson & McIntyre](https://docs.edtechhub.org/lib/BVXSZ7G4) (2020) agree, and so do others (⇡Vegas, 2020; ⇡World Bank, 2016).';
      const r = convertCitations(text, 'markdown', hub, 'key');
      assert.deepEqual(pairs(text, r), [
        ['(e.g. [⇡Haßler et al., 2020](https://docs.edtechhub.org/lib/IA9PL99D); [⇡Damani & Mitchell, 2020](https://docs.edtechhub.org/lib/YMWE6FR6))', '[e.g. @hassler2020; @damani2020]'],
        ['[⇡Watson & McIntyre](https://docs.edtechhub.org/lib/BVXSZ7G4) (2020)', '@watson2020'],
        ['(⇡Vegas, 2020; ⇡World Bank, 2016)', '[@vegas2020; @worldbank2016]'],
      ]);
    });

    it('in LaTeX writes natbib commands, or biblatex ones when the document uses biblatex', () => {
      const text = 'Radio helped (⟦zg:2405685:YMWE6FR6|Damani & Mitchell, 2020⟧), as ⟦zg:2405685:BVXSZ7G4|Watson & McIntyre (2020)⟧ show { | Webb et al., 2020 | p. 12 | |zg:2405685:CZBRW85R}.';
      assert.deepEqual(pairs(text, convertCitations(text, 'latex', hub, 'key')).map(([, n]) => n), ['\\citep{damani2020}', '\\citet{watson2020}', '\\citep[][p. 12]{webb2020}']);
      const biblatex = `\\usepackage{biblatex}\n\\begin{document}\n${text}\n\\end{document}`;
      assert.deepEqual(pairs(biblatex, convertCitations(biblatex, 'latex', hub, 'key')).map(([, n]) => n), ['\\parencite{damani2020}', '\\textcite{watson2020}', '\\parencite[][p. 12]{webb2020}']);
    });

    it('converts only the forms asked for', () => {
      const r = convertCitations(draft, 'markdown', hub, 'key', { from: ['zotero-scannable'] });
      assert.deepEqual(pairs(draft, r), [['{ | Webb et al., 2020 | p. 12 | |zg:2405685:CZBRW85R}', '[@webb2020, p. 12]']]);
    });
  });
});
