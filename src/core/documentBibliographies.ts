/**
 * The bibliographies of a workspace's documents: which files each document uses (settings, project
 * config, front matter, \bibliography…), loading each file once, one index and search per set of files,
 * and reloading when a file changes, appears or disappears. Owned by one evidence service; never
 * writes to a bibliography file.
 */
import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { Emitter } from './events';
import { fileOfUri } from './lint/lintDocument';
import type { ProjectConfigs } from './lint/projectConfigs';
import { CitationSearch } from './search/citationSearch';
import { once } from './scheduling/once';
import { normaliseLanguage } from './document/textDocument';
import type { BibProblem, LoadedFile, TextDocumentLike } from './types';
import { ALWAYS_EXCLUDED, folderOf, isInside, type EvidenceWorkspace } from './workspace';
import { BibliographyIndex } from './bibliography/index/bibliographyIndex';
import { discoverBibliographies, type DiscoveryFiles } from './bibliography/discover';
import type { Log } from './log';

/** What a document's features need: the index (lookup, lint) and a search over the same entries. */
export interface DocumentBibliography {
  readonly files: readonly string[];
  readonly index: BibliographyIndex;
  /** The search over the index's entries: made on first use (lint never needs it). */
  search(): CitationSearch;
  /** Problems found while choosing the files (a configured file that does not exist…), on the document. */
  readonly discoveryProblems: readonly BibProblem[];
  /** Files the document names that were not read: outside the workspace in Restricted Mode, or outside `confineTo`. */
  readonly refused: readonly string[];
}

export interface DocumentBibliographiesOptions {
  /** When nothing names a bibliography, use the workspace folder's .bib files. */
  readonly autoDiscover: boolean;
  /** Never read a bibliography outside this folder (refused files are listed, not reported as problems). */
  readonly confineTo?: string;
}

/** Parses bibliography files: in this thread (the CLI, tests) or in a worker (the language server). */
export interface BibliographyLoader {
  /** One file's entries and problems; never rejects for bad content, rejects when cancelled. */
  load(file: string): Promise<LoadedFile>;
  /** Stops the loads in progress (they reject); later loads start afresh. */
  cancel(): void;
  /** Resolves when background work (cache writes) is done: before a process exits. */
  flush?(): Promise<void>;
  dispose(): void;
}

/** Indexing a library: for progress reports (a large one is worth a cancellable notification). */
export interface IndexingEvent {
  readonly kind: 'begin' | 'file' | 'end';
  readonly files: readonly string[];
  readonly bytes: number;
  /** More than LARGE_LIBRARY_BYTES: the editor should show cancellable progress. */
  readonly large: boolean;
  /** With 'file': the file starting now, and the share of bytes done before it (0..1). */
  readonly file?: string;
  readonly done?: number;
}

export type FileChangeKind = 'created' | 'changed' | 'deleted';

/** Above this many bytes still to load, indexing is reported as large (cancellable progress). */
export const LARGE_LIBRARY_BYTES = 1_000_000;
const RELOAD_DEBOUNCE_MS = 300;
/**
 * A reload that looks like a file caught half-written (see looksHalfWritten) is read again this much
 * later before it is believed: an exporter writing in two goes has finished by then.
 */
const HALF_WRITTEN_SETTLE_MS = 1000;
const BIB_EXTENSIONS: ReadonlySet<string> = new Set(['.bib', '.bibtex', '.biblatex', '.ris', '.json', '.yaml', '.yml']);
const ALWAYS_BIB_EXTENSIONS: ReadonlySet<string> = new Set(['.bib', '.bibtex', '.biblatex', '.ris']);
/** When nothing is configured or named, the workspace folder's .bib files are used (at most this many). */
const AUTO_DISCOVERED_LIMIT = 20;

export class DocumentBibliographies {
  private readonly loaded = new Map<string, LoadedFile>();
  private readonly loading = new Map<string, Promise<LoadedFile>>();
  /** Discovery result per folder + configured files + the document's declarations. */
  private readonly discovered = new Map<string, Promise<{ files: string[]; problems: BibProblem[] }>>();
  private readonly indexes = new Map<string, Promise<DocumentBibliography>>();
  private readonly autoDiscovered = new Map<string, Promise<string[]>>();
  private readonly pendingReloads = new Map<string, NodeJS.Timeout>();
  /** Counts the reloads of each file started, so that only the newest one's result is used. */
  private readonly reloadsStarted = new Map<string, number>();
  private rediscoverTimer: NodeJS.Timeout | undefined;
  /** Files whose indexing the user cancelled: left out until reloaded. */
  private readonly cancelled = new Set<string>();
  /** Counts cancellations, so a loop over several files can tell that it was cancelled. */
  private cancellations = 0;
  private readonly changeEmitter = new Emitter<void>();
  private readonly indexingEmitter = new Emitter<IndexingEvent>();
  private readonly discoveryFiles: DiscoveryFiles;

  /** Fires after bibliographies were reloaded or rediscovered: documents should be linted again. */
  readonly onDidChange = this.changeEmitter.event;
  readonly onIndexing = this.indexingEmitter.event;

  constructor(
    private readonly workspace: EvidenceWorkspace,
    private readonly loader: BibliographyLoader,
    private readonly configs: ProjectConfigs,
    private readonly log: Log,
    private readonly options: DocumentBibliographiesOptions = { autoDiscover: true },
  ) {
    this.discoveryFiles = {
      readText: async (file) => {
        const bytes = await workspace.readFile(file);
        return bytes && new TextDecoder('utf-8').decode(bytes);
      },
      whyNotAFile: async (file) => {
        const info = await workspace.stat(file);
        if (!info) return 'no such file';
        if (info.isDirectory) return 'it is a folder, not a file';
        return info.isFile ? undefined : 'it is not a regular file';
      },
    };
  }

  /** The bibliography a document cites from (loaded and indexed on first use). */
  async forDocument(document: TextDocumentLike): Promise<DocumentBibliography> {
    const file = fileOfUri(document.uri);
    const isFile = document.uri.startsWith('file:');
    const folder = isFile ? folderOf(this.workspace, file) : this.workspace.folders()[0];
    const configured = await this.configuredFor(isFile ? file : undefined, folder);
    const text = document.getText();
    const discoveryKey = `${folder ?? ''}\n${configured.join('\n')}\n${declarationSignature(text)}`;
    let discovery = this.discovered.get(discoveryKey);
    if (!discovery) {
      discovery = discoverBibliographies({
        documentPath: isFile ? file : undefined,
        text,
        language: normaliseLanguage(document.languageId),
        workspaceRoot: folder,
        configured,
        files: this.discoveryFiles,
      }).catch((error: unknown) => {
        this.log.error(`Could not find bibliography files for ${file}: ${String(error)}`);
        return { files: [], problems: [] };
      });
      this.discovered.set(discoveryKey, discovery);
    }
    let { files, problems } = await discovery;
    if (files.length === 0 && configured.length === 0 && folder && this.options.autoDiscover) {
      // Nothing named anywhere: use the .bib files of the workspace folder, as most writers expect.
      files = await this.bibFilesIn(folder);
    }
    const { allowed, refused } = this.partitionByTrust(files);
    if (refused.length > 0 && isFile && this.options.confineTo === undefined) {
      // Said where the writer will look: on the document that names the file, at the line naming it.
      problems = [...problems, ...refused.map((refusedFile) => refusedInRestrictedMode(refusedFile, file, text))];
    }
    return this.indexFor(allowed, problems, refused);
  }

  /** The bibliography of explicitly given files (the CLI's --bib), in that order. */
  forFiles(files: readonly string[]): Promise<DocumentBibliography> {
    const { allowed, refused } = this.partitionByTrust([...new Set(files.map((f) => path.resolve(f)))]);
    return this.indexFor(allowed, [], refused);
  }

  /** Bibliography files being parsed now. */
  get indexing(): readonly string[] {
    return [...this.loading.keys()];
  }

  /** Every bibliography file loaded so far, with its problems (for diagnostics on the files themselves). */
  loadedFiles(): readonly LoadedFile[] {
    return [...this.loaded.values()];
  }

  /** Forget everything and reload on next use (Reload Bibliography). */
  reloadAll(): void {
    this.discovered.clear();
    this.autoDiscovered.clear();
    this.indexes.clear();
    this.loaded.clear();
    this.loading.clear();
    this.cancelled.clear();
    this.log.info('Bibliographies will be reloaded.');
    this.changeEmitter.fire();
  }

  /**
   * Stops indexing the bibliographies being loaded (a progress notification's Cancel): each file still
   * loading is left out, with a problem on it saying how to index it after all.
   */
  cancelIndexing(): void {
    const stopped = [...this.loading.keys()];
    if (stopped.length === 0) return;
    this.cancellations++;
    for (const file of stopped) this.cancelled.add(file);
    this.log.info(`Indexing cancelled: ${stopped.join(', ')}`);
    this.loader.cancel();
  }

  /** Whether reloads triggered by file events are still to happen (tests wait for them). */
  get hasPendingReloads(): boolean {
    return this.pendingReloads.size > 0 || this.rediscoverTimer !== undefined;
  }

  /** The editor (or a watcher) saw files change: reload the loaded ones, rediscover on new or deleted ones. */
  filesChanged(changes: readonly { readonly file: string; readonly kind: FileChangeKind }[]): void {
    for (const { file, kind } of changes) {
      if (kind === 'changed') this.fileChanged(file);
      else this.fileCreatedOrDeleted(file, kind);
    }
  }

  /** Settings or project configs changed: which files documents use may have changed. */
  rediscoverSoon(): void {
    if (this.rediscoverTimer) clearTimeout(this.rediscoverTimer);
    this.rediscoverTimer = setTimeout(() => {
      this.rediscoverTimer = undefined;
      this.discovered.clear();
      this.autoDiscovered.clear();
      this.indexes.clear();
      // Files that disappeared are dropped; the rest stay loaded (their own change events reload them).
      void Promise.all(
        [...this.loaded.keys()].map(async (file) => {
          if (!(await this.workspace.stat(file))) this.loaded.delete(file);
        }),
      ).then(() => this.changeEmitter.fire());
    }, RELOAD_DEBOUNCE_MS);
  }

  dispose(): void {
    for (const timer of this.pendingReloads.values()) clearTimeout(timer);
    if (this.rediscoverTimer) clearTimeout(this.rediscoverTimer);
    this.changeEmitter.dispose();
    this.indexingEmitter.dispose();
  }

  /** Settings and project config name these (globs expanded), in that order. */
  private async configuredFor(file: string | undefined, folder: string | undefined): Promise<string[]> {
    const settings = await this.workspace.settings(file ?? folder);
    const project = (await this.configs.forFile(file ?? path.join(folder ?? process.cwd(), 'untitled'))).config;
    const fromSettings = await this.expand(settings.bibliography, folder);
    const fromProject = await this.expand(project.bibliography, project.baseDir ?? folder);
    return [...new Set([...fromSettings, ...fromProject])];
  }

  /** Paths resolved against `base`; globs expanded to the files they match now. */
  private async expand(patterns: readonly string[], base: string | undefined): Promise<string[]> {
    const out: string[] = [];
    for (const pattern of patterns) {
      if (picomatch.scan(pattern).isGlob && base) out.push(...(await this.workspace.findFiles(base, pattern, ALWAYS_EXCLUDED)));
      else out.push(base ? path.resolve(base, pattern) : path.resolve(pattern));
    }
    return out;
  }

  private bibFilesIn(folder: string): Promise<string[]> {
    let found = this.autoDiscovered.get(folder);
    if (!found) {
      found = this.workspace.findFiles(folder, '**/*.{bib,bibtex,biblatex}', ALWAYS_EXCLUDED, AUTO_DISCOVERED_LIMIT).catch(() => []);
      this.autoDiscovered.set(folder, found);
    }
    return found;
  }

  /**
   * In an untrusted workspace only files inside the workspace folders are read, and with `confineTo`
   * only files inside it (links followed: a link inside to a file outside is outside).
   */
  private partitionByTrust(files: readonly string[]): { allowed: string[]; refused: string[] } {
    const confineTo = this.options.confineTo;
    if (this.workspace.isTrusted() && confineTo === undefined) return { allowed: [...files], refused: [] };
    const folders = confineTo !== undefined ? [path.resolve(confineTo)] : this.workspace.folders();
    const allowed: string[] = [];
    const refused: string[] = [];
    for (const file of files) {
      const real = realPathOf(file);
      if (folders.some((folder) => isInside(file, folder) && isInside(real, realPathOf(folder)))) allowed.push(file);
      else {
        refused.push(file);
        this.log.warn(`${confineTo !== undefined ? 'Confined' : 'Restricted Mode'}: not reading bibliography outside ${confineTo ?? 'the workspace'}: ${file}`);
      }
    }
    return { allowed, refused };
  }

  /** One index per set of files, shared by the documents using it; discovery problems stay each document's own. */
  private async indexFor(files: string[], discoveryProblems: BibProblem[], refused: readonly string[]): Promise<DocumentBibliography> {
    const key = files.join('\n');
    let result = this.indexes.get(key);
    if (!result) {
      result = this.buildIndex(files);
      this.indexes.set(key, result);
      result.catch(() => this.indexes.delete(key));
    }
    return { ...(await result), discoveryProblems, refused };
  }

  private async buildIndex(files: string[]): Promise<DocumentBibliography> {
    const missing = files.filter((f) => !this.loaded.has(f));
    if (missing.length > 0) await this.loadAll(missing);
    const loaded = files.map((f) => this.loaded.get(f)).filter((f): f is LoadedFile => f !== undefined);
    const started = performance.now();
    const index = BibliographyIndex.fromFiles(loaded);
    this.log.info(`Indexed ${index.size} entries from ${files.length} file(s) in ${(performance.now() - started).toFixed(0)} ms: ${files.join(', ') || '(none)'}`);
    const search = once(() => CitationSearch.forIndex(index));
    return { files, index, search, discoveryProblems: [], refused: [] };
  }

  /** Loads files one after another, reporting progress; a cancellation leaves the rest out too. */
  private async loadAll(files: string[]): Promise<void> {
    const sizes = await Promise.all(files.map(async (f) => (await this.workspace.stat(f))?.size ?? 0));
    const bytes = sizes.reduce((a, b) => a + b, 0);
    const large = bytes > LARGE_LIBRARY_BYTES;
    const generation = this.cancellations;
    this.indexingEmitter.fire({ kind: 'begin', files, bytes, large });
    let done = 0;
    try {
      for (const [i, file] of files.entries()) {
        if (this.cancellations !== generation) {
          this.cancelled.add(file);
          this.loaded.set(file, notIndexed(file));
          continue;
        }
        this.indexingEmitter.fire({ kind: 'file', files, bytes, large, file, done: bytes ? done / bytes : i / files.length });
        await this.loadFile(file);
        done += sizes[i]!;
      }
    } finally {
      this.indexingEmitter.fire({ kind: 'end', files, bytes, large });
    }
  }

  private loadFile(file: string): Promise<LoadedFile> {
    let pending = this.loading.get(file);
    if (!pending) {
      const started = Date.now();
      this.cancelled.delete(file);
      pending = this.loader.load(file).then(
        (loaded) => {
          this.loaded.set(file, loaded);
          this.log.info(`Loaded ${loaded.entries.length} entries, ${loaded.problems.length} problem(s) from ${file} in ${Date.now() - started} ms`);
          return loaded;
        },
        (error: unknown) => {
          if (!this.cancelled.has(file)) throw error;
          const skipped = notIndexed(file);
          this.loaded.set(file, skipped);
          return skipped;
        },
      );
      this.loading.set(file, pending);
      void pending.finally(() => this.loading.delete(file)).catch(() => undefined);
    }
    return pending;
  }

  /**
   * Reads a changed file again and, if the result is whole, replaces the file's entries with it. Never
   * a torn index: a result older than another reload's is dropped; a file that changed while it was
   * read is read again; one that looks half-written is read again a little later, and believed then
   * (`settled`); one that lost every entry keeps the last good version.
   */
  private async reloadFile(file: string, settled = false): Promise<void> {
    this.cancelled.delete(file);
    const reload = (this.reloadsStarted.get(file) ?? 0) + 1;
    this.reloadsStarted.set(file, reload);
    const before = await this.workspace.stat(file);
    let next: LoadedFile;
    try {
      next = await this.loader.load(file);
    } catch (error) {
      if (this.reloadsStarted.get(file) !== reload) return;
      this.log.error(`Reloading ${file} failed; keeping the last good index: ${String(error)}`);
      return;
    }
    if (this.reloadsStarted.get(file) !== reload) return; // a newer reload is under way: its result counts
    const after = await this.workspace.stat(file);
    if (before?.size !== after?.size || before?.mtimeMs !== after?.mtimeMs) {
      // Changed while it was read (the second half of a two-part write, say): what was read is already old.
      this.log.info(`${file} changed while it was read; reading it again.`);
      this.reloadSoon(file, 0);
      return;
    }
    const previous = this.loaded.get(file);
    if (!settled && previous && looksHalfWritten(next, previous)) {
      this.log.info(`${file} lost ${previous.entries.length - next.entries.length} entries and has new problems, as a file caught half-written has; reading it again in ${HALF_WRITTEN_SETTLE_MS} ms before using it.`);
      this.reloadSoon(file, HALF_WRITTEN_SETTLE_MS, true);
      return;
    }
    if (previous && looksBroken(next, previous)) {
      // A half-saved or unreadable file should not empty everyone's completion list.
      this.log.warn(`Reloading ${file} found no usable entries (${next.problems[0]?.message ?? 'unknown problem'}); keeping the last good index.`);
      const kept: BibProblem = {
        code: 'unreadable-file',
        severity: 'warning',
        message: `Using the last good version of this file (${previous.entries.length} entries) until it can be read again.`,
        location: { file, line: 1, column: 1 },
      };
      this.loaded.set(file, { ...previous, problems: [...next.problems, kept] });
    } else {
      this.loaded.set(file, next);
      this.log.info(`Reloaded ${file}: ${next.entries.length} entries, ${next.problems.length} problem(s).`);
    }
    for (const key of [...this.indexes.keys()]) {
      if (key.split('\n').includes(file)) this.indexes.delete(key);
    }
    this.changeEmitter.fire();
  }

  /** Reloads `file` after `delayMs` (a later call for it restarts the wait). */
  private reloadSoon(file: string, delayMs: number, settled = false): void {
    clearTimeout(this.pendingReloads.get(file));
    this.pendingReloads.set(
      file,
      setTimeout(() => {
        this.pendingReloads.delete(file);
        void this.reloadFile(file, settled);
      }, delayMs),
    );
  }

  private fileChanged(file: string): void {
    if (!this.loaded.has(file) && !this.loading.has(file)) {
      this.configChanged(file);
      return;
    }
    this.reloadSoon(file, RELOAD_DEBOUNCE_MS);
  }

  private fileCreatedOrDeleted(file: string, kind: FileChangeKind): void {
    if (this.configChanged(file)) return;
    const ext = path.extname(file).toLowerCase();
    if (!BIB_EXTENSIONS.has(ext)) return;
    if (kind === 'deleted' && this.loaded.has(file)) this.loaded.delete(file);
    if (this.loaded.has(file) || ALWAYS_BIB_EXTENSIONS.has(ext) || /bib|ref|librar|cit/i.test(path.basename(file)) || kind === 'deleted') {
      this.rediscoverSoon();
    }
  }

  /** A project config or Quarto project file changed: forget configs and rediscover. */
  private configChanged(file: string): boolean {
    const name = path.basename(file);
    if (name !== '.evidencelintrc.json' && name !== 'package.json' && name !== '_quarto.yml' && name !== '_metadata.yml') return false;
    this.configs.forget();
    this.rediscoverSoon();
    return true;
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
        message: 'Indexing was cancelled, so this bibliography is not used. Run "Evidence: Reload Bibliography" (or save the file) to index it.',
        location: { file, line: 1, column: 1 },
      },
    ],
  };
}

/**
 * A reload that lost entries and gained problems: what a file caught half-written gives (cut inside an
 * entry: the rest of the file missing, the cut entry reported). Also what saving a real mistake gives,
 * which is why such a reload is read again, not refused.
 */
function looksHalfWritten(next: LoadedFile, previous: LoadedFile): boolean {
  return next.entries.length < previous.entries.length && next.problems.length > previous.problems.length;
}

/** A reload "failed" if it lost every entry the file had and reported why. */
function looksBroken(next: LoadedFile, previous: LoadedFile): boolean {
  return next.entries.length === 0 && previous.entries.length > 0 && next.problems.length > 0;
}

function realPathOf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file); // missing (or in memory): nothing to follow
  }
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
