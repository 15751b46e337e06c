/**
 * lintDocument end to end on generated documents against the real Hub bibliography: never throws
 * or hangs; every finding's range lies inside the document; claims are real sentences, supported
 * only by citations that resolve; resolved entries come from the bibliography; counts add up;
 * suppressed lines stay quiet; deterministic.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseBibliographyText } from '../../src/core/bibliography/formats/parseText';
import { BibliographyIndex } from '../../src/core/bibliography/index/bibliographyIndex';
import { createTextDocument } from '../../src/core/document/textDocument';
import { defaultConfig } from '../../src/core/lint/config';
import { lintDocument } from '../../src/core/lint/lintDocument';
import type { DocumentLanguage } from '../../src/core/types';
import { assertSpanInside, checkProperty, editorLineCount, LANGUAGES, mutated, mutatedExcerpt, REAL, syntaxText, withinTime } from './helpers';

const HUB = BibliographyIndex.fromFiles([parseBibliographyText(REAL.hubBib, 'hub-outputs.bib')]);
const HUB_KEYS = new Set(HUB.entries.map((e) => e.key));
const DOCUMENTS = [...REAL.blogs, ...REAL.papers, REAL.latex];
const config = { ...defaultConfig, rules: { ...defaultConfig.rules, 'unused-entry': 'off' as const } };

function check(text: string, lang: DocumentLanguage): void {
  const doc = createTextDocument('file:///tmp/generated.md', lang, text);
  const result = withinTime(`lintDocument (${lang}, ${text.length} chars)`, () => lintDocument(doc, HUB, config));
  const lines = editorLineCount(text);
  const lineTexts = text.split(/\r\n|\r|\n/);
  for (const f of result.findings) {
    for (const p of [f.range.start, f.range.end]) {
      assert.ok(p.line >= 0 && p.line < lines, `finding ${f.ruleId} at line ${p.line} of ${lines}`);
      assert.ok(p.character >= 0 && p.character <= lineTexts[p.line].length, `finding ${f.ruleId} at character ${p.character} of a ${lineTexts[p.line].length}-character line`);
    }
    assert.ok(doc.offsetAt(f.range.start) <= doc.offsetAt(f.range.end), 'finding range ends before it starts');
    assert.ok(f.message.length > 0);
  }
  const resolves = new Map(result.citations.map(({ citation, resolved }) => [citation, resolved.some((entries) => entries.length > 0)]));
  for (const c of result.claims) {
    assertSpanInside(c.sentence.span, text.length, 'claim sentence');
    assert.equal(c.sentence.text, text.slice(c.sentence.span.start, c.sentence.span.end));
    assert.ok(c.score.score >= 0 && c.score.score <= 1);
    // Supported exactly when one of its citations resolves to an entry (a citation of unknown keys is no evidence).
    assert.equal(c.supported, c.citations.some((citation) => resolves.get(citation)));
  }
  for (const { citation, resolved } of result.citations) {
    assert.equal(resolved.length, citation.items.length, 'one resolution per item');
    for (const entries of resolved) for (const e of entries) assert.ok(HUB_KEYS.has(e.key), `resolved to '${e.key}', not in the bibliography`);
  }
  assert.ok(result.stats.supported <= result.stats.claims && result.stats.claims <= result.claims.length);
  assert.deepEqual(lintDocument(createTextDocument('file:///tmp/generated.md', lang, text), HUB, config), result, 'lintDocument is not deterministic');
}

describe('property: lintDocument with the real Hub bibliography', () => {
  it('random syntax-rich documents', () => {
    checkProperty('lint/random-syntax', [syntaxText(80), fc.constantFrom(...LANGUAGES)], check, 500);
  });

  it('mutated excerpts of real documents', () => {
    checkProperty('lint/mutated-excerpts', [mutatedExcerpt(DOCUMENTS, 3000), fc.constantFrom(...LANGUAGES)], check, 300);
  });

  it('whole real documents with random mutations', () => {
    checkProperty('lint/mutated-documents', [mutated(DOCUMENTS, 8), fc.constantFrom(...LANGUAGES)], check, 80);
  });

  it('an uncited claim under disable-next-line uncited-claim is never reported', () => {
    const claim = fc.constantFrom(
      'Around 45% of schools closed in 2020 and most never reopened.',
      'Teachers who received weekly coaching messages were 45% more likely to stay in post.',
      'Research shows that most ministries now hold more data than they use.',
    );
    checkProperty(
      'lint/suppressed-claim',
      [fc.array(fc.constantFrom(...REAL.blogs[0].split(/\n\s*\n/).filter((p) => p.trim())), { maxLength: 4 }), claim, fc.nat()],
      (paragraphs, sentence, at) => {
        const i = paragraphs.length ? at % (paragraphs.length + 1) : 0;
        const blocks = [...paragraphs.slice(0, i), `<!-- evidence-lint-disable-next-line uncited-claim -->\n${sentence}`, ...paragraphs.slice(i)];
        const text = blocks.join('\n\n');
        const doc = createTextDocument('file:///tmp/s.md', 'markdown', text);
        const result = lintDocument(doc, HUB, config);
        const line = doc.positionAt(text.indexOf(sentence)).line;
        assert.ok(!result.findings.some((f) => f.ruleId === 'uncited-claim' && f.range.start.line === line), 'suppressed claim reported');
        // The same sentence without the comment is a claim (so the check above can fail).
        const bare = lintDocument(createTextDocument('file:///tmp/s.md', 'markdown', sentence), HUB, config);
        assert.ok(bare.findings.some((f) => f.ruleId === 'uncited-claim'), `not flagged without the comment: ${sentence}`);
      },
      60,
    );
  });
});
