import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { WorkspaceLintSummary } from '../../src/server/protocol';
import { activate, closeAllEditors, evidenceDiagnostics, openFile, waitFor, workspacePath } from './helpers';

describe('Lint Workspace and the status bar', () => {
  before(activate);
  afterEach(closeAllEditors);

  it('lints every supported file into Problems and returns a coverage summary', async () => {
    await closeAllEditors();
    const summary = await vscode.commands.executeCommand<WorkspaceLintSummary>('evidenceWriter.lintWorkspace');
    const files = await vscode.workspace.findFiles('**/*.{md,tex}', '**/node_modules/**');
    assert.equal(summary.files, files.length);
    assert.equal(summary.cancelled, false);
    assert.ok(summary.claims >= summary.supported && summary.supported > 0, JSON.stringify(summary));
    assert.ok((summary.findings['unknown-key'] ?? 0) >= 1, JSON.stringify(summary));
    // Results of files that are not open are in Problems too.
    const brief = vscode.Uri.file(workspacePath('brief.md'));
    assert.ok(evidenceDiagnostics(brief, 'unknown-key').length >= 1);
  });

  it('leaves out files the project config ignores, as the CLI does', async () => {
    await closeAllEditors();
    const config = workspacePath('.evidencelintrc.json');
    const draft = workspacePath('drafts', 'notes.md');
    fs.mkdirSync(workspacePath('drafts'), { recursive: true });
    fs.writeFileSync(draft, 'Unfinished [@nosuchdraftkey].\n');
    try {
      const before = await vscode.commands.executeCommand<WorkspaceLintSummary>('evidenceWriter.lintWorkspace');
      assert.ok(evidenceDiagnostics(vscode.Uri.file(draft), 'unknown-key').length === 1, 'the draft is linted without a config');
      fs.writeFileSync(config, JSON.stringify({ ignore: ['drafts/**'] }));
      // The config watcher clears the cached config; wait until a run sees it. (Counts of findings are
      // not compared: other tests' unsaved scratch documents may leave memory between the two runs.)
      await waitFor('a run that honours the config', async () => {
        const summary = await vscode.commands.executeCommand<WorkspaceLintSummary>('evidenceWriter.lintWorkspace');
        return summary.files === before.files - 1 && summary;
      });
      // The draft is no longer linted, and the problems the first run left on it are gone.
      assert.equal(evidenceDiagnostics(vscode.Uri.file(draft), 'unknown-key').length, 0);
    } finally {
      fs.rmSync(config, { force: true });
      fs.rmSync(workspacePath('drafts'), { recursive: true, force: true });
    }
  });

  it('shows cited/total claims of the active document in the status bar', async () => {
    const api = await activate();
    const editor = await openFile(workspacePath('brief.md'));
    const stats = await waitFor('lint stats', () => api.server.status(editor.document.uri));
    const text = await waitFor('status bar text', () => /Evidence \d+\/\d+/.test(api.statusBar.text) && api.statusBar.text);
    assert.ok(text.endsWith(`Evidence ${stats.supported}/${stats.claims}`), text);
    assert.ok(stats.claims > stats.supported, 'brief.md has an uncited claim');
  });
});
