/**
 * Properties of the citation recognisers over random and mutated real documents: they never throw
 * (the raw recognisers are called too, because findCitations swallows their exceptions), never
 * hang, report spans inside the document whose text is the key as written, in order, never
 * overlapping, and give the same answer twice.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { findAuthorYearCitations } from '../../src/core/citations/authorYear';
import { findCitations } from '../../src/core/citations/findCitations';
import { findHubLinkCitations } from '../../src/core/citations/hubLink';
import { findLatexCitations } from '../../src/core/citations/latex';
import { MaskedText, PROSE_MASK, URL_MASK } from '../../src/core/citations/masking';
import { findPandocCitations } from '../../src/core/citations/pandoc';
import { findZoteroLinkCitations } from '../../src/core/citations/zoteroLink';
import { findZoteroScannableCitations } from '../../src/core/citations/zoteroScannable';
import { findZoteroTaggedCitations } from '../../src/core/citations/zoteroTagged';
import type { Citation, DocumentLanguage } from '../../src/core/types';
import {
  assertSortedDisjoint,
  assertSpanInside,
  checkProperty,
  LANGUAGES,
  mutated,
  mutatedExcerpt,
  REAL,
  syntaxText,
  withinTime,
} from './helpers';

const DOCUMENTS = [...REAL.blogs, ...REAL.papers, REAL.latex];
const language = fc.constantFrom(...LANGUAGES);

function checkCitations(text: string, lang: DocumentLanguage, citations: readonly Citation[]): void {
  assertSortedDisjoint(citations.map((c) => c.span), `${lang} citations`);
  for (const c of citations) {
    assertSpanInside(c.span, text.length, `${c.syntax} citation`);
    assert.ok(c.items.length > 0, `a ${c.syntax} citation with no items at ${c.span.start}`);
    for (const item of c.items) {
      assertSpanInside(item.span, text.length, `${c.syntax} item`);
      assert.ok(c.span.start <= item.span.start && item.span.end <= c.span.end, `item ${JSON.stringify(item.span)} outside its citation ${JSON.stringify(c.span)}`);
      if (c.syntax === 'pandoc' || c.syntax === 'hub-link' || c.syntax === 'latex' || c.syntax === 'zotero-link') {
        assert.equal(text.slice(item.span.start, item.span.end), item.text, `${c.syntax} item text is not the text at its span`);
      }
      if (c.syntax === 'pandoc' || c.syntax === 'latex') {
        assert.ok(item.key !== undefined && item.key.length > 0, `${c.syntax} item without a key`);
        assert.equal(item.key, item.text);
      }
      if (c.syntax === 'hub-link') assert.ok(item.hubKey, 'hub-link item without hubKey');
      if (c.syntax.startsWith('zotero-')) {
        assert.match(item.zotero?.itemKey ?? '', /^[A-Z0-9]{8}$/, `${c.syntax} item without an item key`);
        // A tagged or scannable cite is one piece of text: nothing inside it is read again.
        if (c.syntax !== 'zotero-link') assert.ok(/^[⟦{]/.test(text.slice(item.span.start, item.span.end)), `${c.syntax} item does not start at its marker`);
      }
      if (c.syntax === 'author-year') {
        assert.ok(item.authorYear, 'author-year item without authorYear');
        assert.match(item.authorYear.year, /^(?:19|20)\d\d[a-z]?$/);
        // It ends at its year, or (names cut short by a Hub link between names and year) where the link starts.
        const cutByLink = citations.some((l) => l.syntax === 'hub-link' && l.span.start >= item.span.end && /^[\s(\],;]*$/.test(text.slice(item.span.end, l.span.start)));
        assert.ok(text.slice(item.span.start, item.span.end).endsWith(item.authorYear.year) || cutByLink, 'author-year span does not end at its year, nor where a Hub link cuts it');
      }
    }
    if (c.syntax === 'pandoc') assert.notEqual(lang, 'latex', 'a Pandoc citation in LaTeX');
    if (c.syntax === 'latex') assert.equal(lang, 'latex', 'a LaTeX citation outside LaTeX');
  }
}

/** The recognisers without findCitations' safety net, so a swallowed exception still fails. */
function rawRecognisers(text: string, lang: DocumentLanguage): void {
  const doc = new MaskedText(text, lang);
  const prose = doc.masked(PROSE_MASK);
  assert.equal(prose.length, text.length, 'masking changed the text length');
  assert.equal(doc.masked(URL_MASK).length, text.length);
  for (const r of doc.regions) assertSpanInside(r, text.length, `${r.kind} region`);
  assertSortedDisjoint(doc.regions, 'regions');
  if (lang === 'latex') findLatexCitations(prose);
  else findPandocCitations(prose, text);
  findAuthorYearCitations(prose);
  findHubLinkCitations(doc.masked(URL_MASK));
  findZoteroTaggedCitations(prose);
  findZoteroScannableCitations(prose);
  findZoteroLinkCitations(doc.masked(URL_MASK));
}

function fullCheck(text: string, lang: DocumentLanguage): void {
  withinTime(`raw recognisers (${lang}, ${text.length} chars)`, () => rawRecognisers(text, lang));
  const first = withinTime(`findCitations (${lang}, ${text.length} chars)`, () => findCitations(text, lang));
  checkCitations(text, lang, first);
  assert.deepEqual(findCitations(text, lang), first, 'findCitations is not deterministic');
}

describe('property: citations (findCitations and the recognisers)', () => {
  it('random syntax-rich strings: no throw, spans inside and in order, key text at its span, deterministic', () => {
    checkProperty('citations/random-syntax', [syntaxText(80), language], fullCheck, 3000);
  });

  it('mutated excerpts of real documents (blogs, papers, LaTeX)', () => {
    checkProperty('citations/mutated-excerpts', [mutatedExcerpt(DOCUMENTS, 2500), language], fullCheck, 1000);
  });

  it('regression (found by mutated-excerpts): a URL inside a \\cite argument is not read as part of a key', () => {
    const text = 'Many thanks to Jenny Smetzer [\\cite{@smetzer180](https://github.com/smetzer180){target="_blank"}, Luke';
    const found = findCitations(text, 'latex');
    checkCitations(text, 'latex', found);
    for (const c of found) for (const i of c.items) assert.doesNotMatch(i.key ?? '', /\s/);
  });

  it('regression (found by random-syntax): masked text inside a braced Pandoc key is not read as part of it', () => {
    const text = '@{](\\)!}';
    const found = findCitations(text, 'markdown');
    checkCitations(text, 'markdown', found);
  });

  it('whole real documents with random mutations', () => {
    checkProperty('citations/mutated-documents', [mutated(DOCUMENTS, 10), language], fullCheck, 200);
  });

  it('a citation spliced into random prose is found with its key at its span', () => {
    const key = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,12}$/);
    const prose = fc.constantFrom('The result holds ', 'Evidence shows ', 'As reported ', '');
    checkProperty(
      'citations/spliced-pandoc-key',
      [prose, key, fc.constantFrom('markdown', 'quarto', 'rmd', 'plaintext') as fc.Arbitrary<DocumentLanguage>],
      (before, k, lang) => {
        if (/^(?:fig|tbl|lst|tip|nte|wrn|imp|cau|thm|lem|cor|prp|cnj|def|exm|exr|sol|rem|eq|sec|apx)$/.test(k)) return;
        const text = `${before}[@${k}].`;
        const found = findCitations(text, lang);
        assert.equal(found.length, 1, JSON.stringify(found));
        assert.equal(found[0].items[0].key, k);
        assert.equal(text.slice(found[0].items[0].span.start, found[0].items[0].span.end), k);
      },
      300,
    );
  });

  it('a Zotero cite with a random key and a real label, spliced into prose, is one citation with that key; a tagged or scannable one never also author-year', () => {
    const key = fc.stringMatching(/^[A-Z0-9]{8}$/);
    const label = fc.constantFrom('Haßler, et al., 2020', 'Haßler et al.  (2020)', 'Damani & Mitchell, 2020', 'Kenya: Webb et al., 2020', 'World Bank, 2016b', 'anon., no date');
    const form = fc.constantFrom('tagged', 'group', 'scannable', 'link');
    const prose = fc.constantFrom('Radio reached most learners ', 'As shown by ', '(see ', '');
    checkProperty(
      'citations/spliced-zotero',
      [prose, key, label, form, language],
      (before, k, l, f, lang) => {
        const cite =
          f === 'tagged' ? `⟦zg:2405685:${k}|${l}⟧` : f === 'group' ? `(⟦zg:2405685:${k}|${l}⟧; ⟦zu:0:${k}|${l}⟧)` : f === 'scannable' ? `{ | ${l} | p. 4 | |zg:2405685:${k}}` : `[${l}](zotero://select/items/1_${k})`;
        const text = `${before}${cite} today.`;
        const found = findCitations(text, lang);
        checkCitations(text, lang, found);
        const zotero = found.filter((c) => c.syntax.startsWith('zotero-'));
        assert.equal(zotero.length, 1, JSON.stringify(found));
        assert.ok(zotero[0]!.items.every((i) => i.zotero?.itemKey === k));
        // A link's text is the writer's and may be an author-year citation; a tagged or scannable cite is never read twice.
        if (f !== 'link') assert.deepEqual(found.filter((c) => c.syntax === 'author-year'), [], `author-year read inside ${cite}`);
      },
      400,
    );
  });

  it('a LaTeX \\citep with random keys yields exactly those keys at their spans', () => {
    const keys = fc.array(fc.stringMatching(/^[A-Za-z][A-Za-z0-9:_-]{0,10}$/), { minLength: 1, maxLength: 5 });
    checkProperty(
      'citations/spliced-latex-keys',
      [keys, fc.constantFrom(',', ', ', ' ,')],
      (ks, sep) => {
        const text = `Schools closed \\citep[see][p.~3]{${ks.join(sep)}}.`;
        const found = findCitations(text, 'latex');
        assert.equal(found.length, 1);
        assert.deepEqual(
          found[0].items.map((i) => i.key),
          ks,
        );
        for (const i of found[0].items) assert.equal(text.slice(i.span.start, i.span.end), i.key);
      },
      300,
    );
  });
});
