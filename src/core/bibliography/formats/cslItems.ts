/**
 * CSL items (from CSL-JSON or CSL-YAML) to entries: the part both formats share once their items
 * and the lines they start on are known.
 */
import type { BibEntry, BibProblem } from '../../types';
import type { CslItem } from './citationJs';
import { normaliseCslItem } from './normaliseEntry';
import { bibProblem, shortReason } from './problems';

export interface LocatedItem {
  readonly item: unknown;
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
}

/** Entries of the located items, in order; bad items and later duplicates of an id become problems. */
export function buildEntries(located: LocatedItem[], file: string): { entries: BibEntry[]; problems: BibProblem[] } {
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
