/** Find All References on a cited key (or on an entry's key in a .bib file): every citation of it in the workspace. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { findCitations } from '../core/citations/findCitations';
import { createTextDocument } from '../core/document/textDocument';
import type { BibliographyLookup, CitationItem } from '../core/types';
import { citationAt, entriesOf } from './documentCitations';
import { findSupportedFiles, readWorkspaceFile } from './workspaceFiles';
import type { BibliographyService } from './workspace';

export class CitationReferenceProvider implements vscode.ReferenceProvider {
  constructor(private readonly bibliographies: BibliographyService) {}

  async provideReferences(
    document: vscode.TextDocument,
    position: vscode.Position,
    _context: vscode.ReferenceContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.Location[] | undefined> {
    const keys = await this.keysAt(document, position);
    if (!keys || keys.size === 0) return undefined;
    const locations: vscode.Location[] = [];
    for (const uri of await findSupportedFiles(token)) {
      if (token.isCancellationRequested) return undefined;
      const file = await readWorkspaceFile(uri);
      if (!file) continue;
      const text = file.getText();
      const bibliography = (await this.bibliographies.forDocument(file)).index;
      const lines = createTextDocument(uri.toString(), file.languageId, text);
      for (const citation of safeFindCitations(text, file.language)) {
        for (const item of citation.items) {
          if (itemCitesAny(item, keys, bibliography)) {
            const start = lines.positionAt(item.span.start);
            const end = lines.positionAt(item.span.end);
            locations.push(new vscode.Location(uri, new vscode.Range(start.line, start.character, end.line, end.character)));
          }
        }
      }
    }
    return locations;
  }

  /** The entry keys meant at the cursor: a citation's item(s), or an entry header in a bibliography file. */
  private async keysAt(document: vscode.TextDocument, position: vscode.Position): Promise<Set<string> | undefined> {
    const bibKey = bibEntryKeyAt(document, position);
    if (bibKey) return new Set([bibKey]);
    const hit = citationAt(document, position);
    if (!hit) return undefined;
    const bibliography = (await this.bibliographies.forDocument(document)).index;
    const items = hit.item ? [hit.item] : hit.citation.items;
    const keys = new Set<string>();
    for (const item of items) {
      const entries = entriesOf(item, bibliography);
      if (entries.length > 0) entries.forEach((e) => keys.add(e.key));
      else if (item.key) keys.add(item.key);
    }
    return keys;
  }
}

function itemCitesAny(item: CitationItem, keys: Set<string>, bibliography: BibliographyLookup): boolean {
  if (item.key && keys.has(item.key)) return true;
  if (item.key && !item.hubKey) return false;
  return entriesOf(item, bibliography).some((e) => keys.has(e.key));
}

function safeFindCitations(text: string, language: Parameters<typeof findCitations>[1]) {
  try {
    return findCitations(text, language);
  } catch {
    return [];
  }
}

/** `@article{key,` on the cursor's line of a BibTeX file. */
function bibEntryKeyAt(document: vscode.TextDocument, position: vscode.Position): string | undefined {
  const ext = path.extname(document.uri.fsPath).toLowerCase();
  if (!['.bib', '.bibtex', '.biblatex'].includes(ext) && document.languageId !== 'bibtex') return undefined;
  return /^\s*@\w+\s*[{(]\s*([^,\s]+)\s*,/.exec(document.lineAt(position.line).text)?.[1];
}
