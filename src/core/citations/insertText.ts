/**
 * The text that cites entries at a place in a document, in the document's own form (citationForm.ts):
 * `[@a; @b]`, `\cite{a,b}`, `(⇡Hennessy, Jordan & Wagner, 2021; ⇡Selwyn, 2016b)`, or Hub links
 * `([⇡Vegas, 2020](https://docs.edtechhub.org/lib/KEY))`. Where the cursor already is inside a
 * citation — `[…` of Pandoc, `\cite{…`, `(…⇡` of the Hub, or just after a typed `⇡` — only the items
 * go in, with the separator they need. For the editor's commands, quick fixes, completion and panel.
 */
import { hubCitationText } from '../format/labels';
import type { BibEntry, DocumentLanguage } from '../types';
import { documentCitationForm, type CitationForm } from './citationForm';
import { citationCompletionContext } from './completionContext';
import { keyNeedsBraces } from './pandoc';

export { keyNeedsBraces };

export interface CitationInsertionRequest {
  /** The document's text. */
  readonly text: string;
  readonly language: DocumentLanguage;
  /** The cursor, as an offset in `text`. */
  readonly offset: number;
  /** The form to write; by default the document's (documentCitationForm). */
  readonly form?: CitationForm;
}

/** Replace `text` between `start` and `end` (the cursor) with `insert`. */
export interface CitationInsertion {
  readonly start: number;
  readonly end: number;
  readonly insert: string;
}

/** The Hub's evidence library page of an entry with a library key. */
export function hubLibraryUrl(hubKey: string): string {
  return `https://docs.edtechhub.org/lib/${hubKey}`;
}

export function citationInsertion(entries: readonly BibEntry[], request: CitationInsertionRequest): CitationInsertion {
  const { text, language, offset } = request;
  const at = (insert: string, start = offset): CitationInsertion => ({ start, end: offset, insert });
  if (entries.length === 0) return at('');
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const form = request.form ?? documentCitationForm(text, language);
  const keys = entries.map((e) => e.key);

  const typing = citationCompletionContext(before, language);
  // "⇡Vegas, 2020" is an item written out (a query is "Selwyn 2016" or "Sel"): the new ones go after it.
  if (typing?.syntax === 'hub' && !/,\s*\d{4}[a-z]?\s*$/.test(typing.query)) {
    // After a typed ⇡ (and maybe part of a name): the rest of the first item, then the others.
    const marker = lineStart + typing.queryStart - 1;
    if (form === 'hub-link' && text[marker - 1] !== '[') return at(hubItems(entries, true), marker);
    return at(hubItems(entries, false).replace(/^⇡/, ''), lineStart + typing.queryStart);
  }
  if (typing?.syntax === 'latex') {
    const list = /\{([^{}]*)$/.exec(before)?.[1] ?? '';
    return at((/(^|,)\s*$/.test(list) ? '' : ',') + keys.join(','));
  }
  const bracket = before.lastIndexOf('[');
  if (language !== 'latex' && bracket > before.lastIndexOf(']') && (form === 'pandoc' || before.slice(bracket).includes('@'))) {
    const item = before.slice(Math.max(bracket, before.lastIndexOf(';')) + 1);
    return at(separator(item, /@/, ' ') + pandocItems(keys));
  }
  const paren = before.lastIndexOf('(');
  if ((form === 'hub' || form === 'hub-link') && paren > before.lastIndexOf(')')) {
    const item = before.slice(Math.max(paren, before.lastIndexOf(';')) + 1);
    return at(separator(item, /⇡/, ' ') + hubItems(entries, form === 'hub-link'));
  }
  const space = /[^\s([{]$/u.test(before) ? (form === 'latex' ? '~' : ' ') : '';
  switch (form) {
    case 'latex': return at(`${space}\\cite{${keys.join(',')}}`);
    case 'pandoc': return at(`${space}[${pandocItems(keys)}]`);
    default: return at(`${space}(${hubItems(entries, form === 'hub-link')})`);
  }
}

/** Before an item inside a citation: "; " after another item, a space after other words, else nothing. */
function separator(itemSoFar: string, itemMark: RegExp, wordSpace: string): string {
  if (itemMark.test(itemSoFar)) return /;\s*$/.test(itemSoFar) ? '' : '; ';
  return /\S$/u.test(itemSoFar) ? wordSpace : '';
}

function pandocItems(keys: readonly string[]): string {
  return keys.map(pandocKeyReference).join('; ');
}

/** `⇡Vegas, 2020; ⇡World Bank, 2016`, as Hub links for entries with a library key when `links`. */
function hubItems(entries: readonly BibEntry[], links: boolean): string {
  return entries
    .map((e) => {
      const item = `⇡${hubCitationText(e)}`;
      return links && e.hubKey ? `[${item}](${hubLibraryUrl(e.hubKey)})` : item;
    })
    .join('; ');
}

export function pandocKeyReference(key: string): string {
  return keyNeedsBraces(key) ? `@{${key}}` : `@${key}`;
}

/**
 * Keys alone as Pandoc `[@a; @b]` (Markdown-family documents and plain text) or LaTeX `\cite{a,b}`;
 * just the keys when the cursor is already inside the brackets/braces, whatever the document's form.
 */
export function citationInsertText(
  keys: string[],
  language: DocumentLanguage,
  context: { insideBrackets?: boolean } = {},
): string {
  const clean = keys.map((k) => k.trim()).filter((k) => k.length > 0);
  if (clean.length === 0) return '';
  if (language === 'latex') {
    const list = clean.join(',');
    return context.insideBrackets ? list : `\\cite{${list}}`;
  }
  const list = pandocItems(clean);
  return context.insideBrackets ? list : `[${list}]`;
}
