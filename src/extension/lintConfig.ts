/**
 * The lint configuration for a document: the project's `.evidencelintrc.json` (shared with the CLI),
 * then whatever the user set in evidenceWriter.* settings on top.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { formatConfigError, loadConfig, mergeConfig, type ConfigError, type LintConfig, type LoadedConfig } from '../core/lint/config';
import type { Sensitivity } from '../core/types';
import { log } from './log';
import { readSettings, SECTION } from './settings';

const projectConfigs = new Map<string, LoadedConfig>();
const reported = new Set<string>();

/** The project config file nearest to a document (cached; cleared when a config file changes). */
export function projectConfigFor(uri: vscode.Uri): LoadedConfig {
  const dir = uri.scheme === 'file' ? path.dirname(uri.fsPath) : (vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd());
  let loaded = projectConfigs.get(dir);
  if (!loaded) {
    loaded = loadConfig(dir);
    projectConfigs.set(dir, loaded);
    if (loaded.error && !reported.has(loaded.error.file)) {
      reported.add(loaded.error.file);
      reportConfigError(loaded.error);
    }
  }
  return loaded;
}

/**
 * A broken config is said three ways: a warning (once per file), the log, and a problem on the config file
 * at its line, which stays until the file is fixed. Linting goes on with the defaults meanwhile.
 */
function reportConfigError(error: ConfigError): void {
  const where = { ...error, file: path.basename(error.file) };
  log().warn(`Ignoring ${formatConfigError(error)}; using the default settings.`);
  void vscode.window.showWarningMessage(`Evidence Writer: ${formatConfigError(where)}. Using the default settings until it is fixed.`);
  const position = new vscode.Position(Math.max(0, (error.line ?? 1) - 1), Math.max(0, (error.column ?? 1) - 1));
  const diagnostic = new vscode.Diagnostic(new vscode.Range(position, position), `Evidence Writer cannot use this config: ${error.message}`, vscode.DiagnosticSeverity.Error);
  diagnostic.source = 'evidence-lint';
  configProblems().set(vscode.Uri.file(error.file), [diagnostic]);
}

let problems: vscode.DiagnosticCollection | undefined;
function configProblems(): vscode.DiagnosticCollection {
  problems ??= vscode.languages.createDiagnosticCollection('evidence-lint-config');
  return problems;
}

export function lintConfigFor(uri: vscode.Uri): Promise<LintConfig> {
  const base = projectConfigFor(uri).config;
  const settings = readSettings(uri);
  const sensitivity = vscode.workspace.getConfiguration(SECTION, uri).inspect<string>('sensitivity');
  const explicitSensitivity = sensitivity?.workspaceFolderValue ?? sensitivity?.workspaceValue ?? sensitivity?.globalValue;
  return Promise.resolve(
    mergeConfig(base, {
      rules: settings.rules,
      sensitivity: explicitSensitivity !== undefined ? (settings.sensitivity as Sensitivity) : undefined,
    }),
  );
}

/** Bibliographies named in the project config, as absolute paths or globs. */
export function projectBibliographies(uri: vscode.Uri): string[] {
  const { config } = projectConfigFor(uri);
  const base = config.baseDir;
  return config.bibliography.map((p) => (base && !path.isAbsolute(p) ? path.join(base, p) : p));
}

export function watchProjectConfigs(onChange: () => void): vscode.Disposable {
  const watcher = vscode.workspace.createFileSystemWatcher('**/{.evidencelintrc.json,package.json}');
  const clear = (): void => {
    projectConfigs.clear();
    reported.clear();
    problems?.clear(); // re-reported on the next read if still broken
    onChange();
  };
  watcher.onDidChange(clear);
  watcher.onDidCreate(clear);
  watcher.onDidDelete(clear);
  return vscode.Disposable.from(watcher, { dispose: () => problems?.dispose() });
}
