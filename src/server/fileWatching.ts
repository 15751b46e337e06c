/**
 * Telling the service when bibliography and config files change. Clients that watch files for a server
 * (VS Code) are asked to, by dynamic registration: every bibliography-like and config file in the
 * workspace, and each loaded bibliography outside it. For clients that cannot (Neovim 0.7), the server
 * watches the folders of the loaded bibliographies itself.
 */
import { watch, type FSWatcher } from 'node:fs';
import * as path from 'node:path';
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type ClientCapabilities,
  type Connection,
  type Disposable,
  type FileSystemWatcher,
} from 'vscode-languageserver/node';
import type { FileChangeKind } from '../core/documentBibliographies';
import type { Log } from '../core/log';
import type { EvidenceService } from '../core/service';
import { isInside } from '../core/workspace';
import { pathToUri, uriToPath } from './lspWorkspace';

const WORKSPACE_GLOBS = ['**/*.{bib,bibtex,biblatex,ris,json,yaml,yml}', '**/{.evidencelintrc.json,package.json,_quarto.yml,_metadata.yml}'];
const KINDS: Record<FileChangeType, FileChangeKind> = { [FileChangeType.Created]: 'created', [FileChangeType.Changed]: 'changed', [FileChangeType.Deleted]: 'deleted' };

export class FileWatching {
  private readonly clientWatches: boolean;
  private readonly relativePatterns: boolean;
  /** Loaded files outside the workspace the client was asked to watch, and the registration doing it. */
  private outsideRegistration: Disposable | undefined;
  private outsideWatched = '';
  /** Folders the server watches itself (clients that do not watch files). */
  private readonly ownWatchers = new Map<string, FSWatcher>();

  constructor(
    private readonly connection: Connection,
    private readonly service: EvidenceService,
    private readonly folders: () => readonly string[],
    capabilities: ClientCapabilities,
    private readonly log: Log,
  ) {
    const watched = capabilities.workspace?.didChangeWatchedFiles;
    this.clientWatches = watched?.dynamicRegistration === true;
    this.relativePatterns = watched?.relativePatternSupport === true;
    connection.onDidChangeWatchedFiles((params) => {
      const changes = params.changes.flatMap((c) => {
        const file = uriToPath(c.uri);
        return file ? [{ file, kind: KINDS[c.type] }] : [];
      });
      if (changes.length > 0) this.service.filesChanged(changes);
    });
  }

  /** After initialization: ask the client to watch the workspace's bibliography and config files. */
  async start(): Promise<void> {
    if (!this.clientWatches) return;
    const watchers: FileSystemWatcher[] = WORKSPACE_GLOBS.map((globPattern) => ({ globPattern }));
    await this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
  }

  /** The loaded bibliographies changed: watch those outside the workspace (or all, if the client cannot). */
  async update(): Promise<void> {
    const files = this.service.loadedFiles().map((f) => f.file);
    if (!this.clientWatches) return this.watchOwn(files);
    const outside = files.filter((f) => !this.folders().some((folder) => isInside(f, folder))).sort();
    const signature = outside.join('\n');
    if (signature === this.outsideWatched) return;
    this.outsideWatched = signature;
    this.outsideRegistration?.dispose();
    this.outsideRegistration = undefined;
    if (outside.length === 0) return;
    if (!this.relativePatterns) return this.watchOwn(outside);
    const watchers: FileSystemWatcher[] = outside.map((file) => ({ globPattern: { baseUri: pathToUri(path.dirname(file)), pattern: path.basename(file) } }));
    this.outsideRegistration = await this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
  }

  dispose(): void {
    this.outsideRegistration?.dispose();
    for (const watcher of this.ownWatchers.values()) watcher.close();
    this.ownWatchers.clear();
  }

  /**
   * Watches each file's folder (not the file: a reference manager replaces the file by renaming a new
   * one over it, which a watch on the old file would not survive).
   */
  private watchOwn(files: readonly string[]): void {
    const wanted = new Map<string, Set<string>>();
    for (const file of files) {
      const dir = path.dirname(file);
      wanted.set(dir, (wanted.get(dir) ?? new Set()).add(path.basename(file)));
    }
    for (const [dir, watcher] of this.ownWatchers) {
      if (!wanted.has(dir)) {
        watcher.close();
        this.ownWatchers.delete(dir);
      }
    }
    for (const [dir, names] of wanted) {
      this.ownWatchers.get(dir)?.close();
      try {
        const watcher = watch(dir, (_event, name) => {
          if (name && names.has(name.toString())) this.service.filesChanged([{ file: path.join(dir, name.toString()), kind: 'changed' }]);
        });
        watcher.on('error', () => watcher.close());
        watcher.unref();
        this.ownWatchers.set(dir, watcher);
      } catch (error) {
        this.log.warn(`Cannot watch ${dir} for bibliography changes: ${String(error)}`);
      }
    }
  }
}
