/**
 * Lints a set of documents from disk, as the CLI (and "Lint Workspace") does: per document, the
 * nearest config, the bibliographies the editor would use, one shared index per set of
 * bibliography files; bibliography findings are reported once per file, and `unused-entry` is
 * decided over all documents that share a bibliography. Never throws for a bad file: problems
 * become `errors` (the CLI exits 2 on them).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import picomatch from 'picomatch';
// `require` form on purpose: esbuild then bundles tinyglobby's CommonJS build; its ESM build calls
// createRequire(import.meta.url), which is undefined in the CommonJS bundle (dist/cli.js).
import tinyglobby = require('tinyglobby');
import { BibliographyIndex } from '../bibliography/index/bibliographyIndex';
import { BibliographyStore } from '../bibliography/store/bibliographyStore';
import { searchIndexer } from '../search/searchIndexer';
import { decodeBibliographyBytes } from '../bibliography/formats/decodeBytes';
import { discoverBibliographies } from '../bibliography/discover';
import { createTextDocument, languageOfPath } from '../document/textDocument';
import type { DocumentLanguage, Finding } from '../types';
import { defaultConfig, formatConfigError, isWithin, loadConfig, mergeConfig, type LintConfig, type LoadedConfig, type PartialLintConfig } from './config';
import { displayPath } from './displayPath';
import { isIgnored } from './ignore';
import { citedKeysOf, lintBibliography, lintDocument, lintUnusedEntries, type DocumentLintResult } from './lintDocument';
import { fileErrorReason } from '../io/fileErrors';

export interface WorkspaceDocument {
  readonly file: string;
  /** Named on the command line (linted even if a config's `ignore` matches it). */
  readonly explicit?: boolean;
}

export interface WorkspaceLintOptions {
  /** Folder relative paths are shown and resolved against. */
  readonly cwd: string;
  /** Bibliography files for every document (`--bib`); discovery is skipped when given. */
  readonly bibliography?: readonly string[];
  /** Settings that win over every config file (`--rule`, `--sensitivity`). */
  readonly overrides?: PartialLintConfig;
  /** Use only defaults + overrides, no config files (`--no-config`). */
  readonly noConfigFiles?: boolean;
  /**
   * Never read a bibliography or config outside this folder (`--no-outside`): a document's front
   * matter cannot make the linter open ../../private.bib, and config search stops here.
   */
  readonly confineTo?: string;
  /** When to stop early (e.g. the editor closed). */
  readonly signal?: AbortSignal;
  /** Where bibliographies are read (default: a store of this run's own). */
  readonly store?: BibliographyStore;
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
  readonly stats: { readonly files: number; readonly claims: number; readonly supported: number; readonly bytes: number };
}

const KEY_RULES_OFF: PartialLintConfig = { rules: { 'unknown-key': 'off', 'ambiguous-citation': 'off' } };

export async function lintWorkspace(documents: readonly WorkspaceDocument[], options: WorkspaceLintOptions): Promise<WorkspaceLintResult> {
  const configs = new Map<string, LoadedConfig>();
  const store = options.store ?? new BibliographyStore({ searchIndexer });
  const indexes = new Map<string, Promise<BibliographyIndex>>();
  const citedByIndex = new Map<BibliographyIndex, { config: LintConfig; keys: Set<string> }>();
  const files: FileLintResult[] = [];
  const errors: string[] = [];
  const notes: string[] = [];
  const ignored: string[] = [];
  const reportedConfigErrors = new Set<string>();
  const discoveryFindings: Finding[] = [];
  const show = (p: string) => displayPath(p, options.cwd);

  for (const doc of documents) {
    if (options.signal?.aborted) break;
    const file = path.resolve(options.cwd, doc.file);
    const language = languageOfPath(file) ?? 'plaintext';

    const loaded: LoadedConfig = options.noConfigFiles ? { config: defaultConfig } : cachedConfig(configs, path.dirname(file), options.confineTo);
    if (loaded.error) {
      const message = formatConfigError({ ...loaded.error, file: show(loaded.error.file) });
      if (!reportedConfigErrors.has(message)) errors.push(`invalid config ${message}`);
      reportedConfigErrors.add(message);
      continue;
    }
    let config = options.overrides ? mergeConfig(loaded.config, options.overrides) : loaded.config;
    if (!doc.explicit && isIgnored(file, config)) {
      ignored.push(file);
      continue;
    }

    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (e) {
      errors.push(`${show(file)}: cannot read the file: ${fileErrorReason(e)}`);
      continue;
    }
    // Documents are decoded as bibliographies are: UTF-8 (BOM), UTF-16 with BOM, Latin-1 fallback; binary refused.
    const decoded = decodeBibliographyBytes(bytes, file);
    if (decoded.text === undefined) {
      const why = decoded.problems.map((p) => p.message.replace(/;?\s*not read as a bibliography\.?$/, '')).join('; ');
      notes.push(`${show(file)}: skipped — ${why || 'not a text file'}`);
      continue;
    }
    for (const p of decoded.problems) notes.push(`${show(file)}: ${p.message}`);
    const text = decoded.text;

    let bibFiles = options.bibliography?.length
      ? options.bibliography.map((b) => path.resolve(options.cwd, b))
      : await discoverFor(file, text, language, config, options.cwd, discoveryFindings);
    if (options.confineTo) {
      const root = path.resolve(options.confineTo);
      for (const b of bibFiles.filter((b) => !isWithin(b, root))) notes.push(`${show(file)}: skipped bibliography outside ${show(root) || '.'} (--no-outside): ${b}`);
      bibFiles = bibFiles.filter((b) => isWithin(b, root));
    }
    if (bibFiles.length === 0) {
      notes.push(
        `${show(file)}: no bibliography found (none named in front matter, _quarto.yml, \\bibliography{…} or .evidencelintrc.json, or none of those exists; use --bib) — citation keys were not checked`,
      );
      config = mergeConfig(config, KEY_RULES_OFF);
    }
    const indexKey = [...bibFiles].sort().join('\n');
    let indexPromise = indexes.get(indexKey);
    if (!indexPromise) {
      indexPromise = store.loadAll(bibFiles, { signal: options.signal }).then((loaded) => BibliographyIndex.fromFiles(loaded));
      indexes.set(indexKey, indexPromise);
    }
    const index = await indexPromise;

    let result: DocumentLintResult;
    try {
      result = lintDocument(createTextDocument(pathToFileURL(file).href, language, text), index, config);
    } catch (e) {
      // A bug in a recogniser must not hide every other file's findings.
      errors.push(`${show(file)}: internal error while linting (${(e as Error).message})`);
      continue;
    }
    files.push({ file, language, bytes: bytes.length, bibliographyFiles: bibFiles, result });
    const cited = citedByIndex.get(index) ?? { config, keys: new Set<string>() };
    for (const k of citedKeysOf(result)) cited.keys.add(k);
    citedByIndex.set(index, cited);
  }

  // Bibliography findings once per (file, line, rule, message), however many documents share it.
  const bibFindings = new Map<string, Finding>();
  for (const f of discoveryFindings) bibFindings.set(`${f.file}\0${f.range.start.line}\0${f.ruleId}\0${f.message}`, f);
  for (const [index, { config, keys }] of citedByIndex) {
    for (const f of [...lintBibliography(index, config), ...lintUnusedEntries(index, keys, config)]) {
      bibFindings.set(`${f.file}\0${f.range.start.line}\0${f.ruleId}\0${f.message}`, f);
    }
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
    stats: {
      files: files.length,
      claims: sum(files.map((f) => f.result.stats.claims)),
      supported: sum(files.map((f) => f.result.stats.supported)),
      bytes: sum(files.map((f) => f.bytes)),
    },
  };
}

/** The bibliographies the editor would use for a document; configured globs expanded first. */
async function discoverFor(
  file: string,
  text: string,
  language: DocumentLanguage,
  config: LintConfig,
  cwd: string,
  discoveryFindings: Finding[],
): Promise<string[]> {
  const base = config.baseDir ?? cwd;
  const configured = await expandBibliographyGlobs(config.bibliography, base);
  const found = await discoverBibliographies({ documentPath: file, text, language, workspaceRoot: base, configured });
  // A bibliography the document names but that is missing is a finding where it is named.
  discoveryFindings.push(...lintBibliography({ problems: found.problems }, config));
  return found.files;
}

async function expandBibliographyGlobs(patterns: readonly string[], base: string): Promise<string[]> {
  const out: string[] = [];
  for (const p of patterns) {
    if (picomatch.scan(p).isGlob) {
      const matches = await tinyglobby.glob(p, { cwd: base, absolute: true, ignore: ['**/node_modules/**', '**/.git/**'] });
      out.push(...matches.sort());
    } else {
      out.push(path.resolve(base, p));
    }
  }
  return out;
}

function cachedConfig(cache: Map<string, LoadedConfig>, dir: string, stopAt?: string): LoadedConfig {
  let c = cache.get(dir);
  if (!c) {
    c = loadConfig(dir, { stopAt });
    cache.set(dir, c);
  }
  return c;
}

function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}
