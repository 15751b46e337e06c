/**
 * Shared pieces of the property and fuzz suite: real inputs (test/fixtures/property, hub, papers), input
 * generators rich in the syntax the recognisers read, a hang detector, and a runner that prints
 * one summary line per property so the run's figures can be quoted.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { DocumentLanguage, Span } from '../../src/core/types';

export const FIXTURES = path.join(__dirname, '../fixtures/property');
/** The shared fixtures (test/fixtures/hub, test/fixtures/papers), relative to FIXTURES. */
const SHARED = path.join(__dirname, '../fixtures');
export const LANGUAGES: readonly DocumentLanguage[] = ['markdown', 'quarto', 'rmd', 'latex', 'plaintext'];

export function fixture(rel: string): string {
  return fs.readFileSync(path.join(FIXTURES, rel), 'utf8');
}

function shared(rel: string): string {
  return fs.readFileSync(path.join(SHARED, rel), 'utf8');
}

/** Real inputs, read once. */
export const REAL = {
  blogs: ['hub/blogs/advancing-evidence-based-decision-making-2021.txt', 'hub/blogs/shaping-the-sector-2024.txt'].map(shared),
  papers: ['01-moderndive', '27-REHO', '41-aiapy'].map((p) => shared(`papers/${p}/paper.md`)),
  bibs: ['01-moderndive', '27-REHO', '41-aiapy'].map((p) => shared(`papers/${p}/paper.bib`)),
  latex: fixture('report.tex'),
  hubBib: shared('hub/hub-outputs.bib'),
  hubJson: shared('hub/hub-outputs.json'),
  ris: fixture('ris/asreview_pubmed_zotero.ris'),
};

/**
 * A call that takes longer than this is a hang, not slowness: the bound is far above any real
 * document's cost, so it only fails on runaway (quadratic or exponential) behaviour.
 */
export const HANG_MS = 2000;

/** Runs `fn`, failing if it throws or if it runs longer than `limitMs` (default HANG_MS). */
export function withinTime<T>(label: string, fn: () => T, limitMs = HANG_MS): T {
  const start = performance.now();
  const result = fn();
  const ms = performance.now() - start;
  assert.ok(ms <= limitMs, `${label} took ${ms.toFixed(0)} ms (> ${limitMs} ms): a hang`);
  return result;
}

export async function withinTimeAsync<T>(label: string, fn: () => Promise<T>, limitMs = HANG_MS): Promise<T> {
  const start = performance.now();
  const result = await fn();
  const ms = performance.now() - start;
  assert.ok(ms <= limitMs, `${label} took ${ms.toFixed(0)} ms (> ${limitMs} ms): a hang`);
  return result;
}

/** One line per property, printed as it finishes and kept for the end-of-run summary. */
export const SUMMARY: string[] = [];

export function report(line: string): void {
  SUMMARY.push(line);
  // eslint-disable-next-line no-console
  console.log(`      [property] ${line}`);
}

/**
 * fc.assert with an explicit number of runs, counting the inputs actually generated and printing
 * "name: N runs, passed (seed S)". Failures propagate with fast-check's counterexample and seed.
 */
export function checkProperty<Ts extends [unknown, ...unknown[]]>(
  name: string,
  arbitraries: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> },
  predicate: (...args: Ts) => void,
  numRuns: number,
): void {
  let runs = 0;
  const seed = Number(process.env.PROPERTY_SEED ?? Date.now() % 2 ** 31);
  const property = fc.property(...arbitraries, (...args: Ts) => {
    runs++;
    predicate(...args);
  });
  fc.assert(property, { numRuns, seed });
  report(`${name}: ${runs} runs, passed (seed ${seed})`);
}

export async function checkAsyncProperty<Ts extends [unknown, ...unknown[]]>(
  name: string,
  arbitraries: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> },
  predicate: (...args: Ts) => Promise<void>,
  numRuns: number,
): Promise<void> {
  let runs = 0;
  const seed = Number(process.env.PROPERTY_SEED ?? Date.now() % 2 ** 31);
  const property = fc.asyncProperty(...arbitraries, async (...args: Ts) => {
    runs++;
    await predicate(...args);
  });
  await fc.assert(property, { numRuns, seed });
  report(`${name}: ${runs} runs, passed (seed ${seed})`);
}

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

/** Single characters the parsers treat specially, plus ordinary, right-to-left and combining ones. */
const SYNTAX_CHARS = [
  ...'[]@{}\\%$`<>!-;,.⇡()#*_~^&|:"\'=+/?',
  ' ', '\t', '\n', '\r\n', '\r', '\u0000', '\uFEFF', '\u00A0',
  'a', 'e', 'S', 'M', 'x', '1', '9', '0',
  '\u0301', // combining acute
  'é', 'ß', 'ع', 'ب', 'د', 'ש', 'ל', 'ו', 'ם', '\u200F', '\u202E', // Arabic, Hebrew, RLM, RLO
  '\uD83D\uDE00', // an astral character (surrogate pair)
  '\uD800', // a lone surrogate
  '…', '“', '”', '’', '–',
];

/** Multi-character pieces of syntax, so short inputs still form (and break) real constructs. */
const SYNTAX_TOKENS = [
  '[@', '@', '[see @smith2020, p. 3; -@jones2019]', '@{odd/key:1}', '@smith04.', '\\cite{', '\\citep[p.~3]{a,b}',
  '\\textcite{', '\\parencites(pre)(post)[p][q]{a}{b}', '}', '{', '$', '$$', '\\(', '\\)', '\\[', '\\]',
  '```', '~~~', '`', '<!--', '-->', '<!-- evidence-lint-disable-next-line uncited-claim -->',
  '<!-- evidence-lint-disable -->', '<!-- evidence-lint-enable -->', '% evidence-lint-disable-line',
  '%', '\\begin{document}', '\\end{document}', '\\begin{figure}', '\\end{figure}', '\\section{', '\\verb|',
  '# References\n', '# ', '## Intro\n', '---\n', '...\n', ':::', '::: {#refs}\n', '| a | b |\n|---|---|\n',
  '- ', '1. ', '> ', '    ', '](', '](https://x.org/a)', '{.class}', '<div>', '</div>', 'https://docs.edtechhub.org/lib/ABCD1234',
  'docs.edtechhub.org/lib/', '10.53832/edtechhub.0176', '(⇡Hennessy, Jordan & Wagner, 2021)', '⇡Selwyn, 2016b',
  '(Smith, 2020)', 'Smith and Jones (2019)', 'Smith et al. (2019a, 2019b)', '(e.g. ⇡World Bank, 2016)', 'et al.',
  '⟦zg:2405685:IA9PL99D|Haßler, et al., 2020⟧', '(⟦zg:2405685:IA9PL99D|Haßler, et al., 2020⟧; ⟦zu:0:YMWE6FR6|Damani & Mitchell, 2020⟧)',
  '⟦zg:2405685:BVXSZ7G4|Kenya: Watson & McIntyre  (2020)⟧', '⟦', '⟧', '|zg:2405685:', '{ | Webb et al., 2020 | p. 12 | |zg:2405685:CZBRW85R}',
  '{ | ', ' | |zu:0:', 'zotero://select/items/1_ZPTMAP5C', 'zotero://select/groups/2405685/items/', 'https://www.zotero.org/groups/2405685/items/UUNEJ7FS',
  '2020', '1999', 'e.g.', 'i.e.', 'Dr.', 'U.S.', '...', '?!', 'The study found that 45% of schools closed.',
  'Teachers improved outcomes significantly', ' ', '\n\n', '\r\n\r\n', '@article{', '@string{', 'author = {',
  'title = "', ',\n', 'TY  - JOUR\n', 'ER  - \n', 'AU  - ', '"id": ', 'café', 'cafe\u0301', 'عبد الله', 'שלום',
  '\u0000', '\uFFFD',
];

const syntaxChar = fc.constantFrom(...SYNTAX_CHARS);
const syntaxToken = fc.constantFrom(...SYNTAX_TOKENS);

/** Random text over the syntax alphabet: a mix of single characters and syntax pieces. */
export function syntaxText(maxPieces = 60): fc.Arbitrary<string> {
  return fc
    .array(fc.oneof({ weight: 3, arbitrary: syntaxChar }, { weight: 2, arbitrary: syntaxToken }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }), {
      maxLength: maxPieces,
    })
    .map((parts) => parts.join(''));
}

type Mutation =
  | { readonly op: 'insert'; readonly at: number; readonly piece: string }
  | { readonly op: 'delete'; readonly at: number; readonly length: number }
  | { readonly op: 'duplicate'; readonly at: number; readonly length: number; readonly to: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), piece: fc.oneof(syntaxToken, syntaxChar) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 300 }), to: fc.nat() }),
);

/** Applies mutations; positions are taken modulo the current length so every one applies. */
export function mutate(text: string, mutations: readonly Mutation[]): string {
  let t = text;
  for (const m of mutations) {
    const at = t.length ? m.at % (t.length + 1) : 0;
    if (m.op === 'insert') t = t.slice(0, at) + m.piece + t.slice(at);
    else if (m.op === 'delete') t = t.slice(0, at) + t.slice(at + m.length);
    else {
      const piece = t.slice(at, at + m.length);
      const to = t.length ? m.to % (t.length + 1) : 0;
      t = t.slice(0, to) + piece + t.slice(to);
    }
  }
  return t;
}

/** A real input with a few random insertions, deletions and duplicated slices. */
export function mutated(sources: readonly string[], maxMutations = 8): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...sources), fc.array(mutation, { minLength: 1, maxLength: maxMutations })).map(([t, ms]) => mutate(t, ms));
}

/** A short random excerpt of a real input (so cheap properties can run many times). */
export function excerpt(sources: readonly string[], maxLength = 1500): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...sources), fc.nat(), fc.integer({ min: 0, max: maxLength })).map(([t, at, n]) => {
    const start = t.length ? at % t.length : 0;
    return t.slice(start, start + n);
  });
}

/** Mutated excerpts: real structure, broken in random places. */
export function mutatedExcerpt(sources: readonly string[], maxLength = 1500): fc.Arbitrary<string> {
  return fc.tuple(excerpt(sources, maxLength), fc.array(mutation, { maxLength: 6 })).map(([t, ms]) => mutate(t, ms));
}

// ---------------------------------------------------------------------------------------------
// Assertions
// ---------------------------------------------------------------------------------------------

export function assertSpanInside(span: Span, length: number, what: string): void {
  assert.ok(Number.isInteger(span.start) && Number.isInteger(span.end), `${what}: span offsets must be integers (${JSON.stringify(span)})`);
  assert.ok(0 <= span.start && span.start <= span.end && span.end <= length, `${what}: span ${JSON.stringify(span)} outside 0..${length}`);
}

/** Spans sorted by start and pairwise non-overlapping (touching is fine). */
export function assertSortedDisjoint(spans: readonly Span[], what: string): void {
  for (let i = 1; i < spans.length; i++) {
    assert.ok(spans[i - 1].end <= spans[i].start, `${what}: ${JSON.stringify(spans[i - 1])} overlaps or is after ${JSON.stringify(spans[i])}`);
  }
}

/** Line starts for 0-based line numbers (line breaks: \n, \r\n, and lone \r as VS Code counts them). */
export function editorLineCount(text: string): number {
  return text.split(/\r\n|\r|\n/).length;
}
