/**
 * Restricted Mode: the server reads only bibliographies inside the workspace, and VS Code ignores the
 * workspace's values of `evidenceWriter.bibliography`, `.citationStyle` and `.citationStyleFile`. Saying so when that happens
 * (once per session, and in the log), and telling the server when the workspace becomes trusted.
 */
import * as vscode from 'vscode';
import type { EvidenceServer } from './server';
import { SECTION } from './settings';

const RESTRICTED_SETTINGS = ['bibliography', 'citationStyle', 'citationStyleFile'] as const;

export function watchRestrictedMode(server: EvidenceServer, output: vscode.LogOutputChannel): vscode.Disposable {
  let told = false;
  const tell = (): void => {
    if (told || vscode.workspace.isTrusted) return;
    const ignored = ignoredSettings();
    if (ignored.length === 0) return;
    told = true;
    const names = ignored.map((name) => `${SECTION}.${name}`).join(' and ');
    output.warn(`Restricted Mode: the workspace's ${names} ${ignored.length > 1 ? 'are' : 'is'} ignored until the workspace is trusted.`);
    void vscode.window.showWarningMessage(`Evidence Writer: Restricted Mode ignores this workspace's ${names}. Trust the workspace to use ${ignored.length > 1 ? 'them' : 'it'}.`, 'Manage Workspace Trust').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
    });
  };
  tell();
  return vscode.Disposable.from(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (RESTRICTED_SETTINGS.some((name) => e.affectsConfiguration(`${SECTION}.${name}`))) tell();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void server.trustGranted()),
  );
}

/** Restricted settings that a workspace (or folder) sets: ignored in Restricted Mode. */
function ignoredSettings(): string[] {
  const scopes = [undefined, ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri)];
  return RESTRICTED_SETTINGS.filter((name) =>
    scopes.some((scope) => {
      const inspected = vscode.workspace.getConfiguration(SECTION, scope).inspect(name);
      return inspected?.workspaceValue !== undefined || inspected?.workspaceFolderValue !== undefined;
    }),
  );
}
