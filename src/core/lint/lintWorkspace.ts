/**
 * Lints a set of documents, as the CLI and the editor's "Lint Workspace" do (one path for both): per
 * document, the nearest config with the writer's settings on top, the bibliographies the editor would
 * use, one shared index per set of bibliography files; bibliography findings are reported once per
 * file, and `unused-entry` is decided over all documents that share a bibliography. Never throws for a
 * bad file: problems become `errors` (the CLI exits 2 on them).
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { decodeBibliographyBytes } from '../bibliography/formats/decodeBytes';
import { createTextDocument, languageOfPath } from '../document/textDocument';
import type { BibProblem, DocumentLanguage, Finding, TextDocumentLike } from '../types';
import type { LintBibliography } from './rules/rule';
import type { EvidenceWorkspace } from '../workspace';
import { formatConfigError, mergeConfig, type ConfigError, type LintConfig, type PartialLintConfig } from './config';
import { displayPath } from './displayPath';
import { isIgnored } from './ignore';
import { citedKeysOf, lintBibliography, lintUnusedEntries, type DocumentLintResult } from './lintDocument';

export interface WorkspaceDocument {
  readonly file: string;
  /** Named on the command line (linted even if a config's `ignore` matches it). */
  readonly explicit?: boolean;
}

export interface WorkspaceLintOptions {
  /** Folder relative paths are shown against (the CLI's working folder). */
  readonly cwd?: string;
  /** Bibliography files for every document (`--bib`); discovery is skipped when given. */
  readonly bibliography?: readonly string[];
  /** When to stop early (the editor's Cancel). */
  readonly signal?: AbortSignal;
  /** Called as each document is linted (in order): for progress. */
  readonly onDocument?: (file: string, index: number, total: number) => void;
}

export interface FileLintResult {
  readonly file: string;
  readonly language: DocumentLanguage;
  readonly bytes: number;
  readonly bibliographyFiles: readonly string[];
  readonly result: DocumentLintResult;
}

export interface WorkspaceLintResult {
  readonly files: FileLintResult[];
  /** Every finding: documents, then bibliography files (each once). */
  readonly findings: Finding[];
  /** Fatal per-file problems: unreadable documents, invalid configs (CLI exit 2). */
  readonly errors: string[];
  /** Things a person should know that are not findings ("no bibliography found for …"). */
  readonly notes: string[];
  /** Documents skipped by a config's `ignore`. */
  readonly ignored: string[];
  readonly cancelled: boolean;
  readonly stats: { readonly files: number; readonly claims: number; readonly supported: number; readonly bytes: number };
}

/** The bibliography a document is linted against: its files, index, and what choosing them found. */
export interface LintedBibliography {
  readonly files: readonly string[];
  readonly index: LintBibliography;
  readonly discoveryProblems: readonly BibProblem[];
  /** Files the document names that were not read (outside the folder the run is confined to). */
  readonly refused: readonly string[];
}

/** What a workspace lint needs of its evidence service. */
export interface WorkspaceLintContext {
  readonly workspace: EvidenceWorkspace;
  readonly bibliographies: {
    forDocument(document: TextDocumentLike): Promise<LintedBibliography>;
    forFiles(files: readonly string[]): Promise<LintedBibliography>;
  };
  configFor(file: string): Promise<{ config: LintConfig; error?: ConfigError }>;
  lint(document: TextDocumentLike, bibliography: LintedBibliography, config: LintConfig): DocumentLintResult;
}

/** Documents read ahead of the one being linted. */
const READ_AHEAD = 4;

const KEY_RULES_OFF: PartialLintConfig = { rules: { 'unknown-key': 'off', 'ambiguous-citation': 'off' } };

export async function lintWorkspace(documents: readonly WorkspaceDocument[], options: WorkspaceLintOptions, context: WorkspaceLintContext): Promise<WorkspaceLintResult> {
  const files: FileLintResult[] = [];
  const errors: string[] = [];
  const notes: string[] = [];
  const ignored: string[] = [];
  const reportedConfigErrors = new Set<string>();
  const citedByIndex = new Map<LintBibliography, { config: LintConfig; keys: Set<string>; bibliography: LintedBibliography }>();
  const cwd = options.cwd ?? context.workspace.folders()[0] ?? process.cwd();
  const show = (p: string) => displayPath(p, cwd);

  // The next READ_AHEAD documents are read (config, text, bibliography) while one is linted: most of
  // reading a document is waiting for the file system. (Those read ahead of a cancellation are dropped.)
  const ahead: Promise<Prepared>[] = [];
  const readAhead = (upTo: number): void => {
    for (let j = ahead.length; j < Math.min(upTo, documents.length); j++) {
      const prepared = prepareDocument(documents[j]!, cwd, options, context);
      // A failure surfaces where the document is awaited; one read ahead and never awaited is no unhandled rejection.
      prepared.catch(() => undefined);
      ahead.push(prepared);
    }
  };
  for (let i = 0; i < documents.length; i++) {
    if (options.signal?.aborted) break;
    readAhead(i + READ_AHEAD + 1);
    const prepared = await ahead[i]!;
    const { file } = prepared;
    options.onDocument?.(file, i, documents.length);
    if (prepared.kind === 'config-error') {
      const message = formatConfigError({ ...prepared.error, file: show(prepared.error.file) });
      if (!reportedConfigErrors.has(message)) errors.push(`invalid config ${message}`);
      reportedConfigErrors.add(message);
      continue;
    }
    if (prepared.kind === 'ignored') {
      ignored.push(file);
      continue;
    }
    if (prepared.kind === 'unread') {
      (prepared.fatal ? errors : notes).push(`${show(file)}: ${prepared.error}`);
      continue;
    }
    const { document, bytes, bibliography } = prepared;
    let { config } = prepared;
    for (const note of prepared.notes) notes.push(`${show(file)}: ${note}`);
    for (const refused of bibliography.refused) notes.push(`${show(file)}: skipped bibliography outside ${show(cwd) || '.'} (--no-outside): ${refused}`);
    if (bibliography.files.length === 0) {
      notes.push(
        `${show(file)}: no bibliography found (none named in front matter, _quarto.yml, \\bibliography{…} or .evidencelintrc.json, or none of those exists; use --bib) — citation keys were not checked`,
      );
      config = mergeConfig(config, KEY_RULES_OFF);
    }

    let result: DocumentLintResult;
    try {
      result = context.lint(document, bibliography, config);
    } catch (e) {
      // A bug in a recogniser must not hide every other file's findings.
      errors.push(`${show(file)}: internal error while linting (${(e as Error).message})`);
      continue;
    }
    const discovery = lintBibliography({ problems: bibliography.discoveryProblems }, config);
    files.push({ file, language: languageOfPath(file) ?? 'plaintext', bytes, bibliographyFiles: bibliography.files, result: { ...result, findings: [...result.findings, ...discovery.filter((f) => f.file === file)] } });
    const cited = citedByIndex.get(bibliography.index) ?? { config, keys: new Set<string>(), bibliography };
    for (const k of citedKeysOf(result)) cited.keys.add(k);
    citedByIndex.set(bibliography.index, cited);
  }

  // Bibliography findings once per (file, line, rule, message), however many documents share it.
  const bibFindings = new Map<string, Finding>();
  const add = (f: Finding) => bibFindings.set(`${f.file}\0${f.range.start.line}\0${f.ruleId}\0${f.message}`, f);
  for (const { config, keys, bibliography } of citedByIndex.values()) {
    for (const f of lintBibliography({ problems: bibliography.discoveryProblems }, config)) if (!files.some((d) => d.file === f.file)) add(f);
    for (const f of [...lintBibliography(bibliography.index, config), ...lintUnusedEntries(bibliography.index, keys, config)]) add(f);
  }

  // Documents in the order linted, then bibliography files; by position within a file.
  const rank = new Map(files.map((f, i) => [f.file, i]));
  const rankOf = (file: string) => rank.get(file) ?? files.length;
  const findings = [...files.flatMap((f) => f.result.findings), ...bibFindings.values()].sort(
    (a, b) =>
      rankOf(a.file) - rankOf(b.file) ||
      a.file.localeCompare(b.file) ||
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character,
  );
  return {
    files,
    findings,
    errors,
    notes,
    ignored,
    cancelled: options.signal?.aborted === true,
    stats: {
      files: files.length,
      claims: sum(files.map((f) => f.result.stats.claims)),
      supported: sum(files.map((f) => f.result.stats.supported)),
      bytes: sum(files.map((f) => f.bytes)),
    },
  };
}

/** A document read and ready to lint, or why it is not linted. */
type Prepared = { readonly file: string } & (
  | { readonly kind: 'config-error'; readonly error: ConfigError }
  | { readonly kind: 'ignored' }
  | { readonly kind: 'unread'; readonly error: string; readonly fatal: boolean }
  | { readonly kind: 'ready'; readonly config: LintConfig; readonly document: TextDocumentLike; readonly bytes: number; readonly notes: readonly string[]; readonly bibliography: LintedBibliography }
);

async function prepareDocument(doc: WorkspaceDocument, cwd: string, options: WorkspaceLintOptions, context: WorkspaceLintContext): Promise<Prepared> {
  const file = path.resolve(cwd, doc.file);
  const loaded = await context.configFor(file);
  if (loaded.error) return { file, kind: 'config-error', error: loaded.error };
  const config = loaded.config;
  if (!doc.explicit && isIgnored(file, config)) return { file, kind: 'ignored' };
  const read = await readWorkspaceDocument(context.workspace, file);
  if ('error' in read) return { file, kind: 'unread', error: read.error, fatal: read.fatal };
  const bibliography = options.bibliography?.length
    ? await context.bibliographies.forFiles(options.bibliography.map((b) => path.resolve(cwd, b)))
    : await context.bibliographies.forDocument(read.document);
  return { file, kind: 'ready', config, document: read.document, bytes: read.bytes, notes: read.notes, bibliography };
}

type ReadDocument = { document: TextDocumentLike; bytes: number; notes: string[] } | { error: string; fatal: boolean };

/**
 * A document as the editor has it open (unsaved edits count), else from disk, decoded as
 * bibliographies are: UTF-8 (BOM), UTF-16 with BOM, Latin-1 fallback (noted); binary files skipped.
 */
async function readWorkspaceDocument(workspace: EvidenceWorkspace, file: string): Promise<ReadDocument> {
  const uri = pathToFileURL(file).href;
  const open = workspace.openDocument(uri);
  if (open) return { document: open, bytes: Buffer.byteLength(open.getText()), notes: [] };
  const bytes = await workspace.readFile(file);
  if (!bytes) {
    const info = await workspace.stat(file);
    return { error: `cannot read the file: ${info?.isDirectory ? 'it is a folder' : info ? 'permission denied or unreadable' : 'no such file'}`, fatal: true };
  }
  const decoded = decodeBibliographyBytes(bytes, file);
  if (decoded.text === undefined) {
    const why = decoded.problems.map((p) => p.message.replace(/;?\s*not read as a bibliography\.?$/, '')).join('; ');
    return { error: `skipped — ${why || 'not a text file'}`, fatal: false };
  }
  const language = languageOfPath(file) ?? 'plaintext';
  return { document: createTextDocument(uri, language, decoded.text), bytes: bytes.length, notes: decoded.problems.map((p) => p.message) };
}

function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}
