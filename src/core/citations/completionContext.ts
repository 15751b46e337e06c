/**
 * Where a citation key (or Hub label) is being typed, and what has been typed: the query for the
 * citation search. Only the cursor's line is read, plus whether the line is inside a fenced code block.
 * Inside Pandoc brackets the query may be several words (`[@hennessy 2021`, `[@author:hennessy
 * year:2021`), as it may after `⇡` (`⇡Selwyn 2016`) and in `\cite{…}`; a narrative `@key` is one word.
 */
import type { DocumentLanguage } from '../types';

export type CompletionSyntax = 'pandoc' | 'latex' | 'hub';

export interface CitationCompletionContext {
  readonly syntax: CompletionSyntax;
  /** Where the text being replaced starts (just after `@`, `{`/`,` or `⇡`), as an offset in the text given. */
  readonly queryStart: number;
  /** What the user has typed so far. */
  readonly query: string;
  /** Pandoc: the `@` is inside `[...]`, so inserted keys need no brackets. */
  readonly insideBrackets: boolean;
}

/** Characters of a Pandoc citation key (it starts with a letter, digit or _). */
const KEY_CHARS = String.raw`[\w:.#$%&\-+?<>~/]`;
/** Words after the first that a bracketed query may have (nobody types more into a completion box). */
const MORE_WORDS = 7;
// `@` where a citation can start, and the key typed after it.
const PANDOC_AT = new RegExp(String.raw`(^|[\s[;(\-])@(${KEY_CHARS}*)$`, 'u');
// Inside brackets: `@` then words, none of which ends the item (`;`), the citation (`]`) or starts a locator (`,`).
const PANDOC_AT_WORDS = new RegExp(String.raw`(^|[\s[;(\-])@(${KEY_CHARS}+(?:[ \t]+[^\s;,@[\]]+){1,${MORE_WORDS}}[ \t]*|${KEY_CHARS}+[ \t]+)$`, 'u');
// Any \...cite...{ command with up to two optional [..] arguments, cursor inside the key list.
const LATEX_CITE = /\\[a-zA-Z]*cite[a-zA-Z]*\*?(?:\s*\[[^\]]*\]){0,2}\s*\{([^{}]*)$/;
// The Hub's inline marker: ⇡Author, Author & Author, 2021 (a ";" ends the item).
const HUB_MARK = /⇡([^⇡()[\];\n]{0,80})$/u;

/** The completion context at `offset` of a document's text, or undefined where no citation is being typed. */
export function completionContextAt(text: string, offset: number, language: DocumentLanguage): CitationCompletionContext | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const linePrefix = text.slice(lineStart, offset);
  // Cheap test first: only scan the document for code fences when a trigger is on the line.
  if (!/[@{,⇡]/u.test(linePrefix)) return undefined;
  const inCodeBlock = language !== 'latex' && isInFencedBlock(text.slice(0, Math.max(0, lineStart - 1)).split('\n'));
  const context = citationCompletionContext(linePrefix, language, { inCodeBlock });
  return context && { ...context, queryStart: lineStart + context.queryStart };
}

/** The completion context at the end of `linePrefix` (the cursor's line up to the cursor). */
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
    const latex = LATEX_CITE.exec(linePrefix);
    if (latex && !inLatexComment(linePrefix)) {
      const list = latex[1]!;
      const afterComma = list.slice(list.lastIndexOf(',') + 1);
      const query = afterComma.replace(/^\s+/, '');
      return { syntax: 'latex', queryStart: linePrefix.length - query.length, query, insideBrackets: true };
    }
  }

  if (language === 'latex') return undefined;
  const oneWord = PANDOC_AT.exec(linePrefix);
  const words = oneWord ? undefined : PANDOC_AT_WORDS.exec(linePrefix);
  const pandoc = oneWord ?? words;
  if (!pandoc) return undefined;
  const query = pandoc[2]!;
  const atIndex = linePrefix.length - query.length - 1;
  const before = linePrefix.slice(0, atIndex);
  if (inInlineCode(before) || inInlineMath(before)) return undefined;
  const insideBrackets = inOpenBracket(before);
  // Words after a narrative @key are the sentence going on, not a query.
  if (words && !insideBrackets) return undefined;
  return { syntax: 'pandoc', queryStart: atIndex + 1, query, insideBrackets };
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
