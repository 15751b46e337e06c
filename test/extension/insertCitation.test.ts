import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { citationInsertText } from '../../src/core/citations/insertText';
import { activate, closeAllEditors, openScratch, positionAfter } from './helpers';

describe('Insert Citation command', () => {
  before(activate);
  afterEach(closeAllEditors);

  it('inserts several keys as one Pandoc citation at the cursor', async () => {
    const editor = await openScratch('Poorer students had less access to remote learning.\n');
    const at = positionAfter(editor.document, 'learning');
    editor.selection = new vscode.Selection(at, at);
    assert.ok(await vscode.commands.executeCommand('evidenceWriter.insertCitation', { keys: ['vegas2020', 'worldbank2016'] }));
    const expected = `Poorer students had less access to remote learning ${citationInsertText(['vegas2020', 'worldbank2016'], 'markdown')}.\n`;
    assert.equal(editor.document.getText(), expected);
  });

  it('inserts only keys inside an open \\cite{', async () => {
    const editor = await openScratch('See~\\cite{vegas2020}.\n', 'tex');
    const at = positionAfter(editor.document, 'vegas2020');
    editor.selection = new vscode.Selection(at, at);
    assert.ok(await vscode.commands.executeCommand('evidenceWriter.insertCitation', { keys: ['hennessy2021'] }));
    assert.equal(editor.document.getText(), 'See~\\cite{vegas2020,hennessy2021}.\n');
  });

  it('picks from the QuickPick: the first entry toggled and accepted is inserted', async () => {
    const api = await activate();
    const editor = await openScratch('Text \n');
    const at = positionAfter(editor.document, 'Text ');
    editor.selection = new vscode.Selection(at, at);
    const done = vscode.commands.executeCommand<boolean>('evidenceWriter.insertCitation');
    // The picker opens on the library's most recent entries, as the server's search lists them.
    const [first] = await api.server.searchEntries(editor.document.uri, '', 1);
    // Wait for the picker to be shown, then toggle the active (first) item and accept.
    await new Promise((r) => setTimeout(r, 1000));
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    await vscode.commands.executeCommand('workbench.action.quickPickManyToggle');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.ok(await done);
    assert.equal(editor.document.getText(), `Text ${citationInsertText([first!.key], 'markdown')}\n`);
  });
});
