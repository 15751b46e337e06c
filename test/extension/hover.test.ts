import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, closeAllEditors, hoverText, openFile, openScratch, positionAfter, workspacePath } from './helpers';

async function hoverAt(document: vscode.TextDocument, position: vscode.Position): Promise<string> {
  return hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position));
}

describe('hover on citations', () => {
  before(activate);
  afterEach(closeAllEditors);

  it('shows the formatted reference of a Pandoc citation', async () => {
    const editor = await openFile(workspacePath('brief.md'));
    const text = await hoverAt(editor.document, positionAfter(editor.document, '[@hennessy2021', 4));
    assert.match(text, /hennessy2021/);
    assert.match(text, /Hennessy/);
    assert.match(text, /2021/);
  });

  it('shows every key of a multi-citation', async () => {
    const editor = await openFile(workspacePath('brief.md'));
    const text = await hoverAt(editor.document, positionAfter(editor.document, '[@vegas2020', 1));
    assert.match(text, /vegas2020/);
    assert.match(text, /worldbank2016/);
    assert.match(text, /Vegas/);
  });

  it('resolves a Hub ⇡ author-year citation', async () => {
    const editor = await openFile(workspacePath('brief.md'));
    const text = await hoverAt(editor.document, positionAfter(editor.document, '⇡Selwyn', 3));
    assert.match(text, /selwyn2016b/);
  });

  it('links the URL of an entry', async () => {
    const editor = await openScratch('A blog post [@edtechhub2026might].\n');
    const text = await hoverAt(editor.document, positionAfter(editor.document, '@edtech', 3));
    assert.match(text, /https:\/\/edtechhub\.org\/2026\/01\/28\/ai-observatory-waypoints-and-signals-issue-30/);
  });

  it('says when a key is not in the bibliography', async () => {
    const editor = await openFile(workspacePath('brief.md'));
    const text = await hoverAt(editor.document, positionAfter(editor.document, '@hennesy2021', 3));
    assert.match(text, /`hennesy2021` is not in the bibliography/);
  });
});
