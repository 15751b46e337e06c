import { jsonSyntaxError } from '../../io/jsonSyntaxError';
import type { BibEntry, BibProblem } from '../../types';
import { buildEntries, type LocatedItem } from './cslItems';
import { bibProblem, LineIndex, shortReason } from './problems';

/**
 * CSL-JSON: an array of items, or `{ "items": [...] }` / `{ "references": [...] }`, or one item.
 * JSON has no positions after parsing, so each item's line is found by searching the text for its
 * `"id": "KEY"` in order of appearance.
 */
export function parseCslJsonText(text: string, file: string): { entries: BibEntry[]; problems: BibProblem[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const syntax = jsonSyntaxError(text);
    const reason = syntax?.reason ?? shortReason(error);
    return {
      entries: [],
      problems: [bibProblem('bib-parse-error', 'error', file, `not valid CSL-JSON: ${reason} (line ${syntax?.line ?? 1})`, syntax?.line ?? 1, syntax?.column ?? 1)],
    };
  }
  const items = itemList(data);
  if (!items) {
    return { entries: [], problems: [bibProblem('bib-parse-error', 'error', file, 'not CSL-JSON: expected an array of items with "id" and "type"')] };
  }
  const located = locateJsonItems(text, items);
  return buildEntries(located, file);
}

function itemList(data: unknown): unknown[] | undefined {
  if (Array.isArray(data)) return data;
  if (data && typeof data === 'object') {
    const obj = data as Record<string, unknown>;
    if (Array.isArray(obj.items)) return obj.items;
    if (Array.isArray(obj.references)) return obj.references;
    if ('id' in obj) return [obj];
  }
  return undefined;
}

function locateJsonItems(text: string, items: unknown[]): LocatedItem[] {
  const lines = new LineIndex(text);
  const idPattern = /"id"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?)/g;
  const offsetsById = new Map<string, number[]>();
  for (let m = idPattern.exec(text); m; m = idPattern.exec(text)) {
    let id: string;
    try {
      id = String(JSON.parse(m[1]));
    } catch {
      continue;
    }
    const list = offsetsById.get(id) ?? [];
    list.push(m.index);
    offsetsById.set(id, list);
  }
  let lastOffset = 0;
  return items.map((item) => {
    const id = item && typeof item === 'object' ? (item as Record<string, unknown>).id : undefined;
    const offsets = id === undefined ? undefined : offsetsById.get(String(id));
    const offset = offsets?.shift() ?? lastOffset;
    lastOffset = offset;
    return { item, line: lines.lineOf(offset), column: lines.columnOf(offset) };
  });
}
