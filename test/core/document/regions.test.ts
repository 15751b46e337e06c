import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findRegions, maskText, type Region, type RegionKind } from '../../../src/core/document/regions';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');

function kinds(text: string, language: Parameters<typeof findRegions>[1]): Array<[RegionKind, string]> {
  return findRegions(text, language).map((r) => [r.kind, text.slice(r.start, r.end)]);
}

describe('document regions', () => {
  it('finds YAML front matter only at the top and only when closed', () => {
    const text = '---\ntitle: A\nbibliography: refs.bib\n---\n\nProse here.\n';
    assert.deepEqual(kinds(text, 'markdown')[0], ['front-matter', '---\ntitle: A\nbibliography: refs.bib\n---']);
    assert.equal(kinds('Intro\n---\n\nText', 'markdown').some(([k]) => k === 'front-matter'), false);
  });

  it('finds fenced code (also indented in list items), code spans, and indented code after a blank line', () => {
    const text = 'A `x@y` span.\n\n```r\nplot(@a)\n```\n\n1. item\n\n    ```py\n    x = 1\n    ```\n\nText\n\n    indented code\n';
    const found = kinds(text, 'markdown');
    assert.deepEqual(found.filter(([k]) => k === 'code-span'), [['code-span', '`x@y`']]);
    const blocks = found.filter(([k]) => k === 'code-block').map(([, t]) => t);
    assert.deepEqual(blocks, ['```r\nplot(@a)\n```', '    ```py\n    x = 1\n    ```', '    indented code']);
  });

  it('keeps indented list continuation paragraphs as prose', () => {
    const text = '- item one\n\n    continues the item.\n';
    assert.equal(kinds(text, 'markdown').some(([k]) => k === 'code-block'), false);
  });

  it('follows Pandoc rules for $ math: no space inside the delimiters, no digit after the closer', () => {
    const found = kinds('Costs $5 and $10 here; $x^2$ and $$\\sum_i a_i$$ there.', 'markdown');
    assert.deepEqual(found, [
      ['inline-math', '$x^2$'],
      ['display-math', '$$\\sum_i a_i$$'],
    ]);
  });

  it('finds link targets but keeps link text, and masks bare URLs and HTML comments', () => {
    const text = 'See [the docs](https://x.org/a@b "T"){target="_blank"} or https://y.org/@z. <!-- @hidden -->';
    assert.deepEqual(kinds(text, 'markdown'), [
      ['link-target', '(https://x.org/a@b "T")'],
      ['attributes', '{target="_blank"}'],
      ['url', 'https://y.org/@z'],
      ['html-comment', '<!-- @hidden -->'],
    ]);
  });

  it('records headings with titles, tables, and the reference list to the end', () => {
    const text = '# Intro {#sec-intro}\n\nText.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nMore.\n\n# References\n\n::: {#refs}\n:::\n';
    const regions = findRegions(text, 'markdown');
    const heading = regions.find((r) => r.kind === 'heading') as Region;
    assert.equal(heading.title, 'Intro');
    assert.equal(heading.level, 1);
    assert.deepEqual(kinds(text, 'markdown').find(([k]) => k === 'table'), ['table', '| a | b |\n|---|---|\n| 1 | 2 |']);
    const refs = regions.find((r) => r.kind === 'references') as Region;
    assert.equal(refs.end, text.length);
    assert.ok(text.slice(refs.start).startsWith('# References'));
  });

  it('treats a ::: {#refs} div as the reference list', () => {
    const text = 'Text.\n\n::: {#refs}\nSmith, J. (2020). Title.\n:::\n\nAfter.\n';
    const refs = kinds(text, 'quarto').filter(([k]) => k === 'references');
    assert.deepEqual(refs, [['references', '::: {#refs}\nSmith, J. (2020). Title.\n:::']]);
  });

  it('LaTeX: comments (not \\%), preamble, verbatim, math, floats, sections and the bibliography', () => {
    const text = [
      '\\documentclass{article}',
      '\\begin{document}',
      '\\section{Intro \\emph{now}}',
      'We saw 50\\% growth % a comment \\cite{hidden}',
      '$x$ and \\[ y \\] \\begin{equation} z \\end{equation}',
      '\\begin{figure}\\caption{A \\cite{f}}\\end{figure}',
      '\\verb|@x|',
      '\\begin{thebibliography}{9}\\bibitem{a} A.\\end{thebibliography}',
      '\\end{document}',
      'trailing',
    ].join('\n');
    const found = kinds(text, 'latex');
    const byKind = (k: RegionKind) => found.filter(([kind]) => kind === k).map(([, t]) => t);
    assert.deepEqual(byKind('comment'), ['% a comment \\cite{hidden}']);
    assert.equal(byKind('latex-preamble').length, 2);
    assert.ok(byKind('latex-preamble')[0].endsWith('\\begin{document}'));
    assert.ok(byKind('latex-preamble')[1].startsWith('\\end{document}'));
    assert.deepEqual(byKind('inline-math'), ['$x$']);
    assert.deepEqual(byKind('display-math'), ['\\[ y \\]', '\\begin{equation} z \\end{equation}']);
    assert.deepEqual(byKind('latex-environment'), ['\\begin{figure}\\caption{A \\cite{f}}\\end{figure}']);
    assert.deepEqual(byKind('code-span'), ['\\verb|@x|']);
    assert.equal(byKind('references').length, 1);
    const heading = findRegions(text, 'latex').find((r) => r.kind === 'heading') as Region;
    assert.equal(heading.title, 'Intro now');
  });

  it('plain text: a short title-like line standing alone is a heading; a sentence is not', () => {
    const text = 'Where we work\n\nStudies are being conducted in six countries.\n\nThe Hub aims to:\n';
    const headings = findRegions(text, 'plaintext').filter((r) => r.kind === 'heading').map((r) => r.title);
    assert.deepEqual(headings, ['Where we work']);
  });

  it('maskText keeps length and line breaks', () => {
    const text = 'a `b\nc` d';
    const masked = maskText(text, findRegions(text, 'markdown'), new Set<RegionKind>(['code-span']));
    assert.equal(masked, 'a   \n   d');
  });

  it('regions of every real paper are sorted, non-overlapping, inside the text; front matter and references found', () => {
    const dir = join(FIXTURES, 'papers');
    const papers = readFileSync(join(dir, 'SOURCES.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t')[0]);
    assert.equal(papers.length, 31);
    for (const name of papers) {
      const text = readFileSync(join(dir, name, 'paper.md'), 'utf8');
      const regions = findRegions(text, 'markdown');
      for (let i = 0; i < regions.length; i++) {
        assert.ok(regions[i].start < regions[i].end && regions[i].end <= text.length, name);
        if (i > 0) assert.ok(regions[i - 1].end <= regions[i].start, `${name}: overlap at ${regions[i].start}`);
      }
      assert.equal(regions[0].kind, 'front-matter', name);
      assert.ok(regions.some((r) => r.kind === 'references'), `${name}: no references region`);
    }
  });

  it('never throws on odd input', () => {
    for (const text of ['', '---', '```', '$', '\\begin{figure}', '[', '<!--', '\\verb|', '\u0000\uFFFF']) {
      for (const lang of ['markdown', 'latex', 'plaintext', 'quarto'] as const) assert.ok(Array.isArray(findRegions(text, lang)));
    }
  });
});
