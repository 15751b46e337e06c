/**
 * A QuickPick over the whole library, re-ranked by the server's citation search as the writer types;
 * several entries at once. Used by Insert Citation and Cite Evidence.
 */
import * as vscode from 'vscode';
import type { EntrySummary } from '../server/protocol';
import type { EvidenceServer } from './server';

interface EntryPickItem extends vscode.QuickPickItem {
  readonly entry: EntrySummary;
}

export interface PickerOptions {
  readonly title: string;
  readonly placeholder: string;
  /** Shown before the writer types (default: the library's most recent entries). */
  readonly initial?: readonly EntrySummary[];
}

/** The chosen entries' keys; undefined when dismissed. */
export async function pickEntries(server: EvidenceServer, uri: vscode.Uri, options: PickerOptions): Promise<string[] | undefined> {
  const picker = vscode.window.createQuickPick<EntryPickItem>();
  picker.title = options.title;
  picker.placeholder = options.placeholder;
  picker.canSelectMany = true;
  picker.matchOnDescription = true;
  picker.matchOnDetail = true;
  const chosen = new Map<string, EntryPickItem>();
  const itemFor = (entry: EntrySummary): EntryPickItem => ({
    label: entry.key,
    description: entry.label,
    detail: entry.title,
    // The server's ranking is fuzzier than QuickPick's own filter: never let it hide a hit.
    alwaysShow: true,
    entry,
  });
  const show = (query: string, ranked: readonly EntrySummary[]): void => {
    if (query !== picker.value.trim()) return; // a newer query is on its way
    const kept = [...chosen.values()];
    picker.items = [...kept, ...ranked.filter((e) => !chosen.has(e.key)).map(itemFor)];
    picker.selectedItems = kept;
    picker.busy = false;
  };
  const search = (query: string): void => {
    picker.busy = true;
    const ranked = query === '' && options.initial ? Promise.resolve(options.initial) : server.searchEntries(uri, query);
    void ranked.then((entries) => show(query, entries), () => show(query, []));
  };
  search('');
  picker.onDidChangeValue((value) => search(value.trim()));
  picker.onDidChangeSelection((selected) => {
    chosen.clear();
    for (const item of selected) chosen.set(item.entry.key, item);
  });
  return new Promise((resolve) => {
    let done = false;
    picker.onDidAccept(() => {
      done = true;
      const picked = picker.selectedItems.length > 0 ? [...picker.selectedItems] : picker.activeItems.slice(0, 1);
      picker.hide();
      resolve(picked.length > 0 ? picked.map((i) => i.entry.key) : undefined);
    });
    picker.onDidHide(() => {
      picker.dispose();
      if (!done) resolve(undefined);
    });
    picker.show();
  });
}
