/**
 * "Cite evidence…" on an uncited claim: a picker whose first entries are those most relevant to the
 * claim's own words (the server ranks them); the citation goes before the sentence's final punctuation.
 */
import * as vscode from 'vscode';
import { CITE_EVIDENCE_COMMAND } from '../core/features/codeActions';
import { pickEntries } from './entryPicker';
import type { EvidenceServer } from './server';

export interface CiteEvidenceArgs {
  readonly uri: string;
  readonly range: { start: { line: number; character: number }; end: { line: number; character: number } };
  /** Skip the picker (tests). */
  readonly keys?: string[];
}

export function registerCiteEvidence(server: EvidenceServer): vscode.Disposable {
  return vscode.commands.registerCommand(CITE_EVIDENCE_COMMAND, async (args: CiteEvidenceArgs) => {
    const uri = vscode.Uri.parse(args.uri);
    const document = await vscode.workspace.openTextDocument(uri);
    const range = new vscode.Range(args.range.start.line, args.range.start.character, args.range.end.line, args.range.end.character);
    const version = document.version;
    let keys = args.keys;
    if (!keys) {
      keys = await pickEntries(server, uri, {
        title: 'Cite evidence for this claim',
        placeholder: 'Most relevant to the sentence first; type to search the whole library',
        initial: await server.relevantEntries(uri, range),
      });
    }
    if (!keys || keys.length === 0) return false;
    const edit = await server.citeClaimEdit(uri, range, keys);
    if (!edit) return false;
    if (document.version !== version) {
      void vscode.window.showInformationMessage('Evidence Writer: the document changed while you chose; run "Cite evidence…" on the claim again.');
      return false;
    }
    const workspaceEdit = new vscode.WorkspaceEdit();
    workspaceEdit.replace(uri, edit.range, edit.newText);
    return vscode.workspace.applyEdit(workspaceEdit);
  });
}
