/**
 * The Evidence panel inside VS Code: opened on a copy of the example brief, it shows the document's
 * coverage, uncited claims and cited works; a click on an uncited claim (the message the webview
 * sends) reveals the sentence; a suggested citation is inserted at the end of its claim; messages
 * the panel did not offer are refused. (Clicks inside the webview page itself are covered by
 * test/core/panel/panelWebview.test.ts in Chromium.)
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { PanelContent, PanelState } from '../../src/core/panel/panelModel';
import type { EvidencePanelProvider } from '../../src/extension/evidencePanel';
import { activate, closeAllEditors, openFile, openScratch, waitFor, workspacePath } from './helpers';

function panelOf(api: unknown): EvidencePanelProvider {
  const panel = (api as { evidencePanel?: EvidencePanelProvider }).evidencePanel;
  if (!panel) throw new Error('activate() does not return evidencePanel (see src/extension/evidencePanel.ts registerEvidencePanel)');
  return panel;
}

function stateFor(content: PanelContent, document: vscode.TextDocument): PanelState | undefined {
  return content.kind === 'document' && content.document.uri === document.uri.toString() && content.document.version === document.version
    ? content
    : undefined;
}

describe('Evidence panel', () => {
  let panel: EvidencePanelProvider;
  let editor: vscode.TextEditor;
  let state: PanelState;

  before(async () => {
    panel = panelOf(await activate());
    // A copy of the brief: the tests edit it, other suites read the original.
    editor = await openScratch(fs.readFileSync(workspacePath('brief.md'), 'utf8'));
    await vscode.commands.executeCommand('evidenceWriter.showEvidencePanel');
    state = await waitFor('the panel to show the brief', () => stateFor(panel.current, editor.document), 30_000);
  });

  after(closeAllEditors);

  it('shows coverage, uncited claims with reasons, and the cited works with the unknown key flagged', () => {
    // The brief has a cited claim (⇡Selwyn, 2016b) and an uncited one ("Research shows that 60%…").
    assert.ok(state.summary.claims >= 2, `claims found: ${state.summary.claims}`);
    assert.ok(state.summary.supported >= 1 && state.summary.supported < state.summary.claims);
    assert.equal(state.summary.coverage, Math.floor((100 * state.summary.supported) / state.summary.claims));
    assert.ok(state.sections.some((s) => s.title === 'Why evidence matters'));

    const uncited = state.uncited.find((c) => c.text.startsWith('Research shows that 60% of schools'));
    assert.ok(uncited, `uncited: ${state.uncited.map((c) => c.text).join(' | ')}`);
    assert.ok(uncited.reasons.length > 0);
    assert.ok(!state.uncited.some((c) => c.text.includes('[@vegas2020')), 'a cited sentence is not listed as uncited');

    const cited = new Map(state.cited.map((w) => [w.entry?.key ?? w.label, w]));
    assert.equal(cited.get('vegas2020')?.status, 'known');
    assert.match(cited.get('vegas2020')?.entry?.reference ?? '', /Vegas/);
    assert.equal(cited.get('hennesy2021')?.status, 'unknown');

    const html = panel.html ?? '';
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;/);
    assert.ok(html.includes('Research shows that 60% of schools'));
    assert.ok(html.includes('unknown key'));
  });

  it('reveals an uncited claim when it is clicked', async () => {
    const document = editor.document;
    const claim = state.uncited.find((c) => c.text.startsWith('Research shows that 60% of schools'))!;
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const outcome = await panel.handleMessage({ type: 'reveal', offset: claim.span.start, version: state.document.version });
    assert.deepEqual(outcome, { ok: true, action: 'reveal' });
    const active = vscode.window.activeTextEditor;
    assert.equal(active?.document.uri.toString(), document.uri.toString());
    const selection = active!.selection;
    assert.equal(document.offsetAt(selection.start), claim.span.start);
    assert.equal(document.offsetAt(selection.end), claim.span.end);
    assert.equal(document.getText(selection), document.getText().slice(claim.span.start, claim.span.end));
  });

  it('refuses messages the panel did not offer, and changes nothing', async () => {
    const before = editor.document.getText();
    const refused = [
      { type: 'reveal', offset: 1 },
      { type: 'insert', offset: 0, keys: ['vegas2020'] },
      { type: 'openEntry', key: 'no-such-entry' },
      { type: 'openExternal', url: 'https://example.org/' },
      { type: 'run', command: 'workbench.action.quit' },
      '<img src=x>',
    ];
    for (const message of refused) assert.equal((await panel.handleMessage(message)).ok, false, JSON.stringify(message));
    assert.equal(editor.document.getText(), before);
  });

  it('inserts a suggested citation at the end of the claim, then updates', async () => {
    const claim = state.uncited.find((c) => c.suggestions.length > 0);
    assert.ok(claim, 'some uncited claim has suggestions from the bibliography');
    assert.ok(claim.suggestions.length <= 3);
    const key = claim.suggestions[0].key;
    const document = editor.document;
    const outcome = await panel.handleMessage({ type: 'insert', offset: claim.insertOffset, keys: [key], version: state.document.version });
    assert.deepEqual(outcome, { ok: true, action: 'insert' });
    const text = document.getText();
    assert.equal(text.slice(claim.insertOffset, claim.insertOffset + key.length + 4), ` [@${key}]`);
    const updated = await waitFor('the panel to update after the edit', () => stateFor(panel.current, document), 30_000);
    assert.equal(updated.summary.supported, state.summary.supported + 1);
    assert.ok(!updated.uncited.some((c) => c.text === claim.text));
    state = updated;
  });

  it('follows the active editor', async () => {
    const other = await openFile(workspacePath('chapters', 'methods.tex'));
    const shown = await waitFor('the panel to follow methods.tex', () => stateFor(panel.current, other.document), 30_000);
    assert.equal(shown.document.name, 'methods.tex');
    await vscode.window.showTextDocument(editor.document);
    await waitFor('the panel to come back to the brief', () => stateFor(panel.current, editor.document), 30_000);
  });
});
