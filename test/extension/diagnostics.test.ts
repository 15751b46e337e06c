import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { BibliographyIndex } from '../../src/core/bibliography/index/bibliographyIndex';
import { loadBibliographyFile } from '../../src/core/bibliography/store/loadFile';
import { citationInsertText } from '../../src/core/citations/insertText';
import { defaultConfig } from '../../src/core/lint/config';
import { lintBibliography } from '../../src/core/lint/lintDocument';
import { activate, closeAllEditors, evidenceDiagnostics, openFile, openScratch, positionAfter, ruleOf, waitFor, workspacePath } from './helpers';

const CLAIM = 'Research shows that 60% of schools in low-income countries have no electricity, more than twice the rate found in 2010.';

function lineOf(document: vscode.TextDocument, marker: string): number {
  return positionAfter(document, marker, 0).line;
}

describe('live diagnostics and quick fixes', () => {
  before(activate);
  afterEach(closeAllEditors);

  it('reports an uncited claim and an unknown key, and nothing on a cited sentence', async () => {
    const editor = await openFile(workspacePath('brief.md'));
    const uri = editor.document.uri;
    const unknown = await waitFor('unknown-key diagnostic', () => evidenceDiagnostics(uri, 'unknown-key')[0]);
    assert.equal(editor.document.getText(unknown.range).includes('hennesy2021'), true);
    const claims = await waitFor('uncited-claim diagnostic', () => evidenceDiagnostics(uri, 'uncited-claim').length > 0 && evidenceDiagnostics(uri, 'uncited-claim'));
    const claimLine = lineOf(editor.document, 'Research shows that 60%');
    assert.ok(claims.some((d) => d.range.start.line === claimLine), 'the uncited statistic is not flagged');
    const citedLine = lineOf(editor.document, "The Hub's overall strategy");
    assert.ok(claims.every((d) => d.range.start.line !== citedLine), 'a cited sentence was flagged');
    assert.equal(unknown.severity, vscode.DiagnosticSeverity.Error);
  });

  it('"Change to" fixes an unknown key and the diagnostic goes away', async () => {
    const editor = await openScratch(`A typo in a key [@hennesy2021].\n`);
    const uri = editor.document.uri;
    const unknown = await waitFor('unknown-key diagnostic', () => evidenceDiagnostics(uri, 'unknown-key')[0]);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, unknown.range);
    const change = actions.find((a) => a.title === 'Change to `hennessy2021`');
    assert.ok(change?.edit, `no "Change to" fix; got ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(change.edit));
    assert.equal(editor.document.getText(), 'A typo in a key [@hennessy2021].\n');
    await waitFor('unknown-key to clear', () => evidenceDiagnostics(uri, 'unknown-key').length === 0);
  });

  it('leaves the key being typed alone: no unknown-key under the cursor until it moves away', async () => {
    const api = await activate();
    const editor = await openScratch('The strategy is set out in ');
    const uri = editor.document.uri;
    const end = editor.document.positionAt(editor.document.getText().length);
    editor.selection = new vscode.Selection(end, end);
    let lintedAfterTyping = false;
    let typing = true;
    const listener = api.server.onDidLint((e) => {
      if (!typing && vscode.Uri.parse(e.uri).toString() === uri.toString()) lintedAfterTyping = true;
    });
    try {
      // Typed as a user types (the cursor moves with the text); the key is still incomplete.
      for (const ch of '[@hennes') await vscode.commands.executeCommand('type', { text: ch });
      typing = false;
      await waitFor('a lint of the typed text', () => lintedAfterTyping);
      // The editor auto-closes the bracket: the cursor sits inside `[@hennes|]`.
      assert.ok(editor.document.getText().includes('[@hennes'), editor.document.getText());
      assert.deepEqual(evidenceDiagnostics(uri, 'unknown-key').map((d) => d.message), [], 'the half-typed key was flagged');
      editor.selection = new vscode.Selection(0, 0, 0, 0);
      const shown = await waitFor('unknown-key once the cursor leaves the key', () => evidenceDiagnostics(uri, 'unknown-key')[0]);
      assert.match(shown.message, /hennes/);
    } finally {
      listener.dispose();
    }
  });

  it('each document shows its own missing bibliography, even when two share the same (empty) index', async () => {
    const first = await openScratch('---\nbibliography: missing-one.bib\n---\n\nText [@a].\n');
    const second = await openScratch('---\nbibliography: missing-two.bib\n---\n\nText [@b].\n');
    for (const [editor, name] of [[first, 'missing-one.bib'], [second, 'missing-two.bib']] as const) {
      const shown = await waitFor(`the problem for ${name}`, () => vscode.languages.getDiagnostics(editor.document.uri).find((d) => d.message.includes(name)));
      assert.equal(shown.range.start.line, 1);
    }
  });

  it('a broken .evidencelintrc.json is shown on that file at the broken line, and cleared once fixed', async () => {
    const config = workspacePath('.evidencelintrc.json');
    fs.writeFileSync(config, '{\n  "sensitivity": "medium",\n  "rules": { "uncited-claim": }\n}\n');
    try {
      await openScratch(`${CLAIM}\n`); // reading the config happens when a document is linted
      const shown = await waitFor('the config problem', () => vscode.languages.getDiagnostics(vscode.Uri.file(config))[0]);
      assert.equal(shown.range.start.line, 2);
      assert.match(shown.message, /value expected/);
      fs.writeFileSync(config, '{\n  "sensitivity": "medium"\n}\n');
      await waitFor('the config problem to clear', () => vscode.languages.getDiagnostics(vscode.Uri.file(config)).length === 0);
    } finally {
      fs.rmSync(config, { force: true });
    }
  });

  it('"Cite evidence…" inserts a citation before the final period and the claim is no longer flagged', async () => {
    const editor = await openScratch(`${CLAIM}\n`);
    const uri = editor.document.uri;
    const claim = await waitFor('uncited-claim diagnostic', () => evidenceDiagnostics(uri, 'uncited-claim')[0]);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, claim.range);
    const cite = actions.find((a) => a.title === 'Cite evidence…');
    assert.ok(cite?.command, `no "Cite evidence…" action; got ${actions.map((a) => a.title).join(', ')}`);
    // The picker is the UI; the command accepts keys directly so the test can choose without it.
    const [args] = cite.command.arguments as [Record<string, unknown>];
    assert.ok(await vscode.commands.executeCommand(cite.command.command, { ...args, keys: ['vegas2020'] }));
    const expected = `${CLAIM.slice(0, -1)} ${citationInsertText(['vegas2020'], 'markdown')}.\n`;
    assert.equal(editor.document.getText(), expected);
    await waitFor('uncited-claim to clear', () => evidenceDiagnostics(uri, 'uncited-claim').length === 0);
  });

  it('"Ignore this claim" adds a suppression comment after that sentence only; the next sentence on the line stays checked', async () => {
    const other = 'Enrolment fell by 30% in the region over the decade.';
    const editor = await openScratch(`Intro line.\n\n${CLAIM} ${other}\n`);
    const uri = editor.document.uri;
    await waitFor('two uncited-claim diagnostics', () => evidenceDiagnostics(uri, 'uncited-claim').length === 2);
    const claim = evidenceDiagnostics(uri, 'uncited-claim').find((d) => d.range.start.character === 0)!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, claim.range);
    const ignore = actions.find((a) => a.title === 'Ignore this claim');
    assert.ok(ignore?.edit);
    assert.ok(await vscode.workspace.applyEdit(ignore.edit));
    assert.equal(editor.document.lineAt(2).text, `${CLAIM} <!-- evidence-lint-disable-sentence uncited-claim --> ${other}`);
    const left = await waitFor('only the other sentence flagged', () => {
      const d = evidenceDiagnostics(uri, 'uncited-claim');
      return d.length === 1 && d;
    });
    assert.equal(editor.document.getText(left[0]!.range), other);
  });

  it('shows the bibliography findings (parse errors, duplicate keys) on the bibliography file', async () => {
    const api = await activate();
    await openFile(workspacePath('brief.md'));
    await waitFor('the workspace bibliography loaded', async () => (await api.server.libraryState()).files.some((f) => f.file === workspacePath('hub-outputs.bib')));
    // What the core finds in the file, computed here from the same file.
    const index = BibliographyIndex.fromFiles([await loadBibliographyFile(workspacePath('hub-outputs.bib'))]);
    const expected = lintBibliography(index, defaultConfig).filter((f) => f.file === workspacePath('hub-outputs.bib'));
    const bibUri = vscode.Uri.file(workspacePath('hub-outputs.bib'));
    const shown = await waitFor('bibliography diagnostics', () => {
      const d = evidenceDiagnostics(bibUri);
      return d.length === expected.length && d;
    });
    assert.deepEqual(
      shown.map((d) => [ruleOf(d), d.range.start.line]).sort(),
      expected.map((f) => [f.ruleId, f.range.start.line]).sort(),
    );
  });

  it('follows evidenceWriter.rules: a rule set to "off" disappears, "info" changes the severity', async () => {
    const editor = await openScratch(`${CLAIM}\n`);
    const uri = editor.document.uri;
    await waitFor('uncited-claim diagnostic', () => evidenceDiagnostics(uri, 'uncited-claim').length === 1);
    const config = vscode.workspace.getConfiguration('evidenceWriter', uri);
    try {
      await config.update('rules', { 'uncited-claim': 'info' }, vscode.ConfigurationTarget.WorkspaceFolder);
      await waitFor('severity info', () => evidenceDiagnostics(uri, 'uncited-claim')[0]?.severity === vscode.DiagnosticSeverity.Information);
      await config.update('rules', { 'uncited-claim': 'off' }, vscode.ConfigurationTarget.WorkspaceFolder);
      await waitFor('rule off', () => evidenceDiagnostics(uri, 'uncited-claim').length === 0);
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    }
    await waitFor('rule back on', () => evidenceDiagnostics(uri, 'uncited-claim').length === 1);
  });
});
