/**
 * The EdTech Hub Zotero plugin's tagged citation strings (edtechhub/zotero-edtechhub, "ETH Cite"):
 * each cited item is `⟦zg:2405685:KEY|label⟧` — `zg:` a group library, `zu:` a user's (`zu:0:` the
 * local one) — whose label is the author-year text, optionally after the item's `C:` tags
 * ("Kenya: Haßler et al., 2020"). The plugin writes a parenthetical group,
 * `(⟦zg:…|Haßler, et al., 2020⟧; ⟦zg:…|Selwyn, 2016⟧)`, or narrative items with the year in
 * brackets, `⟦zg:…|Haßler et al.  (2020)⟧, ⟦…⟧`. A group in parentheses is one citation (its span
 * includes the parentheses, so converting it replaces them); every other item is a citation of its own.
 */
import type { Citation, CitationItem } from '../types';
import { zoteroItemOfShortId } from '../bibliography/formats/hubKeys';
import { parseLabel } from './zoteroLabel';

const TAGGED = /⟦(?<id>z[gu]:(?:\d+|local):[A-Za-z0-9]{8})\|(?<label>[^⟦⟧\n]{0,300}?)⟧/g;
/** What may stand between `(` and the first item, or the last item and `)`: "see", "e.g.". */
const MAX_EDGE = 40;
const GROUP_EDGE = new RegExp(`^[^()⟦⟧\\n]{0,${MAX_EDGE}}$`);
const GROUP_SEPARATOR = /^\s*[;,]\s*$/;

/** False when `text` cannot hold a tagged citation, so callers skip the scan. */
export function mayContainZoteroTagged(text: string): boolean {
  return text.includes('⟦');
}

/** Tagged citations in `masked` (code, comments and the like blanked), sorted, never overlapping. */
export function findZoteroTaggedCitations(masked: string): Citation[] {
  const items: CitationItem[] = [];
  for (const m of masked.matchAll(TAGGED)) {
    const item = itemOf(m);
    if (item) items.push(item);
  }
  const citations: Citation[] = [];
  for (let i = 0; i < items.length; ) {
    const group = groupAt(masked, items, i);
    if (group) {
      citations.push(group.citation);
      i = group.next;
      continue;
    }
    const item = items[i]!;
    const narrative = parseLabel(item.zotero?.label ?? '')?.narrative === true;
    citations.push({ syntax: 'zotero-tagged', span: item.span, items: [item], ...(narrative ? { narrative } : {}) });
    i++;
  }
  return citations;
}

function itemOf(m: RegExpMatchArray): CitationItem | undefined {
  const id = zoteroItemOfShortId(m.groups?.id ?? '');
  if (!id || m.index === undefined) return undefined;
  const written = (m.groups?.label ?? '').replace(/\s+/g, ' ').trim();
  const tagged = /^(?<tag>[^:]{1,120}):\s+(?<label>.*\S.*)$/u.exec(written);
  const label = tagged?.groups?.label ?? written;
  const zotero = { ...id, label, ...(tagged?.groups?.tag ? { tag: tagged.groups.tag } : {}) };
  return { text: label || id.itemKey, span: { start: m.index, end: m.index + m[0].length }, zotero };
}

/** The parenthesised group of items starting at items[i], if the text around them is one. */
function groupAt(text: string, items: readonly CitationItem[], i: number): { citation: Citation; next: number } | undefined {
  const first = items[i]!;
  // Looked for within the edge's length only: a scan to the text's start per item was quadratic.
  const before = text.slice(Math.max(0, first.span.start - MAX_EDGE - 1), first.span.start);
  const open = first.span.start - before.length + before.lastIndexOf('(');
  if (before.lastIndexOf('(') < 0 || !GROUP_EDGE.test(text.slice(open + 1, first.span.start))) return undefined;
  let j = i;
  while (j + 1 < items.length && GROUP_SEPARATOR.test(text.slice(items[j]!.span.end, items[j + 1]!.span.start))) j++;
  const last = items[j]!;
  const close = text.slice(last.span.end, last.span.end + MAX_EDGE + 1).indexOf(')') + last.span.end;
  if (close < last.span.end || !GROUP_EDGE.test(text.slice(last.span.end, close))) return undefined;
  return { citation: { syntax: 'zotero-tagged', span: { start: open, end: close + 1 }, items: items.slice(i, j + 1) }, next: j + 1 };
}
