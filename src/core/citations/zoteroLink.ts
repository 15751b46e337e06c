/**
 * Zotero item links: `zotero://select/groups/2405685/items/KEY`, `zotero://select/items/1_KEY`,
 * `zotero://select/library/items/KEY`, `https://www.zotero.org/groups/2405685/items/KEY`,
 * `http://zotero.org/users/123/items/KEY`, bare or as a Markdown link's target. As for Hub links,
 * the citation's span is the URI only, so a link text such as `[Haßler et al., 2020](zotero://…)`
 * stays the writer's text.
 */
import type { Citation } from '../types';
import { ZOTERO_ITEM_URI, zoteroItemOfMatch } from '../bibliography/formats/hubKeys';

/** False when `text` cannot hold a Zotero item link, so callers skip the scan. */
export function mayContainZoteroLinks(text: string): boolean {
  return text.includes('zotero');
}

export function findZoteroLinkCitations(masked: string): Citation[] {
  const citations: Citation[] = [];
  for (const m of masked.matchAll(ZOTERO_ITEM_URI)) {
    const zotero = zoteroItemOfMatch(m.groups ?? {});
    const keyStart = m.index + m[0].length - zotero.itemKey.length;
    const key = m[0].slice(-zotero.itemKey.length);
    citations.push({
      syntax: 'zotero-link',
      span: { start: m.index, end: m.index + m[0].length },
      items: [{ text: key, span: { start: keyStart, end: keyStart + key.length }, zotero }],
    });
  }
  return citations;
}
