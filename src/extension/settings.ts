import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RuleId, RuleLevel, Sensitivity } from '../core/types';
import type { CitationStyle } from '../core/format/formatReference';

/** The evidenceWriter.* settings for one resource (settings are per workspace folder in multi-root). */
export interface EvidenceSettings {
  /** Bibliography files or globs, relative to the workspace folder. */
  readonly bibliography: readonly string[];
  readonly citationStyle: CitationStyle;
  readonly rules: Readonly<Partial<Record<RuleId, RuleLevel>>>;
  readonly sensitivity: Sensitivity;
  /** VS Code language ids the extension works in. */
  readonly languages: readonly string[];
  /** Globs of files that Lint Workspace and Find References skip. */
  readonly exclude: readonly string[];
}

export const SECTION = 'evidenceWriter';
export const DEFAULT_LANGUAGES = ['markdown', 'quarto', 'rmd', 'latex', 'tex', 'plaintext'];
const SENSITIVITIES: readonly Sensitivity[] = ['low', 'medium', 'high'];
const LEVELS: readonly RuleLevel[] = ['error', 'warning', 'info', 'hint', 'off'];

export function readSettings(scope?: vscode.ConfigurationScope): EvidenceSettings {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  const folder = folderOf(scope);
  const sensitivity = config.get<string>('sensitivity', 'medium');
  return {
    bibliography: stringArray(config.get('bibliography')),
    citationStyle: citationStyleOf(config.get<string>('citationStyle', 'apa'), folder),
    rules: rulesOf(config.get('rules')),
    sensitivity: (SENSITIVITIES as readonly string[]).includes(sensitivity) ? (sensitivity as Sensitivity) : 'medium',
    languages: stringArray(config.get('languages'), DEFAULT_LANGUAGES),
    exclude: stringArray(config.get('exclude')),
  };
}

/** Whether the extension should work in this document at all (language enabled, a real file). */
export function isEnabledFor(document: vscode.TextDocument): boolean {
  if (document.uri.scheme !== 'file' && document.uri.scheme !== 'untitled') return false;
  return readSettings(document.uri).languages.includes(document.languageId);
}

function folderOf(scope?: vscode.ConfigurationScope): string | undefined {
  const uri = scope instanceof vscode.Uri ? scope : (scope as { uri?: vscode.Uri } | undefined)?.uri;
  if (!uri) return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  return vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
}

function citationStyleOf(value: string, folder: string | undefined): CitationStyle {
  if (value === 'apa' || value === 'edtechhub-apa') return value;
  const trimmed = value.trim();
  if (!trimmed) return 'apa';
  return { cslFile: path.isAbsolute(trimmed) || !folder ? trimmed : path.join(folder, trimmed) };
}

function rulesOf(value: unknown): Partial<Record<RuleId, RuleLevel>> {
  const rules: Partial<Record<RuleId, RuleLevel>> = {};
  if (value && typeof value === 'object') {
    for (const [rule, level] of Object.entries(value)) {
      if ((LEVELS as readonly unknown[]).includes(level)) rules[rule as RuleId] = level as RuleLevel;
    }
  }
  return rules;
}

function stringArray(value: unknown, fallback: readonly string[] = []): string[] {
  if (typeof value === 'string') return value ? [value] : [...fallback];
  if (!Array.isArray(value)) return [...fallback];
  return value.filter((v): v is string => typeof v === 'string' && v.length > 0);
}
