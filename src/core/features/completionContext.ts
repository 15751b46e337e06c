/**
 * Where, on the line before the cursor, a citation is being typed: after `@` (Pandoc), inside
 * `\cite…{…}` (LaTeX) or after `⇡` (the Hub's author-year marker). Only the cursor's line is read,
 * plus whether that line is inside a fenced code block (the caller knows the document).
 */
import type { DocumentLanguage } from '../types';

export type CompletionSyntax = 'pandoc' | 'latex' | 'hub';

export interface CitationCompletionContext {
  readonly syntax: CompletionSyntax;
  /** Character index on the line where the text being replaced starts (just after `@`, `{`/`,` or `⇡`). */
  readonly queryStart: number;
  /** What the writer has typed so far: a key, or words of an author, title or year (`hennessy 2021`). */
  readonly query: string;
  /** The `@` is inside `[...]` (or the key inside `\cite{…}`), so inserted keys need no brackets. */
  readonly insideBrackets: boolean;
}

/** A Pandoc key being typed: letters, digits and the punctuation keys may contain. */
const KEY_CHARS = String.raw`[\p{L}\p{N}_:.#$%&\-+?<>~/]`;
/** `@` starting a citation: after a space, `[`, `;`, `(` or `-` (suppress-author), or at the line start. */
const PANDOC_AT = new RegExp(String.raw`(^|[\s[;(\-])@(${KEY_CHARS}*)$`, 'u');
/**
 * Inside `[…]` a search may have several words (`[@hennessy 2021`, `[@author:hennessy year:2021`):
 * everything after the `@` up to the cursor, as long as no `;`, `]` or second `@` intervenes.
 */
const PANDOC_AT_IN_BRACKETS = /(^|[\s[;(\-])@([^\s@;\][](?:[^@;\][]{0,80}))$/u;
/**
 * Any `\…cite…{` command (natbib, biblatex, capitalised, starred, with up to two optional arguments),
 * the cursor inside its key list: the one LaTeX cite pattern completion and insertion share.
 */
export const LATEX_CITE_OPEN = /\\[a-zA-Z]*cite[a-zA-Z]*\*?(?:\s*\[[^\]]*\]){0,2}\s*\{([^{}]*)$/;
/** The Hub's inline marker: ⇡Author, Author & Author, 2021 (words and spaces after it). */
const HUB_MARK = /⇡([^⇡()[\]\n]{0,80})$/u;

export function citationCompletionContext(
  linePrefix: string,
  language: DocumentLanguage,
  options: { inCodeBlock?: boolean } = {},
): CitationCompletionContext | undefined {
  if (options.inCodeBlock) return undefined;

  const hub = HUB_MARK.exec(linePrefix);
  if (hub) {
    const query = hub[1]!.replace(/^\s+/, '');
    return { syntax: 'hub', queryStart: linePrefix.length - query.length, query, insideBrackets: false };
  }

  if (language !== 'plaintext') {
    const latex = LATEX_CITE_OPEN.exec(linePrefix);
    if (latex && !inLatexComment(linePrefix)) {
      const list = latex[1]!;
      const afterComma = list.slice(list.lastIndexOf(',') + 1);
      const query = afterComma.replace(/^\s+/, '');
      return { syntax: 'latex', queryStart: linePrefix.length - query.length, query, insideBrackets: true };
    }
  }

  if (language === 'latex') return undefined;
  const pandoc = PANDOC_AT.exec(linePrefix) ?? bracketedSearch(linePrefix);
  if (!pandoc) return undefined;
  const query = pandoc[2]!;
  const atIndex = linePrefix.length - query.length - 1;
  const before = linePrefix.slice(0, atIndex);
  if (inInlineCode(before) || inInlineMath(before)) return undefined;
  return { syntax: 'pandoc', queryStart: atIndex + 1, query, insideBrackets: inOpenBracket(before) };
}

/** A several-word search after `@`, only inside an open `[`. */
function bracketedSearch(linePrefix: string): RegExpExecArray | undefined {
  const match = PANDOC_AT_IN_BRACKETS.exec(linePrefix);
  if (!match) return undefined;
  const atIndex = linePrefix.length - match[2]!.length - 1;
  return inOpenBracket(linePrefix.slice(0, atIndex)) ? match : undefined;
}

/** An odd number of backtick runs before the cursor means we are inside `code`. */
function inInlineCode(before: string): boolean {
  return (before.match(/`+/g) ?? []).length % 2 === 1;
}

/** An odd number of unescaped `$` before the cursor means we are inside $math$. */
function inInlineMath(before: string): boolean {
  return (before.replace(/\\\$/g, '').match(/\$/g) ?? []).length % 2 === 1;
}

function inOpenBracket(before: string): boolean {
  return before.lastIndexOf('[') > before.lastIndexOf(']');
}

function inLatexComment(linePrefix: string): boolean {
  return /(^|[^\\])%/.test(linePrefix);
}

/** Whether a line is inside a ``` or ~~~ fenced block, given the document's lines above it. */
export function isInFencedBlock(linesAbove: Iterable<string>): boolean {
  let fence: string | undefined;
  for (const text of linesAbove) {
    const match = /^\s{0,3}(`{3,}|~{3,})/.exec(text);
    if (!match) continue;
    if (fence === undefined) fence = match[1];
    else if (match[1]![0] === fence[0] && match[1]!.length >= fence.length) fence = undefined;
  }
  return fence !== undefined;
}
