/**
 * The evidence service: everything Evidence Writer knows about a workspace, with one method per
 * feature. It owns all state for its workspace — the bibliographies and their indexes, project configs,
 * the documents' citations, lint results, claim scores and formatted references — and knows no editor:
 * the language server, the CLI and tests each make one over an EvidenceWorkspace.
 */
import { Emitter } from './events';
import { nextTurn } from './scheduling/nextTurn';
import { once } from './scheduling/once';
import { DocumentBibliographies, type BibliographyLoader, type DocumentBibliography, type FileChangeKind, type IndexingEvent } from './documentBibliographies';
import { BibliographyCache } from './bibliography/store/bibliographyCache';
import { BibliographyStore } from './bibliography/store/bibliographyStore';
import { readBibliographyText } from './bibliography/store/loadFile';
import { searchIndexer } from './search/searchIndexer';
import { languageOfPath, normaliseLanguage } from './document/textDocument';
import { convertCitations, type ConversionTarget } from './citations/convertCitations';
import { buildReferenceList, type ReferenceListFormat } from './features/referenceList';
import { codeActionsFor, conversionActions, toTextEdit, type EvidenceCodeAction, type TextEdit } from './features/codeActions';
import { citationCompletions, type CitationCompletions } from './features/completion';
import { citationDefinitions } from './features/definition';
import { DocumentCitations } from './features/documentCitations';
import { citationHover, type CitationHover } from './features/hover';
import { citeInSentenceEdit, insertionEdit } from './features/insertCitation';
import { entryMarkdown } from './features/markdown';
import { citationsOfKeys, keysAt, type DocumentLocation } from './features/references';
import { relevantEntries, WordHits } from './features/relevantEntries';
import { ReferenceFormatter, type CitationStyle } from './format/formatReference';
import { citationLabel } from './format/labels';
import { ReferenceTexts, type FormatReference } from './format/referenceTexts';
import { KeptClaimScores } from './lint/keptClaimScores';
import { ClaimScoreCache, fileOfUri, lintBibliography, lintDocument, type DocumentLintResult } from './lint/lintDocument';
import { mergeConfig, type ConfigError, type LintConfig } from './lint/config';
import { ProjectConfigs } from './lint/projectConfigs';
import { lintWorkspace, type WorkspaceDocument, type WorkspaceLintOptions, type WorkspaceLintResult } from './lint/lintWorkspace';
import { SILENT_LOG, type Log } from './log';
import { buildPanelState, type PanelContent } from './panel/panelModel';
import type { CitationSearch } from './search/citationSearch';
import { hasDescription, relevanceOf } from './relevance/citationRelevance';
import { proseWithoutCitations } from './relevance/citedSentences';
import type { BibEntry, Citation, Finding, LoadedFile, Position, Range, SourceLocation, TextDocumentLike } from './types';
import { ALWAYS_EXCLUDED, DOCUMENT_GLOB, folderOf, readDocument, type EditorSettings, type EvidenceWorkspace } from './workspace';

export interface EvidenceServiceOptions {
  readonly workspace: EvidenceWorkspace;
  /** Where parsed bibliographies are cached between runs (the editor's global storage); none: no cache. */
  readonly cacheDir?: string;
  readonly log?: Log;
  /** Where the caches in `cacheDir` say what they could not do (a damaged slot, a folder they cannot write); default: `log`. */
  readonly cacheLog?: Log;
  /** Parses bibliography files (default: in this thread, with the cache when there is one). */
  readonly loader?: BibliographyLoader;
  /** Formats references (default: citation-js in this thread). */
  readonly formatter?: FormatReference;
  /**
   * When nothing names a bibliography, use the workspace folder's .bib files (the editor: on; the CLI:
   * off, it says so instead, so that a CI run never depends on which files happen to lie around).
   */
  readonly autoDiscoverBibliographies?: boolean;
  /** Never read a config or bibliography outside this folder (the CLI's --no-outside). */
  readonly confineTo?: string;
  /** Files are read once (the CLI): nothing is kept for re-reading a bibliography after an edit. */
  readonly readsOnce?: boolean;
  /**
   * Called when this thread has parsed a bibliography of BIG_PARSE_ENTRIES entries or more (not when
   * it opened a cache slot): the CLI collects its garbage then, before the lint (see core/memory/garbageCollector).
   */
  readonly afterBigParse?: () => void;
  /**
   * Names the build of the claim scorer that runs (the CLI: its bundle's hash). With a `cacheDir`,
   * claim scores are then kept there between runs, for that build only (see keptClaimScores.ts).
   */
  readonly scorerBuild?: string;
}

/** What an entry picker shows (Insert Citation, Cite evidence…). */
export interface EntrySummary {
  readonly key: string;
  /** "Hennessy, Jordan & Wagner (2021)". */
  readonly label: string;
  readonly title?: string;
}

/** A citation left as written, and why. */
export interface LeftAsWritten {
  readonly range: Range;
  readonly text: string;
  readonly reason: string;
}

export interface CitationConversionEdits {
  readonly edits: readonly TextEdit[];
  readonly unconverted: readonly LeftAsWritten[];
}

export interface ReferenceListEdit {
  readonly edit: TextEdit;
  /** How many works the list holds. */
  readonly listed: number;
  /** Citations not in it (unknown or ambiguous works). */
  readonly unlisted: readonly LeftAsWritten[];
  /** The style could not be used (APA was). */
  readonly styleError?: string;
}

/** Counts for a status bar: claims found and claims citing evidence in a document. */
export interface EvidenceStatus {
  readonly claims: number;
  readonly supported: number;
  readonly findings: number;
}

/** What is loaded, for a status view and tests. */
export interface LibraryState {
  readonly files: readonly { readonly file: string; readonly entries: number; readonly problems: readonly string[] }[];
  readonly indexing: readonly string[];
  readonly pendingReloads: boolean;
}

/** Everything a document's diagnostics show: its own findings, and those of the files it uses. */
export interface DocumentDiagnostics {
  readonly version: number;
  /** Findings in the document itself, a bibliography it names but cannot be read included. */
  readonly findings: readonly Finding[];
  /** Findings per bibliography or config file the document uses (every file listed, even with none). */
  readonly files: ReadonlyMap<string, readonly Finding[]>;
  readonly stats: EvidenceStatus;
}

export interface EvidenceService {
  completions(uri: string, position: Position): Promise<CitationCompletions | undefined>;
  /** The details of a completion item: the formatted reference and abstract, as Markdown. */
  completionDetails(uri: string, key: string): Promise<string | undefined>;
  hover(uri: string, position: Position): Promise<(CitationHover & { readonly range: Range }) | undefined>;
  definition(uri: string, position: Position): Promise<SourceLocation[]>;
  references(uri: string, position: Position): Promise<DocumentLocation[]>;
  /** Lints a document (its current text); undefined when it is not one Evidence Writer checks. */
  lint(uri: string): Promise<DocumentLintResult | undefined>;
  diagnostics(uri: string): Promise<DocumentDiagnostics | undefined>;
  /** Quick fixes for the findings given, and rewrites of the citations in `range` (converting Zotero forms). */
  codeActions(uri: string, range: Range, findings: readonly Finding[]): Promise<EvidenceCodeAction[]>;
  /** Convert Citations: every convertible citation of the document to `target`, as edits applied together. */
  convertCitations(uri: string, target: ConversionTarget): Promise<CitationConversionEdits | undefined>;
  /** Insert Reference List: the edit inserting (or refreshing, between its markers) the works the document cites. */
  referenceList(uri: string, format?: ReferenceListFormat): Promise<ReferenceListEdit | undefined>;
  /** The Evidence panel's model for a document. */
  panel(uri: string): Promise<PanelContent>;
  /** Entries for a picker: the best matches of `query` (the most recent entries when it is empty). */
  searchEntries(uri: string, query: string, limit?: number): Promise<EntrySummary[]>;
  /** Entries most relevant to a claim sentence, best first. */
  relevantEntries(uri: string, sentence: Range, limit?: number): Promise<EntrySummary[]>;
  /** The edit citing `keys` at a position, in the document's syntax. */
  insertCitationEdit(uri: string, position: Position, keys: readonly string[]): Promise<TextEdit | undefined>;
  /** The edit citing `keys` in a claim sentence (before its final punctuation). */
  citeClaimEdit(uri: string, sentence: Range, keys: readonly string[]): Promise<TextEdit | undefined>;
  lintWorkspace(documents: readonly WorkspaceDocument[], options?: WorkspaceLintOptions): Promise<WorkspaceLintResult>;
  /** Every supported document of the workspace folders (Lint Workspace, Find All References). */
  workspaceDocuments(): Promise<string[]>;
  status(uri: string): EvidenceStatus | undefined;
  libraryState(): LibraryState;
  /** Whether Evidence Writer works in this document (its language is enabled, a file or untitled). */
  isEnabled(uri: string): Promise<boolean>;
  reloadBibliographies(): void;
  cancelIndexing(): void;
  filesChanged(changes: readonly { readonly file: string; readonly kind: FileChangeKind }[]): void;
  settingsChanged(): void;
  documentClosed(uri: string): void;
  /** Bibliographies (or settings) changed: documents' results may have changed. */
  readonly onDidChange: (listener: () => void) => { dispose(): void };
  readonly onIndexing: (listener: (event: IndexingEvent) => void) => { dispose(): void };
  /** The bibliography files loaded so far (to be watched when outside the workspace). */
  loadedFiles(): readonly LoadedFile[];
  /** Resolves when background work (cache writes, kept claim scores) is done: before a process exits. */
  flush(): Promise<void>;
  dispose(): void;
}

/** Lint results kept per document, reused while neither the text nor its inputs changed. */
interface Linted {
  readonly version: number;
  readonly text: string;
  readonly generation: number;
  readonly result: DocumentLintResult;
  readonly bibliography: DocumentBibliography;
}

const PICKER_LIMIT = 200;
const BIBLIOGRAPHY_FILE = /\.(bib|bibtex|biblatex|ris)$/i;
const SUGGESTIONS_PER_CLAIM = 3;

export function createEvidenceService(options: EvidenceServiceOptions): EvidenceService {
  return new Service(options);
}

class Service implements EvidenceService {
  private readonly workspace: EvidenceWorkspace;
  private readonly log: Log;
  private readonly configs: ProjectConfigs;
  private readonly loader: BibliographyLoader;
  private readonly bibliographies: DocumentBibliographies;
  private readonly citations = new DocumentCitations();
  private readonly referenceTexts: ReferenceTexts;
  private readonly claimScores = new ClaimScoreCache();
  private readonly keptScores: KeptClaimScores | undefined;
  private readonly loadKeptScores: () => Promise<void>;
  private readonly linted = new Map<string, Linted>();
  private readonly wordHits = new WeakMap<CitationSearch, WordHits>();
  /** Bumped when bibliographies or settings change: earlier lint results are out of date. */
  private generation = 0;
  private readonly changeEmitter = new Emitter<void>();
  readonly onDidChange;
  readonly onIndexing;

  constructor(options: EvidenceServiceOptions) {
    this.workspace = options.workspace;
    this.log = options.log ?? SILENT_LOG;
    this.configs = new ProjectConfigs(this.workspace, options.confineTo);
    const cacheLog = options.cacheLog ?? this.log;
    this.loader = options.loader ?? inProcessLoader(this.workspace, options.cacheDir, options.readsOnce === true, cacheLog, options.afterBigParse);
    const kept = options.cacheDir && options.scorerBuild ? new KeptClaimScores(options.cacheDir, options.scorerBuild, cacheLog) : undefined;
    this.keptScores = kept;
    this.loadKeptScores = once(() => kept?.loadInto(this.claimScores) ?? Promise.resolve());
    this.bibliographies = new DocumentBibliographies(this.workspace, this.loader, this.configs, this.log, {
      autoDiscover: options.autoDiscoverBibliographies ?? true,
      confineTo: options.confineTo,
    });
    const formatter = new ReferenceFormatter();
    this.referenceTexts = new ReferenceTexts(options.formatter ?? ((entry, style) => Promise.resolve(formatter.format(entry, style, 'text'))), this.log);
    this.onDidChange = this.changeEmitter.event;
    this.onIndexing = this.bibliographies.onIndexing;
    this.bibliographies.onDidChange(() => {
      this.generation++;
      this.referenceTexts.clear();
      this.changeEmitter.fire();
    });
  }

  async completions(uri: string, position: Position): Promise<CitationCompletions | undefined> {
    const document = await this.enabledDocument(uri);
    if (!document) return undefined;
    const bibliography = await this.bibliographies.forDocument(document);
    return citationCompletions(document, position, bibliography);
  }

  async completionDetails(uri: string, key: string): Promise<string | undefined> {
    const document = await this.document(uri);
    if (!document) return undefined;
    const entry = (await this.bibliographies.forDocument(document)).index.get(key);
    if (!entry) return undefined;
    return entryMarkdown(entry, await this.referenceTexts.text(entry, await this.styleFor(uri)), { abstract: true });
  }

  async hover(uri: string, position: Position): Promise<(CitationHover & { readonly range: Range }) | undefined> {
    const document = await this.enabledDocument(uri);
    if (!document) return undefined;
    const bibliography = await this.bibliographies.forDocument(document);
    const style = await this.styleFor(uri);
    // The sentence each citation supports, from the lint of this text (when it is current).
    const linted = this.linted.get(uri);
    const current = linted && linted.version === document.version && linted.text === document.getText() ? linted : undefined;
    const fit = (citation: Citation, entry: BibEntry): { shared: readonly string[] } | undefined => {
      const claim = current?.result.claims.find((c) => c.citations.some((x) => x.span.start === citation.span.start && x.span.end === citation.span.end));
      if (!claim || !hasDescription(entry)) return undefined;
      return relevanceOf(proseWithoutCitations(current!.text, claim.sentence.span, claim.citations), entry);
    };
    const hover = await citationHover(document, document.offsetAt(position), this.citations, bibliography.index, (entry) => this.referenceTexts.text(entry, style), fit);
    return hover && { ...hover, range: rangeOf(document, hover.span) };
  }

  async definition(uri: string, position: Position): Promise<SourceLocation[]> {
    const document = await this.enabledDocument(uri);
    if (!document) return [];
    const bibliography = await this.bibliographies.forDocument(document);
    return citationDefinitions(document, document.offsetAt(position), this.citations, bibliography.index);
  }

  async references(uri: string, position: Position): Promise<DocumentLocation[]> {
    const document = await this.document(uri);
    if (!document) return [];
    const keys = keysAt(document, document.offsetAt(position), this.citations, (await this.bibliographies.forDocument(document)).index);
    if (!keys || keys.size === 0) return [];
    const locations: DocumentLocation[] = [];
    for (const file of await this.workspaceDocuments()) {
      const other = await readDocument(this.workspace, file);
      if (!other) continue;
      const index = (await this.bibliographies.forDocument(other)).index;
      locations.push(...citationsOfKeys(other, keys, index));
    }
    return locations;
  }

  async lint(uri: string): Promise<DocumentLintResult | undefined> {
    return (await this.lintDocument(uri))?.result;
  }

  async diagnostics(uri: string): Promise<DocumentDiagnostics | undefined> {
    const linted = await this.lintDocument(uri);
    if (!linted) return undefined;
    const file = fileOfUri(uri);
    const { config, error } = await this.lintConfigFor(file);
    const files = new Map<string, Finding[]>();
    for (const bibFile of linted.bibliography.files) files.set(bibFile, []);
    for (const finding of lintBibliography(linted.bibliography.index, config)) files.set(finding.file, [...(files.get(finding.file) ?? []), finding]);
    if (error) files.set(error.file, [configErrorFinding(error)]);
    // A bibliography the document names but that cannot be read is shown where it is named.
    const discovery = lintBibliography({ problems: linted.bibliography.discoveryProblems.filter((p) => p.location.file === file) }, config);
    const findings = [...linted.result.findings.filter((f) => f.file === file || f.file === uri || f.file === ''), ...discovery];
    return { version: linted.version, findings, files, stats: statsOf(linted.result, findings.length) };
  }

  async codeActions(uri: string, range: Range, findings: readonly Finding[]): Promise<EvidenceCodeAction[]> {
    const document = await this.enabledDocument(uri);
    if (!document) return [];
    const bibliography = await this.bibliographies.forDocument(document);
    // Findings from the editor carry no suggestions: take them from the lint of this text.
    const known = findings.length ? ((await this.lintDocument(uri))?.result.findings ?? []) : [];
    const complete = findings.map((f) => known.find((k) => sameFinding(k, f)) ?? f);
    return [...codeActionsFor(document, complete, this.citations, bibliography.index), ...conversionActions(document, range, this.citations, bibliography.index)];
  }

  async convertCitations(uri: string, target: ConversionTarget): Promise<CitationConversionEdits | undefined> {
    const document = await this.enabledDocument(uri);
    if (!document) return undefined;
    const { index } = await this.bibliographies.forDocument(document);
    const conversion = convertCitations(document.getText(), normaliseLanguage(document.languageId), index, target, { citations: this.citations.of(document) });
    return {
      edits: conversion.edits.map((e) => toTextEdit(document, e)),
      unconverted: conversion.unconverted.map((u) => ({ range: rangeOf(document, u.span), text: u.text, reason: u.reason })),
    };
  }

  async referenceList(uri: string, format?: ReferenceListFormat): Promise<ReferenceListEdit | undefined> {
    const linted = await this.lintDocument(uri);
    const document = await this.document(uri);
    if (!linted || !document) return undefined;
    const list = buildReferenceList(linted.text, normaliseLanguage(document.languageId), linted.result.citations, { style: await this.styleFor(uri), ...(format ? { format } : {}) });
    return {
      edit: toTextEdit(document, list.edit),
      listed: list.entries.length,
      unlisted: list.unlisted.map((u) => ({ range: rangeOf(document, u.span), text: u.text, reason: u.reason })),
      ...(list.styleError ? { styleError: list.styleError } : {}),
    };
  }

  async panel(uri: string): Promise<PanelContent> {
    const document = await this.document(uri);
    if (!document || !(await this.isEnabled(uri))) {
      return { kind: 'message', text: `Evidence Writer does not check this document${document ? ` (${document.languageId})` : ''}.` };
    }
    const linted = await this.lintDocument(uri);
    if (!linted) return { kind: 'message', text: 'Evidence Writer does not check this document.' };
    const style = await this.styleFor(uri);
    // Format the cited works first, so that the panel shows them formatted.
    const cited = new Set(linted.result.citations.flatMap((c) => c.resolved.flat()));
    await Promise.all([...cited].map((entry) => this.referenceTexts.text(entry, style)));
    const hits = this.wordHitsFor(linted.bibliography.search());
    return buildPanelState({
      document: { uri, name: displayName(uri), version: linted.version, text: linted.text, language: normaliseLanguage(document.languageId) },
      lint: linted.result,
      suggest: (text, limit) => relevantEntries(text, hits, limit),
      format: (entry) => this.referenceTexts.cached(entry, style),
      suggestionLimit: SUGGESTIONS_PER_CLAIM,
    });
  }

  async searchEntries(uri: string, query: string, limit = PICKER_LIMIT): Promise<EntrySummary[]> {
    const document = await this.document(uri);
    if (!document) return [];
    const { search } = await this.bibliographies.forDocument(document);
    return search().search(query, limit).map((hit) => summary(hit.entry));
  }

  async relevantEntries(uri: string, sentence: Range, limit = PICKER_LIMIT): Promise<EntrySummary[]> {
    const document = await this.document(uri);
    if (!document) return [];
    const { search } = await this.bibliographies.forDocument(document);
    const text = document.getText().slice(document.offsetAt(sentence.start), document.offsetAt(sentence.end));
    return relevantEntries(text, this.wordHitsFor(search()), limit).map(summary);
  }

  async insertCitationEdit(uri: string, position: Position, keys: readonly string[]): Promise<TextEdit | undefined> {
    const document = await this.document(uri);
    const entries = document && (await this.entriesOf(document, keys));
    if (!document || !entries?.length) return undefined;
    return insertionEdit(document, document.offsetAt(position), entries);
  }

  async citeClaimEdit(uri: string, sentence: Range, keys: readonly string[]): Promise<TextEdit | undefined> {
    const document = await this.document(uri);
    const entries = document && (await this.entriesOf(document, keys));
    if (!document || !entries?.length) return undefined;
    return citeInSentenceEdit(document, sentence, entries);
  }

  async lintWorkspace(documents: readonly WorkspaceDocument[], options: WorkspaceLintOptions = {}): Promise<WorkspaceLintResult> {
    await this.loadKeptScores();
    return lintWorkspace(documents, options, {
      workspace: this.workspace,
      bibliographies: this.bibliographies,
      configFor: (file) => this.lintConfigFor(file),
      lint: (document, bibliography, config) => lintDocument(document, bibliography.index, config, { claimScoreCache: this.claimScores }),
    });
  }

  async workspaceDocuments(): Promise<string[]> {
    const found: string[] = [];
    for (const folder of this.workspace.folders()) {
      const settings = await this.workspace.settings(folder);
      found.push(...(await this.workspace.findFiles(folder, DOCUMENT_GLOB, [...ALWAYS_EXCLUDED, ...settings.exclude])));
    }
    // Open documents in the folders count even before they are first saved.
    for (const document of this.workspace.openDocuments()) {
      const file = fileOfUri(document.uri);
      if (document.uri.startsWith('file:') && folderOf(this.workspace, file) && (await this.isEnabled(document.uri))) found.push(file);
    }
    return [...new Set(found)].sort();
  }

  status(uri: string): EvidenceStatus | undefined {
    const linted = this.linted.get(uri);
    return linted && statsOf(linted.result, linted.result.findings.length);
  }

  libraryState(): LibraryState {
    return {
      files: this.bibliographies.loadedFiles().map((f) => ({ file: f.file, entries: f.entries.length, problems: f.problems.map((p) => p.message) })),
      indexing: this.bibliographies.indexing,
      pendingReloads: this.bibliographies.hasPendingReloads,
    };
  }

  loadedFiles(): readonly LoadedFile[] {
    return this.bibliographies.loadedFiles();
  }

  async isEnabled(uri: string): Promise<boolean> {
    if (!uri.startsWith('file:') && !uri.startsWith('untitled:')) return false;
    // A .bib opened without a BibTeX extension is "plaintext" to the editor, but never prose.
    if (BIBLIOGRAPHY_FILE.test(uri)) return false;
    const document = this.workspace.openDocument(uri);
    const languageId = document?.languageId;
    if (!languageId) return languageOfPath(fileOfUri(uri)) !== undefined;
    const settings = await this.settingsFor(uri);
    return settings.languages.includes(languageId);
  }

  reloadBibliographies(): void {
    this.bibliographies.reloadAll();
  }

  cancelIndexing(): void {
    this.bibliographies.cancelIndexing();
  }

  filesChanged(changes: readonly { readonly file: string; readonly kind: FileChangeKind }[]): void {
    this.bibliographies.filesChanged(changes);
  }

  settingsChanged(): void {
    this.generation++;
    this.referenceTexts.clear();
    this.bibliographies.rediscoverSoon();
  }

  documentClosed(uri: string): void {
    this.linted.delete(uri);
    this.citations.forget(uri);
  }

  async flush(): Promise<void> {
    await Promise.all([this.loader.flush?.(), this.keptScores?.save(this.claimScores)]);
  }

  dispose(): void {
    this.bibliographies.dispose();
    this.loader.dispose();
    this.changeEmitter.dispose();
  }

  /** The lint of a document's current text, reused while text, bibliography and settings are unchanged. */
  private async lintDocument(uri: string): Promise<Linted | undefined> {
    const document = await this.enabledDocument(uri);
    if (!document) return undefined;
    const text = document.getText();
    const generation = this.generation;
    const last = this.linted.get(uri);
    if (last && last.version === document.version && last.text === text && last.generation === generation) return last;
    const bibliography = await this.bibliographies.forDocument(document);
    const { config } = await this.lintConfigFor(fileOfUri(uri));
    // A lint is the longest work in this thread (~0.2 s for a long document, more the first time):
    // whatever else was waiting for the same library (the first completion after a cold load) is
    // answered and sent first.
    await nextTurn();
    const started = performance.now();
    const result = lintDocument(document, bibliography.index, config, { claimScoreCache: this.claimScores });
    this.log.debug(`Linted ${uri} in ${(performance.now() - started).toFixed(0)} ms`);
    // (What was linted: the document may have changed while this waited.)
    const linted: Linted = { version: document.version, text: document.getText(), generation, result, bibliography };
    if (generation === this.generation) this.linted.set(uri, linted);
    return linted;
  }

  /** The project config nearest the document, with the writer's editor settings on top. */
  private async lintConfigFor(file: string): Promise<{ config: LintConfig; error?: ConfigError }> {
    const loaded = await this.configs.forFile(file);
    if (loaded.error) this.log.warn(`Ignoring ${loaded.error.file}: ${loaded.error.message}; using the default settings.`);
    const settings = await this.settingsFor(file);
    // Own-voice names add up: the project's and the writer's.
    const ownVoice = [...new Set([...loaded.config.ownVoice, ...settings.ownVoice])];
    const config = mergeConfig(loaded.config, { rules: settings.rules, sensitivity: settings.sensitivity, ownVoice });
    return { config, error: loaded.error };
  }

  private async settingsFor(uriOrFile: string): Promise<EditorSettings> {
    return this.workspace.settings(uriOrFile.startsWith('file:') ? fileOfUri(uriOrFile) : uriOrFile);
  }

  private async styleFor(uri: string): Promise<CitationStyle> {
    return (await this.settingsFor(uri)).citationStyle;
  }

  /** The entries of `keys` in the document's bibliography (unknown keys left out). */
  private async entriesOf(document: TextDocumentLike, keys: readonly string[]): Promise<BibEntry[]> {
    const { index } = await this.bibliographies.forDocument(document);
    return keys.map((key) => index.get(key)).filter((e): e is BibEntry => e !== undefined);
  }

  private wordHitsFor(search: CitationSearch): WordHits {
    let hits = this.wordHits.get(search);
    if (!hits) {
      hits = new WordHits(search);
      this.wordHits.set(search, hits);
    }
    return hits;
  }

  private async document(uri: string): Promise<TextDocumentLike | undefined> {
    return this.workspace.openDocument(uri) ?? (uri.startsWith('file:') ? readDocument(this.workspace, fileOfUri(uri)) : undefined);
  }

  private async enabledDocument(uri: string): Promise<TextDocumentLike | undefined> {
    if (!(await this.isEnabled(uri))) return undefined;
    return this.document(uri);
  }
}

/** A parse this big (~1 MB of BibTeX) leaves enough garbage to be worth an afterBigParse. */
export const BIG_PARSE_ENTRIES = 2000;

/**
 * Parses in this thread, with one store (the parse memo an edit is re-read against): through the disk
 * cache when there is one, else straight from the workspace's bytes.
 */
function inProcessLoader(workspace: EvidenceWorkspace, cacheDir: string | undefined, readsOnce: boolean, log: Log, afterBigParse?: () => void): BibliographyLoader {
  const store = new BibliographyStore({ searchIndexer, readsOnce });
  const cache = cacheDir ? new BibliographyCache(cacheDir, store, { log }) : undefined;
  const parsed = (loaded: LoadedFile): LoadedFile => {
    if (afterBigParse && loaded.entries.length >= BIG_PARSE_ENTRIES) afterBigParse();
    return loaded;
  };
  return {
    load: async (file) => {
      if (cache) {
        const { loaded, fromCache } = await cache.load(file);
        return fromCache ? loaded : parsed(loaded);
      }
      const bytes = await workspace.readFile(file);
      if (!bytes) return { file, format: 'bibtex', entries: [], problems: (await readBibliographyText(file)).problems };
      // (No cache: nothing is ever spliced onto this parse, so it needs no source map.)
      return parsed(store.parseBytes(bytes, file, { sourceMap: false }).loaded);
    },
    cancel: () => undefined,
    flush: async () => {
      await cache?.flushWrites();
    },
    dispose: () => undefined,
  };
}

function summary(entry: BibEntry): EntrySummary {
  return { key: entry.key, label: citationLabel(entry), ...(entry.title ? { title: entry.title } : {}) };
}

function statsOf(result: DocumentLintResult, findings: number): EvidenceStatus {
  return { claims: result.stats.claims, supported: result.stats.supported, findings };
}

function sameFinding(a: Finding, b: Finding): boolean {
  return (
    a.ruleId === b.ruleId &&
    a.range.start.line === b.range.start.line &&
    a.range.start.character === b.range.start.character &&
    a.range.end.line === b.range.end.line &&
    a.range.end.character === b.range.end.character
  );
}

function configErrorFinding(error: ConfigError): Finding {
  const position = { line: Math.max(0, (error.line ?? 1) - 1), character: Math.max(0, (error.column ?? 1) - 1) };
  return {
    ruleId: 'bib-parse-error',
    severity: 'error',
    message: `Evidence Writer cannot use this config (the defaults apply until it is fixed): ${error.message}`,
    file: error.file,
    range: { start: position, end: position },
  };
}

function rangeOf(document: TextDocumentLike, span: { start: number; end: number }): Range {
  return { start: document.positionAt(span.start), end: document.positionAt(span.end) };
}

function displayName(uri: string): string {
  const path = uri.replace(/[?#].*$/, '');
  return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)) || uri;
}
