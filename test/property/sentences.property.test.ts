/**
 * Properties of the sentence splitter: never throws or hangs; every sentence is the document's
 * text at its span, trimmed, with at least one letter; sentences are in order and never overlap;
 * paragraph indexes never decrease; the same input gives the same sentences.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { splitSentences } from '../../src/core/claims/splitSentences';
import type { DocumentLanguage } from '../../src/core/types';
import { assertSortedDisjoint, assertSpanInside, checkProperty, LANGUAGES, mutated, mutatedExcerpt, REAL, syntaxText, withinTime } from './helpers';

const DOCUMENTS = [...REAL.blogs, ...REAL.papers, REAL.latex];
const language = fc.constantFrom(...LANGUAGES);

function check(text: string, lang: DocumentLanguage): void {
  const sentences = withinTime(`splitSentences (${lang}, ${text.length} chars)`, () => splitSentences(text, lang));
  assertSortedDisjoint(
    sentences.map((s) => s.span),
    `${lang} sentences`,
  );
  let paragraph = -1;
  for (const s of sentences) {
    assertSpanInside(s.span, text.length, 'sentence');
    assert.ok(s.span.end > s.span.start, 'empty sentence');
    assert.equal(s.text, text.slice(s.span.start, s.span.end), 'sentence text is not the text at its span');
    assert.equal(s.text, s.text.trim(), `sentence not trimmed: ${JSON.stringify(s.text)}`);
    assert.match(s.text, /\p{L}/u, 'a sentence without a letter');
    assert.ok(Number.isInteger(s.paragraph) && s.paragraph >= paragraph, `paragraph index went back: ${s.paragraph} after ${paragraph}`);
    paragraph = s.paragraph;
  }
  assert.deepEqual(splitSentences(text, lang), sentences, 'splitSentences is not deterministic');
}

describe('property: splitSentences', () => {
  it('random syntax-rich strings', () => {
    checkProperty('sentences/random-syntax', [syntaxText(80), language], check, 2000);
  });

  it('mutated excerpts of real documents', () => {
    checkProperty('sentences/mutated-excerpts', [mutatedExcerpt(DOCUMENTS, 2500), language], check, 800);
  });

  it('whole real documents with random mutations', () => {
    checkProperty('sentences/mutated-documents', [mutated(DOCUMENTS, 10), language], check, 300);
  });

  it('regression (found by mutated-documents): a bullet-like line inside a multi-line code span does not start a sentence', () => {
    // A duplicated slice put "  - into …" inside a `…` code span; the splitter began a list item
    // there and returned a sentence starting with the span's spaces.
    const text = 'We present the [`---\ntitle: "Take a `moderndive`"Albert Y. Kim.\ntags:\n  - into introductory linear regression with R"\nauthor: "Albert Y. Kim, and moderndive`](https://x.org/){target="_blank"} R package for regression [@tidyverse2019].';
    check(text, 'markdown');
  });

  it('regression (found by random-syntax in CI, seed 162075369): a paragraph break inside unclosed math does not leave its spaces on the sentence', () => {
    check('>A$ER  - \n\r$$', 'markdown');
    check('Reading gains were large $under  \n\nsome  $ assumptions.', 'markdown');
  });

  it('line endings do not change the sentences (\\n vs \\r\\n), only shift their offsets', () => {
    checkProperty(
      'sentences/crlf-invariance',
      [fc.constantFrom(...REAL.blogs, ...REAL.papers), fc.constantFrom('markdown', 'plaintext') as fc.Arbitrary<DocumentLanguage>],
      (text, lang) => {
        const lf = text.replace(/\r\n/g, '\n');
        const crlf = lf.replace(/\n/g, '\r\n');
        const a = splitSentences(lf, lang).map((s) => s.text.replace(/\r\n/g, '\n'));
        const b = splitSentences(crlf, lang).map((s) => s.text.replace(/\r\n/g, '\n'));
        assert.ok(a.length > 10, `only ${a.length} sentences in a real document`);
        assert.deepEqual(b, a);
      },
      10,
    );
  });
});
