/**
 * Quick fixes for evidence-lint diagnostics:
 * - uncited-claim: "Cite evidence…" (entries most relevant to the sentence first, citation inserted before
 *   the sentence's final punctuation) and "Ignore this claim" (a suppression comment on the line above);
 * - unknown-key: "Change to `closest key`" for each suggestion.
 */
import * as vscode from 'vscode';
import { citationInsertText } from '../core/citations/insertText';
import type { CitationSearch, SearchHit } from '../core/search/citationSearch';
import type { BibEntry, CitationItem } from '../core/types';
import { DIAGNOSTIC_SOURCE, languageOf, spanToRange } from './convert';
import type { DiagnosticsManager } from './diagnostics';
import { citationsOf } from './documentCitations';
import { hubCitationText } from '../core/format/labels';
import { pickEntries } from './insertCitation';
import type { BibliographyService } from './workspace';

export const CITE_EVIDENCE_COMMAND = 'evidenceWriter.citeEvidence';

export class EvidenceCodeActionProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(
    private readonly diagnostics: DiagnosticsManager,
    private readonly bibliographies: BibliographyService,
  ) {}

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      if (diagnostic.code === 'uncited-claim') actions.push(...this.claimActions(document, diagnostic));
      if (diagnostic.code === 'unknown-key') actions.push(...(await this.unknownKeyActions(document, diagnostic)));
    }
    return actions;
  }

  private claimActions(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): vscode.CodeAction[] {
    const cite = new vscode.CodeAction('Cite evidence…', vscode.CodeActionKind.QuickFix);
    cite.diagnostics = [diagnostic];
    cite.isPreferred = true;
    cite.command = { title: 'Cite evidence…', command: CITE_EVIDENCE_COMMAND, arguments: [{ uri: document.uri.toString(), range: diagnostic.range }] };

    const ignore = new vscode.CodeAction('Ignore this claim', vscode.CodeActionKind.QuickFix);
    ignore.diagnostics = [diagnostic];
    ignore.edit = new vscode.WorkspaceEdit();
    const line = document.lineAt(diagnostic.range.start.line);
    const indent = line.text.slice(0, line.firstNonWhitespaceCharacterIndex);
    ignore.edit.insert(document.uri, line.range.start, `${indent}${suppressionComment(document)}\n`);
    return [cite, ignore];
  }

  private async unknownKeyActions(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
    const finding = this.diagnostics.findingFor(document.uri, diagnostic);
    const suggestions = finding?.suggestions ?? [];
    if (suggestions.length === 0) return [];
    const item = itemIn(document, diagnostic.range);
    const index = (await this.bibliographies.forDocument(document)).index;
    const actions: vscode.CodeAction[] = [];
    for (const key of suggestions.slice(0, 3)) {
      // Keys replace keys; an author-year citation ("Hennesy, 2021") gets the entry's author-year label.
      const entry = index.get(key);
      const replacement = item?.authorYear ? (entry ? hubCitationText(entry) : undefined) : key;
      if (!replacement) continue;
      const action = new vscode.CodeAction(`Change to \`${replacement}\``, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.isPreferred = actions.length === 0;
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, item ? keyRange(document, item) : diagnostic.range, replacement);
      actions.push(action);
    }
    return actions;
  }
}

/** The comment that makes evidence-lint skip the next line's claim, in the document's comment syntax. */
export function suppressionComment(document: vscode.TextDocument): string {
  const directive = 'evidence-lint-disable-next-line uncited-claim';
  return languageOf(document) === 'latex' ? `% ${directive}` : `<!-- ${directive} -->`;
}

/** The citation item a diagnostic is about (the diagnostic covers the item's span). */
function itemIn(document: vscode.TextDocument, range: vscode.Range): CitationItem | undefined {
  const start = document.offsetAt(range.start);
  const end = document.offsetAt(range.end);
  for (const citation of citationsOf(document)) {
    for (const item of citation.items) {
      if (item.span.start >= start && item.span.end <= end) return item;
    }
  }
  return undefined;
}

/** The range of the key itself (an item's span may include Pandoc's `@`). */
function keyRange(document: vscode.TextDocument, item: CitationItem): vscode.Range {
  const text = document.getText(spanToRange(document, item.span));
  const at = item.key && !item.authorYear ? text.indexOf(item.key) : -1;
  const start = item.span.start + Math.max(0, at);
  const end = at >= 0 && item.key ? start + item.key.length : item.span.end;
  return new vscode.Range(document.positionAt(start), document.positionAt(end));
}

export interface CiteEvidenceArgs {
  readonly uri: string;
  readonly range: vscode.Range | { start: { line: number; character: number }; end: { line: number; character: number } };
  /** Skip the picker (tests). */
  readonly keys?: string[];
}

export function registerCiteEvidence(bibliographies: BibliographyService): vscode.Disposable {
  return vscode.commands.registerCommand(CITE_EVIDENCE_COMMAND, async (args: CiteEvidenceArgs) => {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(args.uri));
    const range = new vscode.Range(args.range.start.line, args.range.start.character, args.range.end.line, args.range.end.character);
    const sentence = document.getText(range);
    let keys = args.keys;
    if (!keys) {
      const bibliography = await bibliographies.forDocument(document);
      const ranked = relevantEntries(bibliography.search, bibliography.index.entries, sentence);
      const picked = await pickEntries(bibliography.search, bibliography.index.entries, {
        title: 'Cite evidence for this claim',
        placeholder: 'Most relevant to the sentence first; type to search the whole library',
        canPickMany: true,
        initial: ranked,
      });
      keys = picked?.map((e) => e.key);
    }
    if (!keys || keys.length === 0) return false;
    const edit = new vscode.WorkspaceEdit();
    const at = document.positionAt(document.offsetAt(range.start) + citationOffset(sentence));
    const language = languageOf(document);
    edit.insert(document.uri, at, (language === 'latex' ? '~' : ' ') + citationInsertText(keys, language));
    return vscode.workspace.applyEdit(edit);
  });
}

/** Where in the sentence the citation goes: before its final punctuation (and closing quotes). */
export function citationOffset(sentence: string): number {
  const trimmed = sentence.replace(/\s+$/u, '');
  const match = /[.!?…]+["'”’)\]]*$/u.exec(trimmed);
  return match ? match.index : trimmed.length;
}

const STOP_WORDS = new Set(
  ('a about above after again against all also am an and any are as at be because been before being below between both but by can could did do does ' +
    'doing down during each few for from further had has have having he her here hers him his how i if in into is it its itself just me more most my ' +
    'no nor not now of off on once only or other our ours out over own same she should so some such than that the their theirs them then there these ' +
    'they this those through to too under until up very was we were what when where which while who whom why will with would you your yours many much ' +
    'shows show shown showed found finds study studies research evidence data results suggests suggest suggested clear clearly well').split(' '),
);

/**
 * Library entries ranked by how many of the sentence's content words they match (CitationSearch per
 * word). `hitsByWord` remembers each word's hits across calls on the same search (the Evidence panel
 * asks for hundreds of sentences that share most of their words).
 */
export function relevantEntries(search: CitationSearch, entries: readonly BibEntry[], sentence: string, hitsByWord?: Map<string, readonly SearchHit[]>): BibEntry[] {
  const words = [...new Set((sentence.toLowerCase().match(/\p{L}[\p{L}\p{N}'’-]{2,}/gu) ?? []).filter((w) => !STOP_WORDS.has(w)))];
  const scores = new Map<string, { entry: BibEntry; score: number }>();
  for (const word of words.slice(0, 20)) {
    let hits = hitsByWord?.get(word);
    if (!hits) {
      hits = search.search(word, 30);
      hitsByWord?.set(word, hits);
    }
    for (const hit of hits) {
      const current = scores.get(hit.entry.key) ?? { entry: hit.entry, score: 0 };
      current.score += hit.score;
      scores.set(hit.entry.key, current);
    }
  }
  const ranked = [...scores.values()].sort((a, b) => b.score - a.score).map((s) => s.entry);
  const seen = new Set(ranked.map((e) => e.key));
  return [...ranked, ...entries.filter((e) => !seen.has(e.key))];
}
