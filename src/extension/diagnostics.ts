/**
 * Live diagnostics: each supported document is linted ~300 ms after its last change; a newer change
 * cancels the older run, and results for an outdated document version are dropped. Bibliography
 * problems are shown on the bibliography files themselves. An unknown key under the cursor of a
 * document being typed in is not shown until the cursor leaves it: `[@hen` is a key half-written, not
 * an error (as spell checkers leave the word being typed alone).
 */
import * as vscode from 'vscode';
import { createTextDocument } from '../core/document/textDocument';
import { ClaimScoreCache, lintBibliography, lintDocumentSteps, type DocumentLintResult } from '../core/lint/lintDocument';
import { runInSlices } from '../core/scheduling/timeSlices';
import type { BibProblem, Finding, TextDocumentLike } from '../core/types';
import { bibProblemToDiagnostic, findingToDiagnostic, toTextDocumentLike } from './convert';
import type { LintConfig } from '../core/lint/config';
import { lintConfigFor } from './lintConfig';
import { log } from './log';
import { isEnabledFor, SECTION } from './settings';
import type { BibliographyService, DocumentBibliography, DocumentSource } from './workspace';

const LINT_DEBOUNCE_MS = 300;
/** An edit this recent means the user is typing: the key at the cursor is left alone. */
const TYPING_WINDOW_MS = 5_000;

export interface LintStats {
  readonly claims: number;
  readonly supported: number;
}

export interface LintEvent {
  readonly uri: vscode.Uri;
  readonly stats: LintStats;
  readonly findings: number;
}

export class DiagnosticsManager implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('evidence-lint');
  private readonly bibCollection = vscode.languages.createDiagnosticCollection('evidence-lint-bibliography');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** The last result per document, reused while neither the document nor its inputs changed. */
  private readonly lastResults = new Map<string, { version: number; generation: number; result: DocumentLintResult }>();
  /** Bumped when settings or bibliographies change: earlier results are then out of date. */
  private generation = 0;
  /** The lint run in progress per document: newer edits cancel it; a request for the same version shares it. */
  private readonly running = new Map<string, { source: vscode.CancellationTokenSource; version: number; result: Promise<DocumentLintResult | undefined> }>();
  private readonly stats = new Map<string, LintStats>();
  private readonly findings = new Map<string, readonly Finding[]>();
  /** What was last published per document (all of it), so a finding hidden at the cursor can be shown later. */
  private readonly published = new Map<string, { findings: readonly Finding[]; extra: readonly vscode.Diagnostic[]; hiding: Finding | undefined }>();
  private readonly lastEdit = new Map<string, number>();
  /** Files linted by Lint Workspace keep their problems when closed. */
  private readonly fromWorkspaceLint = new Set<string>();
  private readonly lintEmitter = new vscode.EventEmitter<LintEvent>();
  private readonly disposables: vscode.Disposable[] = [];
  /** A keystroke changes one sentence: re-lints score only the sentences not seen before. */
  private readonly claimScores = new ClaimScoreCache();

  readonly onDidLint = this.lintEmitter.event;

  constructor(private readonly bibliographies: BibliographyService) {
    this.disposables.push(
      this.collection,
      this.bibCollection,
      this.lintEmitter,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        this.lastEdit.set(e.document.uri.toString(), Date.now());
        this.schedule(e.document);
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => this.cursorMoved(e.textEditor)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SECTION)) this.relintOpenDocuments();
      }),
      bibliographies.onDidChange(() => this.relintOpenDocuments()),
    );
    this.relintOpenDocuments();
  }

  /** Claims / supported claims of the last lint of a document, for the status bar. */
  statsFor(uri: vscode.Uri): LintStats | undefined {
    return this.stats.get(uri.toString());
  }

  /** The finding behind one of our diagnostics (code actions get copies without our extra fields). */
  findingFor(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Finding | undefined {
    return this.findings.get(uri.toString())?.find(
      (f) =>
        f.ruleId === diagnostic.code &&
        f.range.start.line === diagnostic.range.start.line &&
        f.range.start.character === diagnostic.range.start.character &&
        f.range.end.line === diagnostic.range.end.line &&
        f.range.end.character === diagnostic.range.end.character,
    );
  }

  relintOpenDocuments(): void {
    this.generation++;
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  schedule(document: vscode.TextDocument, delay = LINT_DEBOUNCE_MS): void {
    if (!isEnabledFor(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.running.get(key)?.source.cancel();
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.lintNow(document);
      }, delay),
    );
  }

  /**
   * Lints an open document now; undefined if it changed or closed meanwhile. A run already going for
   * the same version is shared (the Evidence panel and the diagnostics ask for the same lint).
   */
  lintNow(document: vscode.TextDocument): Promise<DocumentLintResult | undefined> {
    const key = document.uri.toString();
    const last = this.lastResults.get(key);
    if (last && last.version === document.version && last.generation === this.generation) return Promise.resolve(last.result);
    const current = this.running.get(key);
    if (current && current.version === document.version && !current.source.token.isCancellationRequested) return current.result;
    current?.source.cancel();
    const source = new vscode.CancellationTokenSource();
    const result = this.lintRun(document, source);
    this.running.set(key, { source, version: document.version, result });
    return result;
  }

  private async lintRun(document: vscode.TextDocument, source: vscode.CancellationTokenSource): Promise<DocumentLintResult | undefined> {
    const key = document.uri.toString();
    const version = document.version;
    const generation = this.generation;
    try {
      const bibliography = await this.bibliographies.forDocument(document);
      const config = await lintConfigFor(document.uri);
      this.publishBibliographyProblems(bibliography, config);
      if (source.token.isCancellationRequested || document.isClosed || document.version !== version) return undefined;
      const started = performance.now();
      const result = await this.lintInSlices(toTextDocumentLike(document), bibliography, config, source.token);
      log().debug(`Linted ${document.uri.fsPath} in ${(performance.now() - started).toFixed(0)} ms${result ? '' : ' (cancelled by a newer edit)'}`);
      if (!result || document.isClosed || document.version !== version) return undefined;
      this.publish(document.uri, result, bibliography.discoveryProblems);
      if (generation === this.generation) this.lastResults.set(key, { version, generation, result });
      return result;
    } catch (error) {
      log().error(`Linting ${document.uri.fsPath} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return undefined;
    } finally {
      if (this.running.get(key)?.source === source) this.running.delete(key);
      source.dispose();
    }
  }

  /** Lints a file that may not be open (Lint Workspace). */
  async lintSource(file: DocumentSource & { language: string }): Promise<DocumentLintResult> {
    const bibliography = await this.bibliographies.forDocument(file);
    const config = await lintConfigFor(file.uri);
    this.publishBibliographyProblems(bibliography, config);
    const doc = createTextDocument(file.uri.fsPath, file.language, file.getText());
    const result = await this.lintInSlices(doc, bibliography, config);
    if (!result) throw new Error('lint cancelled');
    this.fromWorkspaceLint.add(file.uri.toString());
    this.publish(file.uri, result, bibliography.discoveryProblems);
    return result;
  }

  /**
   * Lints in time slices (a 100-page report takes hundreds of milliseconds, and this thread serves the
   * editor); undefined if `token` is cancelled first, which stops the run at its next pause.
   */
  private async lintInSlices(
    doc: TextDocumentLike,
    bibliography: DocumentBibliography,
    config: LintConfig,
    token?: vscode.CancellationToken,
  ): Promise<DocumentLintResult | undefined> {
    const abort = new AbortController();
    const listener = token?.onCancellationRequested(() => abort.abort());
    try {
      return await runInSlices(lintDocumentSteps(doc, bibliography.index, config, { claimScoreCache: this.claimScores }), { signal: abort.signal });
    } catch (error) {
      if (error instanceof Error && error.name === 'AbortError') return undefined;
      throw error;
    } finally {
      listener?.dispose();
    }
  }

  /** Problems found while loading a bibliography (parse errors, duplicate keys), on the bibliography files. */
  publishBibliographyProblems(bibliography: DocumentBibliography, config: LintConfig): void {
    const byFile = new Map<string, Finding[]>();
    for (const file of bibliography.files) byFile.set(file, []);
    for (const finding of lintBibliography(bibliography.index, config)) {
      byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
    }
    for (const [file, findings] of byFile) this.bibCollection.set(vscode.Uri.file(file), findings.map(findingToDiagnostic));
  }

  private publish(uri: vscode.Uri, result: DocumentLintResult, discoveryProblems: readonly BibProblem[]): void {
    // Findings about other files (a bibliography) are shown there by publishBibliographyProblems.
    const findings = result.findings.filter((f) => sameFile(f.file, uri));
    // A bibliography named in this document but missing is shown where it is named.
    const extra = discoveryProblems.filter((p) => p.location.file === uri.fsPath).map(bibProblemToDiagnostic);
    const key = uri.toString();
    this.published.set(key, { findings, extra, hiding: undefined });
    this.render(uri);
    const stats = { claims: result.stats.claims, supported: result.stats.supported };
    this.stats.set(key, stats);
    this.findings.set(key, findings);
    this.lintEmitter.fire({ uri, stats, findings: findings.length });
  }

  /** Sets a document's diagnostics from its last lint, leaving out an unknown key being typed. */
  private render(uri: vscode.Uri): void {
    const key = uri.toString();
    const last = this.published.get(key);
    if (!last) return;
    const typing = (this.lastEdit.get(key) ?? 0) > Date.now() - TYPING_WINDOW_MS;
    const editor = vscode.window.activeTextEditor;
    const cursor = typing && editor?.document.uri.toString() === key && editor.selection.isEmpty ? editor.selection.active : undefined;
    last.hiding = cursor ? last.findings.find((f) => f.ruleId === 'unknown-key' && touches(f, cursor)) : undefined;
    const shown = last.hiding ? last.findings.filter((f) => f !== last.hiding) : last.findings;
    this.collection.set(uri, [...shown.map(findingToDiagnostic), ...last.extra]);
  }

  /** The cursor left a key it was hiding the unknown-key finding of: show it now, not at the next lint. */
  private cursorMoved(editor: vscode.TextEditor): void {
    const hiding = this.published.get(editor.document.uri.toString())?.hiding;
    if (hiding && !(editor.selection.isEmpty && touches(hiding, editor.selection.active))) {
      this.lastEdit.delete(editor.document.uri.toString());
      this.render(editor.document.uri);
    }
  }

  /**
   * A file Lint Workspace no longer lints (now ignored by the project config) loses the problems an
   * earlier run left on it, unless it is open (then live diagnostics own them).
   */
  dropWorkspaceLintResults(uri: vscode.Uri): void {
    const key = uri.toString();
    if (!this.fromWorkspaceLint.delete(key)) return;
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === key)) return;
    this.forget(uri);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.running.get(key)?.source.cancel();
    this.lastEdit.delete(key);
    this.lastResults.delete(key);
    if (!this.fromWorkspaceLint.has(key)) {
      this.published.delete(key);
      this.collection.delete(uri);
      this.stats.delete(key);
      this.findings.delete(key);
    }
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const { source } of this.running.values()) source.cancel();
    for (const d of this.disposables) d.dispose();
  }
}

function sameFile(findingFile: string, uri: vscode.Uri): boolean {
  return findingFile === uri.fsPath || findingFile === uri.toString() || findingFile === '';
}

/** Whether a finding's range contains the position (its ends included: the cursor sits just after a key typed). */
function touches(finding: Finding, position: vscode.Position): boolean {
  const { start, end } = finding.range;
  const afterStart = position.line > start.line || (position.line === start.line && position.character >= start.character);
  const beforeEnd = position.line < end.line || (position.line === end.line && position.character <= end.character);
  return afterStart && beforeEnd;
}
