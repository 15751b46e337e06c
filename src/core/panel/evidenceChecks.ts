/**
 * Two checks the Evidence panel adds to coverage: the citations whose works fit their sentence least
 * (the relevance score), and the supported claims that rest only on a blog post, news or a preprint
 * (the evidence kind of every work they cite).
 */
import { evidenceProfile, isWeakEvidence } from '../evidence/evidenceKind';
import { hasDescription } from '../relevance/citationRelevance';
import { scoreCitations } from '../relevance/citedSentences';
import type { TermReader } from '../relevance/terms';
import type { BibEntry, Citation, ClaimScore, Sentence, Span } from '../types';

/** What these checks read of a lint result (a DocumentLintResult fits). */
export interface CheckedLintResult {
  readonly claims: readonly {
    readonly sentence: Sentence;
    readonly score: ClaimScore;
    readonly supported: boolean;
    readonly citations?: readonly Citation[];
  }[];
  readonly citations: readonly { readonly citation: Citation; readonly resolved: readonly (readonly BibEntry[])[] }[];
}

export interface LeastRelated {
  /** The cited work's citation item: reveal selects it. */
  readonly span: Span;
  /** The citing sentence's prose, citations left out. */
  readonly text: string;
  readonly score: number;
  readonly shared: readonly string[];
  readonly entry: BibEntry;
}

export interface WeakSupport {
  readonly span: Span;
  readonly text: string;
  readonly section?: string;
  /** Every work the claim cites, each a blog post, news or a preprint. */
  readonly entries: readonly BibEntry[];
}

/**
 * A citation is listed as least related when it scores at most this: on the relevance benchmark 14%
 * of real citations do, and 71% of random works (`npm run eval:relevance`).
 */
export const LEAST_RELATED_MAX_SCORE = 0.3;

/** The citations scoring at most LEAST_RELATED_MAX_SCORE (of works that describe themselves), lowest first, at most `limit`. */
export function leastRelatedCitations(text: string, lint: CheckedLintResult, limit: number, reader?: TermReader): LeastRelated[] {
  if (limit <= 0) return [];
  const scored = scoreCitations(text, { claims: lint.claims.map((c) => ({ sentence: c.sentence, citations: c.citations ?? [] })), citations: lint.citations }, reader);
  return scored
    .filter((c) => c.score <= LEAST_RELATED_MAX_SCORE && hasDescription(c.entry))
    .sort((a, b) => a.score - b.score || a.item.span.start - b.item.span.start)
    .slice(0, limit)
    .map((c) => ({ span: c.item.span, text: c.prose, score: c.score, shared: c.shared, entry: c.entry }));
}

/** Supported claims every one of whose cited works resolves and is a blog post, news or a preprint. */
export function weaklySupportedClaims(lint: CheckedLintResult, currentYear?: number): WeakSupport[] {
  const resolvedOf = new Map(lint.citations.map((c) => [c.citation, c.resolved]));
  const out: WeakSupport[] = [];
  for (const claim of lint.claims) {
    if (!claim.score.claim || !claim.supported || !claim.citations?.length) continue;
    const resolved = claim.citations.flatMap((c) => resolvedOf.get(c) ?? c.items.map(() => []));
    if (resolved.length === 0 || resolved.some((entries) => entries.length !== 1)) continue;
    const entries = resolved.map((e) => e[0]!);
    if (!entries.every((e) => isWeakEvidence(evidenceProfile(e, currentYear).kind))) continue;
    out.push({ span: claim.sentence.span, text: claim.sentence.text, ...(claim.sentence.section ? { section: claim.sentence.section } : {}), entries: [...new Map(entries.map((e) => [e.key, e])).values()] });
  }
  return out;
}
