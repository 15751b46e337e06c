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
  /** Called before each document is read: for progress. */
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

  for (const [i, doc] of documents.entries()) {
    if (options.signal?.aborted) break;
    const file = path.resolve(cwd, doc.file);
    options.onDocument?.(file, i, documents.length);
    const loaded = await context.configFor(file);
    if (loaded.error) {
      const message = formatConfigError({ ...loaded.error, file: show(loaded.error.file) });
      if (!reportedConfigErrors.has(message)) errors.push(`invalid config ${message}`);
      reportedConfigErrors.add(message);
      continue;
    }
    let config = loaded.config;
    if (!doc.explicit && isIgnored(file, config)) {
      ignored.push(file);
      continue;
    }

    const read = await readWorkspaceDocument(context.workspace, file);
    if ('error' in read) {
      (read.fatal ? errors : notes).push(`${show(file)}: ${read.error}`);
      continue;
    }
    for (const note of read.notes) notes.push(`${show(file)}: ${note}`);
    const { document, bytes } = read;

    const bibliography = options.bibliography?.length
      ? await context.bibliographies.forFiles(options.bibliography.map((b) => path.resolve(cwd, b)))
      : await context.bibliographies.forDocument(document);
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
