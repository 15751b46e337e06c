/**
 * Where, on the line before the cursor, a citation key (or Hub label) is being typed. Pure: no 'vscode',
 * so the rules are easy to read and test. Only the cursor's line is inspected, plus whether the line is
 * inside a fenced code block (the caller knows the document).
 */
import type { DocumentLanguage } from '../core/types';

export type CompletionSyntax = 'pandoc' | 'latex' | 'hub';

export interface CitationCompletionContext {
  readonly syntax: CompletionSyntax;
  /** Character index on the line where the text being replaced starts (just after `@`, `{`/`,` or `⇡`). */
  readonly queryStart: number;
  /** What the user has typed so far. */
  readonly query: string;
  /** Pandoc: the `@` is inside `[...]`, so inserted keys need no brackets. */
  readonly insideBrackets: boolean;
}

// Pandoc citation keys start with a letter, digit or _ and may contain :.#$%&-+?<>~/ inside.
const PANDOC_AT = /(^|[\s[;(\-])@([\w:.#$%&\-+?<>~/]*)$/u;
// Any \...cite...{ command with up to two optional [..] arguments, cursor inside the key list.
const LATEX_CITE = /\\[a-zA-Z]*cite[a-zA-Z]*\*?(?:\s*\[[^\]]*\]){0,2}\s*\{([^{}]*)$/;
// The Hub's inline marker: ⇡Author, Author & Author, 2021
const HUB_MARK = /⇡([^⇡()[\]\n]{0,80})$/u;

export function citationCompletionContext(
  linePrefix: string,
  language: DocumentLanguage,
  options: { inCodeBlock?: boolean } = {},
): CitationCompletionContext | undefined {
  if (options.inCodeBlock) return undefined;

  const hub = HUB_MARK.exec(linePrefix);
  if (hub) {
    const query = hub[1].replace(/^\s+/, '');
    return { syntax: 'hub', queryStart: linePrefix.length - query.length, query, insideBrackets: false };
  }

  if (language !== 'plaintext') {
    const latex = LATEX_CITE.exec(linePrefix);
    if (latex && !inLatexComment(linePrefix)) {
      const list = latex[1];
      const afterComma = list.slice(list.lastIndexOf(',') + 1);
      const query = afterComma.replace(/^\s+/, '');
      return { syntax: 'latex', queryStart: linePrefix.length - query.length, query, insideBrackets: true };
    }
  }

  if (language === 'latex') return undefined;
  const pandoc = PANDOC_AT.exec(linePrefix);
  if (!pandoc) return undefined;
  const atIndex = linePrefix.length - pandoc[2].length - 1;
  const before = linePrefix.slice(0, atIndex);
  if (inInlineCode(before) || inInlineMath(before)) return undefined;
  return { syntax: 'pandoc', queryStart: atIndex + 1, query: pandoc[2], insideBrackets: inOpenBracket(before) };
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

/** Whether line `line` is inside a ``` or ~~~ fenced block, given the document's lines above it. */
export function isInFencedBlock(linesAbove: Iterable<string>): boolean {
  let fence: string | undefined;
  for (const text of linesAbove) {
    const match = /^\s{0,3}(`{3,}|~{3,})/.exec(text);
    if (!match) continue;
    if (fence === undefined) fence = match[1];
    else if (match[1][0] === fence[0] && match[1].length >= fence.length) fence = undefined;
  }
  return fence !== undefined;
}
