/** The workspace's prose files (for Lint Workspace and Find References), open or on disk. */
import { TextDecoder } from 'node:util';
import * as vscode from 'vscode';
import { languageOfPath } from '../core/document/textDocument';
import type { DocumentLanguage } from '../core/types';
import { readSettings } from './settings';
import type { DocumentSource } from './workspace';

const SUPPORTED_GLOB = '**/*.{md,markdown,qmd,rmd,Rmd,tex,latex,ltx,txt}';
const ALWAYS_EXCLUDED = ['**/node_modules/**', '**/.git/**', '**/.vscode-test/**'];

export interface WorkspaceFile extends DocumentSource {
  readonly language: DocumentLanguage;
}

/** Supported files in every workspace folder, minus each folder's evidenceWriter.exclude globs. */
export async function findSupportedFiles(token?: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const found: vscode.Uri[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const exclude = [...ALWAYS_EXCLUDED, ...readSettings(folder.uri).exclude];
    const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, SUPPORTED_GLOB), `{${exclude.join(',')}}`, undefined, token);
    found.push(...uris.filter((uri) => languageOfPath(uri.fsPath) !== undefined));
  }
  return found.sort((a, b) => a.fsPath.localeCompare(b.fsPath));
}

/** The open editor's text when there is one (unsaved edits count), else the file on disk. */
export async function readWorkspaceFile(uri: vscode.Uri): Promise<WorkspaceFile | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  const language = languageOfPath(uri.fsPath) ?? 'markdown';
  if (open) return { uri, languageId: open.languageId, language, getText: () => open.getText() };
  try {
    const text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
    return { uri, languageId: language, language, getText: () => text };
  } catch {
    return undefined;
  }
}
