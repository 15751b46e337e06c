/**
 * Which documents the language features (completion, hover, definition, references, quick fixes) are
 * registered for: the languages of evidenceWriter.languages, in every workspace folder. Registered again
 * when the setting changes, so adding e.g. "asciidoc" works without a reload. Providers still check
 * the setting per document (isEnabledFor), since folders of a multi-root workspace may differ.
 */
import * as vscode from 'vscode';
import { readSettings, SECTION } from './settings';

/** The union of evidenceWriter.languages over the user settings and every workspace folder. */
export function configuredLanguages(): string[] {
  const languages = new Set(readSettings().languages);
  for (const folder of vscode.workspace.workspaceFolders ?? []) for (const id of readSettings(folder.uri).languages) languages.add(id);
  return [...languages].sort();
}

export function documentSelector(languages: readonly string[]): vscode.DocumentFilter[] {
  return languages.flatMap((language) => [
    { language, scheme: 'file' },
    { language, scheme: 'untitled' },
  ]);
}

/** Calls `register` with the current selector now and whenever the set of languages changes. */
export function registerForLanguages(register: (selector: vscode.DocumentFilter[]) => vscode.Disposable[]): vscode.Disposable {
  let languages = configuredLanguages();
  let registrations = register(documentSelector(languages));
  const reregister = (): void => {
    const next = configuredLanguages();
    if (next.join('\n') === languages.join('\n')) return;
    languages = next;
    for (const d of registrations) d.dispose();
    registrations = register(documentSelector(languages));
  };
  const listeners = [
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SECTION}.languages`)) reregister();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(reregister),
  ];
  return {
    dispose: () => {
      for (const d of [...registrations, ...listeners]) d.dispose();
    },
  };
}
