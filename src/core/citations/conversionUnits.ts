/**
 * The pieces of text a citation conversion replaces, read from a document's citations: a group of
 * works cited together (`(⟦a⟧; ⟦b⟧)`, `{…}{…}`, `[see @a, p. 3; @b]`,
 * `(e.g. [⇡A, 2015](…/lib/K1); [⇡B, 2016](…/lib/K2))`) or one work (a narrative cite, a link), each
 * work with what the writer put around it (prefix, locator) and the text it is shown as.
 */
import type { Citation, CitationItem, CitationSyntax, DocumentLanguage, Span } from '../types';

export interface UnitWork {
  readonly item: CitationItem;
  /** Text before the work inside the group ("see", a `C:` tag "Kenya:"). */
  readonly prefix?: string;
  /** Text after it ("p. 4", a scannable suffix). */
  readonly locator?: string;
  /** The author-year text the writer shows for it, if any ("Haßler et al., 2020"). */
  readonly label?: string;
  /** Pandoc `-@key` / a scannable `-Author`: the author is named in the sentence already. */
  readonly suppressAuthor?: boolean;
}

export interface ConversionUnit {
  readonly syntax: CitationSyntax;
  /** What is replaced: the whole group, its parentheses or brackets included. */
  readonly span: Span;
  readonly works: readonly UnitWork[];
  /** Cited in running text ("As Watson & McIntyre (2020) show"), not in parentheses. */
  readonly narrative: boolean;
  /** Written in parentheses or brackets of its own (which the converted text brings again). */
  readonly enclosed: boolean;
}

const clean = (s: string | undefined): string | undefined => {
  const t = s?.replace(/\s+/g, ' ').trim();
  return t ? t : undefined;
};

// ---------------------------------------------------------------------------------------------
// Zotero tagged and scannable cites: the recognisers already grouped them.
// ---------------------------------------------------------------------------------------------

export function zoteroCiteUnit(text: string, citation: Citation): ConversionUnit {
  const inParentheses = citation.syntax === 'zotero-tagged' && text[citation.span.start] === '(';
  // A scannable cite is a parenthetical citation, as Zotero's scan renders it.
  const enclosed = inParentheses || citation.syntax === 'zotero-scannable';
  const works = citation.items.map((item, i): UnitWork => {
    const z = item.zotero;
    const label = z?.label?.replace(/^-\s*/, '');
    let prefix = citation.syntax === 'zotero-scannable' ? z?.prefix : z?.tag ? `${z.tag}:` : undefined;
    let locator = citation.syntax === 'zotero-scannable' ? clean([z?.locator, z?.suffix].filter(Boolean).join(' ')) : undefined;
    // "(see ⟦a⟧; ⟦b⟧, p. 3)": the words inside the parentheses go with the first and the last work.
    if (inParentheses && i === 0) prefix = clean([clean(text.slice(citation.span.start + 1, item.span.start)), prefix].filter(Boolean).join(' '));
    if (inParentheses && i === citation.items.length - 1) locator = clean([locator, clean(text.slice(item.span.end, citation.span.end - 1).replace(/^[\s,;]+/, ''))].filter(Boolean).join(' '));
    return {
      item,
      ...(prefix ? { prefix } : {}),
      ...(locator ? { locator } : {}),
      ...(label ? { label } : {}),
      ...(z?.label?.startsWith('-') ? { suppressAuthor: true } : {}),
    };
  });
  return { syntax: citation.syntax, span: citation.span, works, narrative: citation.narrative === true, enclosed };
}

// ---------------------------------------------------------------------------------------------
// Pandoc and LaTeX keys
// ---------------------------------------------------------------------------------------------

/** `[see @a, p. 3; -@b]` → works with their prefixes and locators; `@a [p. 3]` → one narrative work. */
export function pandocUnit(text: string, citation: Citation): ConversionUnit {
  if (citation.narrative) {
    const item = citation.items[0]!;
    const locator = /^\}?\s*\[([^\]]*)\]/.exec(text.slice(item.span.end, citation.span.end))?.[1];
    return { syntax: 'pandoc', span: citation.span, works: [{ item, ...(clean(locator) ? { locator: clean(locator) } : {}) }], narrative: true, enclosed: false };
  }
  const inner = { start: citation.span.start + 1, end: citation.span.end - 1 };
  const works = citation.items.map((item): UnitWork => {
    const partStart = Math.max(inner.start, text.lastIndexOf(';', item.span.start) + 1);
    const semicolon = text.indexOf(';', item.span.end);
    const partEnd = semicolon < 0 || semicolon > inner.end ? inner.end : semicolon;
    const before = text.slice(partStart, item.span.start).replace(/\{$/, '');
    const suppressAuthor = /-@$/.test(before);
    const prefix = clean(before.replace(/-?@$/, ''));
    const locator = clean(text.slice(item.span.end, partEnd).replace(/^\}/, '').replace(/^\s*,/, ''));
    return { item, ...(prefix ? { prefix } : {}), ...(locator ? { locator } : {}), ...(suppressAuthor ? { suppressAuthor } : {}) };
  });
  return { syntax: 'pandoc', span: citation.span, works, narrative: false, enclosed: true };
}

/** `\citep{a,b}`, `\textcite{a}`; undefined for commands with notes (`\citep[p.~3]{a}`), left to the writer. */
export function latexUnit(text: string, citation: Citation): ConversionUnit | undefined {
  const written = text.slice(citation.span.start, citation.span.end);
  if (!/^\\[A-Za-z]+\*?\s*\{[^{}]*\}$/.test(written)) return undefined;
  const narrative = citation.narrative === true;
  return { syntax: 'latex', span: citation.span, works: citation.items.map((item) => ({ item })), narrative, enclosed: !narrative };
}

// ---------------------------------------------------------------------------------------------
// Links (Hub library links and Zotero item links): the link, its text, and the group around it
// ---------------------------------------------------------------------------------------------

interface LinkPiece {
  readonly citation: Citation;
  readonly span: Span;
  /** The link's text, when the URI is a link target (`[text](uri)`, `\href{uri}{text}`). */
  readonly label?: string;
  readonly narrative: boolean;
}

const NARRATIVE_YEAR = /^\s*\(((?:19|20)\d\d[a-z]?|n\.d\.)\)/;

/** The link a link citation's URI belongs to: `[text](uri)`, `\href{uri}{text}`, or the bare URI. */
function linkPiece(text: string, citation: Citation, language: DocumentLanguage): LinkPiece {
  const { start, end } = citation.span;
  let span: Span = citation.span;
  let label: string | undefined;
  if (language === 'latex') {
    const href = /\\href\{$/.exec(text.slice(Math.max(0, start - 6), start));
    const after = href ? /^\}\{([^{}\n]*)\}/.exec(text.slice(end, end + 300)) : null;
    if (href && after) {
      span = { start: start - 6, end: end + after[0].length };
      label = after[1];
    }
  } else if (text.slice(start - 2, start) === '](' && text[end] === ')') {
    const open = text.lastIndexOf('[', start - 2);
    if (open >= 0 && !/[\n\]]/.test(text.slice(open + 1, start - 2))) {
      span = { start: open, end: end + 1 };
      label = text.slice(open + 1, start - 2);
    }
  }
  const trailingYear = NARRATIVE_YEAR.exec(text.slice(span.end, span.end + 12));
  if (trailingYear && label !== undefined) {
    // `[⇡Hennessy, Jordan & Wagner](…/lib/KEY) (2021)`: the year outside the link is part of it.
    return { citation, span: { start: span.start, end: span.end + trailingYear[0].length }, label: `${label} (${trailingYear[1]})`, narrative: true };
  }
  const narrative = label !== undefined && /\((?:(?:19|20)\d\d[a-z]?|n\.d\.)\)\s*$/.test(label);
  return { citation, span, ...(label !== undefined ? { label } : {}), narrative };
}

const MAX_EDGE = 40;
const GROUP_EDGE = new RegExp(`^[^()\\n]{0,${MAX_EDGE}}$`);

/** The last `char` at most MAX_EDGE characters before `at` (a bounded look, so many links stay linear). */
function nearBefore(text: string, char: string, at: number): number | undefined {
  const from = Math.max(0, at - MAX_EDGE - 1);
  const i = text.slice(from, at).lastIndexOf(char);
  return i < 0 ? undefined : from + i;
}

function nearAfter(text: string, char: string, at: number): number | undefined {
  const i = text.slice(at, at + MAX_EDGE + 1).indexOf(char);
  return i < 0 ? undefined : at + i;
}
const SEPARATOR = /^\s*;\s*$/;

/**
 * Link citations as units: links side by side in parentheses (`(e.g. [⇡A](…); [⇡B](…))`) are one
 * parenthetical group, each other link a unit of its own.
 */
export function linkUnits(text: string, links: readonly Citation[], language: DocumentLanguage): ConversionUnit[] {
  const pieces = links.map((c) => linkPiece(text, c, language));
  const units: ConversionUnit[] = [];
  for (let i = 0; i < pieces.length; ) {
    const first = pieces[i]!;
    let j = i;
    while (j + 1 < pieces.length && SEPARATOR.test(text.slice(pieces[j]!.span.end, pieces[j + 1]!.span.start))) j++;
    const last = pieces[j]!;
    const open = nearBefore(text, '(', first.span.start);
    const close = nearAfter(text, ')', last.span.end);
    const enclosed =
      !first.narrative &&
      open !== undefined &&
      close !== undefined &&
      GROUP_EDGE.test(text.slice(open + 1, first.span.start)) &&
      GROUP_EDGE.test(text.slice(last.span.end, close));
    const group = enclosed ? pieces.slice(i, j + 1) : [first];
    const span = enclosed ? { start: open!, end: close! + 1 } : first.span;
    const works = group.map((p, k): UnitWork => {
      const label = p.label?.replace(/^\s*⇡\s*/, '').trim();
      const prefix = enclosed && k === 0 ? clean(text.slice(open! + 1, p.span.start)) : undefined;
      const locator = enclosed && k === group.length - 1 ? clean(text.slice(p.span.end, close).replace(/^[\s,]+/, '')) : undefined;
      return { item: p.citation.items[0]!, ...(label ? { label } : {}), ...(prefix ? { prefix } : {}), ...(locator ? { locator } : {}) };
    });
    units.push({ syntax: first.citation.syntax, span, works, narrative: !enclosed && first.narrative, enclosed });
    i += group.length;
  }
  return units;
}

// ---------------------------------------------------------------------------------------------
// The Hub's ⇡ author-year text without a link: `(⇡Vegas, 2020; ⇡World Bank, 2016)`
// ---------------------------------------------------------------------------------------------

/** A ⇡ author-year citation as a unit, when every work in it is ⇡-marked; else undefined. */
export function hubAuthorYearUnit(text: string, citation: Citation): ConversionUnit | undefined {
  const marked = (item: CitationItem) => /⇡\s*$/.test(text.slice(Math.max(0, item.span.start - 3), item.span.start));
  if (!citation.items.every(marked)) return undefined;
  if (citation.narrative) {
    const item = citation.items[0]!;
    const marker = text.lastIndexOf('⇡', item.span.start);
    return { syntax: 'author-year', span: { start: marker, end: citation.span.end }, works: [{ item, label: clean(text.slice(item.span.start, citation.span.end)) ?? item.text }], narrative: true, enclosed: false };
  }
  const enclosed = text[citation.span.start] === '(';
  const inner = enclosed ? { start: citation.span.start + 1, end: citation.span.end - 1 } : citation.span;
  const works = citation.items.map((item): UnitWork => {
    const partStart = Math.max(inner.start, text.lastIndexOf(';', item.span.start) + 1);
    const semicolon = text.indexOf(';', item.span.end);
    const partEnd = semicolon < 0 || semicolon > inner.end ? inner.end : semicolon;
    const prefix = clean(text.slice(partStart, item.span.start).replace(/⇡\s*$/, ''));
    const locator = clean(text.slice(item.span.end, partEnd).replace(/^\s*,/, ''));
    return { item, label: item.text, ...(prefix ? { prefix } : {}), ...(locator ? { locator } : {}) };
  });
  return { syntax: 'author-year', span: citation.span, works, narrative: false, enclosed };
}
