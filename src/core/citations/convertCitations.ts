/**
 * Converts a document's citations from one form to another, as edits a client applies at once (one
 * undoable edit): the Zotero forms (the Hub plugin's tagged cites, scannable cites, item links) and
 * Pandoc or LaTeX keys → the Hub's published form, `⇡Author, Year` linked to its library page
 * (`[⇡Haßler et al., 2020](https://docs.edtechhub.org/lib/KEY)`; `\href{…}{⇡…}` in LaTeX); or the
 * Zotero forms and the Hub's ⇡ citations → citation keys (`[@key]`, `@key`; `\citep{key}` /
 * `\parencite{key}` in LaTeX). A group stays a group, with the writer's prefixes and locators. What
 * cannot be converted (an unknown or ambiguous work, a work with no Hub library key, a LaTeX command
 * with notes) is left as written and listed. Pure: text and bibliography in, edits out.
 */
import { HUB_LIBRARY_URL, HUB_ZOTERO_GROUP } from '../bibliography/formats/hubKeys';
import { citationLabel, hubCitationText } from '../format/labels';
import type { BibEntry, BibliographyLookup, Citation, CitationSyntax, DocumentLanguage, Span, SpanEdit } from '../types';
import { hubAuthorYearUnit, latexUnit, linkUnits, pandocUnit, zoteroCiteUnit, type ConversionUnit, type UnitWork } from './conversionUnits';
import { findCitations } from './findCitations';
import { pandocKeyReference } from './insertText';
import { resolveCitationItem } from './resolve';

/** `hub`: the Hub's ⇡ form linked to docs.edtechhub.org/lib/KEY; `key`: citation keys. */
export type ConversionTarget = 'hub' | 'key';

export type { SpanEdit };

export interface UnconvertedCitation {
  readonly span: Span;
  /** The citation as written. */
  readonly text: string;
  readonly reason: string;
}

export interface CitationConversion {
  /** Sorted by position, never overlapping. */
  readonly edits: readonly SpanEdit[];
  readonly unconverted: readonly UnconvertedCitation[];
}

export interface ConvertOptions {
  /** Which forms to convert (default: every form the target is not already). */
  readonly from?: readonly CitationSyntax[];
  /** The document's citations, if already found (e.g. from a lint result). */
  readonly citations?: readonly Citation[];
}

const ZOTERO_FORMS: readonly CitationSyntax[] = ['zotero-tagged', 'zotero-scannable', 'zotero-link'];
const DEFAULT_SOURCES: Readonly<Record<ConversionTarget, readonly CitationSyntax[]>> = {
  hub: [...ZOTERO_FORMS, 'pandoc', 'latex'],
  key: [...ZOTERO_FORMS, 'hub-link', 'author-year'],
};

export function convertCitations(
  text: string,
  language: DocumentLanguage,
  bib: BibliographyLookup,
  target: ConversionTarget,
  options: ConvertOptions = {},
): CitationConversion {
  const sources = new Set(options.from ?? DEFAULT_SOURCES[target]);
  const citations = options.citations ?? findCitations(text, language);
  const edits: SpanEdit[] = [];
  const unconverted: UnconvertedCitation[] = [];
  const renderer = new Renderer(language, target, /\\usepackage(?:\[[^\]]*\])?\{biblatex\}|\\addbibresource\b/.test(text));
  for (const unit of unitsOf(text, language, citations, sources, target)) {
    if ('reason' in unit) {
      unconverted.push(unit);
      continue;
    }
    const resolved = unit.works.map((w) => resolveCitationItem(w.item, bib));
    const problem = resolved.map((entries, i) => whyNot(entries, unit.works[i]!, target)).find((p) => p !== undefined);
    const written = text.slice(unit.span.start, unit.span.end);
    if (problem) {
      unconverted.push({ span: unit.span, text: written, reason: problem });
      continue;
    }
    const rendered = renderer.render(unit, resolved.map((entries) => entries[0]!));
    if (typeof rendered !== 'string') unconverted.push({ span: unit.span, text: written, reason: rendered.reason });
    else if (rendered !== written) edits.push({ span: unit.span, newText: rendered });
  }
  return { edits, unconverted };
}

/** The units to convert, in document order and never overlapping: links first, since ⇡ text inside a link belongs to it. */
function unitsOf(
  text: string,
  language: DocumentLanguage,
  citations: readonly Citation[],
  sources: ReadonlySet<CitationSyntax>,
  target: ConversionTarget,
): (ConversionUnit | UnconvertedCitation)[] {
  const wanted = (syntax: CitationSyntax) => sources.has(syntax) && !(target === 'hub' && syntax === 'hub-link');
  const links = citations.filter((c) => (c.syntax === 'hub-link' || c.syntax === 'zotero-link') && wanted(c.syntax));
  const units: (ConversionUnit | UnconvertedCitation)[] = linkUnits(text, links, language);
  for (const c of citations) {
    if (!wanted(c.syntax) || c.syntax === 'hub-link' || c.syntax === 'zotero-link') continue;
    if (c.syntax === 'zotero-tagged' || c.syntax === 'zotero-scannable') units.push(zoteroCiteUnit(text, c));
    else if (c.syntax === 'pandoc' && target === 'hub') units.push(pandocUnit(text, c));
    else if (c.syntax === 'latex' && target === 'hub') {
      units.push(latexUnit(text, c) ?? { span: c.span, text: text.slice(c.span.start, c.span.end), reason: 'a LaTeX citation with notes: convert it by hand' });
    } else if (c.syntax === 'author-year' && target === 'key') {
      const unit = hubAuthorYearUnit(text, c);
      if (unit) units.push(unit);
    }
  }
  units.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  const kept: (ConversionUnit | UnconvertedCitation)[] = [];
  for (const u of units) {
    const last = kept[kept.length - 1];
    if (last && u.span.start < last.span.end) continue; // inside a link group already converted
    kept.push(u);
  }
  return kept;
}

function whyNot(entries: readonly BibEntry[], work: UnitWork, target: ConversionTarget): string | undefined {
  const item = work.item;
  const what = item.zotero ? `Zotero item key ${item.zotero.itemKey}` : item.key !== undefined ? `key ${item.key}` : item.hubKey ? `library key ${item.hubKey}` : `"${item.text}"`;
  if (entries.length === 0) return `no bibliography entry has the ${what}`;
  if (entries.length > 1) return `"${item.text}" matches ${entries.length} entries (${entries.map((e) => e.key).join(', ')})`;
  if (target === 'hub' && !hubKeyOf(entries[0]!, work)) return `${entries[0]!.key} has no EdTech Hub library key (docs.edtechhub.org/lib/…)`;
  if (target === 'hub' && work.suppressAuthor) return 'the author is left out (-@key): the ⇡ form names the author';
  return undefined;
}

/** The Hub library key to link to: the entry's, or the item's own key when the cite names the Hub's group library. */
function hubKeyOf(entry: BibEntry, work: UnitWork): string | undefined {
  if (entry.hubKey) return entry.hubKey;
  const z = work.item.zotero;
  return z?.library?.kind === 'group' && z.library.id === HUB_ZOTERO_GROUP ? z.itemKey : undefined;
}

/** Writes a unit in the target form. */
class Renderer {
  constructor(
    private readonly language: DocumentLanguage,
    private readonly target: ConversionTarget,
    /** A LaTeX document using biblatex (\parencite, \textcite) rather than natbib (\citep, \citet). */
    private readonly biblatex: boolean,
  ) {}

  render(unit: ConversionUnit, entries: readonly BibEntry[]): string | { reason: string } {
    if (this.target === 'hub') return this.hub(unit, entries);
    return this.language === 'latex' ? this.latexKeys(unit, entries) : this.pandocKeys(unit, entries);
  }

  private hub(unit: ConversionUnit, entries: readonly BibEntry[]): string {
    const links = unit.works.map((w, i) => {
      const entry = entries[i]!;
      const shown = w.label ?? (unit.narrative ? citationLabel(entry) : hubCitationText(entry));
      const link = this.link(`⇡${shown}`, `${HUB_LIBRARY_URL}${hubKeyOf(entry, w)!}`);
      return [w.prefix, link].filter(Boolean).join(' ') + (w.locator ? `, ${w.locator}` : '');
    });
    const body = links.join('; ');
    return unit.enclosed ? `(${body})` : body;
  }

  private link(shown: string, url: string): string {
    return this.language === 'latex' ? `\\href{${url}}{${shown}}` : `[${shown}](${url})`;
  }

  private pandocKeys(unit: ConversionUnit, entries: readonly BibEntry[]): string {
    const parts = unit.works.map((w, i) => {
      const ref = `${w.suppressAuthor ? '-' : ''}${pandocKeyReference(entries[i]!.key)}`;
      return [w.prefix, ref].filter(Boolean).join(' ') + (w.locator ? `, ${w.locator}` : '');
    });
    if (unit.narrative && unit.works.length === 1) {
      const w = unit.works[0]!;
      return pandocKeyReference(entries[0]!.key) + (w.locator ? ` [${w.locator}]` : '');
    }
    return `[${parts.join('; ')}]`;
  }

  private latexKeys(unit: ConversionUnit, entries: readonly BibEntry[]): string | { reason: string } {
    const command = unit.narrative ? (this.biblatex ? 'textcite' : 'citet') : this.biblatex ? 'parencite' : 'citep';
    const keys = entries.map((e) => e.key).join(',');
    const noted = unit.works.filter((w) => w.prefix || w.locator);
    if (noted.length === 0) return `\\${command}{${keys}}`;
    if (unit.works.length > 1) return { reason: 'several works with their own notes: one LaTeX command cannot carry them' };
    const w = unit.works[0]!;
    return `\\${command}[${w.prefix ?? ''}][${w.locator ?? ''}]{${keys}}`;
  }
}

/** `text` with sorted, non-overlapping edits applied (what a client does with them, for the CLI and tests). */
export function applySpanEdits(text: string, edits: readonly SpanEdit[]): string {
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.span.start) + e.newText;
    at = e.span.end;
  }
  return out + text.slice(at);
}
