/**
 * The evidence service's workspace, as an LSP client shows it: workspace folders, the open documents
 * (with unsaved edits) from TextDocuments, files from disk, and the `evidenceWriter` settings pulled
 * per folder with workspace/configuration (or, for clients without it, the last
 * workspace/didChangeConfiguration payload).
 */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Connection, TextDocuments, WorkspaceFolder } from 'vscode-languageserver/node';
import { RULE_LEVELS } from '../core/lint/config';
import type { CitationStyle } from '../core/format/formatReference';
import { SENSITIVITIES, type RuleId, type RuleLevel, type Sensitivity } from '../core/types';
import { createNodeWorkspace, DEFAULT_LANGUAGES, DEFAULT_SETTINGS, folderOf, type EditorSettings, type EvidenceWorkspace } from '../core/workspace';

export const SETTINGS_SECTION = 'evidenceWriter';

export class LspWorkspace implements EvidenceWorkspace {
  private folderPaths: string[];
  private trusted: boolean;
  private readonly settingsByFolder = new Map<string, Promise<EditorSettings>>();
  /** Settings pushed by a client that cannot be asked (no workspace/configuration). */
  private pushed: EditorSettings = DEFAULT_SETTINGS;
  private readonly files: EvidenceWorkspace;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    folders: readonly WorkspaceFolder[],
    trusted: boolean,
    private readonly canPullSettings: boolean,
  ) {
    this.folderPaths = folders.map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined);
    this.trusted = trusted;
    this.files = createNodeWorkspace();
  }

  folders(): readonly string[] {
    return this.folderPaths;
  }

  isTrusted(): boolean {
    return this.trusted;
  }

  openDocument(uri: string) {
    // Clients percent-encode paths differently (VS Code encodes more than Node does): compare paths.
    const file = uriToPath(uri);
    return this.documents.get(uri) ?? (file === undefined ? undefined : this.documents.all().find((d) => uriToPath(d.uri) === file));
  }

  openDocuments() {
    return this.documents.all();
  }

  readFile(file: string) {
    return this.files.readFile(file);
  }

  stat(file: string) {
    return this.files.stat(file);
  }

  findFiles(folder: string, include: string, exclude: readonly string[], limit?: number) {
    return this.files.findFiles(folder, include, exclude, limit);
  }

  settings(resource?: string): Promise<EditorSettings> {
    if (!this.canPullSettings) return Promise.resolve(this.pushed);
    const folder = (resource && folderOf(this, resource)) ?? this.folderPaths[0] ?? '';
    let settings = this.settingsByFolder.get(folder);
    if (!settings) {
      settings = this.connection.workspace
        .getConfiguration({ scopeUri: folder ? pathToUri(folder) : undefined, section: SETTINGS_SECTION })
        .then((raw: unknown) => editorSettings(raw, folder || undefined), () => DEFAULT_SETTINGS);
      this.settingsByFolder.set(folder, settings);
    }
    return settings;
  }

  /** workspace/didChangeConfiguration: settings are asked for again (or taken from the payload). */
  settingsChanged(payload: unknown): void {
    this.settingsByFolder.clear();
    const section = (payload as Record<string, unknown> | undefined)?.[SETTINGS_SECTION];
    if (section !== undefined) this.pushed = editorSettings(section, this.folderPaths[0]);
  }

  foldersChanged(added: readonly WorkspaceFolder[], removed: readonly WorkspaceFolder[]): void {
    const gone = new Set(removed.map((f) => uriToPath(f.uri)));
    this.folderPaths = [...this.folderPaths.filter((f) => !gone.has(f)), ...added.map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined)];
    this.settingsByFolder.clear();
  }

  trustChanged(trusted: boolean): void {
    this.trusted = trusted;
  }
}

/** Settings as a client sent them, checked value by value (anything malformed falls back to the default). */
export function editorSettings(raw: unknown, folder: string | undefined): EditorSettings {
  const o = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const sensitivity = typeof o.sensitivity === 'string' && (SENSITIVITIES as readonly string[]).includes(o.sensitivity) ? (o.sensitivity as Sensitivity) : undefined;
  return {
    bibliography: stringArray(o.bibliography),
    citationStyle: citationStyleOf(typeof o.citationStyle === 'string' ? o.citationStyle : 'apa', typeof o.citationStyleFile === 'string' ? o.citationStyleFile : '', folder),
    rules: rulesOf(o.rules),
    ...(sensitivity ? { sensitivity } : {}),
    languages: stringArray(o.languages, DEFAULT_LANGUAGES),
    exclude: stringArray(o.exclude),
    ownVoice: stringArray(o.ownVoice),
  };
}

/** A bundled style, or `file` with the CSL file named apart (a path in citationStyle itself is read as one too). */
function citationStyleOf(value: string, file: string, folder: string | undefined): CitationStyle {
  const trimmed = value.trim();
  if (trimmed === 'apa' || trimmed === 'edtechhub-apa') return trimmed;
  const cslFile = trimmed === 'file' ? file.trim() : trimmed;
  if (!cslFile) return 'apa';
  return { cslFile: path.isAbsolute(cslFile) || !folder ? cslFile : path.join(folder, cslFile) };
}

function rulesOf(value: unknown): Partial<Record<RuleId, RuleLevel>> {
  const rules: Partial<Record<RuleId, RuleLevel>> = {};
  if (value && typeof value === 'object') {
    for (const [rule, level] of Object.entries(value)) {
      if ((RULE_LEVELS as readonly unknown[]).includes(level)) rules[rule as RuleId] = level as RuleLevel;
    }
  }
  return rules;
}

function stringArray(value: unknown, fallback: readonly string[] = []): string[] {
  if (typeof value === 'string') return value ? [value] : [...fallback];
  if (!Array.isArray(value)) return [...fallback];
  return value.filter((v): v is string => typeof v === 'string' && v.length > 0);
}

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(file: string): string {
  return pathToFileURL(file).href;
}
