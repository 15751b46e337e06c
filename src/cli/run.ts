/**
 * evidence-lint as a function: arguments in, exit code out, output through the given streams —
 * so tests run it in-process. Never modifies an input file.
 * Exit codes: 0 clean (within --max-warnings), 1 findings over the threshold, 2 usage/config/I/O.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Writable } from 'node:stream';
import { decodeBibliographyBytes } from '../core/bibliography/formats/decodeBytes';
import { classifyJsonlStream } from '../core/claims/classifyJsonl';
import { createTextDocument, languageOfPath } from '../core/document/textDocument';
import type { CitationStyle } from '../core/format/formatReference';
import { buildReferenceList } from '../core/features/referenceList';
import { displayPath } from '../core/lint/displayPath';
import { unreadableFileReason } from '../core/io/fileErrors';
import type { WorkspaceDocument, WorkspaceLintResult } from '../core/lint/lintWorkspace';
import { SILENT_LOG } from '../core/log';
import { createEvidenceService } from '../core/service';
import { createNodeWorkspace, DEFAULT_SETTINGS } from '../core/workspace';
import { HELP, parseCliArgs, UsageError, type CliOptions, type OutputFormat } from './args';
import { collectFiles } from './collectFiles';
import { explainSentences } from './explain';
import { scorerBuild } from './scorerBuild';
import { formatGithub } from './formatters/github';
import { formatJson } from './formatters/json';
import { formatSarif } from './formatters/sarif';
import { formatStylish } from './formatters/stylish';
import type { Formatter } from './report';
import { version as packageVersion } from '../../package.json';

export interface CliIo {
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly cwd: string;
  /** Colour stylish output (default: stdout is a TTY and NO_COLOR is unset). */
  readonly color?: boolean;
  /** The claim scorer's build, for the scores --cache keeps (default: this bundle's, see scorerBuild.ts). */
  readonly scorerBuild?: string;
  /** Collects this process's garbage after a big bibliography is parsed (see core/memory/garbageCollector.ts; main.ts passes it). */
  readonly collectGarbage?: () => void;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

const FORMATTERS: Record<OutputFormat, Formatter> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
};

export const VERSION: string = packageVersion;

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const fail = (message: string) => {
    io.stderr.write(`evidence-lint: ${message}\n`);
    return EXIT_USAGE;
  };
  let options: CliOptions;
  try {
    options = parseCliArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) return fail(`${e.message}\nRun evidence-lint --help for usage.`);
    throw e;
  }
  if (options.help) {
    io.stdout.write(HELP);
    return EXIT_OK;
  }
  if (options.version) {
    io.stdout.write(`${VERSION}\n`);
    return EXIT_OK;
  }
  if (options.classify) return classify(options, io, fail);
  if (options.references) return printReferences(options, io, fail);

  for (const b of options.bib) {
    const abs = path.resolve(io.cwd, b);
    const why = unreadableFileReason(abs);
    if (why) return fail(`cannot read bibliography ${b}: ${why}`);
  }
  const collected = await collectFiles(options.patterns, io.cwd);
  if (collected.errors.length) return fail(collected.errors.join('\n'));
  if (collected.documents.length === 0) return fail(`no documents to lint (looked for .md .qmd .rmd .tex .txt files)`);

  const result = await lintWithService(collected.documents, options, io);
  for (const note of result.notes) io.stderr.write(`evidence-lint: note: ${note}\n`);
  // A document that cannot be read, or is under an invalid config: named, and the run exits 2; the
  // documents that could be linted are still reported.
  for (const error of result.errors) io.stderr.write(`evidence-lint: ${error}\n`);
  if (result.errors.length && result.files.length === 0) return EXIT_USAGE;

  const findings = options.quiet ? result.findings.filter((f) => f.severity === 'error') : result.findings;
  const color = options.format === 'stylish' && (io.color ?? (process.env.NO_COLOR === undefined && (io.stdout as { isTTY?: boolean }).isTTY === true));
  const explained = options.explain ? explainSentences(result, (file) => fs.readFileSync(path.resolve(io.cwd, file), 'utf8')) : undefined;
  io.stdout.write(FORMATTERS[options.format]({ result, findings, cwd: io.cwd, version: VERSION, color, explained }));

  if (result.errors.length) return EXIT_USAGE;
  if (options.exitZero) return EXIT_OK;
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  if (errors > 0) return EXIT_FINDINGS;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    if (options.format === 'stylish') io.stderr.write(`evidence-lint: ${warnings} warnings, more than --max-warnings ${options.maxWarnings}\n`);
    return EXIT_FINDINGS;
  }
  return EXIT_OK;
}

/**
 * Lints documents with an evidence service over the file system. The CLI's options are its "editor
 * settings" (they win over every config file); nothing names a bibliography implicitly.
 */
async function lintWithService(documents: readonly WorkspaceDocument[], options: CliOptions, io: CliIo): Promise<WorkspaceLintResult> {
  const settings = { ...DEFAULT_SETTINGS, rules: options.rules, ownVoice: options.ownVoice, ...(options.sensitivity ? { sensitivity: options.sensitivity } : {}) };
  const build = options.cacheLocation ? (io.scorerBuild ?? scorerBuild()) : undefined;
  const note = (message: string): void => void io.stderr.write(`evidence-lint: note: ${message}\n`);
  const service = createEvidenceService({
    workspace: createNodeWorkspace({ folders: [io.cwd], settings: () => Promise.resolve(settings) }),
    ...(options.cacheLocation ? { cacheDir: path.resolve(io.cwd, options.cacheLocation) } : {}),
    ...(build ? { scorerBuild: build } : {}),
    // What the cache could not do (a damaged slot, a folder it cannot write) is said on stderr; the
    // rest of what the service logs, the CLI reports itself (notes, errors).
    cacheLog: { ...SILENT_LOG, warn: note, error: note },
    autoDiscoverBibliographies: false,
    confineTo: options.outside ? undefined : io.cwd,
    readsOnce: true,
    ...(io.collectGarbage ? { afterBigParse: io.collectGarbage } : {}),
  });
  try {
    const result = await service.lintWorkspace(documents, { cwd: io.cwd, bibliography: options.bib });
    await service.flush();
    return result;
  } finally {
    service.dispose();
  }
}

async function classify(options: CliOptions, io: CliIo, fail: (m: string) => number): Promise<number> {
  const file = path.resolve(io.cwd, options.classify!);
  const why = unreadableFileReason(file);
  if (why) return fail(`cannot read ${options.classify}: ${why}`);
  const summary = await classifyJsonlStream(fs.createReadStream(file), io.stdout, {
    sensitivity: options.sensitivity ?? 'medium',
    ownVoice: options.ownVoice,
  });
  if (summary.errors > 0) {
    io.stderr.write(`evidence-lint: ${summary.errors} of ${summary.lines} lines of ${options.classify} could not be classified (see the "error" lines)\n`);
    return EXIT_USAGE;
  }
  return EXIT_OK;
}


/** `--references FILE`: the document's reference list on stdout; what cannot be listed on stderr. */
async function printReferences(options: CliOptions, io: CliIo, fail: (m: string) => number): Promise<number> {
  const file = path.resolve(io.cwd, options.references!);
  const why = unreadableFileReason(file);
  if (why) return fail(`cannot read ${options.references}: ${why}`);
  const style = styleOf(options.style, io.cwd);
  if (typeof style === 'object' && 'error' in style) return fail(style.error);
  for (const b of options.bib) {
    const reason = unreadableFileReason(path.resolve(io.cwd, b));
    if (reason) return fail(`cannot read bibliography ${b}: ${reason}`);
  }
  const result = await lintWithService([{ file, explicit: true }], options, io);
  for (const note of result.notes) io.stderr.write(`evidence-lint: note: ${note}\n`);
  if (result.errors.length) return fail(result.errors.join('\n'));
  const linted = result.files[0];
  const text = decodeBibliographyBytes(fs.readFileSync(file), file).text;
  if (!linted || text === undefined) return fail(`${options.references}: not a text document`);
  const list = buildReferenceList(text, linted.language, linted.result.citations, { style, ...(options.referencesFormat ? { format: options.referencesFormat } : {}) });
  if (list.styleError) io.stderr.write(`evidence-lint: note: ${list.styleError}\n`);
  io.stdout.write(list.body ? `${list.body}\n` : '');
  const doc = createTextDocument('file:///references', languageOfPath(file) ?? 'plaintext', text);
  for (const u of list.unlisted) {
    const at = doc.positionAt(u.span.start);
    io.stderr.write(`evidence-lint: ${displayPath(file, io.cwd)}:${at.line + 1}:${at.character + 1}: "${u.text}" ${u.reason}: left out of the list\n`);
  }
  return list.unlisted.length > 0 && !options.exitZero ? EXIT_FINDINGS : EXIT_OK;
}

/** `--style`: a bundled style's name, or a .csl file (relative to the working folder). */
function styleOf(name: string | undefined, cwd: string): CitationStyle | { error: string } {
  if (name === undefined || name === 'apa' || name === 'edtechhub-apa') return name ?? 'apa';
  const file = path.resolve(cwd, name);
  const why = unreadableFileReason(file);
  if (why) return { error: `--style must be apa, edtechhub-apa or a readable .csl file; cannot read ${name}: ${why}` };
  return { cslFile: file };
}
