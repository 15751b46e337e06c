/** Go to Definition / Peek on a cited key: the entry in its bibliography file. */
import * as vscode from 'vscode';
import { sourceLocationToVs } from './convert';
import { citationAt, entriesOf } from './documentCitations';
import { isEnabledFor } from './settings';
import type { BibliographyService } from './workspace';

export class CitationDefinitionProvider implements vscode.DefinitionProvider {
  constructor(private readonly bibliographies: BibliographyService) {}

  async provideDefinition(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Location[] | undefined> {
    if (!isEnabledFor(document)) return undefined;
    const hit = citationAt(document, position);
    if (!hit) return undefined;
    const bibliography = await this.bibliographies.forDocument(document);
    if (token.isCancellationRequested) return undefined;
    // On a key: that key's entry; on the brackets of a multi-citation: all of them.
    const items = hit.item ? [hit.item] : hit.citation.items;
    const locations = items.flatMap((item) => entriesOf(item, bibliography.index)).map((entry) => sourceLocationToVs(entry.location));
    return locations.length > 0 ? locations : undefined;
  }
}
