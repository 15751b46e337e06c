import type { Node as YamlNode } from 'yaml';
import { yaml } from '../io/lazyYaml';
import { jsonSyntaxError } from '../io/jsonSyntaxError';
import type { BibEntry, BibProblem } from '../types';
import type { CslItem } from './citationJs';
import { normaliseCslItem } from './normaliseEntry';
import { bibProblem, LineIndex, shortReason } from './problems';

interface LocatedItem {
  readonly item: unknown;
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
}

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

/** CSL-YAML (Pandoc's format): a list of items, or a mapping with `references:`; YAML gives real positions. */
export function parseCslYamlText(text: string, file: string): { entries: BibEntry[]; problems: BibProblem[] } {
  const lineCounter = new (yaml().LineCounter)();
  // Pandoc also accepts a Markdown file's YAML block: strip a trailing `...`/`---` terminator and text after it.
  const doc = yaml().parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  const problems: BibProblem[] = [];
  for (const error of doc.errors) {
    const pos = lineCounter.linePos(error.pos[0]);
    problems.push(bibProblem('bib-parse-error', 'error', file, `not valid YAML: ${shortReason(error)}`, pos.line, pos.col));
  }
  if (doc.errors.length) return { entries: [], problems };
  let list: YamlNode | null | undefined = doc.contents as YamlNode | null;
  if (yaml().isMap(list)) list = list.get('references', true) as YamlNode | undefined;
  if (!yaml().isSeq(list)) {
    return { entries: [], problems: [bibProblem('bib-parse-error', 'error', file, 'not CSL-YAML: expected a list of items (or `references:` with a list)')] };
  }
  const located: LocatedItem[] = list.items.map((node) => {
    const range = (node as YamlNode).range;
    const start = range ? lineCounter.linePos(range[0]) : { line: 1, col: 1 };
    const end = range ? lineCounter.linePos(Math.max(range[0], range[1] - 1)) : undefined;
    return { item: (node as YamlNode).toJSON(), line: start.line, column: start.col, endLine: end?.line };
  });
  const built = buildEntries(located, file);
  return { entries: built.entries, problems: [...problems, ...built.problems] };
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

function buildEntries(located: LocatedItem[], file: string): { entries: BibEntry[]; problems: BibProblem[] } {
  const entries: BibEntry[] = [];
  const problems: BibProblem[] = [];
  const firstLine = new Map<string, number>();
  located.forEach(({ item, line, column, endLine }, index) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      problems.push(bibProblem('bib-parse-error', 'error', file, `item ${index + 1} (line ${line}) is not an object; skipped it`, line, column));
      return;
    }
    const csl = item as CslItem;
    const id = csl.id;
    if ((typeof id !== 'string' && typeof id !== 'number') || String(id).trim() === '') {
      problems.push(bibProblem('missing-key', 'error', file, `item ${index + 1} (line ${line}) has no "id"; skipped it`, line, column));
      return;
    }
    const key = String(id);
    const earlier = firstLine.get(key);
    if (earlier !== undefined) {
      problems.push(bibProblem('duplicate-key', 'warning', file, `duplicate id '${key}': already defined at line ${earlier} of this file, which is the one used`, line, column, key));
      return;
    }
    firstLine.set(key, line);
    try {
      const location = { file, line, column, ...(endLine !== undefined && { endLine }) };
      entries.push(normaliseCslItem(normaliseCslDates(csl), key, location));
    } catch (error) {
      problems.push(bibProblem('bib-parse-error', 'error', file, `item '${key}' (line ${line}) could not be read (${shortReason(error)}); skipped it`, line, column, key));
    }
  });
  return { entries, problems };
}

const DATE_FIELDS = ['issued', 'accessed', 'original-date', 'event-date', 'submitted'];

/** CSL-YAML often writes `issued: 2016` or `issued: 2016-05-01`; CSL processors want date-parts. */
function normaliseCslDates(item: CslItem): CslItem {
  let copy: CslItem | undefined;
  for (const field of DATE_FIELDS) {
    const value = item[field];
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    copy ??= { ...item };
    const m = /^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$/.exec(String(value).trim());
    copy[field] = m ? { 'date-parts': [m.slice(1).filter(Boolean).map(Number)] } : { literal: String(value) };
  }
  return copy ?? item;
}
