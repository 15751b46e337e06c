/** Hover on a citation: every cited work's formatted reference, with DOI/URL links. */
import * as vscode from 'vscode';
import { citationAt, entriesOf } from './documentCitations';
import { appendEntry, referenceText } from './entryMarkdown';
import { spanToRange } from './convert';
import { isEnabledFor, readSettings } from './settings';
import type { BibliographyService } from './workspace';

export class CitationHoverProvider implements vscode.HoverProvider {
  constructor(private readonly bibliographies: BibliographyService) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    if (!isEnabledFor(document)) return undefined;
    const hit = citationAt(document, position);
    if (!hit) return undefined;
    const bibliography = await this.bibliographies.forDocument(document);
    if (token.isCancellationRequested) return undefined;
    const style = readSettings(document.uri).citationStyle;
    const resolved = hit.citation.items.map((item) => ({ item, entries: entriesOf(item, bibliography.index) }));
    const references = await Promise.all(resolved.map(({ entries }) => Promise.all(entries.map((e) => referenceText(e, style)))));
    if (token.isCancellationRequested) return undefined;
    const md = new vscode.MarkdownString();
    resolved.forEach(({ item, entries }, i) => {
      if (i > 0) md.appendMarkdown('\n\n---\n\n');
      if (entries.length === 0) {
        md.appendMarkdown(`$(warning) \`${(item.key ?? item.text).replace(/`/g, '')}\` not found in the bibliography`);
      }
      if (entries.length > 1) md.appendMarkdown(`\`${item.text.replace(/`/g, '')}\` matches ${entries.length} entries:\n\n`);
      entries.forEach((entry, j) => {
        if (j > 0) md.appendMarkdown('\n\n');
        appendEntry(md, entry, references[i][j]);
      });
    });
    md.supportThemeIcons = true;
    return new vscode.Hover(md, spanToRange(document, hit.citation.span));
  }
}
