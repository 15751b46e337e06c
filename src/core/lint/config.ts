/**
 * Lint configuration: defaults, validation, and discovery of `.evidencelintrc.json` (or an
 * `"evidenceLint"` key in package.json) by walking up from a folder, as ESLint and Prettier do.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SENSITIVITIES, type RuleId, type RuleLevel, type Sensitivity } from '../types';
import { jsonSyntaxError } from '../io/jsonSyntaxError';

export const RULE_IDS: readonly RuleId[] = [
  'uncited-claim',
  'unknown-key',
  'ambiguous-citation',
  'duplicate-key',
  'bib-parse-error',
  'unused-entry',
  'citation-relevance',
];

export const RULE_LEVELS: readonly RuleLevel[] = ['error', 'warning', 'info', 'hint', 'off'];

export interface LintConfig {
  /** Level of every rule ('off' disables it). */
  readonly rules: Readonly<Record<RuleId, RuleLevel>>;
  readonly sensitivity: Sensitivity;
  /**
   * Count a claim as supported when the next sentence of the same paragraph is only a citation
   * ("… in short supply. (⇡Vegas, 2020)"), a common style in Hub writing.
   */
  readonly allowCitationInNextSentence: boolean;
  /** Bibliography files or globs, relative to `baseDir`. */
  readonly bibliography: readonly string[];
  /** Globs of documents to skip, relative to `baseDir`. */
  readonly ignore: readonly string[];
  /**
   * Names the writer's organisation uses for itself ("EdTech Hub", "the Hub"): sentences about
   * them read as the writer's own work. Empty: inferred from each document (see inferOwnVoice).
   */
  readonly ownVoice: readonly string[];
  /** Folder that relative paths in this config are relative to (the config file's folder). */
  readonly baseDir?: string;
}

/** What a config file may set; everything optional. */
export interface PartialLintConfig {
  readonly rules?: Readonly<Partial<Record<RuleId, RuleLevel>>>;
  readonly sensitivity?: Sensitivity;
  readonly allowCitationInNextSentence?: boolean;
  readonly bibliography?: readonly string[];
  readonly ignore?: readonly string[];
  readonly ownVoice?: readonly string[];
}

export const defaultRuleLevels: Readonly<Record<RuleId, RuleLevel>> = {
  'uncited-claim': 'warning',
  'unknown-key': 'error',
  'ambiguous-citation': 'warning',
  'duplicate-key': 'error',
  'bib-parse-error': 'error',
  'unused-entry': 'off',
  'citation-relevance': 'off',
};

export const defaultConfig: LintConfig = {
  rules: defaultRuleLevels,
  sensitivity: 'medium',
  allowCitationInNextSentence: true,
  bibliography: [],
  ignore: [],
  ownVoice: [],
};

/** `base` with `overrides` applied; rules merge per rule. */
export function mergeConfig(base: LintConfig, overrides: PartialLintConfig, baseDir?: string): LintConfig {
  return {
    rules: { ...base.rules, ...stripUndefined(overrides.rules ?? {}) },
    sensitivity: overrides.sensitivity ?? base.sensitivity,
    allowCitationInNextSentence: overrides.allowCitationInNextSentence ?? base.allowCitationInNextSentence,
    bibliography: overrides.bibliography ?? base.bibliography,
    ignore: overrides.ignore ?? base.ignore,
    ownVoice: overrides.ownVoice ?? base.ownVoice,
    baseDir: baseDir ?? base.baseDir,
  };
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** A configuration problem, always with the file and, for JSON syntax errors, the line. */
export interface ConfigError {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

export function formatConfigError(e: ConfigError): string {
  const where = e.line ? `${e.file}:${e.line}${e.column ? `:${e.column}` : ''}` : e.file;
  return `${where}: ${e.message}`;
}

export interface LoadedConfig {
  /** The effective config (defaults when none was found or it was invalid). */
  readonly config: LintConfig;
  /** The file it came from, if one was found. */
  readonly file?: string;
  readonly error?: ConfigError;
}

export const RC_FILE = '.evidencelintrc.json';
export const PACKAGE_KEY = 'evidenceLint';

/** How configs are read: the local file system by default, the service's workspace in the editor. */
export type ReadText = (file: string) => Promise<string | undefined>;

const readLocalText: ReadText = async (file) => {
  try {
    return await fs.promises.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
};

/**
 * Finds and reads the nearest config from `dir` upwards. Never throws: an unreadable or invalid
 * file gives `error` (and the defaults), so callers decide whether that is fatal.
 */
export async function loadConfig(dir: string, options: { stopAt?: string; readText?: ReadText } = {}): Promise<LoadedConfig> {
  const read = options.readText ?? readLocalText;
  for (const folder of ancestors(path.resolve(dir), options.stopAt && path.resolve(options.stopAt))) {
    const rc = path.join(folder, RC_FILE);
    const rcText = await read(rc);
    if (rcText !== undefined) return parseConfigText(rcText, rc);
    const pkg = path.join(folder, 'package.json');
    const text = await read(pkg);
    if (text === undefined) continue;
    // A package.json without our key is not a config; a broken one is someone else's problem.
    try {
      const json = JSON.parse(text) as Record<string, unknown>;
      if (json && typeof json === 'object' && PACKAGE_KEY in json) {
        return fromParsed(json[PACKAGE_KEY], pkg, `"${PACKAGE_KEY}" in `);
      }
    } catch {
      /* not ours */
    }
  }
  return { config: defaultConfig };
}

/** Parses the text of a `.evidencelintrc.json`. */
export function parseConfigText(text: string, file: string): LoadedConfig {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const syntax = jsonSyntaxError(text.replace(/^\uFEFF/, ''));
    return {
      config: defaultConfig,
      file,
      error: { file, line: syntax?.line ?? 1, column: syntax?.column ?? 1, message: `invalid JSON: ${syntax?.reason ?? (e as Error).message}` },
    };
  }
  return fromParsed(json, file, '');
}

function fromParsed(json: unknown, file: string, prefix: string): LoadedConfig {
  const result = validateConfig(json);
  if ('error' in result) {
    return { config: defaultConfig, file, error: { file, message: `${prefix}${prefix ? path.basename(file) + ': ' : ''}${result.error}` } };
  }
  return { config: mergeConfig(defaultConfig, result.config, path.dirname(file)), file };
}

/** Checks a parsed config object; the first problem found is reported with its property path. */
export function validateConfig(json: unknown): { config: PartialLintConfig } | { error: string } {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return { error: 'the config must be a JSON object' };
  const o = json as Record<string, unknown>;
  const known = ['rules', 'bibliography', 'ignore', 'sensitivity', 'allowCitationInNextSentence', 'ownVoice', '$schema'];
  for (const k of Object.keys(o)) {
    if (!known.includes(k)) return { error: `unknown option "${k}" (expected one of: ${known.filter((x) => x !== '$schema').join(', ')})` };
  }
  const rules: Partial<Record<RuleId, RuleLevel>> = {};
  if (o.rules !== undefined) {
    if (!o.rules || typeof o.rules !== 'object' || Array.isArray(o.rules)) return { error: '"rules" must be an object of rule id → level' };
    for (const [id, level] of Object.entries(o.rules)) {
      if (!(RULE_IDS as readonly string[]).includes(id)) return { error: `unknown rule "${id}" in "rules" (rules: ${RULE_IDS.join(', ')})` };
      if (!(RULE_LEVELS as readonly unknown[]).includes(level)) {
        return { error: `rules.${id}: level must be one of ${RULE_LEVELS.join(', ')}, got ${JSON.stringify(level)}` };
      }
      rules[id as RuleId] = level as RuleLevel;
    }
  }
  const bibliography = stringList(o.bibliography, 'bibliography');
  if (typeof bibliography === 'string') return { error: bibliography };
  const ignore = stringList(o.ignore, 'ignore');
  if (typeof ignore === 'string') return { error: ignore };
  const ownVoice = stringList(o.ownVoice, 'ownVoice');
  if (typeof ownVoice === 'string') return { error: ownVoice };
  if (ownVoice?.some((name) => !/\p{L}/u.test(name))) return { error: '"ownVoice" names must contain letters' };
  if (o.sensitivity !== undefined && !(SENSITIVITIES as readonly unknown[]).includes(o.sensitivity)) {
    return { error: `"sensitivity" must be one of ${SENSITIVITIES.join(', ')}, got ${JSON.stringify(o.sensitivity)}` };
  }
  if (o.allowCitationInNextSentence !== undefined && typeof o.allowCitationInNextSentence !== 'boolean') {
    return { error: '"allowCitationInNextSentence" must be true or false' };
  }
  return {
    config: {
      rules,
      bibliography,
      ignore,
      ownVoice: ownVoice?.map((name) => name.trim()),
      sensitivity: o.sensitivity as Sensitivity | undefined,
      allowCitationInNextSentence: o.allowCitationInNextSentence as boolean | undefined,
    },
  };
}

function stringList(value: unknown, name: string): string[] | undefined | string {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  return `"${name}" must be a string or an array of strings`;
}

/** `dir` and its parents, up to and including `stopAt` when `dir` is inside it. */
function* ancestors(dir: string, stopAt?: string): Generator<string> {
  let current = dir;
  const inside = stopAt !== undefined && isWithin(dir, stopAt);
  for (;;) {
    yield current;
    if (inside && current === stopAt) return;
    const parent = path.dirname(current);
    if (parent === current) return;
    current = parent;
  }
}

export function isWithin(file: string, folder: string): boolean {
  const rel = path.relative(folder, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
