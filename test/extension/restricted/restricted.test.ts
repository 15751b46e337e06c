/**
 * Restricted Mode (an untrusted workspace): Evidence Writer still completes and lints from bibliographies
 * inside the workspace, but reads nothing outside it — neither from the workspace setting
 * evidenceWriter.bibliography (declared restricted in package.json) nor from a document's front matter.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activate, completionsAt, labelOf, loadedFile, openFile, openScratch, positionAfter, waitFor, workspacePath } from '../helpers';

describe('Restricted Mode (untrusted workspace)', () => {
  before(async () => {
    await activate();
  });

  it('runs untrusted, and the workspace setting naming ../outside.bib is not applied', () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this suite must run in Restricted Mode (SHIM_UNTRUSTED / trust settings)');
    const onDisk = JSON.parse(fs.readFileSync(workspacePath('.vscode', 'settings.json'), 'utf8'));
    assert.deepEqual(onDisk['evidenceWriter.bibliography'], ['../outside.bib'], 'the fixture setting is present');
    // Declared in package.json as a restricted configuration: VS Code hides the workspace value.
    assert.notDeepEqual(vscode.workspace.getConfiguration('evidenceWriter').get('bibliography'), ['../outside.bib']);
  });

  it('completes from the bibliography inside the workspace, never from the one outside', async () => {
    const editor = await openScratch('As argued [@hen\n');
    const position = positionAfter(editor.document, '[@hen');
    const labels = await waitFor('workspace entries offered', async () => {
      const found = (await completionsAt(editor.document, position, '@')).filter((i) => i.kind === vscode.CompletionItemKind.Reference).map(labelOf);
      return found.includes('hennessy2021') ? found : undefined;
    });
    assert.ok(!labels.includes('outsider2020'));
    const all = (await completionsAt(editor.document, positionAfter(editor.document, '[@', 2), '@')).map(labelOf);
    assert.ok(!all.includes('outsider2020'), 'an entry from outside the workspace was offered');
  });

  it('does not read a bibliography outside the workspace named in front matter', async () => {
    const file = workspacePath('paper.md');
    const outside = path.resolve(path.dirname(file), '../outside.bib');
    const editor = await openFile(file);
    // Linted: the document's own diagnostics arrive (the claim and its citation are seen)...
    const api = await activate();
    await waitFor('paper.md linted', () => api.server.status(editor.document.uri));
    // Only our citation items (kind Reference): VS Code adds the document's own words as Text items.
    const items = (await completionsAt(editor.document, positionAfter(editor.document, 'More evidence [@'), '@'))
      .filter((item) => item.kind === vscode.CompletionItemKind.Reference)
      .map(labelOf);
    assert.ok(!items.includes('outsider2020'), `outside entry offered: ${items.slice(0, 5).join(', ')}`);
    // ...but the outside file was never loaded.
    assert.equal(await loadedFile(api, outside), undefined, `${outside} was read`);
    // The writer is told why, where the file is named (line 3 of the front matter).
    const told = await waitFor('the Restricted Mode warning', () => vscode.languages.getDiagnostics(editor.document.uri).find((d) => /Restricted Mode/.test(d.message)));
    assert.equal(told.range.start.line, 2);
    assert.equal(told.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(told.message, /outside\.bib is outside the workspace and is not read/);
  });

  it('does not follow a link inside the workspace to a bibliography outside it', async () => {
    const link = workspacePath('linked.bib');
    fs.symlinkSync(path.resolve(workspacePath(), '../outside.bib'), link);
    try {
      const editor = await openScratch('---\nbibliography: ../linked.bib\n---\n\nSee [@out\n');
      const told = await waitFor('the Restricted Mode warning', () => vscode.languages.getDiagnostics(editor.document.uri).find((d) => /Restricted Mode/.test(d.message))).catch((e: unknown) => {
        throw new Error(`${String(e)}: ${JSON.stringify(vscode.languages.getDiagnostics(editor.document.uri).map((d) => d.message))} ${fs.readlinkSync(link)} ${fs.realpathSync(link)}`);
      });
      assert.equal(told.range.start.line, 1);
      const items = (await completionsAt(editor.document, positionAfter(editor.document, '[@out'), '@')).filter((i) => i.kind === vscode.CompletionItemKind.Reference).map(labelOf);
      assert.ok(!items.includes('outsider2020'), 'followed the link out of the workspace');
    } finally {
      fs.rmSync(link, { force: true });
    }
  });
});
