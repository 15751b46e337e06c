/**
 * Insert Citation (Ctrl+Alt+C): a picker over the whole library; the chosen entries are cited at each
 * cursor in the document's own syntax (the server decides the text), as one undoable edit.
 */
import * as vscode from 'vscode';
import { pickEntries } from './entryPicker';
import type { EvidenceServer } from './server';

export interface InsertCitationArgs {
  /** Skip the picker (tests, keybindings with arguments). */
  readonly keys?: string[];
}

export function registerInsertCitation(server: EvidenceServer): vscode.Disposable {
  return vscode.commands.registerCommand('evidenceWriter.insertCitation', async (args?: InsertCitationArgs) => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage('Evidence Writer: open a document to insert a citation.');
      return false;
    }
    let keys = args?.keys;
    if (!keys) {
      if ((await server.searchEntries(editor.document.uri, '', 1)).length === 0) {
        void vscode.window.showWarningMessage('Evidence Writer: no bibliography found. Set evidenceWriter.bibliography or name one in the document.');
        return false;
      }
      keys = await pickEntries(server, editor.document.uri, {
        title: 'Insert Citation',
        placeholder: 'Search author, year, title or key (author:… year:… title:…); Space to select several',
      });
    }
    if (!keys || keys.length === 0) return false;
    const chosen = keys;
    const version = editor.document.version;
    const edits = await Promise.all(editor.selections.map((selection) => server.insertCitationEdit(editor.document.uri, selection.start, chosen)));
    if (editor.document.version !== version) return false; // typed meanwhile: the positions no longer hold
    return editor.edit((edit) => {
      editor.selections.forEach((selection, i) => {
        const text = edits[i]?.newText;
        if (text !== undefined) edit.replace(selection, text);
      });
    });
  });
}
