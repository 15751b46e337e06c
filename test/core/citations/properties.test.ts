/** Invariants that must hold for any input, checked on generated text made of the tricky pieces. */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { findCitations } from '../../../src/core/citations/findCitations';
import { splitSentences } from '../../../src/core/claims/splitSentences';
import type { DocumentLanguage } from '../../../src/core/types';

const PIECES = [
  'Word', 'word', ' ', ' ', '\n', '\n\n', '. ', '? ', '! ', 'e.g. ', 'et al. ', '3.5', '...', '…', '(', ')', '[', ']', '{', '}',
  '@key', '@{odd key}', '-@k', '[@a; @b]', 'x@y.com', '`', '```\n', '$', '$$', '%', '\\%', '\\cite{a,b}', '\\citep[p.~3]{c}',
  '\\section{S}', '\\begin{figure}', '\\end{figure}', '# H\n', '---\n', '| a | b |\n|---|---|\n', '- ', '1. ', '> ', '<!--', '-->',
  '⇡', 'Smith', ', 2019', ' (2020)', '(⇡Vegas, 2020)', 'World Bank', ' & ', ' and ', 'https://x.org/a.b', 'docs.edtechhub.org/lib/ABCD1234',
  '](u)', '"', '“', '’', '\t', '    ', '\r\n', '::: {#refs}\n', ':::\n', '\\item ', 'References\n',
];
const documents = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((parts) => parts.join(''));
const languages = fc.constantFrom<DocumentLanguage>('markdown', 'quarto', 'rmd', 'latex', 'plaintext');

describe('invariants on generated text', () => {
  it('findCitations: sorted, non-overlapping, items inside their citation, key items are exact slices', () => {
    fc.assert(
      fc.property(documents, languages, (text, language) => {
        const citations = findCitations(text, language);
        for (let i = 0; i < citations.length; i++) {
          const c = citations[i];
          assert.ok(0 <= c.span.start && c.span.start < c.span.end && c.span.end <= text.length);
          if (i > 0) assert.ok(citations[i - 1].span.end <= c.span.start);
          assert.ok(c.items.length > 0);
          for (const item of c.items) {
            assert.ok(c.span.start <= item.span.start && item.span.end <= c.span.end);
            if (item.key !== undefined) assert.equal(text.slice(item.span.start, item.span.end), item.key);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('splitSentences: exact, trimmed, ordered, non-overlapping spans with non-decreasing paragraphs', () => {
    fc.assert(
      fc.property(documents, languages, (text, language) => {
        const sentences = splitSentences(text, language);
        let lastEnd = 0;
        let lastParagraph = 0;
        for (const s of sentences) {
          assert.equal(text.slice(s.span.start, s.span.end), s.text);
          assert.equal(s.text, s.text.trim());
          assert.ok(s.span.start >= lastEnd && s.paragraph >= lastParagraph);
          assert.ok(/\p{L}/u.test(s.text));
          lastEnd = s.span.end;
          lastParagraph = s.paragraph;
        }
      }),
      { numRuns: 400 },
    );
  });
});
