/**
 * Zotero's scannable cites (the "Scannable Cite" export that Zotero's RTF/ODF Scan reads back):
 * `{prefix | label | locator | suffix |id}`, e.g. `{ | Haßler et al., 2020 | p. 4 | |zg:2405685:KEY}`,
 * whose id is `zu:N:KEY` (a user's library, 0 the local one), `zg:N:KEY` (a group) or a Zotero item
 * URI. Markers next to each other (`{…}{…}`, or with `;` between) make one citation, as RTF Scan
 * reads them.
 */
import type { Citation, CitationItem } from '../types';
import { zoteroItemOf, zoteroItemOfShortId } from '../bibliography/formats/hubKeys';

const SCANNABLE = /\{(?<prefix>[^{}|\n]{0,200})\|(?<label>[^{}|\n]{0,300})\|(?<locator>[^{}|\n]{0,100})\|(?<suffix>[^{}|\n]{0,200})\|(?<id>[^{}|\n]{0,200})\}/g;
const ADJACENT = /^\s*;?\s*$/;

/** False when `text` cannot hold a scannable cite (no `|zu:`/`|zg:`/`|zotero` id), so callers skip the scan. */
export function mayContainZoteroScannable(text: string): boolean {
  return /\|\s*z(?:u:|g:|otero:|otero\.org)/.test(text);
}

/** Scannable cites in `masked` (code, comments and the like blanked), sorted, never overlapping. */
export function findZoteroScannableCitations(masked: string): Citation[] {
  const items: CitationItem[] = [];
  for (const m of masked.matchAll(SCANNABLE)) {
    const g = m.groups ?? {};
    const idText = (g.id ?? '').trim();
    const id = zoteroItemOfShortId(idText) ?? (/^\S+$/.test(idText) ? zoteroItemOf(idText) : undefined);
    if (!id) continue;
    const clean = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
    const label = clean(g.label);
    const parts = { prefix: clean(g.prefix), locator: clean(g.locator), suffix: clean(g.suffix) };
    const zotero = { ...id, label, ...Object.fromEntries(Object.entries(parts).filter(([, v]) => v !== '')) };
    items.push({ text: label || id.itemKey, span: { start: m.index, end: m.index + m[0].length }, zotero });
  }
  const groups: CitationItem[][] = [];
  for (const item of items) {
    const group = groups[groups.length - 1];
    const previous = group?.[group.length - 1];
    if (group && previous && ADJACENT.test(masked.slice(previous.span.end, item.span.start))) group.push(item);
    else groups.push([item]);
  }
  return groups.map((group): Citation => ({
    syntax: 'zotero-scannable',
    span: { start: group[0]!.span.start, end: group[group.length - 1]!.span.end },
    items: group,
  }));
}
