/**
 * Builds the Evidence panel's state from a document's lint result: coverage overall and per
 * section, the uncited claims with suggested entries, and the works the document cites.
 * Pure (no 'vscode'): the extension supplies the lint result, suggestions and reference formatter.
 */
import { latexToPlain } from '../document/regions';
import { parseSuppressions } from '../lint/suppression';
import type { BibEntry, Citation, ClaimScore, DocumentLanguage, Sentence, Span } from '../types';
import { doiUrl } from './escapeHtml';
import { citationLabel, plainReference } from '../format/labels';
import { evidenceLabel, evidenceProfile } from '../evidence/evidenceKind';
import { leastRelatedCitations, weaklySupportedClaims } from './evidenceChecks';
import type { TermReader } from '../relevance/terms';

/**
 * The fields of DocumentLintResult (src/core/lint/lintDocument.ts) the panel reads. Declared here
 * so the panel does not depend on the lint module's other fields; a DocumentLintResult fits it.
 */
export interface PanelLintResult {
  readonly claims: readonly {
    readonly sentence: Sentence;
    readonly score: ClaimScore;
    /** Only citations that resolve to an entry support a claim. */
    readonly supported: boolean;
    /** The citations supporting the claim (for the relevance and evidence-kind lists). */
    readonly citations?: readonly Citation[];
    /** Unsupported though it cites: the unknown keys it cites. */
    readonly unknownCited?: readonly string[];
  }[];
  readonly citations: readonly {
    readonly citation: Citation;
    readonly resolved: readonly (readonly BibEntry[])[];
  }[];
}

export interface PanelDocument {
  readonly uri: string;
  /** What the panel's title shows: usually the file name. */
  readonly name: string;
  readonly version: number;
  /** The full text the lint result was computed from (for insertion points and suppression comments). */
  readonly text: string;
  /** For suppression comments' syntax; default 'markdown'. */
  readonly language?: DocumentLanguage;
}

export interface PanelInput {
  readonly document: PanelDocument;
  readonly lint: PanelLintResult;
  /** Best bibliography entries for a claim's text, best first. */
  readonly suggest: (claimText: string, limit: number) => readonly BibEntry[];
  /** A formatted reference for the entry's detail; falls back to a plain one if it throws. */
  readonly format: (entry: BibEntry) => string;
  /** Suggestions shown per uncited claim (default 3). */
  readonly suggestionLimit?: number;
  /** Most uncited claims listed (default 200); the rest are counted, not listed. */
  readonly maxUncitedListed?: number;
  /** Most "least related citations" listed (default 5). */
  readonly leastRelatedLimit?: number;
  /** The year ages are counted to (default: this year). */
  readonly currentYear?: number;
  /** A word reader kept between panel updates, so the relevance score does not stem the same words again. */
  readonly termReader?: TermReader;
}

/** What the panel shows about one bibliography entry (all plain text; the renderer escapes it). */
export interface EntryView {
  readonly key: string;
  /** Short author-year label: "Hennessy, Jordan & Wagner (2021)". */
  readonly label: string;
  readonly title?: string;
  /** Formatted full reference. */
  readonly reference: string;
  readonly doiUrl?: string;
  readonly url?: string;
  /** Bibliography file and 1-based line, for "open in bibliography". */
  readonly location: { readonly file: string; readonly line: number };
  /** What kind of evidence it is: "Peer-reviewed article · 2021 (5 years old)". */
  readonly evidence: string;
}

/** A citation whose work fits its sentence least (the relevance score). */
export interface LeastRelatedView {
  /** The citation item: reveal selects it. */
  readonly span: Span;
  /** The citing sentence, its citations left out. */
  readonly text: string;
  /** 0..1 (0: the work shares no word with the sentence). */
  readonly score: number;
  readonly shared: readonly string[];
  readonly entry: EntryView;
}

/** A supported claim whose every cited work is a blog post, news or a preprint. */
export interface WeakSupportView {
  readonly span: Span;
  readonly text: string;
  readonly section?: string;
  readonly works: readonly EntryView[];
}

export interface SectionCoverage {
  readonly title: string;
  readonly claims: number;
  readonly supported: number;
  /** Whole percent, rounded down so 100 means every claim is supported. */
  readonly coverage: number;
  /** True for the section(s) with the lowest coverage, when that is below 100 and there are several. */
  readonly weakest: boolean;
}

export interface UncitedClaimView {
  /** The sentence's span: reveal selects it. */
  readonly span: Span;
  /** Where a citation goes: after the sentence's last word, before its closing punctuation. */
  readonly insertOffset: number;
  readonly text: string;
  readonly section?: string;
  readonly score: number;
  readonly reasons: readonly string[];
  /** The unknown keys it cites, when those are all it cites. */
  readonly unknownCited?: readonly string[];
  readonly suggestions: readonly EntryView[];
}

export type CitedWorkStatus = 'known' | 'unknown' | 'ambiguous';

export interface CitedWorkView {
  /** Stable id within the state: the entry key, or the text as written for unresolved ones. */
  readonly id: string;
  readonly status: CitedWorkStatus;
  /** The entry's label, or the key / author-year text as written. */
  readonly label: string;
  /** How many times the document cites it. */
  readonly count: number;
  /** Where it is cited (item spans), in document order; capped. */
  readonly occurrences: readonly Span[];
  readonly entry?: EntryView;
  /** For ambiguous author-year citations: the entries it could mean. */
  readonly candidates?: readonly EntryView[];
}

export interface PanelState {
  readonly kind: 'document';
  readonly document: { readonly uri: string; readonly name: string; readonly version: number };
  readonly summary: { readonly claims: number; readonly supported: number; readonly coverage: number | undefined };
  readonly sections: readonly SectionCoverage[];
  readonly uncited: readonly UncitedClaimView[];
  /** Uncited claims not listed because of maxUncitedListed. */
  readonly uncitedNotListed: number;
  /** Uncited claims not listed because a comment suppresses uncited-claim for them (still counted in coverage). */
  readonly uncitedSuppressed: number;
  readonly cited: readonly CitedWorkView[];
  /** Citations whose works fit their sentences least, lowest first. */
  readonly leastRelated: readonly LeastRelatedView[];
  /** Claims supported only by blog posts, news or preprints. */
  readonly weaklySupported: readonly WeakSupportView[];
}

/** What the panel shows when there is no document to report on. */
export interface PanelMessage {
  readonly kind: 'message';
  readonly text: string;
}

export type PanelContent = PanelState | PanelMessage;

export const NO_HEADING_SECTION = '(before the first heading)';
const MAX_OCCURRENCES = 50;
const MAX_CLAIM_TEXT = 400;

export function buildPanelState(input: PanelInput): PanelState {
  const { document, lint } = input;
  const suggestionLimit = clampInt(input.suggestionLimit, 3, 0, 20);
  const maxListed = clampInt(input.maxUncitedListed, 200, 0, 10_000);
  const views = new EntryViews(input.format, input.currentYear);
  const plain = document.language === 'latex' ? latexToPlain : (text: string) => text;

  const claims = lint.claims.filter((c) => c.score.claim);
  const supported = claims.filter((c) => c.supported).length;
  // A claim the writer silenced with an evidence-lint comment is not nagged about here either.
  const suppressions = parseSuppressions(document.text, document.language ?? 'markdown');
  const unsupported = claims.filter((c) => !c.supported);
  const uncitedClaims = unsupported.filter((c) => !suppressions.isSuppressed('uncited-claim', c.sentence.span.start, c.sentence.span.end));

  const uncited: UncitedClaimView[] = [];
  for (const c of uncitedClaims.slice(0, maxListed)) {
    const span = clampSpan(c.sentence.span, document.text.length);
    uncited.push({
      span,
      insertOffset: citationInsertOffset(document.text, span),
      // LaTeX source reads as its text ("70\\%" as "70%"), as the claim was scored.
      text: truncate(plain(c.sentence.text).replace(/\s+/g, ' ').trim(), MAX_CLAIM_TEXT),
      section: c.sentence.section,
      score: Math.round(c.score.score * 100) / 100,
      reasons: [...c.score.reasons],
      ...(c.unknownCited?.length ? { unknownCited: [...c.unknownCited] } : {}),
      suggestions: safeSuggest(input.suggest, c.sentence.text, suggestionLimit).map((e) => views.of(e)),
    });
  }

  return {
    kind: 'document',
    document: { uri: document.uri, name: document.name, version: document.version },
    summary: { claims: claims.length, supported, coverage: percent(supported, claims.length) },
    sections: sectionCoverage(claims),
    uncited,
    uncitedNotListed: uncitedClaims.length - uncited.length,
    uncitedSuppressed: unsupported.length - uncitedClaims.length,
    cited: citedWorks(lint.citations, views),
    leastRelated: leastRelatedCitations(document.text, lint, clampInt(input.leastRelatedLimit, 5, 0, 50), input.termReader).map((c) => ({
      span: c.span,
      text: truncate(c.text, MAX_CLAIM_TEXT),
      score: c.score,
      shared: c.shared,
      entry: views.of(c.entry),
    })),
    weaklySupported: weaklySupportedClaims(lint, input.currentYear).map((w) => ({
      span: clampSpan(w.span, document.text.length),
      text: truncate(w.text.replace(/\s+/g, ' ').trim(), MAX_CLAIM_TEXT),
      ...(w.section ? { section: w.section } : {}),
      works: w.entries.map((e) => views.of(e)),
    })),
  };
}

function sectionCoverage(claims: PanelLintResult['claims']): SectionCoverage[] {
  const bySection = new Map<string, { claims: number; supported: number }>();
  for (const c of claims) {
    const title = c.sentence.section?.trim() || NO_HEADING_SECTION;
    const counts = bySection.get(title) ?? { claims: 0, supported: 0 };
    counts.claims++;
    if (c.supported) counts.supported++;
    bySection.set(title, counts);
  }
  const sections = [...bySection].map(([title, n]) => ({ title, ...n, coverage: percent(n.supported, n.claims) ?? 0 }));
  const lowest = Math.min(...sections.map((s) => s.coverage));
  const markWeakest = sections.length > 1 && lowest < 100;
  return sections.map((s) => ({ ...s, weakest: markWeakest && s.coverage === lowest }));
}

function citedWorks(citations: PanelLintResult['citations'], views: EntryViews): CitedWorkView[] {
  interface Group {
    status: CitedWorkStatus;
    label: string;
    count: number;
    occurrences: Span[];
    entry?: EntryView;
    candidates?: EntryView[];
  }
  const groups = new Map<string, Group>();
  for (const { citation, resolved } of citations) {
    citation.items.forEach((item, i) => {
      const matches = resolved[i] ?? [];
      const written = (item.key ?? item.text).trim();
      let id: string;
      let make: () => Group;
      if (matches.length === 1) {
        const entry = matches[0];
        id = `entry:${entry.key}`;
        make = () => {
          const view = views.of(entry);
          return { status: 'known', label: view.label, count: 0, occurrences: [], entry: view };
        };
      } else if (matches.length === 0) {
        id = `unknown:${written}`;
        make = () => ({ status: 'unknown', label: written, count: 0, occurrences: [] });
      } else {
        id = `ambiguous:${written}`;
        make = () => ({
          status: 'ambiguous',
          label: written,
          count: 0,
          occurrences: [],
          candidates: matches.map((e) => views.of(e)),
        });
      }
      const group = groups.get(id) ?? make();
      group.count++;
      if (group.occurrences.length < MAX_OCCURRENCES) group.occurrences.push(item.span);
      groups.set(id, group);
    });
  }
  const rank: Record<CitedWorkStatus, number> = { unknown: 0, ambiguous: 1, known: 2 };
  return [...groups]
    .map(([id, g]) => ({ id, ...g, occurrences: [...g.occurrences].sort((a, b) => a.start - b.start) }))
    .sort((a, b) => rank[a.status] - rank[b.status] || b.count - a.count || a.label.localeCompare(b.label));
}

/** Builds each entry's view once per state (formatting can be slow). */
class EntryViews {
  private readonly cache = new Map<string, EntryView>();
  constructor(
    private readonly format: (entry: BibEntry) => string,
    private readonly currentYear?: number,
  ) {}

  of(entry: BibEntry): EntryView {
    const cached = this.cache.get(entry.key);
    if (cached) return cached;
    const view: EntryView = {
      key: entry.key,
      label: citationLabel(entry),
      title: entry.title,
      reference: this.reference(entry),
      doiUrl: doiUrl(entry.doi),
      url: entry.url,
      location: { file: entry.location.file, line: entry.location.line },
      evidence: evidenceLabel(evidenceProfile(entry, this.currentYear)),
    };
    this.cache.set(entry.key, view);
    return view;
  }

  private reference(entry: BibEntry): string {
    try {
      const text = this.format(entry);
      if (typeof text === 'string' && text.trim()) return text.trim();
    } catch {
      // A formatter failure must not blank the panel: fall back to a plain reference.
    }
    return plainReference(entry);
  }
}





/**
 * Where to insert a citation for a sentence: after its last word and before its closing
 * punctuation and quotes ("… at scale [@key]."), or at its end if it has no closing punctuation.
 */
export function citationInsertOffset(text: string, span: Span): number {
  const sentence = text.slice(span.start, span.end);
  const trimmedEnd = sentence.replace(/\s+$/u, '').length;
  const body = sentence.slice(0, trimmedEnd);
  const closing = /[.!?…]+["'”’»)\]]*$/u.exec(body);
  return span.start + (closing ? closing.index : body.length);
}

function safeSuggest(suggest: PanelInput['suggest'], text: string, limit: number): readonly BibEntry[] {
  if (limit === 0) return [];
  try {
    const found = suggest(text, limit);
    return Array.isArray(found) ? found.slice(0, limit) : [];
  } catch {
    return [];
  }
}

function percent(part: number, whole: number): number | undefined {
  return whole === 0 ? undefined : Math.floor((part / whole) * 100);
}

function clampSpan(span: Span, length: number): Span {
  const start = Math.max(0, Math.min(span.start, length));
  return { start, end: Math.max(start, Math.min(span.end, length)) };
}

function clampInt(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.max(min, Math.min(max, Math.floor(value)));
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
