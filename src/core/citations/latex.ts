/**
 * LaTeX citations, natbib and biblatex: `\cite`, `\citep[see][p.~3]{a,b}`, `\textcite*{a}`,
 * capitalised forms, and biblatex multicites `\parencites(pre)(post)[p][q]{a}{b}`.
 * Runs on text with comments, verbatim and the preamble already blanked.
 */
import type { Citation, CitationItem } from '../types';

/** Any command with "cite" in its name (\cite, \citep, \Textcite, \footcitetext, \citeauthor*…). */
const CITE_COMMAND = /\\([A-Za-z]*[Cc]ite[A-Za-z]*)(?![A-Za-z])/g;
const NARRATIVE = /^(?:[Cc]itet|[Tt]extcites?)$/;
/** Commands that contain "cite" but are not citations. */
const NOT_CITATION = /^(?:citestyle|citeindextrue|citeindexfalse|citesetup|nocitestyle|excite)$/;

const MAX_ARGUMENT_LENGTH = 2000;

/** A cursor over the masked text that reads LaTeX arguments. */
class ArgumentReader {
  constructor(private readonly text: string, public at: number) {}

  /** Skips spaces and at most one line break (a blank line ends the command). */
  skipSpace(): void {
    let newlines = 0;
    while (this.at < this.text.length && /\s/.test(this.text[this.at])) {
      if (this.text[this.at] === '\n' && ++newlines > 1) return;
      this.at++;
    }
  }

  /** Reads a delimited argument starting at the cursor (after spaces), braces balanced inside. */
  read(open: string, close: string): { start: number; end: number } | undefined {
    const save = this.at;
    this.skipSpace();
    if (this.text[this.at] !== open) {
      this.at = save;
      return undefined;
    }
    let depth = 0;
    // Arguments are short; a bound keeps unclosed brackets from making the scan quadratic.
    const limit = Math.min(this.text.length, this.at + MAX_ARGUMENT_LENGTH);
    for (let i = this.at + 1; i < limit; i++) {
      const c = this.text[i];
      if (c === '\\') {
        i++;
        continue;
      }
      if (c === '{') depth++;
      else if (c === '}' && depth > 0) depth--;
      else if (c === close && depth === 0) {
        const arg = { start: this.at + 1, end: i };
        this.at = i + 1;
        return arg;
      } else if (c === '\n' && /^\n\s*\n/.test(this.text.slice(i, i + 40))) break;
    }
    this.at = save;
    return undefined;
  }
}

function keysOf(masked: string, arg: { start: number; end: number }): CitationItem[] {
  const items: CitationItem[] = [];
  const re = /[^,\s][^,]*/g;
  const body = masked.slice(arg.start, arg.end);
  for (const m of body.matchAll(re)) {
    const key = m[0].trimEnd();
    // A key never holds spaces; inner spaces mean part of the argument was masked (a URL, a comment).
    if (!key || key === '*' || /[{}\\\s]/.test(key)) continue;
    const start = arg.start + m.index;
    items.push({ text: key, key, span: { start, end: start + key.length } });
  }
  return items;
}

export function findLatexCitations(masked: string): Citation[] {
  const citations: Citation[] = [];
  for (const m of masked.matchAll(CITE_COMMAND)) {
    const name = m[1];
    if (NOT_CITATION.test(name)) continue;
    const reader = new ArgumentReader(masked, m.index + m[0].length);
    if (masked[reader.at] === '*') reader.at++;
    const items: CitationItem[] = [];
    if (/cites$/.test(name)) {
      // Multicite: optional (pre)(post), then one or more [pre][post]{keys} groups.
      reader.read('(', ')');
      reader.read('(', ')');
      for (;;) {
        const save = reader.at;
        reader.read('[', ']');
        reader.read('[', ']');
        const keys = reader.read('{', '}');
        if (!keys) {
          reader.at = save;
          break;
        }
        items.push(...keysOf(masked, keys));
      }
    } else {
      reader.read('[', ']');
      reader.read('[', ']');
      const keys = reader.read('{', '}');
      if (keys) items.push(...keysOf(masked, keys));
    }
    if (items.length === 0) continue;
    const citation: Citation = NARRATIVE.test(name)
      ? { syntax: 'latex', span: { start: m.index, end: reader.at }, items, narrative: true }
      : { syntax: 'latex', span: { start: m.index, end: reader.at }, items };
    citations.push(citation);
  }
  return citations;
}
