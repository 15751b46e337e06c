/** Shared helpers for the integration tests (bundled into each test file). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EvidenceWriterApi } from '../../src/extension/activate';

export const EXTENSION_ID = 'edtechhub.evidence-writer';

/** Where the extension under test is installed (its fixtures and bundles). */
export function extensionRoot(): string {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error('extension not found');
  return extension.extensionPath;
}

export function workspaceDir(): string {
  const folder = process.env.EVIDENCE_TEST_WORKSPACE || vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!folder) throw new Error('no workspace folder open');
  return folder;
}

export function workspacePath(...parts: string[]): string {
  return path.join(workspaceDir(), ...parts);
}

export async function activate(): Promise<EvidenceWriterApi> {
  const extension = vscode.extensions.getExtension<EvidenceWriterApi>(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  const api = await extension.activate();
  await api.server.ready();
  return api;
}

/** Writes a new file into the workspace copy and opens it in an editor. */
export async function openScratch(text: string, extension = 'md'): Promise<vscode.TextEditor> {
  // Unique names: an open document keeps its text in memory even after its editor closes.
  const file = workspacePath('scratch', `t${Date.now()}-${Math.random().toString(36).slice(2, 8)}.${extension}`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return openFile(file);
}

export async function openFile(file: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  return vscode.window.showTextDocument(document);
}

/** Position just after the first occurrence of `marker` (or at `marker` + `delta`). */
export function positionAfter(document: vscode.TextDocument, marker: string, delta = marker.length): vscode.Position {
  const index = document.getText().indexOf(marker);
  if (index < 0) throw new Error(`"${marker}" not found in ${document.uri.fsPath}`);
  return document.positionAt(index + delta);
}

/** Polls until `probe` returns something truthy; fails with `what` after `limitMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, limitMs = 20_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function evidenceDiagnostics(uri: vscode.Uri, code?: string): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'evidence-lint' && (code === undefined || ruleOf(d) === code));
}

/** A diagnostic's rule id (its code links to the rule's documentation, so VS Code holds it as { value, target }). */
export function ruleOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  return typeof code === 'object' ? String(code.value) : code === undefined ? undefined : String(code);
}

export async function completionsAt(document: vscode.TextDocument, position: vscode.Position, trigger?: string): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position, trigger, 100);
  return list?.items ?? [];
}

export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

/** What the server has loaded of one bibliography file, if anything. */
export async function loadedFile(api: EvidenceWriterApi, file: string): Promise<{ entries: number; problems: readonly string[] } | undefined> {
  return (await api.server.libraryState()).files.find((f) => f.file === file);
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
