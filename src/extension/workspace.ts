/**
 * Bibliographies for the editor: which files each document uses (settings, front matter, \bibliography),
 * loading them off the typing path, keeping one index per set of files, and reindexing (debounced)
 * when a bibliography file changes, appears or disappears. Never writes to a bibliography file.
 */
import { promises as fs, realpathSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { BibliographyIndex } from '../core/bibliography/index/bibliographyIndex';
import { discoverBibliographies } from '../core/bibliography/discover';
import { CitationSearch } from '../core/search/citationSearch';
import type { BibProblem, LoadedFile } from '../core/types';
import { normaliseLanguage } from '../core/document/textDocument';
import { coreWorker, stopParsing } from './coreWorkerClient';
import { projectBibliographies } from './lintConfig';
import { log } from './log';
import { readSettings, SECTION } from './settings';

/** What a document's features need: the index (lookup, lint) and a search over the same entries. */
export interface DocumentBibliography {
  readonly files: readonly string[];
  readonly index: BibliographyIndex;
  readonly search: CitationSearch;
  /** Problems found while choosing the files (a configured file that does not exist…). */
  readonly discoveryProblems: readonly BibProblem[];
}

/** A document, open or not: what bibliography discovery reads. */
export interface DocumentSource {
  readonly uri: vscode.Uri;
  readonly languageId: string;
  getText(): string;
}

const RELOAD_DEBOUNCE_MS = 300;
/** Above this many bytes still to load, indexing shows a notification with progress. */
const LARGE_LIBRARY_BYTES = 1_000_000;
const BIB_EXTENSIONS = new Set(['.bib', '.bibtex', '.biblatex', '.ris', '.json', '.yaml', '.yml']);
const ALWAYS_BIB_EXTENSIONS = new Set(['.bib', '.bibtex', '.biblatex', '.ris']);

export class BibliographyService implements vscode.Disposable {
  private readonly loaded = new Map<string, LoadedFile>();
  private readonly loading = new Map<string, Promise<LoadedFile>>();
  /** discovery result per folder + declaration signature */
  private readonly discovered = new Map<string, Promise<{ files: string[]; problems: BibProblem[] }>>();
  private readonly indexes = new Map<string, Promise<DocumentBibliography>>();
  private readonly pendingReloads = new Map<string, NodeJS.Timeout>();
  private readonly watchedOutside = new Map<string, vscode.Disposable>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  private rediscoverTimer: NodeJS.Timeout | undefined;
  private readonly autoDiscovered = new Map<string, Promise<string[]>>();
  /** Files whose indexing the user cancelled: left out until reloaded. */
  private readonly cancelled = new Set<string>();
  /** Counts cancellations, so a loop over several files can tell that it was cancelled. */
  private cancellations = 0;

  /** Fires after bibliographies were reloaded; listeners re-lint. */
  readonly onDidChange = this.changeEmitter.event;

  /** @param cacheDir where parsed bibliographies are cached between sessions (the core's cache). */
  constructor(private readonly cacheDir?: string) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{bib,bibtex,biblatex,ris,json,yaml,yml}');
    this.disposables.push(
      watcher,
      watcher.onDidChange((uri) => this.fileChanged(uri.fsPath)),
      watcher.onDidCreate((uri) => this.fileCreatedOrDeleted(uri.fsPath)),
      watcher.onDidDelete((uri) => this.fileCreatedOrDeleted(uri.fsPath)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SECTION}.bibliography`)) this.rediscoverSoon();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.rediscoverSoon()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.rediscoverSoon()),
      this.changeEmitter,
    );
  }

  /** The bibliography a document cites from (loads and indexes on first use). */
  async forDocument(document: DocumentSource): Promise<DocumentBibliography> {
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    const settings = readSettings(document.uri);
    const configured = [...settings.bibliography, ...projectBibliographies(document.uri)];
    const text = document.getText();
    const signature = declarationSignature(text);
    const discoveryKey = `${folder?.uri.toString() ?? ''}\n${configured.join('\n')}\n${signature}`;
    let discovery = this.discovered.get(discoveryKey);
    if (!discovery) {
      const documentPath = document.uri.scheme === 'file' ? document.uri.fsPath : undefined;
      discovery = discoverBibliographies({
        documentPath,
        text,
        language: normaliseLanguage(document.languageId),
        workspaceRoot: folder?.uri.fsPath,
        configured,
      }).catch((error: unknown) => {
        log().error(`Could not find bibliography files for ${document.uri.fsPath}: ${String(error)}`);
        return { files: [], problems: [] };
      });
      this.discovered.set(discoveryKey, discovery);
    }
    let { files, problems } = await discovery;
    if (files.length === 0 && configured.length === 0 && folder) {
      // Nothing named anywhere: use the .bib files of the workspace folder, as most writers expect.
      files = await this.bibFilesIn(folder);
    }
    const { allowed, refused } = this.partitionByTrust(files);
    if (refused.length > 0 && document.uri.scheme === 'file') {
      // Said where the writer will look: on the document that names the file, at the line naming it.
      problems = [...problems, ...refused.map((file) => refusedInRestrictedMode(file, document.uri.fsPath, text))];
    }
    return this.indexFor(allowed, problems);
  }

  private bibFilesIn(folder: vscode.WorkspaceFolder): Promise<string[]> {
    const key = folder.uri.toString();
    let found = this.autoDiscovered.get(key);
    if (!found) {
      found = Promise.resolve(
        vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*.{bib,bibtex,biblatex}'), '{**/node_modules/**,**/.git/**,**/.vscode-test/**}', 20),
      ).then(
        (uris) => uris.map((u) => u.fsPath).sort(),
        () => [],
      );
      this.autoDiscovered.set(key, found);
    }
    return found;
  }

  /** Bibliography files being parsed now. */
  get indexing(): readonly string[] {
    return [...this.loading.keys()];
  }

  /** Every bibliography file loaded so far, with its problems (for diagnostics on .bib files). */
  loadedFiles(): readonly LoadedFile[] {
    return [...this.loaded.values()];
  }

  /** Forget everything and reload on next use (Reload Bibliography command). */
  async reloadAll(): Promise<void> {
    this.discovered.clear();
    this.autoDiscovered.clear();
    this.indexes.clear();
    this.loaded.clear();
    this.loading.clear();
    this.cancelled.clear();
    log().info('Bibliographies will be reloaded.');
    this.changeEmitter.fire();
  }

  /** Resolves once pending reloads triggered by file events have been applied (used by tests). */
  get hasPendingReloads(): boolean {
    return this.pendingReloads.size > 0 || this.rediscoverTimer !== undefined;
  }

  dispose(): void {
    for (const timer of this.pendingReloads.values()) clearTimeout(timer);
    if (this.rediscoverTimer) clearTimeout(this.rediscoverTimer);
    for (const d of this.watchedOutside.values()) d.dispose();
    for (const d of this.disposables) d.dispose();
  }

  /** In an untrusted workspace, only files inside the workspace folders are read. */
  private partitionByTrust(files: readonly string[]): { allowed: string[]; refused: string[] } {
    if (vscode.workspace.isTrusted) return { allowed: [...files], refused: [] };
    const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
    const allowed: string[] = [];
    const refused: string[] = [];
    for (const file of files) {
      // Through links too: a link inside the workspace to a file outside it is outside.
      const real = realPathOf(file);
      if (folders.some((folder) => isInside(file, folder) && isInside(real, realPathOf(folder)))) allowed.push(file);
      else {
        refused.push(file);
        log().warn(`Restricted Mode: not reading bibliography outside the workspace: ${file}`);
      }
    }
    return { allowed, refused };
  }

  /** One index per set of files, shared by the documents using it; discovery problems stay each document's own. */
  private async indexFor(files: string[], discoveryProblems: BibProblem[]): Promise<DocumentBibliography> {
    const key = files.join('\n');
    let result = this.indexes.get(key);
    if (!result) {
      result = this.buildIndex(files);
      this.indexes.set(key, result);
      result.catch(() => this.indexes.delete(key));
    }
    return { ...(await result), discoveryProblems };
  }

  private async buildIndex(files: string[]): Promise<DocumentBibliography> {
    const missing = files.filter((f) => !this.loaded.has(f));
    if (missing.length > 0) await this.loadWithProgress(missing);
    const loaded = files.map((f) => this.loaded.get(f)).filter((f): f is LoadedFile => f !== undefined);
    // In time slices: a 50k-entry index takes ~1 s to build, and this thread serves every extension.
    const started = performance.now();
    const index = await BibliographyIndex.fromFilesInSlices(loaded);
    // Files from the worker bring their token index; others get one built once, in slices.
    const search = await CitationSearch.forIndex(index);
    log().info(`Indexed ${index.entries.length} entries from ${files.length} file(s) in ${(performance.now() - started).toFixed(0)} ms: ${files.join(', ') || '(none)'}`);
    return { files, index, search, discoveryProblems: [] };
  }

  private async loadWithProgress(files: string[]): Promise<void> {
    const sizes = await Promise.all(files.map((f) => fs.stat(f).then((s) => s.size, () => 0)));
    const total = sizes.reduce((a, b) => a + b, 0);
    const large = total > LARGE_LIBRARY_BYTES;
    await vscode.window.withProgress(
      {
        location: large ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window,
        title: 'Evidence Writer: indexing bibliography',
        cancellable: large,
      },
      async (progress, token) => {
        const cancel = token.onCancellationRequested(() => this.cancelIndexing());
        const generation = this.cancellations;
        try {
          for (const [i, file] of files.entries()) {
            if (this.cancellations !== generation) {
              // Cancelled while an earlier file loaded: the rest are left out too.
              this.cancelled.add(file);
              this.loaded.set(file, notIndexed(file));
              continue;
            }
            progress.report({ message: path.basename(file), increment: total ? (100 * sizes[i]) / total : 100 / files.length });
            await this.loadFile(file);
          }
        } finally {
          cancel.dispose();
        }
      },
    );
  }

  /**
   * Stops indexing the bibliographies being loaded (the progress notification's Cancel): the parsing
   * worker is stopped, and each file still loading is left out, with a problem on it saying how to
   * index it after all (Reload Bibliography, or saving the file).
   */
  cancelIndexing(): void {
    const stopped = [...this.loading.keys()];
    if (stopped.length === 0) return;
    this.cancellations++;
    for (const file of stopped) this.cancelled.add(file);
    log().info(`Indexing cancelled: ${stopped.join(', ')}`);
    stopParsing();
  }

  private loadFile(file: string): Promise<LoadedFile> {
    let pending = this.loading.get(file);
    if (!pending) {
      const started = Date.now();
      this.cancelled.delete(file);
      pending = this.read(file).then(
        (loaded) => {
          this.loaded.set(file, loaded);
          this.watchIfOutside(file);
          log().info(`Loaded ${loaded.entries.length} entries, ${loaded.problems.length} problem(s) from ${file} in ${Date.now() - started} ms`);
          return loaded;
        },
        (error: unknown) => {
          if (!this.cancelled.has(file)) throw error;
          const skipped = notIndexed(file);
          this.loaded.set(file, skipped);
          this.watchIfOutside(file);
          return skipped;
        },
      );
      this.loading.set(file, pending);
      void pending.finally(() => this.loading.delete(file)).catch(() => undefined);
    }
    return pending;
  }

  private read(file: string): Promise<LoadedFile> {
    return coreWorker().loadBibliography(file, this.cacheDir);
  }

  private async reloadFile(file: string): Promise<void> {
    this.cancelled.delete(file);
    const previous = this.loaded.get(file);
    let next: LoadedFile;
    try {
      next = await this.read(file);
    } catch (error) {
      log().error(`Reloading ${file} failed; keeping the last good index: ${String(error)}`);
      return;
    }
    if (previous && looksBroken(next, previous)) {
      // A half-saved or unreadable file should not empty everyone's completion list.
      log().warn(`Reloading ${file} found no usable entries (${next.problems[0]?.message ?? 'unknown problem'}); keeping the last good index.`);
      const kept: BibProblem = {
        code: 'unreadable-file',
        severity: 'warning',
        message: `Using the last good version of this file (${previous.entries.length} entries) until it can be read again.`,
        location: { file, line: 1, column: 1 },
      };
      this.loaded.set(file, { ...previous, problems: [...next.problems, kept] });
    } else {
      this.loaded.set(file, next);
      log().info(`Reloaded ${file}: ${next.entries.length} entries, ${next.problems.length} problem(s).`);
    }
    for (const key of [...this.indexes.keys()]) {
      if (key.split('\n').includes(file)) this.indexes.delete(key);
    }
    this.changeEmitter.fire();
  }

  private fileChanged(file: string): void {
    if (!this.loaded.has(file) && !this.loading.has(file)) return;
    const timer = this.pendingReloads.get(file);
    if (timer) clearTimeout(timer);
    this.pendingReloads.set(
      file,
      setTimeout(() => {
        this.pendingReloads.delete(file);
        void this.reloadFile(file);
      }, RELOAD_DEBOUNCE_MS),
    );
  }

  private fileCreatedOrDeleted(file: string): void {
    const ext = path.extname(file).toLowerCase();
    if (!BIB_EXTENSIONS.has(ext)) return;
    if (this.loaded.has(file) || ALWAYS_BIB_EXTENSIONS.has(ext) || /bib|ref|librar|cit/i.test(path.basename(file))) {
      this.rediscoverSoon();
    }
  }

  rediscoverSoon(): void {
    if (this.rediscoverTimer) clearTimeout(this.rediscoverTimer);
    this.rediscoverTimer = setTimeout(() => {
      this.rediscoverTimer = undefined;
      this.discovered.clear();
      this.autoDiscovered.clear();
      this.indexes.clear();
      // Files that disappeared are dropped; the rest stay loaded (their own watcher events reload them).
      void Promise.all(
        [...this.loaded.keys()].map((file) =>
          fs.access(file).catch(() => {
            this.loaded.delete(file);
          }),
        ),
      ).then(() => this.changeEmitter.fire());
    }, RELOAD_DEBOUNCE_MS);
  }

  /** The workspace watcher only sees files inside folders; watch configured files elsewhere too. */
  private watchIfOutside(file: string): void {
    if (this.watchedOutside.has(file)) return;
    const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
    if (folders.some((folder) => isInside(file, folder))) return;
    const watcher = vscode.workspace.createFileSystemWatcher(
      new vscode.RelativePattern(vscode.Uri.file(path.dirname(file)), path.basename(file)),
    );
    watcher.onDidChange(() => this.fileChanged(file));
    watcher.onDidCreate(() => this.fileChanged(file));
    watcher.onDidDelete(() => this.rediscoverSoon());
    this.watchedOutside.set(file, watcher);
  }
}

/** The problem shown on a document whose bibliography Restricted Mode will not read: at the line naming it, else line 1. */
function refusedInRestrictedMode(file: string, documentPath: string, text: string): BibProblem {
  const name = path.basename(file);
  const index = text.indexOf(name);
  const line = index < 0 ? 1 : text.slice(0, index).split('\n').length;
  const column = index < 0 ? 1 : index - text.lastIndexOf('\n', index - 1);
  return {
    code: 'unreadable-file',
    severity: 'warning',
    message: `Restricted Mode: the bibliography ${file} is outside the workspace and is not read. Trust this workspace to use it.`,
    location: { file: documentPath, line, column },
  };
}

/** What stands for a bibliography whose indexing was cancelled: no entries, and a problem saying why. */
function notIndexed(file: string): LoadedFile {
  return {
    file,
    format: 'bibtex',
    entries: [],
    problems: [
      {
        code: 'unreadable-file',
        severity: 'warning',
        message: 'Indexing was cancelled, so this bibliography is not used. Run "Evidence Writer: Reload Bibliography" (or save the file) to index it.',
        location: { file, line: 1, column: 1 },
      },
    ],
  };
}

/** A reload "failed" if it lost every entry the file had and reported why. */
function looksBroken(next: LoadedFile, previous: LoadedFile): boolean {
  return next.entries.length === 0 && previous.entries.length > 0 && next.problems.length > 0;
}

function realPathOf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file); // missing: discovery reports it; nothing to follow
  }
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * The part of a document that can declare bibliographies (YAML front matter, \bibliography / \addbibresource):
 * discovery re-runs only when it changes, not on every keystroke.
 */
export function declarationSignature(text: string): string {
  const front = /^---\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)\s*(?:\r?\n|$)/.exec(text)?.[0] ?? '';
  const latex = text.match(/\\(?:bibliography|addbibresource|addglobalbib)\s*(?:\[[^\]]*\])?\{[^}]*\}/g) ?? [];
  return `${front}\n${latex.join('\n')}`;
}
