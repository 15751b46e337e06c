/**
 * The reference list of a document: the works it cites, in a CSL style (APA, the Hub's Evidence
 * Library APA, or a .csl file), as Markdown (DOIs, URLs and Hub library pages as links) or as a LaTeX
 * `thebibliography`, between marker comments so that it can be refreshed in place. One edit inserts or
 * refreshes it. Citations that resolve to no entry, or to several, are listed apart, never dropped.
 */
import { HUB_LIBRARY_URL } from '../bibliography/formats/hubKeys';
import { findCitations } from '../citations/findCitations';
import { resolveCitationItem } from '../citations/resolve';
import {
  LATEX_REFERENCES_END,
  LATEX_REFERENCES_END_LINE,
  LATEX_REFERENCES_START,
  LATEX_REFERENCES_START_LINE,
  MARKDOWN_REFERENCES_END,
  MARKDOWN_REFERENCES_END_LINE,
  MARKDOWN_REFERENCES_START,
  MARKDOWN_REFERENCES_START_LINE,
} from '../document/referenceMarkers';
import { findRegions } from '../document/regions';
import type { BibEntry, BibliographyLookup, Citation, DocumentLanguage, Span, SpanEdit } from '../types';
import { ReferenceFormatter, type CitationStyle } from '../format/formatReference';

export type ReferenceListFormat = 'markdown' | 'latex';

export interface ReferenceListOptions {
  readonly style?: CitationStyle;
  /** Renders the list (its CSL files cached); a new one by default. */
  readonly formatter?: ReferenceFormatter;
  /** Default: LaTeX for LaTeX documents, else Markdown. */
  readonly format?: ReferenceListFormat;
}

/** A citation the list cannot include. */
export interface UnlistedCitation {
  /** As written: the key, or the author-year or Zotero cite's text. */
  readonly text: string;
  /** Where it is first cited. */
  readonly span: Span;
  readonly reason: string;
}

export interface ReferenceList {
  /** The works listed, in the style's order. */
  readonly entries: readonly BibEntry[];
  /** The list alone (no markers): what `evidence-lint --references` prints. */
  readonly body: string;
  /** Inserts the list, or replaces the one between the markers: one edit. */
  readonly edit: SpanEdit;
  readonly unlisted: readonly UnlistedCitation[];
  /** Why the requested style was not used, if it was not. */
  readonly styleError?: string;
}

/** The resolved citations of a document (a lint result's `citations` fit). */
export type ResolvedCitations = readonly { readonly citation: Citation; readonly resolved: readonly (readonly BibEntry[])[] }[];

/** Finds and resolves the document's citations, then builds its list. */
export function referenceListFor(text: string, language: DocumentLanguage, bib: BibliographyLookup, options: ReferenceListOptions = {}): ReferenceList {
  const citations = findCitations(text, language).map((citation) => ({ citation, resolved: citation.items.map((item) => resolveCitationItem(item, bib)) }));
  return buildReferenceList(text, language, citations, options);
}

export function buildReferenceList(text: string, language: DocumentLanguage, citations: ResolvedCitations, options: ReferenceListOptions = {}): ReferenceList {
  const format = options.format ?? (language === 'latex' ? 'latex' : 'markdown');
  const cited = new Map<string, BibEntry>();
  const unlisted = new Map<string, UnlistedCitation>();
  for (const { citation, resolved } of citations) {
    citation.items.forEach((item, i) => {
      const entries = resolved[i] ?? [];
      if (entries.length === 1) {
        if (!cited.has(entries[0]!.key)) cited.set(entries[0]!.key, entries[0]!);
        return;
      }
      const written = item.zotero ? `${item.zotero.label ?? ''} (Zotero item ${item.zotero.itemKey})`.trim() : (item.key ?? item.text).trim();
      if (unlisted.has(written)) return;
      const reason = entries.length === 0 ? 'not in the bibliography' : `matches ${entries.length} entries (${entries.map((e) => e.key).join(', ')})`;
      unlisted.set(written, { text: written, span: item.span, reason });
    });
  }
  const formatted = (options.formatter ?? new ReferenceFormatter()).formatBibliography([...cited.values()], options.style);
  const entries = formatted.references.map((r) => cited.get(r.key)!);
  const rendered = formatted.references.map((r, i) => (format === 'latex' ? latexItem(entries[i]!, r.html) : markdownItem(entries[i]!, r.html)));
  const body = rendered.length === 0 ? '' : format === 'latex' ? thebibliography(rendered) : rendered.join('\n\n');
  return {
    entries,
    body,
    edit: listEdit(text, language, format, body),
    unlisted: [...unlisted.values()],
    ...(formatted.error ? { styleError: formatted.error } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Where the list goes
// ---------------------------------------------------------------------------------------------

function listEdit(text: string, language: DocumentLanguage, format: ReferenceListFormat, body: string): SpanEdit {
  const latex = format === 'latex';
  const [start, end] = latex ? [LATEX_REFERENCES_START, LATEX_REFERENCES_END] : [MARKDOWN_REFERENCES_START, MARKDOWN_REFERENCES_END];
  const block = body ? `${start}\n${body}\n${end}` : `${start}\n${end}`;
  const existing = markedBlock(text, latex);
  if (existing) return { span: existing, newText: block };
  const nl = text.length === 0 || text.endsWith('\n') ? '' : '\n';
  if (latex) {
    const endDocument = text.search(/^[ \t]*\\end\{document\}/m);
    if (endDocument >= 0) return { span: { start: endDocument, end: endDocument }, newText: `${block}\n\n` };
    return { span: { start: text.length, end: text.length }, newText: `${nl}\n${block}\n` };
  }
  // Under the document's own References heading if it has one (right after the heading line), else a new one at the end.
  const heading = language !== 'latex' ? findRegions(text, language).find((r) => r.kind === 'references') : undefined;
  if (heading) {
    const lineEnd = text.indexOf('\n', heading.start);
    const at = lineEnd < 0 ? text.length : lineEnd + 1;
    return { span: { start: at, end: at }, newText: `${lineEnd < 0 ? '\n' : ''}\n${block}\n` };
  }
  return { span: { start: text.length, end: text.length }, newText: `${nl}\n# References\n\n${block}\n` };
}

/** The span of an existing marked list, markers included. */
function markedBlock(text: string, latex: boolean): Span | undefined {
  const [startLine, endLine] = latex ? [LATEX_REFERENCES_START_LINE, LATEX_REFERENCES_END_LINE] : [MARKDOWN_REFERENCES_START_LINE, MARKDOWN_REFERENCES_END_LINE];
  let start: number | undefined;
  let at = 0;
  for (const line of text.split('\n')) {
    const content = line.replace(/\r$/, '');
    if (start === undefined && startLine.test(content)) start = at;
    else if (start !== undefined && endLine.test(content)) return { start, end: at + content.length };
    at += line.length + 1;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// One reference: citeproc's HTML fragment as Markdown or LaTeX
// ---------------------------------------------------------------------------------------------

const URL_IN_TEXT = /https?:\/\/[^\s<>"]*[^\s<>".,;:!?)\]]/g;

function markdownItem(entry: BibEntry, html: string): string {
  let out = convertFragment(html, {
    text: escapeMarkdown,
    url: (u) => `<${u}>`,
    italic: (s) => `*${s}*`,
    bold: (s) => `**${s}**`,
    smallCaps: (s) => s,
    superscript: (s) => `^${s}^`,
    subscript: (s) => `~${s}~`,
  });
  const library = libraryLink(entry, html);
  if (library) out += ` [EdTech Hub Evidence Library](${library})`;
  return out;
}

function latexItem(entry: BibEntry, html: string): string {
  let out = convertFragment(html, {
    text: escapeLatex,
    url: (u) => `\\url{${u.replace(/[%#]/g, (c) => `\\${c}`)}}`,
    italic: (s) => `\\emph{${s}}`,
    bold: (s) => `\\textbf{${s}}`,
    smallCaps: (s) => `\\textsc{${s}}`,
    superscript: (s) => `\\textsuperscript{${s}}`,
    subscript: (s) => `\\textsubscript{${s}}`,
  });
  const library = libraryLink(entry, html);
  if (library) out += ` EdTech Hub Evidence Library: \\url{${library}}`;
  return `\\bibitem{${entry.key}} ${out}`;
}

function thebibliography(items: readonly string[]): string {
  return `\\begin{thebibliography}{${'9'.repeat(String(Math.max(1, items.length)).length)}}\n${items.join('\n\n')}\n\\end{thebibliography}`;
}

/** The Hub library page of a Hub entry, unless the reference shows it already. */
function libraryLink(entry: BibEntry, html: string): string | undefined {
  if (!entry.hubKey) return undefined;
  const url = `${HUB_LIBRARY_URL}${entry.hubKey}`;
  return html.includes(`docs.edtechhub.org/lib/${entry.hubKey}`) ? undefined : url;
}

interface FragmentWriter {
  text(s: string): string;
  url(u: string): string;
  italic(s: string): string;
  bold(s: string): string;
  smallCaps(s: string): string;
  superscript(s: string): string;
  subscript(s: string): string;
}

/** citeproc-js's HTML (i, b, sup, sub, small-caps and normal-style spans, a, entities) in another markup. */
function convertFragment(html: string, w: FragmentWriter): string {
  const tokens = html.match(/<[^>]+>|[^<]+/g) ?? [];
  const stack: { tag: string; parts: string[] }[] = [{ tag: '', parts: [] }];
  const top = () => stack[stack.length - 1]!;
  for (const token of tokens) {
    const open = /^<(i|b|sup|sub|span|a)\b([^>]*)>$/i.exec(token);
    const close = /^<\/(i|b|sup|sub|span|a)>$/i.exec(token);
    if (open) {
      const attrs = open[2] ?? '';
      const tag = open[1]!.toLowerCase() === 'span' ? (/small-caps/.test(attrs) ? 'sc' : 'span') : open[1]!.toLowerCase();
      stack.push({ tag, parts: [] });
    } else if (close && stack.length > 1) {
      const { tag, parts } = stack.pop()!;
      const inner = parts.join('');
      top().parts.push(tag === 'i' ? w.italic(inner) : tag === 'b' ? w.bold(inner) : tag === 'sup' ? w.superscript(inner) : tag === 'sub' ? w.subscript(inner) : tag === 'sc' ? w.smallCaps(inner) : inner);
    } else if (!token.startsWith('<')) {
      top().parts.push(textWithUrls(decode(token), w));
    }
  }
  while (stack.length > 1) {
    const { parts } = stack.pop()!;
    top().parts.push(parts.join(''));
  }
  return top().parts.join('').replace(/\s+/g, ' ').trim();
}

function textWithUrls(text: string, w: FragmentWriter): string {
  let out = '';
  let at = 0;
  for (const m of text.matchAll(URL_IN_TEXT)) {
    out += w.text(text.slice(at, m.index)) + w.url(m[0]);
    at = m.index + m[0].length;
  }
  return out + w.text(text.slice(at));
}

function decode(s: string): string {
  return s.replace(/&#(\d+);|&#x([0-9a-f]+);|&(amp|lt|gt|quot|apos|nbsp);/gi, (_, dec: string | undefined, hex: string | undefined, named: string | undefined) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' } as Record<string, string>)[named!.toLowerCase()]!;
  });
}

function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_[\]<>]/g, (c) => `\\${c}`).replace(/@/g, '\\@');
}

const LATEX_SPECIAL: Readonly<Record<string, string>> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  $: '\\$',
  '&': '\\&',
  '#': '\\#',
  '^': '\\textasciicircum{}',
  _: '\\_',
  '%': '\\%',
  '~': '\\textasciitilde{}',
};

function escapeLatex(s: string): string {
  return s.replace(/[\\{}$&#^_%~]/g, (c) => LATEX_SPECIAL[c]!);
}
