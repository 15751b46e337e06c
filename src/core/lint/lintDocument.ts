/**
 * Lints one document against a bibliography: finds citations and resolves them, splits the prose
 * into sentences and scores each as a claim, runs the document rules, then applies the configured
 * levels and the document's suppression comments. Pure: no I/O, no 'vscode'.
 */
import { fileURLToPath } from 'node:url';
import { findCitations } from '../citations/findCitations';
import { resolveCitationItem } from '../citations/resolve';
import { inferOwnVoice } from '../claims/ownVoice';
import { scoreClaim } from '../claims/scoreClaim';
import { findRegions, latexToPlain, type Region } from '../document/regions';
import { splitSentences } from '../claims/splitSentences';
import { normaliseLanguage } from '../document/textDocument';
import type {
  BibliographyLookup,
  Citation,
  ClaimInput,
  ClaimScore,
  ClaimScoreOptions,
  DocumentLanguage,
  Finding,
  RuleId,
  Sentence,
  Severity,
  TextDocumentLike,
} from '../types';
import { citationItemTest, citedItemLabel } from './citedItems';
import type { ClaimScoreCache, ClaimScorer } from './claimScoreCache';
import type { LintConfig } from './config';
import { bibliographyRules, documentRules, workspaceRules } from './rules';
import type { ClaimResult, DocumentContext, LintBibliography, ResolvedCitation, RuleFinding } from './rules/rule';
import { parseSuppressions } from './suppression';

export type { ClaimResult, ResolvedCitation } from './rules/rule';
export { ClaimScoreCache } from './claimScoreCache';

export interface DocumentLintResult {
  /** Findings in the document itself (bibliography problems come from lintBibliography). */
  readonly findings: Finding[];
  /** Every prose sentence with its claim score; `supported` when a citation backs it. */
  readonly claims: ClaimResult[];
  readonly citations: ResolvedCitation[];
  readonly stats: { readonly claims: number; readonly supported: number };
}

export interface LintDocumentOptions {
  /** The claim scorer (default: the trained scoreClaim); tests pass a fixed one to check rule logic alone. */
  readonly scoreClaim?: ClaimScorer;
  /**
   * Scores remembered from earlier lints (of this scorer): live diagnostics pass one per session so
   * a re-lint after a keystroke only scores the sentences that changed.
   */
  readonly claimScoreCache?: ClaimScoreCache;
}

export function lintDocument(
  doc: TextDocumentLike,
  bib: LintBibliography,
  config: LintConfig,
  options: LintDocumentOptions = {},
): DocumentLintResult {
  const text = doc.getText();
  const language = normaliseLanguage(doc.languageId);
  const file = fileOfUri(doc.uri);

  // Found once, for the citation recognisers and the sentence splitter.
  const regions = findRegions(text, language);
  const found = findCitations(text, language, regions);
  const citations: ResolvedCitation[] = found.map((citation) => ({ citation, resolved: citation.items.map((item) => resolveCitationItem(item, bib)) }));
  const scorer: ClaimScorer = options.scoreClaim ?? ((input, scoreOptions) => scoreClaim(input, scoreOptions));
  const cache = options.claimScoreCache;
  const score: ClaimScorer = cache ? (input, scoreOptions) => cache.scoreOf(input, scoreOptions, scorer) : scorer;
  const claims = assessClaims(text, language, regions, found, supportsClaims(citations, config), config, score);

  const ctx: DocumentContext = {
    file,
    text,
    language,
    bib,
    config,
    claims,
    citations,
    rangeOf: (start, end) => ({ start: doc.positionAt(start), end: doc.positionAt(end) }),
  };
  const suppressions = parseSuppressions(text, language);
  const findings: Finding[] = [];
  for (const rule of documentRules) {
    const level = config.rules[rule.id];
    if (level === 'off') continue;
    for (const f of rule.check(ctx)) {
      if (f.offset !== undefined && suppressions.isSuppressed(rule.id, f.offset, f.endOffset)) continue;
      findings.push(toFinding(rule.id, level, f));
    }
  }
  findings.sort(byPosition);

  const claimed = claims.filter((c) => c.score.claim);
  return {
    findings,
    claims,
    citations,
    stats: { claims: claimed.length, supported: claimed.filter((c) => c.supported).length },
  };
}

/** Findings about the bibliography files themselves (parse errors, duplicate keys). */
export function lintBibliography(bib: Pick<BibliographyLookup, 'problems'>, config: LintConfig): Finding[] {
  const findings: Finding[] = [];
  for (const rule of bibliographyRules) {
    const level = config.rules[rule.id];
    if (level === 'off') continue;
    for (const f of rule.check(bib)) findings.push(toFinding(rule.id, level, f));
  }
  return findings.sort(byPosition);
}

/** Findings that need every document of a run: entries no document cites (`unused-entry`). */
export function lintUnusedEntries(bib: BibliographyLookup, citedKeys: ReadonlySet<string>, config: LintConfig): Finding[] {
  const findings: Finding[] = [];
  for (const rule of workspaceRules) {
    const level = config.rules[rule.id];
    if (level === 'off') continue;
    for (const f of rule.check(bib, citedKeys)) findings.push(toFinding(rule.id, level, f));
  }
  return findings.sort(byPosition);
}

/** Keys of the entries a lint result's citations resolved to. */
export function citedKeysOf(result: Pick<DocumentLintResult, 'citations'>): Set<string> {
  const keys = new Set<string>();
  for (const c of result.citations) for (const entries of c.resolved) for (const e of entries) keys.add(e.key);
  return keys;
}

const NOT_A_CLAIM: ClaimScore = { claim: false, score: 0, reasons: [] };

/**
 * Which citations can support a claim: those with an item that resolves to a bibliography entry. A
 * citation of unknown keys only is no evidence. When keys are not checked (unknown-key off, as for a
 * document the CLI found no bibliography for) every citation is taken at its word.
 */
function supportsClaims(citations: readonly ResolvedCitation[], config: LintConfig): (citation: Citation) => boolean {
  if (config.rules['unknown-key'] === 'off') return () => true;
  const resolving = new Set(citations.filter((c) => c.resolved.some((entries) => entries.length > 0)).map((c) => c.citation));
  return (citation) => resolving.has(citation);
}

/**
 * Scores every sentence, read with its context (the previous sentence of its paragraph, its heading,
 * the list it is a point of) in the writer's own voice (the configured names, else those the document
 * declares), and decides whether a citation supports it: one in the sentence, else (with
 * allowCitationInNextSentence) one in a next sentence of the paragraph that is only citations.
 */
function assessClaims(
  text: string,
  language: DocumentLanguage,
  regions: readonly Region[],
  citations: readonly Citation[],
  supports: (citation: Citation) => boolean,
  config: LintConfig,
  score: ClaimScorer,
): ClaimResult[] {
  const sentences = splitSentences(text, language, regions);
  const inSentence = citationsBySentence(sentences, citations);
  const isCitation = citationItemTest(citations, text);
  const onlyCitation = sentences.map((s, i) => isOnlyCitations(text, s, inSentence[i]!));
  const scoreOptions: ClaimScoreOptions = {
    sensitivity: config.sensitivity,
    ownVoice: config.ownVoice.length ? config.ownVoice : inferOwnVoice(text),
  };
  const plain = language === 'latex' ? latexToPlain : (s: string) => s;
  const results: ClaimResult[] = [];
  for (let i = 0; i < sentences.length; i++) {
    const sentence = sentences[i]!;
    const own = inSentence[i]!;
    const next = sentences[i + 1];
    const borrowable =
      config.allowCitationInNextSentence && next && next.paragraph === sentence.paragraph && onlyCitation[i + 1] ? inSentence[i + 1]! : [];
    // The sentence's own citations, unless only the next sentence's support it.
    const cites = own.some(supports) || !borrowable.some(supports) ? (own.length ? own : borrowable) : borrowable;
    const verdict = onlyCitation[i] ? NOT_A_CLAIM : score(claimInput(sentence, sentences[i - 1], plain), scoreOptions);
    const supported = cites.some(supports);
    const unknownCited = supported ? [] : [...new Set(cites.flatMap((c) => c.items.filter(isCitation).map(citedItemLabel)))];
    results.push({ sentence, score: verdict, supported, citations: [...cites], ...(unknownCited.length ? { unknownCited } : {}) });
  }
  return results;
}

/** What the scorer reads of a sentence: its text and what a reviewer sees around it. */
export function claimInput(sentence: Sentence, previous: Sentence | undefined, plain: (s: string) => string = (s) => s): ClaimInput {
  const input: { -readonly [K in keyof ClaimInput]: ClaimInput[K] } = { text: plain(sentence.text) };
  if (previous && previous.paragraph === sentence.paragraph) input.contextBefore = plain(previous.text);
  if (sentence.section !== undefined) input.heading = sentence.section;
  if (sentence.listIntro !== undefined) input.listIntro = plain(sentence.listIntro);
  return input;
}

/**
 * The citations overlapping each sentence. Both lists are sorted by start, so one forward pass
 * suffices (linear in sentences + citations, for long documents).
 */
function citationsBySentence(sentences: readonly Sentence[], citations: readonly Citation[]): Citation[][] {
  let first = 0;
  return sentences.map((sentence) => {
    while (first < citations.length && citations[first]!.span.end <= sentence.span.start) first++;
    const out: Citation[] = [];
    for (let i = first; i < citations.length && citations[i]!.span.start < sentence.span.end; i++) {
      if (citations[i]!.span.end > sentence.span.start) out.push(citations[i]!);
    }
    return out;
  });
}

// What may surround citations in a sentence that is "only a citation": "(e.g. ⇡Vegas, 2020)."
const CITATION_FILLER = /^(?:[\s\p{P}\p{S}]|e\.g\.|i\.e\.|see|cf\.|also|and)*$/iu;

function isOnlyCitations(text: string, sentence: Sentence, cites: readonly Citation[]): boolean {
  if (cites.length === 0) return false;
  let rest = '';
  let at = sentence.span.start;
  for (const c of cites) {
    rest += text.slice(at, Math.max(at, c.span.start));
    at = Math.max(at, c.span.end);
  }
  rest += text.slice(at, sentence.span.end);
  return CITATION_FILLER.test(rest);
}

const SEVERITY_ORDER: readonly Severity[] = ['hint', 'info', 'warning', 'error'];

function toFinding(ruleId: RuleId, level: Severity, f: RuleFinding): Finding {
  const severity =
    f.maxSeverity && SEVERITY_ORDER.indexOf(f.maxSeverity) < SEVERITY_ORDER.indexOf(level) ? f.maxSeverity : level;
  return {
    ruleId,
    severity,
    message: f.message,
    file: f.file,
    range: f.range,
    ...(f.suggestions?.length ? { suggestions: f.suggestions } : {}),
    ...(f.reasons?.length ? { reasons: f.reasons } : {}),
  };
}

function byPosition(a: Finding, b: Finding): number {
  return (
    a.file.localeCompare(b.file) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character
  );
}

/** A document URI as a file path when it is a file: URI, else as given (untitled, tests). */
export function fileOfUri(uri: string): string {
  if (uri.startsWith('file:')) {
    try {
      return fileURLToPath(uri);
    } catch {
      return uri;
    }
  }
  return uri;
}
