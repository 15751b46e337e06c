import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findCitations } from '../../../src/core/citations/findCitations';
import { splitSentences } from '../../../src/core/claims/splitSentences';
import type { DocumentLanguage, Sentence } from '../../../src/core/types';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');
const read = (...p: string[]) => readFileSync(join(FIXTURES, ...p), 'utf8');
const texts = (text: string, language: DocumentLanguage = 'markdown') => splitSentences(text, language).map((s) => s.text);

/** The span contract: text is exactly the slice, already trimmed. */
function assertSpansExact(text: string, sentences: readonly Sentence[], label: string): void {
  let last = -1;
  for (const s of sentences) {
    assert.equal(text.slice(s.span.start, s.span.end), s.text, `${label}: span/text mismatch`);
    assert.equal(s.text, s.text.trim(), `${label}: untrimmed "${s.text}"`);
    assert.ok(s.span.start >= last, `${label}: sentences out of order`);
    last = s.span.end;
  }
}

describe('splitSentences', () => {
  describe('sentence boundaries', () => {
    it('splits on . ? ! before a capital, digit, quote, ⇡ or code, and keeps exact spans', () => {
      const text = 'One is here. Two? Three! 4 is a digit. “Quoted” start. ⇡Vegas (2020) said so. `code` starts this.';
      assert.deepEqual(texts(text), ['One is here.', 'Two?', 'Three!', '4 is a digit.', '“Quoted” start.', '⇡Vegas (2020) said so.', '`code` starts this.']);
      assertSpansExact(text, splitSentences(text, 'markdown'), 'basic');
    });

    it('does not split after abbreviations, initials, decimals, ellipses, in URLs or inside brackets', () => {
      const text =
        'See e.g. Smith, i.e. Jones, et al. Further, Fig. 3 and Dr. Who vs. Them on pp. 3-4 in the U.S. Economy grew 3.5 percent. ' +
        'Nathan M. Castillo wrote it… And then... Something at https://x.org/a.B and www.example.org/Page. ' +
        'The results (shown in Table 2. Below) hold [see p. 4. Later].';
      assert.deepEqual(texts(text), [
        'See e.g. Smith, i.e. Jones, et al. Further, Fig. 3 and Dr. Who vs. Them on pp. 3-4 in the U.S. Economy grew 3.5 percent.',
        'Nathan M. Castillo wrote it… And then... Something at https://x.org/a.B and www.example.org/Page.',
        'The results (shown in Table 2. Below) hold [see p. 4. Later].',
      ]);
    });

    it('keeps citations with their sentence: before the full stop, and right after it', () => {
      const text = 'Phones were used [@a; @b]. Radio reached more (⇡Vegas, 2020). TV did too. [@c] Then more \\cite{x}.';
      assert.deepEqual(texts(text), ['Phones were used [@a; @b].', 'Radio reached more (⇡Vegas, 2020).', 'TV did too. [@c]', 'Then more \\cite{x}.']);
    });

    it('a sentence may span hard-wrapped lines; a blank line ends the paragraph', () => {
      const sentences = splitSentences('First line\ncontinues here. Second.\n\nNew paragraph.', 'markdown');
      assert.deepEqual(sentences.map((s) => [s.text, s.paragraph]), [
        ['First line\ncontinues here.', 0],
        ['Second.', 0],
        ['New paragraph.', 1],
      ]);
    });
  });

  describe('Markdown structure', () => {
    const doc = [
      '---',
      'title: "A paper"',
      'bibliography: refs.bib',
      '---',
      '',
      '# Introduction',
      '',
      'Intro text with `x.y()` code and $a.b$ math. Second sentence.',
      '',
      '```python',
      'print("Not a sentence. Really.")',
      '```',
      '',
      '$$',
      'E = mc^2. Still math.',
      '$$',
      '',
      '## Methods {#sec-methods}',
      '',
      '| Col A. | Col B. |',
      '|---|---|',
      '| Cell one. | Cell two. |',
      '',
      '- First item. It has two sentences.',
      '- Second item',
      '',
      '> A quoted claim. Another one.',
      '',
      'See [the docs](https://x.org/a.b. "Title. Here") for more. <!-- A comment. Hidden. -->',
      '',
      '<div class="note">',
      'Inside a div.',
      '</div>',
      '',
      '# References',
      '',
      'Smith, J. (2020). A reference. Publisher.',
    ].join('\n');
    const sentences = splitSentences(doc, 'markdown');

    it('keeps only prose: no front matter, code blocks, display math, tables, headings, comments or references', () => {
      assert.deepEqual(sentences.map((s) => s.text), [
        'Intro text with `x.y()` code and $a.b$ math.',
        'Second sentence.',
        'First item.',
        'It has two sentences.',
        'Second item',
        'A quoted claim.',
        'Another one.',
        'See [the docs](https://x.org/a.b. "Title. Here") for more.',
        'Inside a div.',
      ]);
      assertSpansExact(doc, sentences, 'structure');
    });

    it('records the nearest heading as the section, and list items / quotes as paragraphs', () => {
      assert.deepEqual(sentences.map((s) => s.section), ['Introduction', 'Introduction', 'Methods', 'Methods', 'Methods', 'Methods', 'Methods', 'Methods', 'Methods']);
      assert.deepEqual(sentences.map((s) => s.paragraph), [0, 0, 1, 1, 2, 3, 3, 4, 5]);
    });

    it('::: {#refs} ends prose too; setext headings are sections', () => {
      const text = 'Title\n=====\n\nA sentence.\n\n::: {#refs}\nSmith. Not prose.\n:::\n';
      assert.deepEqual(splitSentences(text, 'quarto').map((s) => [s.text, s.section]), [['A sentence.', 'Title']]);
    });
  });

  describe('LaTeX structure', () => {
    const doc = [
      '\\documentclass{article}',
      '\\usepackage{natbib}',
      '\\begin{document}',
      '\\maketitle',
      '\\section{Background}\\label{sec:bg}',
      'Growth was 50\\% in 2020 \\citep{a}. % A comment. Not prose.',
      'It continued~\\cite{b}.',
      '% whole-line comment. Hidden.',
      'Still the same paragraph.',
      '',
      '\\begin{figure}\\caption{A caption. Skipped.}\\end{figure}',
      '\\begin{equation} x = 1. \\end{equation}',
      '\\begin{itemize}',
      '\\item First point. Two.',
      '\\item[b)] Second point.',
      '\\end{itemize}',
      '\\subsection*{Data \\& methods}',
      'We used data.',
      '\\begin{thebibliography}{9}\\bibitem{a} A. Ref. Here.\\end{thebibliography}',
      '\\end{document}',
      'After the end. Ignored.',
    ].join('\n');
    const sentences = splitSentences(doc, 'latex');

    it('keeps prose only, with sections from sectioning commands and items as paragraphs', () => {
      assert.deepEqual(sentences.map((s) => [s.text, s.section, s.paragraph]), [
        ['Growth was 50\\% in 2020 \\citep{a}.', 'Background', 0],
        ['It continued~\\cite{b}.', 'Background', 0],
        ['Still the same paragraph.', 'Background', 0],
        ['First point.', 'Background', 1],
        ['Two.', 'Background', 1],
        ['Second point.', 'Background', 2],
        ['We used data.', 'Data & methods', 3],
      ]);
      assertSpansExact(doc, sentences, 'latex');
    });
  });

  describe('the real EdTech Hub blogs (plain text)', () => {
    const text = read('hub', 'blogs', 'advancing-evidence-based-decision-making-2021.txt');
    const sentences = splitSentences(text, 'plaintext');

    it('keeps each ⇡ citation inside the sentence it supports', () => {
      const withCastillo = sentences.find((s) => s.text.includes('Castillo')) as Sentence;
      assert.ok(withCastillo.text.startsWith('For marginalised learners, the obstacles'));
      assert.ok(withCastillo.text.endsWith('⇡Selwyn, 2016b).'));
      const withVegas = sentences.find((s) => s.text.includes('Vegas')) as Sentence;
      assert.ok(withVegas.text.startsWith('This has been especially notable'));
      assert.ok(withVegas.text.endsWith('(⇡Vegas, 2020; ⇡World Bank, 2016).'));
      assert.ok(sentences.some((s) => s.text === 'For more detail about the Hub’s overall strategy, see the full-length position paper by ⇡Hennessy, Jordan & Wagner (2021).'));
    });

    it('treats stand-alone title lines as sections, and bullets as paragraphs of their own', () => {
      const empower = sentences.find((s) => s.text.startsWith('Empower multiple stakeholders')) as Sentence;
      const identify = sentences.find((s) => s.text.startsWith('Identify local needs')) as Sentence;
      assert.equal(empower.section, 'EdTech Hub’s aims and focus');
      assert.notEqual(empower.paragraph, identify.paragraph);
      assert.ok(!sentences.some((s) => s.text === 'EdTech Hub’s aims and focus' || s.text.startsWith('•')));
      assert.equal(sentences.find((s) => s.text.startsWith('To target the impact'))?.section, 'Where we work');
    });

    it("gives each bullet under 'The Hub aims to:' that introduction, and nothing after the list", () => {
      const under = (intro: string) => sentences.filter((s) => s.listIntro === intro).map((s) => s.text.split(' ')[0]);
      assert.deepEqual(under('The Hub aims to:'), ['Empower', 'Identify', 'Evaluate,', 'Build', 'Increase', 'Foster']);
      assert.deepEqual(under('We specifically focus on how EdTech can most effectively be used to:'), ['Adapt', 'Support', 'Strengthen']);
      assert.equal(sentences.find((s) => s.text === 'The Hub aims to:')?.listIntro, undefined);
      assert.equal(sentences.find((s) => s.text.startsWith('EdTech Hub uses various tools'))?.listIntro, undefined);
      assert.equal(sentences.filter((s) => s.listIntro !== undefined).length, 9);
    });

    it('has exact spans in both posts', () => {
      assertSpansExact(text, sentences, 'blog 2021');
      const other = read('hub', 'blogs', 'shaping-the-sector-2024.txt');
      const s2 = splitSentences(other, 'plaintext');
      assertSpansExact(other, s2, 'blog 2024');
      assert.ok(s2.some((s) => s.text === 'We know this is the most significant way to ensure that technology is effectively used to help address the global learning crisis.'));
    });
  });

  describe('the 31 real papers', () => {
    const dir = join(FIXTURES, 'papers');
    const names = readFileSync(join(dir, 'SOURCES.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t')[0]);
    const counts: Record<string, number> = {};

    for (const name of names) {
      it(`${name}: prose only, exact spans, references excluded, citations never cut`, () => {
        const text = readFileSync(join(dir, name, 'paper.md'), 'utf8');
        const sentences = splitSentences(text, 'markdown');
        counts[name] = sentences.length;
        assert.ok(sentences.length >= 5, `${name}: ${sentences.length} sentences`);
        assertSpansExact(text, sentences, name);
        const frontMatterEnd = text.indexOf('\n---', 3);
        const references = text.search(/^#{1,2} References\s*$/m);
        assert.ok(references > 0, `${name} has a References heading`);
        for (const s of sentences) {
          assert.ok(!s.text.includes('```'), `${name}: code fence in "${s.text}"`);
          assert.ok(!s.text.includes('$$'), `${name}: display math in "${s.text}"`);
          assert.ok(!/^#{1,6}\s/m.test(s.text), `${name}: heading in "${s.text}"`);
          assert.ok(!/^\s*\|.*\|\s*$/m.test(s.text), `${name}: table row in "${s.text}"`);
          assert.ok(s.span.start > frontMatterEnd, `${name}: front matter in "${s.text}"`);
          assert.ok(s.span.end <= references, `${name}: reference list in "${s.text}"`);
          assert.ok(!/^(?:title|authors|affiliations|bibliography|tags|date|orcid|- name):/m.test(s.text), name);
        }
        // A citation is either wholly inside one sentence or outside all of them.
        for (const c of findCitations(text, 'markdown')) {
          const touching = sentences.filter((s) => s.span.start < c.span.end && c.span.start < s.span.end);
          assert.ok(touching.length <= 1, `${name}: citation ${text.slice(c.span.start, c.span.end)} cut across sentences`);
          if (touching.length === 1) {
            const s = touching[0];
            assert.ok(s.span.start <= c.span.start && c.span.end <= s.span.end, `${name}: citation cut by "${s.text}"`);
          }
        }
      });
    }

    after(() => {
      if (process.env.SENTENCE_COUNTS) console.log(JSON.stringify(counts));
    });
  });

  describe('list introductions', () => {
    const intros = (text: string, language: DocumentLanguage = 'markdown') =>
      splitSentences(text, language).map((s) => [s.text, s.listIntro ?? null]);

    it('a list right after a paragraph ending with a colon: each item, all its sentences, until the next paragraph', () => {
      const text = 'Background first. We will:\n\n- Train teachers. Every term.\n- Evaluate the pilot\n\n1. Report back.\n\nThe end.\n\n- Not introduced.\n';
      assert.deepEqual(intros(text), [
        ['Background first.', null],
        ['We will:', null],
        ['Train teachers.', 'We will:'],
        ['Every term.', 'We will:'],
        ['Evaluate the pilot', 'We will:'],
        ['Report back.', 'We will:'],
        ['The end.', null],
        ['Not introduced.', null],
      ]);
    });

    it('not across a heading, and not after a paragraph without a colon', () => {
      assert.deepEqual(intros('Our approach:\n\n# Next\n\n- An item.\n'), [['Our approach:', null], ['An item.', null]]);
      assert.deepEqual(intros('A plain paragraph.\n\n- An item.\n'), [['A plain paragraph.', null], ['An item.', null]]);
    });

    it('LaTeX \\item lists and numbered lists too', () => {
      const latex = 'Our approach:\n\\begin{itemize}\n\\item Co-design with teachers.\n\\item Test in schools.\n\\end{itemize}\n';
      const items = splitSentences(latex, 'latex').filter((s) => s.listIntro === 'Our approach:');
      assert.ok(items.length >= 1, JSON.stringify(splitSentences(latex, 'latex')));
      assert.deepEqual(intros('The aims are:\n\n1. Reach girls.\n2. Reach boys.\n'), [['The aims are:', null], ['Reach girls.', 'The aims are:'], ['Reach boys.', 'The aims are:']]);
    });
  });

  it('never throws and returns nothing for empty or structure-only input', () => {
    assert.deepEqual(splitSentences('', 'markdown'), []);
    assert.deepEqual(splitSentences('```\ncode. Here.\n```', 'markdown'), []);
    assert.deepEqual(splitSentences('# Only a heading', 'markdown'), []);
    for (const t of ['.', '. . .', '[(', '\\item', '$', '\u0002\u0001']) {
      for (const l of ['markdown', 'latex', 'plaintext'] as const) assert.ok(Array.isArray(splitSentences(t, l)));
    }
  });
});
