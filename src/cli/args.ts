/** Command-line arguments of evidence-lint, parsed with node's util.parseArgs (no dependency). */
import { parseArgs } from 'node:util';
import { RULE_IDS, RULE_LEVELS } from '../core/lint/config';
import { SENSITIVITIES, type RuleId, type RuleLevel, type Sensitivity } from '../core/types';

export const FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
export type OutputFormat = (typeof FORMATS)[number];

export interface CliOptions {
  readonly patterns: string[];
  readonly bib: string[];
  readonly format: OutputFormat;
  /** Warnings allowed before exiting 1; undefined = any number. */
  readonly maxWarnings?: number;
  readonly rules: Partial<Record<RuleId, RuleLevel>>;
  readonly sensitivity?: Sensitivity;
  /** --own-voice NAME (repeatable): names the writer's organisation uses for itself; empty = from the config. */
  readonly ownVoice: string[];
  /** --explain: show every sentence's verdict with its reasons, non-claims too. */
  readonly explain: boolean;
  /** False with --no-outside: never read bibliographies or configs outside the working folder. */
  readonly outside: boolean;
  readonly classify?: string;
  /** Where parsed bibliographies are cached between runs (`--cache`, `--cache-location DIR`); none: no cache. */
  readonly cacheLocation?: string;
  /** `--references FILE`: print the document's reference list instead of linting. */
  readonly references?: string;
  /** `--style`: apa, edtechhub-apa or a .csl file (for --references). */
  readonly style?: string;
  readonly referencesFormat?: 'markdown' | 'latex';
  readonly quiet: boolean;
  /** Report findings but exit 0 unless there is a usage or I/O error (demos, advisory CI jobs). */
  readonly exitZero: boolean;
  readonly help: boolean;
  readonly version: boolean;
}

export class UsageError extends Error {}

/** The cache folder `--cache` uses, relative to the working folder (as ESLint's .eslintcache). */
export const DEFAULT_CACHE_LOCATION = '.evidence-lint-cache';

export const HELP = `Usage: evidence-lint [files, folders or globs…] [options]

Checks Markdown, Pandoc, Quarto, R Markdown, LaTeX and text documents for claims that cite no
evidence and citations that point nowhere. A folder means every .md .qmd .rmd .tex .txt file under
it (node_modules and .git skipped). With no files, the current folder is linted.

Options:
  --bib FILE               bibliography for every document (repeatable; BibTeX, CSL-JSON, CSL-YAML,
                           RIS). Default: what the editor would use — the document's front matter
                           \`bibliography:\`, _quarto.yml, \\bibliography{…} / \\addbibresource{…},
                           else "bibliography" in .evidencelintrc.json
  --format NAME            stylish (default) | json | sarif | github
  --max-warnings N         exit 1 when there are more than N warnings (default: any number)
  --rule ID=LEVEL          set a rule's level: error | warning | info | hint | off (repeatable)
  --sensitivity LEVEL      how readily a sentence counts as a claim: low | medium (default) | high
  --own-voice NAME         a name the writer's organisation uses for itself, e.g. "EdTech Hub":
                           "EdTech Hub undertakes…" then reads like "We undertake…" (repeatable;
                           default: "ownVoice" in .evidencelintrc.json, else the organisation named
                           as author in the front matter)
  --explain                also show, for every sentence, why it is or is not a claim
  --no-outside             never read a bibliography or config outside the current folder
  --cache                  keep parsed bibliographies and claim scores between runs (in
                           ${DEFAULT_CACHE_LOCATION}/): a run after the first reads a large library in a
                           fraction of the time, and scores only the sentences that changed
  --cache-location DIR     the cache folder (implies --cache); restore it in CI (e.g. actions/cache)
  --classify FILE.jsonl    score each {"text": …} line as a claim (optional "context_before",
                           "heading", "list_intro"); writes one JSON line per input
  --references FILE        print FILE's reference list (the works it cites) instead of linting; citations
                           not in the bibliography are listed on stderr (exit 1). No file is changed
  --style NAME             for --references: apa (default) | edtechhub-apa | a .csl file
  --references-format F    for --references: markdown | latex (default: from FILE's extension)
  --quiet                  report errors only (warnings neither shown nor counted)
  --exit-zero              exit 0 even when there are findings (usage and file errors still exit 2)
  --help, --version

Rules: ${RULE_IDS.join(', ')}
Exit status: 0 no problems over the threshold; 1 errors, or more warnings than --max-warnings;
2 usage, configuration or file errors.
Config: .evidencelintrc.json (or "evidenceLint" in package.json), nearest above each document:
  { "rules": { "uncited-claim": "warning" }, "bibliography": ["refs.bib"], "ignore": ["drafts/**"],
    "sensitivity": "medium", "allowCitationInNextSentence": true, "ownVoice": ["EdTech Hub", "the Hub"] }
Suppress: <!-- evidence-lint-disable-next-line uncited-claim -->, <!-- evidence-lint-disable-line -->,
  <!-- evidence-lint-disable RULE --> … <!-- evidence-lint-enable -->; in LaTeX % evidence-lint-… .
`;

export function parseCliArgs(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: joinNegativeNumbers(argv),
      allowPositionals: true,
      allowNegative: true,
      strict: true,
      options: {
        bib: { type: 'string', multiple: true },
        format: { type: 'string', short: 'f' },
        'max-warnings': { type: 'string' },
        rule: { type: 'string', multiple: true },
        sensitivity: { type: 'string' },
        'own-voice': { type: 'string', multiple: true },
        explain: { type: 'boolean', default: false },
        outside: { type: 'boolean', default: true },
        classify: { type: 'string' },
        cache: { type: 'boolean', default: false },
        'cache-location': { type: 'string' },
        references: { type: 'string' },
        style: { type: 'string' },
        'references-format': { type: 'string' },
        quiet: { type: 'boolean', short: 'q', default: false },
        'exit-zero': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const v = parsed.values;

  const format = (v.format ?? 'stylish') as OutputFormat;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got "${v.format}"`);

  let maxWarnings: number | undefined;
  if (v['max-warnings'] !== undefined) {
    const raw = v['max-warnings'];
    if (!/^-?\d+$/.test(raw)) throw new UsageError(`--max-warnings must be a whole number, got "${raw}"`);
    maxWarnings = Number(raw) < 0 ? undefined : Number(raw);
  }

  const rules: Partial<Record<RuleId, RuleLevel>> = {};
  for (const spec of v.rule ?? []) {
    const m = /^([\w-]+)\s*[=:]\s*(\w+)$/.exec(spec);
    if (!m) throw new UsageError(`--rule expects ID=LEVEL (e.g. uncited-claim=off), got "${spec}"`);
    const [, id, level] = m as unknown as [string, string, string];
    if (!(RULE_IDS as readonly string[]).includes(id)) throw new UsageError(`unknown rule "${id}" in --rule (rules: ${RULE_IDS.join(', ')})`);
    if (!(RULE_LEVELS as readonly string[]).includes(level)) {
      throw new UsageError(`--rule ${id}: level must be one of ${RULE_LEVELS.join(', ')}, got "${level}"`);
    }
    rules[id as RuleId] = level as RuleLevel;
  }

  const sensitivity = v.sensitivity as Sensitivity | undefined;
  if (sensitivity !== undefined && !SENSITIVITIES.includes(sensitivity)) {
    throw new UsageError(`--sensitivity must be one of ${SENSITIVITIES.join(', ')}, got "${v.sensitivity}"`);
  }

  const referencesFormat = v['references-format'];
  if (referencesFormat !== undefined && referencesFormat !== 'markdown' && referencesFormat !== 'latex') {
    throw new UsageError(`--references-format must be markdown or latex, got "${referencesFormat}"`);
  }
  if ((v.style !== undefined || referencesFormat !== undefined) && v.references === undefined) {
    throw new UsageError('--style and --references-format go with --references FILE');
  }
  const ownVoice = (v['own-voice'] ?? []).map((name) => name.trim());
  const nameless = ownVoice.find((name) => !/\p{L}/u.test(name));
  if (nameless !== undefined) throw new UsageError(`--own-voice expects a name with letters, got "${nameless}"`);

  return {
    patterns: parsed.positionals,
    bib: v.bib ?? [],
    format,
    maxWarnings,
    rules,
    sensitivity,
    ownVoice,
    explain: v.explain === true,
    outside: v.outside !== false,
    classify: v.classify,
    ...(v.cache === true || v['cache-location'] !== undefined ? { cacheLocation: v['cache-location'] ?? DEFAULT_CACHE_LOCATION } : {}),
    references: v.references,
    style: v.style,
    referencesFormat,
    quiet: v.quiet === true,
    exitZero: v['exit-zero'] === true,
    help: v.help === true,
    version: v.version === true,
  };
}

/** `--max-warnings -1`: parseArgs would read "-1" as an option, so join it as `--max-warnings=-1`. */
function joinNegativeNumbers(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const next = argv[i + 1];
    if (argv[i] === '--max-warnings' && next !== undefined && /^-\d+$/.test(next)) {
      out.push(`--max-warnings=${next}`);
      i++;
    } else out.push(argv[i]!);
  }
  return out;
}
