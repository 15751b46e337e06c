import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, closeAllEditors, completionsAt, labelOf, openScratch, positionAfter, waitFor } from './helpers';

describe('citation completion', () => {
  before(async () => {
    await activate();
  });
  afterEach(closeAllEditors);

  it('offers the Hennessy entry for [@hen in CitationSearch order, with author-year detail', async () => {
    const api = await activate();
    const editor = await openScratch('The strategy is described in a position paper [@hen\n');
    const items = await completionsAt(editor.document, positionAfter(editor.document, '[@hen'), '@');
    // VS Code must show the core's ranking: our items sorted by sortText are the search hits in order.
    const ours = items.filter((i) => i.kind === vscode.CompletionItemKind.Reference && /^\d{4}$/.test(i.sortText ?? ''));
    const ranked = [...ours].sort((a, b) => a.sortText!.localeCompare(b.sortText!)).map(labelOf);
    const expected = (await api.server.searchEntries(editor.document.uri, 'hen', 50)).map((e) => e.key);
    assert.deepEqual(ranked, expected);
    const keys = items.map(labelOf);
    assert.ok(keys.includes('hennessy2021'), `hennessy2021 not offered; got ${keys.slice(0, 10).join(', ')}`);
    const item = items.find((i) => labelOf(i) === 'hennessy2021')!;
    assert.equal(item.insertText, 'hennessy2021');
    assert.equal(item.filterText, 'hen', 'filterText is the typed query, so VS Code keeps fuzzy matches');
    assert.ok(typeof item.label !== 'string' && /Hennessy.*2021/.test(item.label.detail ?? ''), 'detail shows authors and year');
  });

  it('finds an entry by a word of its title', async () => {
    const editor = await openScratch('See [@leapfrog\n');
    const keys = (await completionsAt(editor.document, positionAfter(editor.document, '[@leapfrog'), '@')).map(labelOf);
    assert.ok(keys.includes('edtechhub2026might'), `title word did not find its entry; got ${keys.slice(0, 10).join(', ')}`);
  });

  it('completes inside \\cite{ and after a comma in a LaTeX key list', async () => {
    const editor = await openScratch('As shown~\\citep{vegas2020,hen\n', 'tex');
    const keys = (await completionsAt(editor.document, positionAfter(editor.document, ',hen'), ',')).map(labelOf);
    assert.ok(keys.includes('hennessy2021'), `got ${keys.slice(0, 10).join(', ')}`);
  });

  it('inserts the Hub author-year label after ⇡', async () => {
    const editor = await openScratch('as set out in the position paper (⇡Henness\n');
    const items = await completionsAt(editor.document, positionAfter(editor.document, '⇡Henness'), '⇡');
    const item = items.find((i) => labelOf(i) === 'hennessy2021');
    assert.ok(item, `hennessy2021 not offered after ⇡; got ${items.map(labelOf).slice(0, 10).join(', ')}`);
    assert.equal(item.insertText, 'Hennessy, Jordan & Wagner, 2021');
  });

  it('offers nothing for an e-mail address, inline code or a fenced code block', async () => {
    const editor = await openScratch('Write to someone@hen\n\nIn code `x = [@hen` here.\n\n```\n[@hen\n```\n');
    const doc = editor.document;
    const text = doc.getText();
    for (const [name, offset] of [
      ['e-mail', text.indexOf('someone@hen') + 'someone@hen'.length],
      ['inline code', text.indexOf('`x = [@hen') + '`x = [@hen'.length],
      ['fenced code', text.lastIndexOf('[@hen') + '[@hen'.length],
    ] as const) {
      // Ours only: VS Code's word completions may offer 'hennessy2021' from another open document.
      const keys = (await completionsAt(doc, doc.positionAt(offset), '@')).filter((i) => i.kind === vscode.CompletionItemKind.Reference).map(labelOf);
      assert.ok(!keys.includes('hennessy2021'), `citation offered in ${name}`);
    }
  });

  it('works in a language added to evidenceWriter.languages, without a reload', async () => {
    const editor = await openScratch('; notes for the report\nsee [@hen\n', 'ini');
    assert.equal(editor.document.languageId, 'ini');
    const position = positionAfter(editor.document, '[@hen');
    const ours = async () => (await completionsAt(editor.document, position, '@')).filter((i) => i.kind === vscode.CompletionItemKind.Reference).map(labelOf);
    assert.deepEqual(await ours(), [], 'ini is not a default language');
    const config = vscode.workspace.getConfiguration('evidenceWriter');
    await config.update('languages', ['markdown', 'quarto', 'rmd', 'latex', 'tex', 'plaintext', 'ini'], vscode.ConfigurationTarget.Workspace);
    try {
      const labels = await waitFor('completion in the ini file', async () => {
        const found = await ours();
        return found.includes('hennessy2021') && found;
      });
      assert.ok(labels.length <= 100);
    } finally {
      await config.update('languages', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
