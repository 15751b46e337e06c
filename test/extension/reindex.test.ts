import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { activate, closeAllEditors, completionsAt, evidenceDiagnostics, labelOf, loadedFile, openScratch, positionAfter, waitFor, workspacePath } from './helpers';

const NEW_ENTRY = `
@report{zzprobe2026,
  author = {Probe, Alex},
  title = {{A freshly added report on reindexing}},
  year = {2026}
}
`;

describe('reindexing when the bibliography changes on disk', () => {
  const bib = () => workspacePath('hub-outputs.bib');
  let original = '';
  before(async () => {
    await activate();
    original = fs.readFileSync(bib(), 'utf8');
  });
  after(() => fs.writeFileSync(bib(), original));
  afterEach(closeAllEditors);

  it('picks up an entry added to the .bib (workspace copy) and clears the unknown-key diagnostic', async () => {
    const editor = await openScratch('A new report [@zzprobe2026].\n');
    const uri = editor.document.uri;
    await waitFor('unknown-key before the entry exists', () => evidenceDiagnostics(uri, 'unknown-key').length === 1);
    fs.appendFileSync(bib(), NEW_ENTRY);
    await waitFor('unknown-key to clear after reindex', () => evidenceDiagnostics(uri, 'unknown-key').length === 0);
    const keys = (await completionsAt(editor.document, positionAfter(editor.document, '[@zzprobe'), '@')).map(labelOf);
    assert.ok(keys.includes('zzprobe2026'));
  });

  it('keeps the last good index when the file becomes unreadable', async () => {
    const api = await activate();
    const editor = await openScratch('The strategy paper [@hennessy2021].\n\nMore [@hen\n');
    const uri = editor.document.uri;
    const position = positionAfter(editor.document, 'More [@hen');
    await waitFor('hennessy2021 offered', async () => (await completionsAt(editor.document, position, '@')).map(labelOf).includes('hennessy2021'));
    const brokenReloaded = async () => ((await loadedFile(api, bib()))?.problems.length ?? 0) > 0;
    let relintedAfterReload = false;
    const listener = api.server.onDidLint((e) => {
      if (vscode.Uri.parse(e.uri).toString() === uri.toString()) void brokenReloaded().then((broken) => (relintedAfterReload ||= broken));
    });
    try {
      fs.writeFileSync(bib(), '\u0000\u0001 not a bibliography {{{');
      // The reload happened once the file's problems are those of the broken text.
      await waitFor('the broken file to be reloaded', brokenReloaded);
      await waitFor('the document to be linted again', () => relintedAfterReload);
    } finally {
      listener.dispose();
    }
    const keys = (await completionsAt(editor.document, position, '@')).map(labelOf);
    assert.ok(keys.includes('hennessy2021'), 'a broken save emptied the index');
    // ...and says so on the bibliography file.
    const said = (await loadedFile(api, bib()))?.problems ?? [];
    assert.ok(said.some((m) => /Using the last good version of this file \(\d+ entries\)/.test(m)), said.join(' | '));
    const unknownOnFirstLine = evidenceDiagnostics(uri, 'unknown-key').filter((d) => d.range.start.line === 0);
    assert.deepEqual(unknownOnFirstLine, [], 'hennessy2021 became unknown after a broken save');
  });
});
