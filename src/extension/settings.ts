/**
 * The `evidenceWriter.*` settings as the client hands them to the server (workspace/configuration):
 * VS Code's own reading of them, so Restricted Mode's rules apply (workspace values of
 * `evidenceWriter.bibliography` and `.citationStyle` are ignored in an untrusted workspace), and
 * `sensitivity` only when the writer chose one, so that a project config's sensitivity is not
 * overridden by the default.
 */
import * as vscode from 'vscode';

export const SECTION = 'evidenceWriter';
export const DEFAULT_LANGUAGES: readonly string[] = ['markdown', 'quarto', 'rmd', 'latex', 'tex', 'plaintext'];

/** The settings object the server reads (see src/server/lspWorkspace.ts editorSettings). */
export function settingsForServer(scope: vscode.ConfigurationScope | undefined): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  const sensitivity = config.inspect<string>('sensitivity');
  const explicit = sensitivity?.workspaceFolderValue ?? sensitivity?.workspaceValue ?? sensitivity?.globalValue;
  return {
    bibliography: config.get('bibliography'),
    citationStyle: config.get('citationStyle'),
    citationStyleFile: config.get('citationStyleFile'),
    rules: config.get('rules'),
    ...(explicit !== undefined ? { sensitivity: config.get('sensitivity') } : {}),
    languages: config.get('languages'),
    exclude: config.get('exclude'),
    ownVoice: config.get('ownVoice'),
  };
}

/** The language ids Evidence Writer works in: the union over the user settings and every folder. */
export function configuredLanguages(): string[] {
  const languages = new Set<string>(languagesOf(undefined));
  for (const folder of vscode.workspace.workspaceFolders ?? []) for (const id of languagesOf(folder.uri)) languages.add(id);
  return [...languages].sort();
}

function languagesOf(scope: vscode.Uri | undefined): readonly string[] {
  const value = vscode.workspace.getConfiguration(SECTION, scope).get<unknown>('languages');
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.length > 0) : DEFAULT_LANGUAGES;
}

/** Whether Evidence Writer works in this document (a file or untitled, in an enabled language). */
export function isEnabledFor(document: vscode.TextDocument): boolean {
  if (document.uri.scheme !== 'file' && document.uri.scheme !== 'untitled') return false;
  return languagesOf(document.uri).includes(document.languageId);
}
