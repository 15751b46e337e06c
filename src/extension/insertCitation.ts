/**
 * The Insert Citation command: a QuickPick over the whole library, ranked by CitationSearch as the user
 * types, several entries at once, inserted in the document's citation syntax as one edit.
 */
import * as vscode from 'vscode';
import { citationInsertText } from '../core/citations/insertText';
import type { CitationSearch } from '../core/search/citationSearch';
import type { BibEntry, DocumentLanguage } from '../core/types';
import { languageOf } from './convert';
import { citationLabel } from '../core/format/labels';
import type { BibliographyService } from './workspace';

const PICKER_LIMIT = 200;

interface EntryPickItem extends vscode.QuickPickItem {
  readonly entry: BibEntry;
}

export interface PickerOptions {
  readonly title: string;
  readonly placeholder: string;
  readonly canPickMany: boolean;
  /** Shown before the user types (defaults to the library in file order). */
  readonly initial?: readonly BibEntry[];
}

/** A QuickPick whose list is re-ranked by CitationSearch on every keystroke; undefined when dismissed. */
export function pickEntries(search: CitationSearch, entries: readonly BibEntry[], options: PickerOptions): Promise<BibEntry[] | undefined> {
  const picker = vscode.window.createQuickPick<EntryPickItem>();
  picker.title = options.title;
  picker.placeholder = options.placeholder;
  picker.canSelectMany = options.canPickMany;
  picker.matchOnDescription = true;
  picker.matchOnDetail = true;
  const chosen = new Map<string, EntryPickItem>();
  const itemFor = (entry: BibEntry): EntryPickItem => ({
    label: entry.key,
    description: citationLabel(entry),
    detail: entry.title,
    // Our ranking is fuzzier than QuickPick's own filter: never let it hide a hit.
    alwaysShow: true,
    entry,
  });
  const show = (ranked: readonly BibEntry[]): void => {
    const kept = [...chosen.values()];
    const items = [...kept, ...ranked.filter((e) => !chosen.has(e.key)).map(itemFor)];
    picker.items = items;
    if (options.canPickMany) picker.selectedItems = kept;
  };
  const initial = options.initial ?? entries;
  show(initial);
  picker.onDidChangeValue((value) => {
    show(value.trim() ? search.search(value, PICKER_LIMIT).map((h) => h.entry) : initial);
  });
  picker.onDidChangeSelection((selected) => {
    if (!options.canPickMany) return;
    chosen.clear();
    for (const item of selected) chosen.set(item.entry.key, item);
  });
  return new Promise((resolve) => {
    let done = false;
    picker.onDidAccept(() => {
      done = true;
      const picked = options.canPickMany ? [...picker.selectedItems] : picker.activeItems.slice(0, 1);
      picker.hide();
      resolve(picked.length > 0 ? picked.map((i) => i.entry) : undefined);
    });
    picker.onDidHide(() => {
      picker.dispose();
      if (!done) resolve(undefined);
    });
    picker.show();
  });
}

/** Text to insert for `keys` at a position: keys only inside `[...]` or `\cite{…}`, a full citation otherwise. */
export function insertionText(document: vscode.TextDocument, position: vscode.Position, keys: string[]): string {
  const language = languageOf(document);
  const before = document.lineAt(position.line).text.slice(0, position.character);
  if (language === 'latex' && /\\[a-zA-Z]*cite[a-zA-Z]*\*?(?:\[[^\]]*\]){0,2}\{[^}]*$/.test(before)) {
    return (/[{,]\s*$/.test(before) ? '' : ',') + keys.join(',');
  }
  const insideBrackets = language !== 'latex' && before.lastIndexOf('[') > before.lastIndexOf(']');
  if (insideBrackets) {
    return (/[[;]\s*$/.test(before) ? '' : '; ') + citationInsertText(keys, language, { insideBrackets: true });
  }
  return citationInsertText(keys, language as DocumentLanguage);
}

export interface InsertCitationArgs {
  /** Skip the picker (tests, keybindings with arguments). */
  readonly keys?: string[];
}

export function registerInsertCitation(bibliographies: BibliographyService): vscode.Disposable {
  return vscode.commands.registerCommand('evidenceWriter.insertCitation', async (args?: InsertCitationArgs) => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage('Evidence Writer: open a document to insert a citation.');
      return false;
    }
    const bibliography = await bibliographies.forDocument(editor.document);
    let keys = args?.keys;
    if (!keys) {
      if (bibliography.index.entries.length === 0) {
        void vscode.window.showWarningMessage('Evidence Writer: no bibliography found. Set evidenceWriter.bibliography or add one to the document.');
        return false;
      }
      const picked = await pickEntries(bibliography.search, bibliography.index.entries, {
        title: 'Insert Citation',
        placeholder: 'Search author, year, title or key (author:… year:… title:…); Space to select several',
        canPickMany: true,
      });
      keys = picked?.map((e) => e.key);
    }
    if (!keys || keys.length === 0) return false;
    const chosen = keys;
    return editor.edit((edit) => {
      for (const selection of editor.selections) {
        edit.replace(selection, insertionText(editor.document, selection.start, chosen));
      }
    });
  });
}
