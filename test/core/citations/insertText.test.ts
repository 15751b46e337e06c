import { strict as assert } from 'node:assert';
import { BibliographyIndex } from '../../../src/core/bibliography/index/bibliographyIndex';
import { parseBibliographyText } from '../../../src/core/bibliography/formats/parseText';
import type { CitationForm } from '../../../src/core/citations/citationForm';
import { findCitations } from '../../../src/core/citations/findCitations';
import { citationInsertion, citationInsertText, keyNeedsBraces } from '../../../src/core/citations/insertText';
import { resolveCitation } from '../../../src/core/citations/resolve';
import type { BibEntry, DocumentLanguage } from '../../../src/core/types';
import { FIXTURES, readFixture } from './helpers';

const bib = BibliographyIndex.fromFiles([parseBibliographyText(readFixture('hub', 'hub-outputs.bib'), `${FIXTURES}/hub/hub-outputs.bib`)]);
const entry = (key: string): BibEntry => bib.get(key)!;
const blog = readFixture('hub', 'blogs', 'advancing-evidence-based-decision-making-2021.txt');

/** The document `before|after` with `keys` inserted at the `|`: the edited text. */
function insert(doc: string, keys: string[], language: DocumentLanguage = 'markdown', form?: CitationForm): string {
  const offset = doc.indexOf('|');
  const text = doc.replace('|', '');
  const edit = citationInsertion(keys.map(entry), { text, language, offset, ...(form ? { form } : {}) });
  return text.slice(0, edit.start) + edit.insert + text.slice(edit.end);
}

describe('citationInsertion', () => {
  describe('in a Hub document (⇡ author-year)', () => {
    const hub = (line: string, keys: string[]) => insert(line, keys, 'plaintext', 'hub');

    it('writes what the Hub writes: "(⇡Hennessy, Jordan & Wagner, 2021)", several separated by "; "', () => {
      assert.equal(hub('Learners gained|.', ['hennessy2021']), 'Learners gained (⇡Hennessy, Jordan & Wagner, 2021).');
      assert.equal(hub('Learners gained|.', ['vegas2020', 'worldbank2016']), 'Learners gained (⇡Vegas, 2020; ⇡World Bank, 2016).');
      assert.equal(hub('Learners gained |.', ['selwyn2016b']), 'Learners gained (⇡Selwyn, 2016b).');
    });

    it('inside parentheses, only the items', () => {
      assert.equal(hub('(e.g. |)', ['selwyn2016b']), '(e.g. ⇡Selwyn, 2016b)');
      assert.equal(hub('(e.g.|)', ['selwyn2016b']), '(e.g. ⇡Selwyn, 2016b)');
      assert.equal(hub('(⇡Vegas, 2020|)', ['worldbank2016']), '(⇡Vegas, 2020; ⇡World Bank, 2016)');
      assert.equal(hub('(⇡Vegas, 2020; |)', ['worldbank2016']), '(⇡Vegas, 2020; ⇡World Bank, 2016)');
    });

    it('after a typed ⇡, the rest of the item replaces what was typed', () => {
      assert.equal(hub('as shown (⇡|)', ['selwyn2016b']), 'as shown (⇡Selwyn, 2016b)');
      assert.equal(hub('as shown (⇡Sel|)', ['selwyn2016b']), 'as shown (⇡Selwyn, 2016b)');
      assert.equal(hub('as shown (⇡Selwyn 2016|)', ['selwyn2016b', 'vegas2020']), 'as shown (⇡Selwyn, 2016b; ⇡Vegas, 2020)');
      assert.equal(hub('(⇡Vegas, 2020; ⇡Wor|)', ['worldbank2016']), '(⇡Vegas, 2020; ⇡World Bank, 2016)');
    });

    it('picks the form from the document: the real blog gets ⇡, not [@…]', () => {
      const at = blog.indexOf('. This has been especially notable');
      const edited = insert(`${blog.slice(0, at)}|${blog.slice(at)}`, ['hennessy2021'], 'plaintext');
      assert.ok(edited.includes('within each LMIC (e.g. ⇡Castillo, et al., 2015; ⇡Liyanagunawardena, et al., 2013; ⇡Selwyn, 2016b) (⇡Hennessy, Jordan & Wagner, 2021). This'));
    });

    it('every Hub entry inserted reads back as a citation of that entry', () => {
      let checked = 0;
      for (const e of bib.entries) {
        if (e.year === undefined || (e.authors.length === 0 && !e.editors?.length)) continue;
        const text = insert('Around 40% of schools closed|.', [e.key], 'plaintext', 'hub');
        const [citation, ...more] = findCitations(text, 'plaintext');
        assert.equal(more.length, 0, text);
        const resolved = resolveCitation(citation!, bib)[0]!;
        assert.ok(resolved.some((r) => r.key === e.key), `${text} → ${resolved.map((r) => r.key).join(', ') || 'nothing'}`);
        checked++;
      }
      assert.ok(checked > 90, `${checked} entries`);
    });
  });

  describe('in a document that links to the Hub library', () => {
    const linked = (line: string, keys: string[]) => insert(line, keys, 'markdown', 'hub-link');

    it('writes Markdown links for entries with a library key, ⇡ text for the others', () => {
      assert.equal(
        linked('Learners gained|.', ['hennessy2022', 'vegas2020']),
        'Learners gained ([⇡Hennessy, 2022](https://docs.edtechhub.org/lib/E5J2KHF2); ⇡Vegas, 2020).',
      );
      assert.equal(linked('(⇡|)', ['major2020a']), '([⇡Major & Francis, 2020a](https://docs.edtechhub.org/lib/A2II5ZV7))');
      assert.equal(linked('([⇡Maj|', ['major2020a']), '([⇡Major & Francis, 2020a', 'a link being typed by hand gets its text');
    });

    it('a link inserted resolves to its entry by the library key', () => {
      const text = linked('Learners gained|.', ['major2020a']);
      const keys = findCitations(text, 'markdown').flatMap((c) => resolveCitation(c, bib).flat().map((e) => e.key));
      assert.deepEqual([...new Set(keys)], ['major2020a']);
    });
  });

  describe('Pandoc and LaTeX', () => {
    it('[@a; @b] in Markdown; only the items inside brackets, after "; " when an item precedes', () => {
      assert.equal(insert('Gains|.', ['vegas2020', 'selwyn2016b'], 'markdown', 'pandoc'), 'Gains [@vegas2020; @selwyn2016b].');
      assert.equal(insert('Gains [|].', ['vegas2020'], 'markdown', 'pandoc'), 'Gains [@vegas2020].');
      assert.equal(insert('Gains [see |].', ['vegas2020'], 'markdown', 'pandoc'), 'Gains [see @vegas2020].');
      assert.equal(insert('Gains [@selwyn2016b|].', ['vegas2020'], 'markdown', 'pandoc'), 'Gains [@selwyn2016b; @vegas2020].');
      assert.equal(insert('Gains [@selwyn2016b; |].', ['vegas2020'], 'markdown', 'pandoc'), 'Gains [@selwyn2016b; @vegas2020].');
    });

    it('\\cite{a,b} in LaTeX, after a non-breaking space; only the keys inside the braces', () => {
      assert.equal(insert('Gains|.', ['vegas2020', 'selwyn2016b'], 'latex'), 'Gains~\\cite{vegas2020,selwyn2016b}.');
      assert.equal(insert('Gains \\citep[p.~3]{|}.', ['vegas2020'], 'latex'), 'Gains \\citep[p.~3]{vegas2020}.');
      assert.equal(insert('Gains \\cite{selwyn2016b|}.', ['vegas2020'], 'latex'), 'Gains \\cite{selwyn2016b,vegas2020}.');
      assert.equal(insert('Gains \\cite{selwyn2016b, |}.', ['vegas2020'], 'latex'), 'Gains \\cite{selwyn2016b, vegas2020}.');
    });

    it('the document decides: a paper with [@key] citations gets them, a LaTeX file \\cite', () => {
      const paper = readFixture('papers', '01-moderndive', 'paper.md');
      const at = paper.indexOf('.', paper.indexOf('\n# ')) ;
      assert.ok(insert(`${paper.slice(0, at)}|${paper.slice(at)}`, ['vegas2020']).includes(' [@vegas2020].'));
      assert.equal(insert('Gains|.', ['vegas2020'], 'latex'), 'Gains~\\cite{vegas2020}.');
    });

    it('inserts nothing for no entries', () => {
      assert.deepEqual(citationInsertion([], { text: 'x', language: 'markdown', offset: 1 }), { start: 1, end: 1, insert: '' });
    });
  });
});

describe('citationInsertText', () => {
  it('Pandoc brackets in Markdown-family documents and plain text; bare list inside brackets', () => {
    for (const language of ['markdown', 'quarto', 'rmd', 'plaintext'] as const) {
      assert.equal(citationInsertText(['a'], language), '[@a]');
      assert.equal(citationInsertText(['a', 'b'], language), '[@a; @b]');
      assert.equal(citationInsertText(['a', 'b'], language, { insideBrackets: true }), '@a; @b');
    }
  });

  it('\\cite{} in LaTeX; bare keys inside braces', () => {
    assert.equal(citationInsertText(['a', 'b'], 'latex'), '\\cite{a,b}');
    assert.equal(citationInsertText(['a', 'b'], 'latex', { insideBrackets: true }), 'a,b');
  });

  it('braces keys Pandoc would not read bare, and the result reads back as the same keys', () => {
    const keys = ['smith04', 'odd key', 'ends.', 'Turner:2022'];
    const inserted = citationInsertText(keys, 'markdown');
    assert.equal(inserted, '[@smith04; @{odd key}; @{ends.}; @Turner:2022]');
    assert.deepEqual(findCitations(`Text ${inserted}.`, 'markdown')[0].items.map((i) => i.key), keys);
    assert.equal(keyNeedsBraces('odd key'), true);
  });

  it('inserts nothing for no keys', () => {
    assert.equal(citationInsertText([], 'markdown'), '');
    assert.equal(citationInsertText(['  '], 'latex'), '');
  });
});
