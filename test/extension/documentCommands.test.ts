import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, closeAllEditors, openScratch, waitFor } from './helpers';

describe('commands that rewrite the document (one undoable edit each)', () => {
  before(activate);
  afterEach(closeAllEditors);

  it('Convert Citations turns the Hub plugin\'s tagged cites into linked ⇡ citations; one Undo restores them', async () => {
    const original = 'Radio reached more learners (⟦zg:2405685:IA9PL99D|Haßler, et al., 2020⟧; ⟦zg:2405685:YMWE6FR6|Damani & Mitchell, 2020⟧).\n';
    const editor = await openScratch(original);
    assert.ok(await vscode.commands.executeCommand('evidenceWriter.convertCitations', 'hub'));
    const converted = editor.document.getText();
    assert.match(converted, /\[⇡Haßler, et al\., 2020\]\(https:\/\/docs\.edtechhub\.org\/lib\/IA9PL99D\)/);
    assert.match(converted, /\[⇡Damani & Mitchell, 2020\]\(https:\/\/docs\.edtechhub\.org\/lib\/YMWE6FR6\)/);
    await vscode.commands.executeCommand('undo');
    await waitFor('the undo', () => editor.document.getText() === original);
  });

  it('Insert Reference List adds the cited works between markers at the end; running it again refreshes them', async () => {
    const editor = await openScratch('The strategy [@hennessy2021].\n');
    assert.ok(await vscode.commands.executeCommand('evidenceWriter.insertReferenceList'));
    const once = editor.document.getText();
    assert.match(once, /<!-- evidence-lint-references -->\n[\s\S]*Hennessy[\s\S]*\n<!-- \/evidence-lint-references -->/);
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'See also [@vegas2020]. '));
    assert.ok(await vscode.commands.executeCommand('evidenceWriter.insertReferenceList'));
    const twice = editor.document.getText();
    assert.equal(twice.match(/<!-- evidence-lint-references -->/g)?.length, 1, twice);
    assert.match(twice, /Vegas/);
  });
});
