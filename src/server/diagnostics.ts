/**
 * Pushes diagnostics (textDocument/publishDiagnostics): each open document is linted ~300 ms after its
 * last change, and results for a version that has since changed are dropped. Problems of bibliography
 * and config files are shown on those files; a document closed keeps the problems Lint Workspace left on
 * it. After each lint the client hears the document's counts (`evidence/didLint`) for its status bar.
 */
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Log } from '../core/log';
import type { DocumentDiagnostics, EvidenceService } from '../core/service';
import type { Finding } from '../core/types';
import { toDiagnostic } from './convert';
import { pathToUri } from './lspWorkspace';
import { Methods, type DidLintParams } from './protocol';

const LINT_DEBOUNCE_MS = 300;

export class DiagnosticsPublisher {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** What each document last published on each other file (bibliographies, configs). */
  private readonly onFiles = new Map<string, Map<string, readonly Finding[]>>();
  /** Documents whose problems came from Lint Workspace: kept when they are closed. */
  private readonly fromWorkspaceLint = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly service: EvidenceService,
    private readonly log: Log,
  ) {}

  /** Lints `uri` after a pause in typing (a newer call for it restarts the wait). */
  schedule(uri: string, delay = LINT_DEBOUNCE_MS): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.lintNow(uri);
      }, delay),
    );
  }

  relintOpenDocuments(): void {
    for (const document of this.documents.all()) this.schedule(document.uri, 0);
  }

  /** Lints an open document now and publishes the result, unless the document changed meanwhile. */
  async lintNow(uri: string): Promise<DocumentDiagnostics | undefined> {
    const version = this.documents.get(uri)?.version;
    try {
      const result = await this.service.diagnostics(uri);
      if (!result) return undefined;
      const now = this.documents.get(uri);
      if (version !== undefined && now?.version !== version) return undefined; // a newer edit will publish
      this.publish(uri, result);
      return result;
    } catch (error) {
      this.log.error(`Linting ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return undefined;
    }
  }

  /** Publishes a document's findings and those it has on other files (every file it uses is refreshed). */
  publish(uri: string, result: Pick<DocumentDiagnostics, 'findings' | 'files' | 'stats'>, fromWorkspaceLint = false): void {
    if (fromWorkspaceLint) this.fromWorkspaceLint.add(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: result.findings.map(toDiagnostic) });
    const previous = this.onFiles.get(uri);
    this.onFiles.set(uri, new Map(result.files));
    const touched = new Set([...result.files.keys(), ...(previous?.keys() ?? [])]);
    for (const file of touched) this.publishFile(file);
    const params: DidLintParams = { uri, status: result.stats };
    void this.connection.sendNotification(Methods.didLint, params);
  }

  /** A document closed: its diagnostics go, unless Lint Workspace put them there. */
  closed(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    if (this.fromWorkspaceLint.has(uri)) return;
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** A file Lint Workspace no longer lints (now ignored): the problems it left go, unless it is open. */
  dropWorkspaceLintResult(uri: string): void {
    if (!this.fromWorkspaceLint.delete(uri)) return;
    if (this.documents.get(uri)) return;
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
  }

  /** A bibliography or config file's problems: the union of what every document said of it, once each. */
  private publishFile(file: string): void {
    const seen = new Map<string, Finding>();
    for (const files of this.onFiles.values()) {
      for (const f of files.get(file) ?? []) seen.set(`${f.range.start.line}\0${f.range.start.character}\0${f.ruleId}\0${f.message}`, f);
    }
    void this.connection.sendDiagnostics({ uri: pathToUri(file), diagnostics: [...seen.values()].map(toDiagnostic) });
  }
}
