/**
 * Citation completion: after `@` where a Pandoc citation can start, inside `\cite…{` (and after `,`),
 * and after `⇡`. The citation search ranks; the editor must not re-filter, so every item's filter
 * text is the typed query and the list is incomplete (the editor asks again on the next keystroke).
 * While a citation is being typed the list never goes empty: with no match it holds one item saying
 * so, so the list stays with the writer and fills again when the query matches.
 */
import { citationLabel, hubCitationText } from '../format/labels';
import type { CitationSearch } from '../search/citationSearch';
import type { BibliographyLookup, Position, Range, TextDocumentLike } from '../types';
import { completionContextAt as contextInText, type CitationCompletionContext } from '../citations/completionContext';
import { normaliseLanguage } from '../document/textDocument';

/** The most items a list shows; the search refines them as the writer types. */
export const MAX_COMPLETION_ITEMS = 50;
/**
 * Characters after which an editor should ask for citations: those that start one (`@`, `{`, `,`, `⇡`),
 * and those an editor counts as word breaks but a search or key goes on through (the space in
 * `[@hennessy 2021`, `:` in `author:hennessy` or `smith:2020`, `-` in `R-ggplot2`, `.` and `/` in
 * keys): without them the list would close mid-citation.
 */
export const COMPLETION_TRIGGERS: readonly string[] = ['@', '{', ',', '⇡', ' ', ':', '-', '.', '/'];

export interface CitationCompletionItem {
  /** The entry's key; undefined for the "no entry matches" item. */
  readonly key?: string;
  readonly label: string;
  /** Authors and year, shown beside the label: " Hennessy, Jordan & Wagner (2021)". */
  readonly labelDetail: string;
  /** The title, shown on the right. */
  readonly description?: string;
  readonly insertText: string;
  /** The query as typed: the editor keeps every item the search returned. */
  readonly filterText: string;
  /** The search's rank, zero-padded. */
  readonly sortText: string;
  /** What accepting the item replaces: up to the cursor (insert) or the whole key (replace). */
  readonly insert: Range;
  readonly replace: Range;
}

export interface CitationCompletions {
  readonly items: readonly CitationCompletionItem[];
  /** Always true: the list is recomputed as the query grows. */
  readonly isIncomplete: true;
  readonly context: CitationCompletionContext;
}

export function citationCompletions(
  document: TextDocumentLike,
  position: Position,
  bibliography: { readonly index: BibliographyLookup; search(): CitationSearch },
): CitationCompletions | undefined {
  const context = contextInText(document.getText(), document.offsetAt(position), normaliseLanguage(document.languageId));
  if (!context || finishedKey(context, bibliography.index)) return undefined;
  const entries = bibliography.search().search(context.query, MAX_COMPLETION_ITEMS).map((hit) => hit.entry);

  const text = document.getText();
  const cursor = document.offsetAt(position);
  const keyTail = /^[\p{L}\p{N}_:.#$%&\-+?<>~/]*/u.exec(text.slice(cursor, cursor + 200))?.[0].length ?? 0;
  const insert: Range = { start: document.positionAt(context.queryStart), end: position };
  const replace: Range = context.syntax === 'hub' ? insert : { start: insert.start, end: { line: position.line, character: position.character + keyTail } };

  const items = entries.map((entry, rank): CitationCompletionItem => ({
    key: entry.key,
    label: entry.key,
    labelDetail: ` ${citationLabel(entry)}`,
    ...(entry.title ? { description: entry.title } : {}),
    insertText: context.syntax === 'hub' ? hubCitationText(entry) : entry.key,
    filterText: context.query,
    sortText: String(rank).padStart(4, '0'),
    insert,
    replace,
  }));
  if (items.length === 0) items.push(noMatch(context, insert));
  return { items, isIncomplete: true, context };
}

/**
 * `[@smith2020, p. 33` or `[@smith2020 and`: the key is finished and what follows is a locator or prose,
 * not a search (a list popping up after every comma or space would be in the way).
 */
function finishedKey(context: CitationCompletionContext, index: BibliographyLookup): boolean {
  if (context.syntax !== 'pandoc') return false;
  const match = /^([^\s,]+)[\s,]/u.exec(context.query);
  return match !== null && index.get(match[1]!) !== undefined;
}

/** The one item of a list whose query matches nothing: it says so, and accepting it changes nothing. */
function noMatch(context: CitationCompletionContext, insert: Range): CitationCompletionItem {
  const typed = context.query.trim();
  return {
    label: typed ? `No entry matches “${typed}”` : 'The bibliography is empty',
    labelDetail: '',
    description: 'keep typing: author, title word, year or key',
    insertText: context.query,
    filterText: context.query,
    sortText: '9999',
    insert,
    replace: insert,
  };
}
