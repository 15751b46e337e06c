import { strict as assert } from 'node:assert';
import { findCitations } from '../../../src/core/citations/findCitations';
import { describe as shape } from './helpers';

describe('LaTeX citations', () => {
  it('natbib and biblatex commands, capitalised and starred, with optional arguments and several keys', () => {
    const commands = [
      'cite', 'citep', 'citet', 'citealp', 'citealt', 'citeauthor', 'citeyear', 'citeyearpar', 'parencite', 'textcite',
      'autocite', 'footcite', 'fullcite', 'smartcite', 'supercite', 'nocite', 'Textcite', 'Parencite', 'Autocite', 'Citet', 'Citep',
    ];
    const text = commands.map((c, i) => `X \\${c}{k${i}}.`).join('\n');
    const found = findCitations(text, 'latex');
    assert.deepEqual(found.map((c) => c.items.map((i) => i.key)), commands.map((_, i) => [`k${i}`]));
    assert.deepEqual(
      found.filter((c) => c.narrative).map((c) => text.slice(c.span.start, c.span.end)),
      ['\\citet{k2}', '\\textcite{k9}', '\\Textcite{k16}', '\\Citet{k19}'],
    );
  });

  it('optional arguments, stars, spaces and multiple keys', () => {
    const text = 'As \\citep[see][p.~{33}]{smith04, doe99} and \\citet*{a} and \\cite [p. 2] {b,c,} showed.';
    assert.deepEqual(shape(text, findCitations(text, 'latex')), [
      { syntax: 'latex', text: '\\citep[see][p.~{33}]{smith04, doe99}', items: ['smith04', 'doe99'], narrative: false },
      { syntax: 'latex', text: '\\citet*{a}', items: ['a'], narrative: true },
      { syntax: 'latex', text: '\\cite [p. 2] {b,c,}', items: ['b', 'c'], narrative: false },
    ]);
  });

  it('biblatex multicites with global and per-key notes', () => {
    const text = 'See \\cites{a}{b} and \\parencites(pre)(post)[p. 1][q]{c}[r]{d,e} [not part].';
    assert.deepEqual(shape(text, findCitations(text, 'latex')), [
      { syntax: 'latex', text: '\\cites{a}{b}', items: ['a', 'b'], narrative: false },
      { syntax: 'latex', text: '\\parencites(pre)(post)[p. 1][q]{c}[r]{d,e}', items: ['c', 'd', 'e'], narrative: false },
    ]);
  });

  it('ignores comments (but not \\%), verbatim, the preamble and \\nocite{*}', () => {
    const text = [
      '\\documentclass{article}',
      '\\newcommand{\\x}{\\cite{inpreamble}}',
      '\\begin{document}',
      'Growth of 50\\% \\cite{real1} % \\cite{commented}',
      '\\begin{verbatim}\\cite{verb}\\end{verbatim} \\verb|\\cite{v}|',
      '\\nocite{*}',
      '\\begin{figure}\\caption{Map \\citep{incaption}}\\end{figure}',
      '\\end{document}',
    ].join('\n');
    assert.deepEqual(findCitations(text, 'latex').map((c) => c.items.map((i) => i.key)), [['real1'], ['incaption']]);
  });

  it('item spans point at the keys', () => {
    const text = '\\cite{alpha,  beta}';
    const [c] = findCitations(text, 'latex');
    assert.deepEqual(c.items.map((i) => [text.slice(i.span.start, i.span.end), i.text]), [['alpha', 'alpha'], ['beta', 'beta']]);
  });

  it('does not read Pandoc syntax in LaTeX, nor LaTeX in Markdown', () => {
    assert.equal(findCitations('[@a] \\cite{b}', 'latex').map((c) => c.syntax).join(), 'latex');
    assert.equal(findCitations('[@a] \\cite{b}', 'markdown').map((c) => c.syntax).join(), 'pandoc');
  });

  it('never throws on odd input', () => {
    for (const text of ['\\cite', '\\cite{', '\\cite[', '\\cites(', '\\citep[a][b]{', '%\\cite{a}', '\\cite{}', '\\cite{{a}}']) {
      assert.ok(Array.isArray(findCitations(text, 'latex')));
    }
  });
});
