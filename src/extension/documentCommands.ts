/**
 * Commands that rewrite the active document, each as one undoable edit computed by the server:
 * Convert Citations (the Hub plugin's and Zotero's forms → the Hub's ⇡ form linked to its library,
 * or → citation keys) and Insert Reference List (the works the document cites, in the chosen style,
 * between marker comments: inserted at the cursor the first time, refreshed in place after).
 */
import * as vscode from 'vscode';
import type { TextEdit } from '../server/protocol';
import type { EvidenceServer } from './server';
import { isEnabledFor } from './settings';

export function registerDocumentCommands(server: EvidenceServer): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('evidenceWriter.convertCitations', async (target?: 'hub' | 'key') => {
      const editor = activeDocumentEditor();
      if (!editor) return false;
      const choice =
        target ??
        (
          await vscode.window.showQuickPick(
            [
              { label: 'To the Hub form', description: '⇡Author, Year linked to docs.edtechhub.org/lib/KEY', target: 'hub' as const },
              { label: 'To citation keys', description: '[@key] (\\cite{key} in LaTeX)', target: 'key' as const },
            ],
            { title: 'Convert Citations', placeHolder: 'Convert the Zotero, Hub plugin and other citations of this document…' },
          )
        )?.target;
      if (!choice) return false;
      const version = editor.document.version;
      const result = await server.convertCitations(editor.document.uri, choice);
      if (!result || editor.document.version !== version) return false;
      if (result.edits.length === 0) {
        void vscode.window.showInformationMessage(`Evidence Writer: no citation to convert${result.unconverted.length ? ` (${result.unconverted.length} left as written: ${result.unconverted[0]!.reason})` : ''}.`);
        return false;
      }
      const applied = await applyEdits(editor.document.uri, result.edits);
      if (applied && result.unconverted.length > 0) {
        void vscode.window.showWarningMessage(`Evidence Writer: converted ${result.edits.length}; ${result.unconverted.length} left as written (${result.unconverted[0]!.text}: ${result.unconverted[0]!.reason}).`);
      }
      return applied;
    }),
    vscode.commands.registerCommand('evidenceWriter.insertReferenceList', async () => {
      const editor = activeDocumentEditor();
      if (!editor) return false;
      const version = editor.document.version;
      const list = await server.referenceList(editor.document.uri);
      if (!list || editor.document.version !== version) return false;
      if (list.listed === 0 && list.unlisted.length === 0) {
        void vscode.window.showInformationMessage('Evidence Writer: this document cites nothing yet.');
        return false;
      }
      const applied = await applyEdits(editor.document.uri, [list.edit]);
      if (list.styleError) void vscode.window.showWarningMessage(`Evidence Writer: ${list.styleError}`);
      if (applied && list.unlisted.length > 0) {
        void vscode.window.showWarningMessage(`Evidence Writer: ${list.unlisted.length} citation(s) not in the list (${list.unlisted.map((u) => u.text).slice(0, 3).join(', ')}): not in the bibliography.`);
      }
      return applied;
    }),
  ];
}

function activeDocumentEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isEnabledFor(editor.document)) {
    void vscode.window.showInformationMessage('Evidence Writer: open a Markdown, Quarto, R Markdown or LaTeX document first.');
    return undefined;
  }
  return editor;
}

function applyEdits(uri: vscode.Uri, edits: readonly TextEdit[]): Thenable<boolean> {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) {
    edit.replace(uri, new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText);
  }
  return vscode.workspace.applyEdit(edit);
}
