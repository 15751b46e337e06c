import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseBibliographyText } from '../../../src/core/bibliography/formats/parseText';
import { citationCompletionContext, completionContextAt } from '../../../src/core/citations/completionContext';
import { CitationSearch } from '../../../src/core/search/citationSearch';
import type { DocumentLanguage } from '../../../src/core/types';

const HUB_BIB = path.join(__dirname, '../../fixtures/hub/hub-outputs.bib');

/** The context at the `|` in `line`. */
function at(line: string, language: DocumentLanguage = 'markdown') {
  const offset = line.indexOf('|');
  return completionContextAt(line.replace('|', ''), offset, language);
}

describe('citation completion context', () => {
  it('reads the key typed after @, \\cite{ or , and ⇡', () => {
    assert.deepEqual(at('As shown [@hen|'), { syntax: 'pandoc', queryStart: 11, query: 'hen', insideBrackets: true });
    assert.deepEqual(at('As @hen|'), { syntax: 'pandoc', queryStart: 4, query: 'hen', insideBrackets: false });
    assert.deepEqual(at('see \\citep[p.~3]{smith2019, hen|', 'latex'), { syntax: 'latex', queryStart: 28, query: 'hen', insideBrackets: true });
    assert.deepEqual(at('(e.g. ⇡Sel|', 'plaintext'), { syntax: 'hub', queryStart: 7, query: 'Sel', insideBrackets: false });
  });

  it('keeps several words inside brackets: author and year, field filters', () => {
    assert.equal(at('Evidence [@hennessy 2021|')?.query, 'hennessy 2021');
    assert.equal(at('Evidence [@author:hennessy year:2021|')?.query, 'author:hennessy year:2021');
    assert.equal(at('Evidence [see @Selwyn 2016|')?.query, 'Selwyn 2016');
    assert.equal(at('Evidence [@hennessy |')?.query, 'hennessy ', 'a space after the first word keeps the query open');
    assert.equal(at('[@vegas2020; @hennessy 2021|')?.query, 'hennessy 2021', 'the item after ;');
    assert.equal(at('⇡Selwyn 2016|')?.query, 'Selwyn 2016');
    assert.equal(at('\\cite{hennessy 2021|', 'latex')?.query, 'hennessy 2021');
  });

  it('does not read a sentence or a locator as a query', () => {
    assert.equal(at('As @hennessy2021 shows|'), undefined, 'narrative @key, then prose');
    assert.equal(at('[@hennessy2021, p. 33|'), undefined, 'a locator after the comma');
    assert.equal(at('[@hennessy2021] and then 2021|'), undefined, 'the bracket is closed');
    assert.equal(at('mail me@example.org|'), undefined);
    assert.equal(at('`code [@hen|`'), undefined);
    assert.equal(at('$x [@hen|$'), undefined);
    assert.equal(at('% \\cite{hen|', 'latex'), undefined);
    assert.equal(at('[@hen|', 'latex'), undefined);
  });

  it('knows a fenced code block from the lines above', () => {
    const text = '# Notes\n\n```\n[@hen\n```\n\n[@hen';
    assert.equal(completionContextAt(text, text.indexOf('[@hen') + 5, 'markdown'), undefined);
    assert.equal(completionContextAt(text, text.length, 'markdown')?.queryStart, text.length - 3);
    assert.equal(citationCompletionContext('[@hen', 'markdown', { inCodeBlock: true }), undefined);
  });

  it('gives queries that find what the README promises in the Hub bibliography', () => {
    const bib = parseBibliographyText(fs.readFileSync(HUB_BIB, 'utf8'), HUB_BIB);
    const search = new CitationSearch(bib.entries);
    const firstKeys = (line: string, n: number) => {
      const context = at(line);
      assert.ok(context, line);
      return search.search(context.query, 10).slice(0, n).map((h) => h.entry.key).sort();
    };
    assert.deepEqual(firstKeys('[@hennessy 2021|', 2), ['hennessy2021', 'hennessy2021a']);
    assert.deepEqual(firstKeys('[@author:hennessy year:2021|', 2), ['hennessy2021', 'hennessy2021a']);
    assert.deepEqual(firstKeys('(⇡Selwyn 2016|', 1), ['selwyn2016b']);
    assert.deepEqual(firstKeys('(⇡Haßler et al. 2019|', 1), ['hassler2019']);
    assert.deepEqual(firstKeys('(⇡Castillo, et al., 2015|', 1), ['castillo2015']);
    assert.deepEqual(firstKeys('(⇡Major and Francis 2020|', 2), ['major2020a', 'major2020b']);
  });
});
