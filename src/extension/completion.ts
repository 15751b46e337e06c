/**
 * Citation completion: `@` where a Pandoc citation can start, inside `\cite…{` (and after `,`), and after `⇡`.
 * The core's CitationSearch ranks; VS Code must not re-filter, so every item's filterText is the typed query
 * and the list is incomplete (VS Code asks again on the next keystroke).
 */
import * as vscode from 'vscode';
import type { BibEntry } from '../core/types';
import { citationCompletionContext, isInFencedBlock, type CitationCompletionContext } from './completionContext';
import { languageOf } from './convert';
import { citationLabel, hubCitationText } from '../core/format/labels';
import { entryMarkdown } from './entryMarkdown';
import { isEnabledFor, readSettings } from './settings';
import type { BibliographyService } from './workspace';

export const COMPLETION_TRIGGERS = ['@', '{', ',', '⇡'];
const MAX_ITEMS = 50;

class CitationCompletionItem extends vscode.CompletionItem {
  constructor(
    label: vscode.CompletionItemLabel,
    readonly entry: BibEntry,
    readonly documentUri: vscode.Uri,
  ) {
    super(label, vscode.CompletionItemKind.Reference);
  }
}

export class CitationCompletionProvider implements vscode.CompletionItemProvider<CitationCompletionItem> {
  constructor(private readonly bibliographies: BibliographyService) {}

  async provideCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.CompletionList<CitationCompletionItem> | undefined> {
    if (!isEnabledFor(document)) return undefined;
    const context = completionContextAt(document, position);
    if (!context) return undefined;
    const bibliography = await this.bibliographies.forDocument(document);
    if (token.isCancellationRequested) return undefined;

    const entries = context.query
      ? bibliography.search.search(context.query, MAX_ITEMS).map((hit) => hit.entry)
      : bibliography.index.entries.slice(0, MAX_ITEMS);
    const line = document.lineAt(position.line).text;
    const keyTail = /^[\w:.#$%&\-+?<>~/]*/u.exec(line.slice(position.character))?.[0].length ?? 0;
    const inserting = new vscode.Range(position.line, context.queryStart, position.line, position.character);
    const replacing =
      context.syntax === 'hub' ? inserting : new vscode.Range(position.line, context.queryStart, position.line, position.character + keyTail);

    const items = entries.map((entry, rank) => {
      const item = new CitationCompletionItem(
        { label: entry.key, detail: ` ${citationLabel(entry)}`, description: entry.title },
        entry,
        document.uri,
      );
      item.detail = entry.title;
      item.insertText = context.syntax === 'hub' ? hubCitationText(entry) : entry.key;
      item.filterText = context.query;
      item.sortText = String(rank).padStart(4, '0');
      item.range = { inserting, replacing };
      return item;
    });
    return new vscode.CompletionList(items, true);
  }

  async resolveCompletionItem(item: CitationCompletionItem): Promise<CitationCompletionItem> {
    item.documentation = await entryMarkdown(item.entry, readSettings(item.documentUri).citationStyle, { abstract: true });
    return item;
  }
}

export function completionContextAt(document: vscode.TextDocument, position: vscode.Position): CitationCompletionContext | undefined {
  const linePrefix = document.lineAt(position.line).text.slice(0, position.character);
  // Cheap test first: only scan the document for code fences when a trigger is on the line.
  if (!/[@{,⇡]/u.test(linePrefix)) return undefined;
  const language = languageOf(document);
  return citationCompletionContext(linePrefix, language, {
    inCodeBlock: language !== 'latex' && isInFencedBlock(linesAbove(document, position.line)),
  });
}

function* linesAbove(document: vscode.TextDocument, line: number): Iterable<string> {
  for (let i = 0; i < line; i++) yield document.lineAt(i).text;
}
