/**
 * Properties of citation conversion over random and mutated real documents (the Hub blogs, real
 * papers, a LaTeX report, and a Hub draft in the Zotero forms): it never throws or hangs, its edits
 * lie inside the text, sorted and disjoint, each changes something and none touches a citation it
 * left unconverted; what it leaves is listed as written, with a reason.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { BibliographyIndex } from '../../src/core/bibliography/index/bibliographyIndex';
import { parseBibliographyText } from '../../src/core/bibliography/formats/parseText';
import { applySpanEdits, convertCitations } from '../../src/core/citations/convertCitations';
import type { DocumentLanguage } from '../../src/core/types';
import { assertSortedDisjoint, assertSpanInside, checkProperty, LANGUAGES, mutated, mutatedExcerpt, REAL, syntaxText, withinTime } from './helpers';

const HUB = BibliographyIndex.fromFiles([parseBibliographyText(REAL.hubBib, 'hub-outputs.bib')]);
const DRAFT = readFileSync(path.join(__dirname, '../fixtures/zotero/draft.md'), 'utf8');
const DOCUMENTS = [...REAL.blogs, ...REAL.papers, REAL.latex, DRAFT];
const language = fc.constantFrom(...LANGUAGES);
const target = fc.constantFrom('hub' as const, 'key' as const);

function check(text: string, lang: DocumentLanguage, to: 'hub' | 'key'): void {
  const r = withinTime(`convertCitations(${lang}, ${to}, ${text.length} chars)`, () => convertCitations(text, lang, HUB, to));
  assertSortedDisjoint(r.edits.map((e) => e.span), 'edits');
  for (const e of r.edits) {
    assertSpanInside(e.span, text.length, 'edit');
    assert.notEqual(text.slice(e.span.start, e.span.end), e.newText, 'an edit that changes nothing');
    for (const u of r.unconverted) assert.ok(u.span.end <= e.span.start || e.span.end <= u.span.start, 'an edit over a citation left unconverted');
  }
  for (const u of r.unconverted) {
    assertSpanInside(u.span, text.length, 'unconverted');
    assert.equal(text.slice(u.span.start, u.span.end), u.text);
    assert.ok(u.reason.length > 0);
  }
  applySpanEdits(text, r.edits);
}

describe('property: convertCitations', () => {
  it('random syntax-rich strings: no throw, edits inside, sorted, disjoint, never over an unconverted citation', () => {
    checkProperty('convert/random-syntax', [syntaxText(80), language, target], check, 1500);
  });

  it('mutated excerpts of real documents and the Zotero draft', () => {
    checkProperty('convert/mutated-excerpts', [mutatedExcerpt(DOCUMENTS, 2500), language, target], check, 500);
  });

  it('whole real documents with random mutations', () => {
    checkProperty('convert/mutated-documents', [mutated(DOCUMENTS, 10), language, target], check, 100);
  });
});
