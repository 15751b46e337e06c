/**
 * An unknown key under the cursor of a document being typed in is not shown until the cursor leaves
 * it: `[@hen` is a key half-written, not an error (as spell checkers leave the word being typed alone).
 * Sits between the server's diagnostics and VS Code's (the client's handleDiagnostics middleware).
 */
import * as vscode from 'vscode';

/** An edit this recent means the writer is typing: the key at the cursor is left alone. */
const TYPING_WINDOW_MS = 5_000;

type Next = (uri: vscode.Uri, diagnostics: vscode.Diagnostic[]) => void;

export class CursorAwareDiagnostics implements vscode.Disposable {
  private readonly last = new Map<string, { diagnostics: vscode.Diagnostic[]; next: Next; hiding: vscode.Diagnostic | undefined }>();
  private readonly lastEdit = new Map<string, number>();
  private readonly disposables: vscode.Disposable[] = [
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length > 0) this.lastEdit.set(e.document.uri.toString(), Date.now());
    }),
    vscode.window.onDidChangeTextEditorSelection((e) => this.cursorMoved(e.textEditor)),
    vscode.workspace.onDidCloseTextDocument((d) => {
      this.lastEdit.delete(d.uri.toString());
      this.last.delete(d.uri.toString());
    }),
  ];

  handle(uri: vscode.Uri, diagnostics: vscode.Diagnostic[], next: Next): void {
    this.last.set(uri.toString(), { diagnostics, next, hiding: undefined });
    this.render(uri);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private render(uri: vscode.Uri): void {
    const key = uri.toString();
    const last = this.last.get(key);
    if (!last) return;
    const typing = (this.lastEdit.get(key) ?? 0) > Date.now() - TYPING_WINDOW_MS;
    const editor = vscode.window.activeTextEditor;
    const cursor = typing && editor?.document.uri.toString() === key && editor.selection.isEmpty ? editor.selection.active : undefined;
    last.hiding = cursor ? last.diagnostics.find((d) => ruleOf(d) === 'unknown-key' && d.range.contains(cursor)) : undefined;
    last.next(uri, last.hiding ? last.diagnostics.filter((d) => d !== last.hiding) : last.diagnostics);
  }

  /** The cursor left the key whose finding was hidden: show it now, not at the next lint. */
  private cursorMoved(editor: vscode.TextEditor): void {
    const key = editor.document.uri.toString();
    const hiding = this.last.get(key)?.hiding;
    if (hiding && !(editor.selection.isEmpty && hiding.range.contains(editor.selection.active))) {
      this.lastEdit.delete(key);
      this.render(editor.document.uri);
    }
  }
}

/** A diagnostic's rule id: its code links to the rule's documentation, so VS Code holds it as { value, target }. */
function ruleOf(d: vscode.Diagnostic): string | undefined {
  return typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);
}
