/**
 * What a rule is: metadata (shared by the CLI's SARIF output and docs) and a check that returns
 * findings without severity — lintDocument applies the configured level and suppressions.
 */
import type {
  BibEntry,
  BibliographyLookup,
  Citation,
  ClaimScore,
  DocumentLanguage,
  Range,
  RuleId,
  RuleLevel,
  Sentence,
  Severity,
  SourceLocation,
} from '../../types';
import type { LintConfig } from '../config';
import type { SuggestionSource } from '../suggest';

/** Where rule documentation lives; one anchor per rule id. */
export const RULE_HELP_BASE = 'https://github.com/edtechhub/evidence-writer#rule-';

export interface RuleMeta {
  readonly id: RuleId;
  /** One line, for `--help`, SARIF `shortDescription` and the README. */
  readonly description: string;
  readonly defaultLevel: RuleLevel;
  /** Where the finding lives: in the document, or in a bibliography file. */
  readonly scope: 'document' | 'bibliography' | 'workspace';
}

export function helpUri(id: RuleId): string {
  return RULE_HELP_BASE + id;
}

export interface ClaimResult {
  readonly sentence: Sentence;
  readonly score: ClaimScore;
  /** A citation that resolves to a bibliography entry backs it (see lintDocument). */
  readonly supported: boolean;
  /** Citations inside the sentence (or the citation-only sentence after it). */
  readonly citations: Citation[];
  /** Unsupported though it cites: what it cites, as messages name it ("nosuchkey2020", '"Nobody, 1999"'). */
  readonly unknownCited?: readonly string[];
}

export interface ResolvedCitation {
  readonly citation: Citation;
  /** Per item of the citation, the entries it resolves to (empty: none; several: ambiguous). */
  readonly resolved: (readonly BibEntry[])[];
}

/** The bibliography a document is linted against: its entries, and their did-you-mean suggestions. */
export type LintBibliography = BibliographyLookup & SuggestionSource;

/** Everything a document rule may read; computed once per lint. */
export interface DocumentContext {
  readonly file: string;
  readonly text: string;
  readonly language: DocumentLanguage;
  readonly bib: LintBibliography;
  readonly config: LintConfig;
  readonly claims: readonly ClaimResult[];
  readonly citations: readonly ResolvedCitation[];
  rangeOf(start: number, end: number): Range;
}

/** A finding before the configured severity is applied. */
export interface RuleFinding {
  readonly message: string;
  readonly file: string;
  readonly range: Range;
  /** Offset where the finding starts in the document (for suppression comments); absent for bib files. */
  readonly offset?: number;
  /** Offset where it ends (a sentence: a `disable-sentence` comment right after it suppresses it). */
  readonly endOffset?: number;
  readonly suggestions?: readonly string[];
  readonly reasons?: readonly string[];
  /** The most severe level this finding may have (a bibliography problem that is only a warning). */
  readonly maxSeverity?: Severity;
}

export interface DocumentRule extends RuleMeta {
  readonly scope: 'document';
  check(ctx: DocumentContext): RuleFinding[];
}

/** A rule over the bibliography itself (problems found while loading it). */
export interface BibliographyRule extends RuleMeta {
  readonly scope: 'bibliography';
  check(bib: Pick<BibliographyLookup, 'problems'>): RuleFinding[];
}

/** A rule that needs every document of a run (an entry is unused only if no document cites it). */
export interface WorkspaceRule extends RuleMeta {
  readonly scope: 'workspace';
  check(bib: BibliographyLookup, citedKeys: ReadonlySet<string>): RuleFinding[];
}

/** A 0-based editor range at a 1-based file location (bibliography problems and entries). */
export function rangeAtLocation(location: SourceLocation): Range {
  const line = Math.max(0, location.line - 1);
  const character = Math.max(0, location.column - 1);
  return { start: { line, character }, end: { line, character } };
}
