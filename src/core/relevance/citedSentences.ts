/**
 * The sentences of a lint result that cite works, each with the works it cites and its prose with
 * the citations taken out (a key such as `hintze2015punishment` must not count as the sentence's
 * own words). A citation-only sentence that supports the sentence before it ("… schools. (⇡Vegas,
 * 2020)") is paired with that sentence. The relevance rule, the panel and the benchmark all read
 * the pairs from here.
 */
import type { BibEntry, Citation, CitationItem, Sentence, Span } from '../types';
import { RelevanceContext, type RelevanceScore } from './citationRelevance';
import type { TermReader } from './terms';

/** The fields of a lint result that are read (a DocumentLintResult fits). */
export interface CitingLintResult {
  readonly claims: readonly { readonly sentence: Sentence; readonly citations: readonly Citation[] }[];
  readonly citations: readonly { readonly citation: Citation; readonly resolved: readonly (readonly BibEntry[])[] }[];
}

export interface CitedWork {
  readonly item: CitationItem;
  /** The one entry the item resolves to (ambiguous and unknown items are left out). */
  readonly entry: BibEntry;
}

export interface CitingSentence {
  readonly sentence: Sentence;
  /** The sentence's prose without its citations. */
  readonly prose: string;
  readonly works: readonly CitedWork[];
}

export function citingSentences(text: string, lint: CitingLintResult): CitingSentence[] {
  const resolvedOf = new Map(lint.citations.map((c) => [c.citation, c.resolved]));
  const out: CitingSentence[] = [];
  for (const claim of lint.claims) {
    const works: CitedWork[] = [];
    for (const citation of claim.citations) {
      const resolved = resolvedOf.get(citation) ?? [];
      citation.items.forEach((item, i) => {
        const entries = resolved[i] ?? [];
        if (entries.length === 1) works.push({ item, entry: entries[0]! });
      });
    }
    if (works.length === 0) continue;
    const prose = proseWithoutCitations(text, claim.sentence.span, claim.citations);
    if (!/[\p{L}\p{N}]/u.test(prose)) continue; // a citation-only sentence: its works are counted with the sentence before it
    out.push({ sentence: claim.sentence, prose, works });
  }
  return out;
}

/** The text of `span` with every citation inside it replaced by a space. */
export function proseWithoutCitations(text: string, span: Span, citations: readonly Citation[]): string {
  const inside = citations.filter((c) => c.span.start < span.end && span.start < c.span.end).sort((a, b) => a.span.start - b.span.start);
  let prose = '';
  let at = span.start;
  for (const c of inside) {
    if (c.span.start > at) prose += text.slice(at, c.span.start);
    prose += ' ';
    at = Math.max(at, c.span.end);
  }
  if (at < span.end) prose += text.slice(at, span.end);
  return prose.replace(/\s+/g, ' ').trim();
}

export interface ScoredCitation extends CitedWork, RelevanceScore {
  readonly sentence: Sentence;
  readonly prose: string;
}

/**
 * Every resolved work cited by a sentence of the document, with how well it fits that sentence, in
 * document order. One RelevanceContext serves the whole document (its cited works, its sentences).
 * A long-lived `reader` (an editor session's) saves stemming the same words on every call.
 */
export function scoreCitations(text: string, lint: CitingLintResult, reader?: TermReader): ScoredCitation[] {
  const citing = citingSentences(text, lint);
  const context = new RelevanceContext({
    entries: citing.flatMap((s) => s.works.map((w) => w.entry)),
    sentences: lint.claims.map((c) => proseWithoutCitations(text, c.sentence.span, c.citations)),
    ...(reader ? { reader } : {}),
  });
  return citing.flatMap((s) => s.works.map((w) => ({ ...w, sentence: s.sentence, prose: s.prose, ...context.score(s.prose, w.entry) })));
}
