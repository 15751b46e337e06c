import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { activate, closeAllEditors, openFile, positionAfter, workspacePath } from './helpers';

describe('definition and references', () => {
  before(activate);
  afterEach(closeAllEditors);

  it('goes from a cited key to its entry in the .bib file', async () => {
    const editor = await openFile(workspacePath('brief.md'));
    const locations = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider',
      editor.document.uri,
      positionAfter(editor.document, '[@hennessy2021', 5),
    );
    const ours = locations.map((l) => ('uri' in l ? { uri: l.uri, range: l.range } : { uri: l.targetUri, range: l.targetRange })).filter((l) => l.uri.fsPath.endsWith('.bib'));
    assert.equal(ours.length, 1, `expected one .bib location, got ${JSON.stringify(locations)}`);
    const bibLines = fs.readFileSync(workspacePath('hub-outputs.bib'), 'utf8').split('\n');
    const expectedLine = bibLines.findIndex((l) => l.startsWith('@techreport{hennessy2021,'));
    assert.equal(ours[0].uri.fsPath, workspacePath('hub-outputs.bib'));
    assert.equal(ours[0].range.start.line, expectedLine);
  });

  it('finds every citation of a key across Markdown and LaTeX files, not in code', async () => {
    const editor = await openFile(workspacePath('brief.md'));
    const locations = await vscode.commands.executeCommand<vscode.Location[]>(
      'vscode.executeReferenceProvider',
      editor.document.uri,
      positionAfter(editor.document, '[@hennessy2021', 5),
    );
    const files = locations.map((l) => l.uri.fsPath);
    assert.ok(files.includes(workspacePath('brief.md')), `brief.md missing from ${files.join(', ')}`);
    assert.ok(files.includes(workspacePath('chapters', 'methods.tex')), `methods.tex missing from ${files.join(', ')}`);
    const inBrief = locations.filter((l) => l.uri.fsPath === workspacePath('brief.md'));
    const codeLine = editor.document.getText().split('\n').findIndex((l) => l.startsWith('Code is not prose'));
    assert.ok(inBrief.every((l) => l.range.start.line !== codeLine), 'a key inside a code block was reported as a reference');
    for (const l of inBrief) assert.equal(editor.document.getText(l.range).replace(/^@/, ''), 'hennessy2021');
  });
});
