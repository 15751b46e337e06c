import { strict as assert } from 'node:assert';
import { splitBibtex } from '../../../../../src/core/bibliography/formats/bibtex/splitBibtex';
import { latexToUnicode } from '../../../../../src/core/bibliography/formats/latexToUnicode';
import { countBibtexEntries, hubText } from '../../fixtures';

describe('bibliography/splitBibtex', () => {
  it('splits the real Hub file into one chunk per entry, keys and lines as in the text', () => {
    const text = hubText('hub-outputs.bib');
    const { chunks, issues } = splitBibtex(text);
    assert.deepEqual(issues, []);
    assert.equal(chunks.length, countBibtexEntries(text));
    const lines = text.split('\n');
    for (const chunk of chunks) {
      assert.match(lines[chunk.line - 1], new RegExp(`^@\\w+\\{${chunk.key},`));
      assert.equal(lines[chunk.endLine - 1].trim().endsWith('}'), true, chunk.key);
      assert.equal(text.slice(chunk.start, chunk.end), chunk.text);
    }
  });

  it('handles @string, @preamble, multi-line @comment, parentheses, quotes and %-comments', () => {
    const text = [
      '@String{jasa = "Journal of the ASA"}',
      '@preamble{"\\newcommand{\\noop}[1]{}"}',
      '@comment{jabref-meta: databaseType:bibtex;',
      '  still {the} comment}',
      '% @article{commented, title={Not an entry}}',
      'Free text with an email@example.org in between.',
      '@article(paren, title = "A } in quotes", note = {a " in braces})',
      '@book{ spaced ,',
      '  title = {T}, % a comment with a } brace',
      '}',
    ].join('\n');
    const { chunks, issues } = splitBibtex(text);
    assert.deepEqual(issues, []);
    assert.deepEqual(
      chunks.map((c) => [c.kind, c.type, c.key, c.line, c.endLine]),
      [
        ['string', 'string', '', 1, 1],
        ['preamble', 'preamble', '', 2, 2],
        ['comment', 'comment', '', 3, 4],
        ['entry', 'article', 'paren', 7, 7],
        ['entry', 'book', 'spaced', 8, 10],
      ],
    );
  });

  it('an entry left open ends at the next line starting with @type{ and is reported there', () => {
    const text = '@misc{a,\n  title = {Open\n}\n@misc{b, title = {B}}\n@misc{c, title={C}}';
    const { chunks, issues } = splitBibtex(text);
    assert.deepEqual(chunks.map((c) => c.key), ['b', 'c']);
    assert.equal(issues.length, 1);
    assert.equal(issues[0].kind, 'unclosed');
    assert.equal(issues[0].line, 1);
    assert.equal(issues[0].key, 'a');
    assert.match(issues[0].message, /next entry at line 4/);
  });

  it('escaped braces do not count; a missing key gives key ""', () => {
    const { chunks } = splitBibtex('@misc{k, title = {50\\% \\{sic\\}}}\n@misc{title = {x}}\n@misc{, title={y}}');
    assert.deepEqual(chunks.map((c) => c.key), ['k', '', '']);
  });

  it('a key is what follows the brace up to the comma, spaces of any kind around it; anything else before the comma gives ""', () => {
    const keys = (...entries: string[]) => splitBibtex(entries.join('\n')).chunks.map((c) => c.key);
    assert.deepEqual(keys('@misc{ \n\tk1 \u00a0, title={x}}', '@misc{\u2003k:2-b_c\ufeff,title={x}}', '@misc{k3}', '@misc{k4 title={x}, y={z}}'), ['k1', 'k:2-b_c', '', '']);
    assert.deepEqual(keys('@misc{a{b}, t={x}}', '@misc{a(b, t={x}}', '@misc{a"b", t={x}}', '@misc{a=b, t={x}}', '@misc{a#b, t={x}}', '@misc{a%b\n, t={x}}'), ['', '', '', '', '', '']);
    // The key and its comma are looked for in the first 2,000 characters only.
    assert.deepEqual(keys(`@misc{${'k'.repeat(1999)}, t={x}}`, `@misc{${'k'.repeat(2000)}, t={x}}`, `@misc{${' '.repeat(1990)}k, t={x}}`), ['k'.repeat(1999), '', 'k']);
  });

  it('regression (found by the property tests in CI, seed 170156688): a file ending in a `%` inside an open entry does not hang', () => {
    for (const text of ['@article{k,\n  title = {T},\n %', '@article{k, title = {T}, %', '@misc{a, title={A}}\n@misc{b,\n%']) {
      const start = performance.now();
      const split = splitBibtex(text);
      assert.ok(performance.now() - start < 1000);
      assert.ok(split.issues.some((i) => i.kind === 'unclosed'), JSON.stringify(text));
    }
  });
});

describe('bibliography/latexToUnicode', () => {
  const cases: [string, string][] = [
    ['{\\"o}', 'ö'],
    ['M{\\"u}ller', 'Müller'],
    ["Cat{\\'o}lica", 'Católica'],
    ["Pol{\\'\\i}ticas", 'Políticas'],
    ['\\c{c}a', 'ça'],
    ['\\v{s}', 'š'],
    ['Ha\\ss{}ler', 'Haßler'],
    ['{\\o}ystein', 'øystein'],
    ['Research \\& Practice', 'Research & Practice'],
    ['pages 1--19', 'pages 1–19'],
    ['a---b', 'a—b'],
    ['{{EdTech Hub}}', 'EdTech Hub'],
    ['\\emph{very} \\textbf{bold}', 'very bold'],
    ['A $p$-value', 'A p-value'],
    ['50\\%', '50%'],
    ['\\href{https://x.org}{the site}', 'the site'],
    ['St\\ürmer', 'Stürmer'],
    ['gives every young adult $80,000', 'gives every young adult $80,000'],
    ['costs \\$5 and $x$ more', 'costs $5 and x more'],
    ['\\{braces\\} and \\_ and \\#1', '{braces} and _ and #1'],
    ['plain text', 'plain text'],
  ];
  for (const [input, expected] of cases) {
    it(`${input} → ${expected}`, () => assert.equal(latexToUnicode(input), expected));
  }

});
