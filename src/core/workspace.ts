/**
 * What the evidence service needs from its surroundings, and nothing editor-specific: the workspace
 * folders and whether they are trusted, the open documents (with unsaved edits), files on disk, and the
 * writer's settings. The language server adapts LSP to it, the CLI the file system, tests an in-memory
 * folder (createInMemoryWorkspace), as vscode-markdown-languageservice does with its IWorkspace.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import picomatch from 'picomatch';
// `require` form on purpose: esbuild then bundles tinyglobby's CommonJS build (see lintWorkspace).
import tinyglobby = require('tinyglobby');
import type { CitationStyle } from './format/formatReference';
import { createTextDocument, languageOfPath } from './document/textDocument';
import { readSettled } from './io/readHashed';
import type { RuleId, RuleLevel, Sensitivity, TextDocumentLike } from './types';

export interface FileStat {
  readonly isFile: boolean;
  readonly isDirectory: boolean;
  readonly size: number;
  readonly mtimeMs: number;
}

/** The writer's editor settings for one resource (`evidenceWriter.*` in VS Code). */
export interface EditorSettings {
  /** Bibliography files or globs, relative to the workspace folder. */
  readonly bibliography: readonly string[];
  readonly citationStyle: CitationStyle;
  readonly rules: Readonly<Partial<Record<RuleId, RuleLevel>>>;
  /** Only when the writer chose one: otherwise the project config's (or the default) applies. */
  readonly sensitivity?: Sensitivity;
  /** Language ids Evidence Writer works in. */
  readonly languages: readonly string[];
  /** Globs of documents Lint Workspace and Find All References skip. */
  readonly exclude: readonly string[];
  /** Names the writer's organisation uses for itself ("EdTech Hub", "the Hub"). */
  readonly ownVoice: readonly string[];
}

export const DEFAULT_LANGUAGES: readonly string[] = ['markdown', 'quarto', 'rmd', 'latex', 'tex', 'plaintext'];

export const DEFAULT_SETTINGS: EditorSettings = {
  bibliography: [],
  citationStyle: 'apa',
  rules: {},
  languages: DEFAULT_LANGUAGES,
  exclude: [],
  ownVoice: [],
};

/** Documents evidence-lint reads, by extension (the CLI, Lint Workspace and Find All References agree). */
export const DOCUMENT_GLOB = '**/*.{md,markdown,qmd,rmd,tex,latex,ltx,txt}';
/** Never searched for documents or bibliographies. */
export const ALWAYS_EXCLUDED: readonly string[] = ['**/node_modules/**', '**/.git/**', '**/.vscode-test/**'];

export interface EvidenceWorkspace {
  /** Absolute paths of the workspace folders (none for a CLI run outside a project). */
  folders(): readonly string[];
  /** False in an untrusted workspace (Restricted Mode): bibliographies outside the folders are not read. */
  isTrusted(): boolean;
  /** An open document by URI (its text includes unsaved edits), if open. */
  openDocument(uri: string): TextDocumentLike | undefined;
  openDocuments(): readonly TextDocumentLike[];
  readFile(file: string): Promise<Uint8Array | undefined>;
  stat(file: string): Promise<FileStat | undefined>;
  /** Files under `folder` matching `include`, minus `exclude` (globs relative to the folder, case-insensitive); sorted. */
  findFiles(folder: string, include: string, exclude: readonly string[], limit?: number): Promise<string[]>;
  /** The writer's settings for a document or folder. */
  settings(resource?: string): Promise<EditorSettings>;
}

/** A document: open in the editor (unsaved edits count), else read from disk; undefined if neither. */
export async function readDocument(workspace: EvidenceWorkspace, file: string): Promise<TextDocumentLike | undefined> {
  const uri = pathToFileURL(file).href;
  const open = workspace.openDocument(uri);
  if (open) return open;
  const bytes = await workspace.readFile(file);
  if (!bytes) return undefined;
  return createTextDocument(uri, languageOfPath(file) ?? 'markdown', new TextDecoder('utf-8').decode(bytes));
}

/** The workspace folder holding `file`, if any (the innermost when folders nest). */
export function folderOf(workspace: EvidenceWorkspace, file: string): string | undefined {
  let best: string | undefined;
  for (const folder of workspace.folders()) {
    if (isInside(file, folder) && (!best || folder.length > best.length)) best = folder;
  }
  return best;
}

export function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

export interface NodeWorkspaceOptions {
  readonly folders?: readonly string[];
  readonly trusted?: boolean;
  /** The editor's open documents (the language server's); none for the CLI. */
  readonly documents?: () => readonly TextDocumentLike[];
  readonly settings?: (resource?: string) => Promise<EditorSettings>;
}

/** A workspace on the local file system: what the CLI and the language server use. */
export function createNodeWorkspace(options: NodeWorkspaceOptions = {}): EvidenceWorkspace {
  const documents = options.documents ?? (() => []);
  return {
    folders: () => options.folders ?? [],
    isTrusted: () => options.trusted ?? true,
    openDocument: (uri) => documents().find((d) => d.uri === uri),
    openDocuments: documents,
    readFile: async (file) => {
      try {
        return (await readSettled(file)).bytes; // one version of the file, never two half-versions
      } catch {
        return undefined;
      }
    },
    stat: async (file) => {
      try {
        const info = await fs.stat(file);
        return { isFile: info.isFile(), isDirectory: info.isDirectory(), size: info.size, mtimeMs: info.mtimeMs };
      } catch {
        return undefined;
      }
    },
    findFiles: async (folder, include, exclude, limit) => {
      const found = await tinyglobby.glob(include, { cwd: folder, absolute: true, ignore: [...exclude], dot: false, caseSensitiveMatch: false });
      const sorted = found.map((f) => path.resolve(f)).sort();
      return limit === undefined ? sorted : sorted.slice(0, limit);
    },
    settings: options.settings ?? (() => Promise.resolve(DEFAULT_SETTINGS)),
  };
}

export interface InMemoryWorkspace extends EvidenceWorkspace {
  /** Writes (or replaces) a file. */
  write(file: string, text: string | Uint8Array): void;
  remove(file: string): void;
  /** Opens a document in the "editor" (or replaces its text, bumping its version). */
  open(file: string, text: string, languageId?: string): TextDocumentLike;
  close(file: string): void;
  setSettings(settings: Partial<EditorSettings>): void;
  setTrusted(trusted: boolean): void;
}

/** A workspace held in memory, for tests: files, open documents and settings are set by the test. */
export function createInMemoryWorkspace(folders: readonly string[] = ['/workspace']): InMemoryWorkspace {
  const files = new Map<string, { bytes: Uint8Array; mtimeMs: number }>();
  const open = new Map<string, TextDocumentLike>();
  let settings: EditorSettings = DEFAULT_SETTINGS;
  let trusted = true;
  let clock = 1;
  const encode = (text: string | Uint8Array): Uint8Array => (typeof text === 'string' ? new TextEncoder().encode(text) : text);
  const isDirectory = (dir: string): boolean => [...files.keys()].some((f) => f !== dir && isInside(f, dir));
  return {
    folders: () => folders,
    isTrusted: () => trusted,
    openDocument: (uri) => open.get(uri),
    openDocuments: () => [...open.values()],
    readFile: (file) => Promise.resolve(files.get(path.resolve(file))?.bytes),
    stat: (file) => {
      const resolved = path.resolve(file);
      const entry = files.get(resolved);
      if (entry) return Promise.resolve({ isFile: true, isDirectory: false, size: entry.bytes.length, mtimeMs: entry.mtimeMs });
      return Promise.resolve(isDirectory(resolved) ? { isFile: false, isDirectory: true, size: 0, mtimeMs: 0 } : undefined);
    },
    findFiles: (folder, include, exclude, limit) => {
      const matches = picomatch(include, { dot: false, nocase: true });
      const excluded = picomatch([...exclude], { dot: true, nocase: true });
      const found = [...files.keys()]
        .filter((f) => isInside(f, folder))
        .filter((f) => {
          const relative = path.relative(folder, f).split(path.sep).join('/');
          return matches(relative) && !excluded(relative);
        })
        .sort();
      return Promise.resolve(limit === undefined ? found : found.slice(0, limit));
    },
    settings: () => Promise.resolve(settings),
    write: (file, text) => files.set(path.resolve(file), { bytes: encode(text), mtimeMs: clock++ }),
    remove: (file) => files.delete(path.resolve(file)),
    open: (file, text, languageId) => {
      const uri = pathToFileURL(path.resolve(file)).href;
      const version = (open.get(uri)?.version ?? 0) + 1;
      const document = createTextDocument(uri, languageId ?? languageOfPath(file) ?? 'markdown', text, version);
      open.set(uri, document);
      return document;
    },
    close: (file) => open.delete(pathToFileURL(path.resolve(file)).href),
    setSettings: (partial) => {
      settings = { ...settings, ...partial };
    },
    setTrusted: (value) => {
      trusted = value;
    },
  };
}
