/**
 * Quick fixes for evidence-lint findings, as edits and commands any editor can apply:
 * - uncited-claim: "Cite evidence…" (a command: the editor offers the entries most relevant to the
 *   claim, then inserts the citation) and "Ignore this claim" (a `disable-sentence` comment after the
 *   sentence: only that sentence, even in a paragraph written on one line);
 * - unknown-key: "Change to `closest key`" for each suggestion;
 * - ambiguous-citation: "Cite as `key`" for each matching entry (a key, or the year with its letter).
 */
import { hubCitationText, yearLabelOf } from '../format/labels';
import { normaliseLanguage } from '../document/textDocument';
import { convertCitations } from '../citations/convertCitations';
import type { BibliographyLookup, CitationItem, CitationSyntax, Finding, Range, Span, SpanEdit, TextDocumentLike } from '../types';
import type { DocumentCitations } from './documentCitations';

export const CITE_EVIDENCE_COMMAND = 'evidenceWriter.citeEvidence';

export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

export interface EvidenceCodeAction {
  readonly title: string;
  /** A fix for a finding, or a rewrite the writer may want (converting citations). */
  readonly kind: 'quickfix' | 'refactor.rewrite';
  /** The finding it fixes (quick fixes). */
  readonly finding?: Finding;
  readonly isPreferred?: boolean;
  /** Applied to the document as one undoable edit. */
  readonly edits?: readonly TextEdit[];
  readonly command?: { readonly command: string; readonly arguments: readonly unknown[] };
}

/** What "Cite evidence…" needs to open its picker and insert the citation. */
export interface CiteEvidenceArgs {
  readonly uri: string;
  /** The claim sentence. */
  readonly range: Range;
}

export function codeActionsFor(
  document: TextDocumentLike,
  findings: readonly Finding[],
  citations: DocumentCitations,
  index: BibliographyLookup,
): EvidenceCodeAction[] {
  const actions: EvidenceCodeAction[] = [];
  for (const finding of findings) {
    if (finding.ruleId === 'uncited-claim') actions.push(...claimActions(document, finding));
    if (finding.ruleId === 'unknown-key') actions.push(...replacementActions(document, finding, citations, index, 'change'));
    if (finding.ruleId === 'ambiguous-citation') actions.push(...replacementActions(document, finding, citations, index, 'disambiguate'));
  }
  return actions;
}

function claimActions(document: TextDocumentLike, finding: Finding): EvidenceCodeAction[] {
  const args: CiteEvidenceArgs = { uri: document.uri, range: finding.range };
  return [
    { title: 'Cite evidence…', kind: 'quickfix', finding, isPreferred: true, command: { command: CITE_EVIDENCE_COMMAND, arguments: [args] } },
    { title: 'Ignore this claim', kind: 'quickfix', finding, edits: [ignoreSentenceEdit(document, finding.range)] },
  ];
}

/**
 * The comment that switches off uncited-claim for one sentence, right after it. In LaTeX a `%` comment
 * runs to the end of the line, so unless the sentence ends its line the rest moves to the next line
 * (TeX's comment also eats that line break: the output is unchanged).
 */
export function ignoreSentenceEdit(document: TextDocumentLike, sentence: Range): TextEdit {
  const directive = 'evidence-lint-disable-sentence uncited-claim';
  const text = document.getText();
  const end = document.offsetAt(sentence.end);
  const at = document.positionAt(end);
  if (normaliseLanguage(document.languageId) !== 'latex') return { range: { start: at, end: at }, newText: ` <!-- ${directive} -->` };
  const lineEnd = text.indexOf('\n', end);
  const rest = text.slice(end, lineEnd < 0 ? text.length : lineEnd);
  if (/^\s*$/.test(rest)) {
    const eol = document.positionAt(end + rest.length);
    return { range: { start: eol, end: eol }, newText: `${rest.length > 0 && /\s$/.test(rest) ? '' : ' '}% ${directive}` };
  }
  const restStart = end + (rest.length - rest.trimStart().length);
  return { range: { start: at, end: document.positionAt(restStart) }, newText: ` % ${directive}\n` };
}

/**
 * Replacements for the cited item a finding is about: for unknown-key, each "did you mean" key; for
 * ambiguous-citation, each matching entry. Keys replace keys; an author-year citation gets the entry's
 * own author-year text (with its year letter, `2020b`).
 */
function replacementActions(
  document: TextDocumentLike,
  finding: Finding,
  citations: DocumentCitations,
  index: BibliographyLookup,
  kind: 'change' | 'disambiguate',
): EvidenceCodeAction[] {
  const suggestions = finding.suggestions ?? [];
  if (suggestions.length === 0) return [];
  const item = itemIn(document, finding.range, citations);
  const actions: EvidenceCodeAction[] = [];
  for (const key of suggestions.slice(0, kind === 'change' ? 3 : 6)) {
    const entry = index.get(key);
    let replacement: string | undefined = key;
    if (item?.authorYear) {
      // A misspelt name is rewritten whole; an ambiguous one keeps the writer's names and gains the year letter.
      replacement = entry && (kind === 'disambiguate' ? withYearLabel(item, yearLabelOf(entry)) : hubCitationText(entry));
    }
    if (!replacement) continue;
    const span = item ? keySpan(document, item) : undefined;
    const range = span ? { start: document.positionAt(span.start), end: document.positionAt(span.end) } : finding.range;
    const title = kind === 'change' ? `Change to \`${replacement}\`` : `Cite as \`${replacement}\`${entry?.title ? ` (${shorten(entry.title)})` : ''}`;
    actions.push({ title, kind: 'quickfix', finding, isPreferred: kind === 'change' && actions.length === 0, edits: [{ range, newText: replacement }] });
  }
  return actions;
}

/** The item as written with another year label ("Major & Francis, 2020" → "Major & Francis, 2020b"). */
function withYearLabel(item: CitationItem, yearLabel: string): string | undefined {
  const year = item.authorYear?.year;
  const at = year ? item.text.lastIndexOf(year) : -1;
  return at < 0 || !year ? undefined : `${item.text.slice(0, at)}${yearLabel}${item.text.slice(at + year.length)}`;
}

function shorten(title: string): string {
  return title.length > 50 ? `${title.slice(0, 49).trimEnd()}…` : title;
}

/** The citation item a finding is about (the finding covers the item's span). */
function itemIn(document: TextDocumentLike, range: Range, citations: DocumentCitations): CitationItem | undefined {
  const start = document.offsetAt(range.start);
  const end = document.offsetAt(range.end);
  for (const citation of citations.of(document)) {
    for (const item of citation.items) {
      if (item.span.start >= start && item.span.end <= end) return item;
    }
  }
  return undefined;
}

/** The span of the key itself (an item's span may include Pandoc's `@`); the whole item for author-year. */
function keySpan(document: TextDocumentLike, item: CitationItem): Span {
  if (item.authorYear || !item.key) return item.span;
  const text = document.getText().slice(item.span.start, item.span.end);
  const at = text.indexOf(item.key);
  return at < 0 ? item.span : { start: item.span.start + at, end: item.span.start + at + item.key.length };
}

/** The Zotero forms Hub drafts carry (the plugin's tagged cites, scannable cites, item links). */
const ZOTERO_FORMS: ReadonlySet<CitationSyntax> = new Set(['zotero-tagged', 'zotero-scannable', 'zotero-link']);

/**
 * Rewrites of a Zotero-form citation under the cursor: to the Hub's published form (⇡Author, Year
 * linked to its library page) or to a citation key — this citation, or every citation of the document.
 */
export function conversionActions(document: TextDocumentLike, range: Range, citations: DocumentCitations, index: BibliographyLookup): EvidenceCodeAction[] {
  const start = document.offsetAt(range.start);
  const end = document.offsetAt(range.end);
  const all = citations.of(document);
  const here = all.filter((c) => ZOTERO_FORMS.has(c.syntax) && c.span.start <= end && start <= c.span.end);
  if (here.length === 0) return [];
  const text = document.getText();
  const language = normaliseLanguage(document.languageId);
  const actions: EvidenceCodeAction[] = [];
  for (const [target, name] of [['hub', 'the Hub form (⇡Author, Year, linked)'], ['key', 'a citation key ([@key])']] as const) {
    const one = convertCitations(text, language, index, target, { citations: here });
    if (one.edits.length > 0) actions.push({ title: `Convert to ${name}`, kind: 'refactor.rewrite', edits: one.edits.map((e) => toTextEdit(document, e)) });
    const every = convertCitations(text, language, index, target, { citations: all, from: [...ZOTERO_FORMS] });
    if (every.edits.length > one.edits.length) {
      actions.push({ title: `Convert all ${every.edits.length} Zotero citations to ${name}`, kind: 'refactor.rewrite', edits: every.edits.map((e) => toTextEdit(document, e)) });
    }
  }
  return actions;
}

/** A span edit (offsets) as an editor's edit (positions). */
export function toTextEdit(document: TextDocumentLike, edit: SpanEdit): TextEdit {
  return { range: { start: document.positionAt(edit.span.start), end: document.positionAt(edit.span.end) }, newText: edit.newText };
}
