import type { BibEntry, BibProblem, Person } from '../../types';
import { parseRisRecords, risRecordToCsl, type CslItem } from './citationJs';
import { foldLetters } from '../../text/foldLetters';
import { normaliseCslItem } from './normaliseEntry';
import { bibProblem, shortReason } from './problems';

/** Tags that legitimately repeat in a record; any other repeated tag is reduced to its first value on retry. */
const REPEATABLE: ReadonlySet<string> = new Set(['AU', 'A1', 'A2', 'A3', 'A4', 'ED', 'KW', 'AD', 'N1', 'UR', 'L1', 'L2', 'L4', 'SN', 'PB', 'CY', 'M3', 'DB']);

interface RisRecordText {
  readonly text: string;
  readonly line: number;
  readonly endLine: number;
}

/**
 * RIS: records from `TY  -` to `ER  -`, each parsed alone so one bad record costs only itself.
 * Keys: the record's `ID` when present, otherwise generated as family+year+first title word
 * (lower-case, like Zotero/Better BibTeX), made unique within the file with a/b/c suffixes.
 */
export function parseRisText(text: string, file: string): { entries: BibEntry[]; problems: BibProblem[] } {
  const entries: BibEntry[] = [];
  const problems: BibProblem[] = [];
  const usedKeys = new Map<string, number>();
  for (const record of splitRisRecords(text)) {
    let parsed: Record<string, string | string[]> | undefined;
    try {
      parsed = parseRisRecords(record.text)[0];
    } catch (error) {
      problems.push(bibProblem('bib-parse-error', 'error', file, `RIS record at line ${record.line} could not be read (${shortReason(error)}); skipped it`, record.line));
      continue;
    }
    if (!parsed) continue;
    let csl: CslItem;
    try {
      csl = risRecordToCsl(parsed);
    } catch (error) {
      const reduced = reduceRepeatedTags(parsed);
      try {
        if (!reduced.tags.length) throw error;
        csl = risRecordToCsl(reduced.record);
        problems.push(
          bibProblem('bib-parse-error', 'warning', file, `RIS record at line ${record.line} repeats ${reduced.tags.join(', ')}; used the first value`, record.line),
        );
      } catch (secondError) {
        problems.push(bibProblem('bib-parse-error', 'error', file, `RIS record at line ${record.line} could not be read (${shortReason(secondError)}); skipped it`, record.line));
        continue;
      }
    }
    const explicitId = typeof parsed.ID === 'string' ? parsed.ID.trim() : '';
    const key = explicitId || generatedKey(csl, usedKeys);
    if (explicitId) {
      if (usedKeys.has(key)) {
        problems.push(bibProblem('duplicate-key', 'warning', file, `duplicate ID '${key}': already defined at line ${usedKeys.get(key)} of this file, which is the one used`, record.line, 1, key));
        continue;
      }
    }
    usedKeys.set(key, record.line);
    entries.push(normaliseCslItem(csl, key, { file, line: record.line, column: 1, endLine: record.endLine }));
  }
  return { entries, problems };
}

export function splitRisRecords(text: string): RisRecordText[] {
  const lines = text.split(/\r?\n/);
  const records: RisRecordText[] = [];
  let start = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/^\uFEFF/, '');
    if (/^\s*TY {2}-/.test(line)) {
      if (start >= 0) records.push(recordOf(lines, start, i - 1));
      start = i;
    } else if (/^\s*ER {2}-/.test(line) && start >= 0) {
      records.push(recordOf(lines, start, i));
      start = -1;
    }
  }
  if (start >= 0) records.push(recordOf(lines, start, lines.length - 1));
  return records;
}

function recordOf(lines: string[], first: number, last: number): RisRecordText {
  const body = lines.slice(first, last + 1).map((l) => l.replace(/^\uFEFF/, '').trimStart());
  return { text: body.join('\n'), line: first + 1, endLine: last + 1 };
}

function reduceRepeatedTags(record: Record<string, string | string[]>): { record: Record<string, string | string[]>; tags: string[] } {
  const copy: Record<string, string | string[]> = {};
  const tags: string[] = [];
  for (const [tag, value] of Object.entries(record)) {
    if (Array.isArray(value) && !REPEATABLE.has(tag)) {
      copy[tag] = value[0];
      tags.push(tag);
    } else {
      copy[tag] = value;
    }
  }
  return { record: copy, tags };
}

function generatedKey(csl: CslItem, used: Map<string, number>): string {
  const first = (Array.isArray(csl.author) ? csl.author[0] : undefined) as Person | undefined;
  const name = first?.family ?? first?.literal?.split(/[\s,]+/)[0] ?? 'anon';
  const issued = csl.issued as { 'date-parts'?: unknown[][] } | undefined;
  const year = issued?.['date-parts']?.[0]?.[0] ?? 'nd';
  const word = foldLetters(String(csl.title ?? ''))
    .split(/[^a-z0-9]+/)
    .find((w) => w.length > 3 && !STOP_WORDS.has(w)) ?? '';
  const base = `${foldLetters(name).replace(/[^a-z0-9]/g, '')}${year}${word}`;
  let key = base;
  for (let n = 0; used.has(key); n++) key = base + String.fromCharCode(97 + (n % 26)) + (n >= 26 ? n : '');
  return key;
}

const STOP_WORDS: ReadonlySet<string> = new Set(['with', 'from', 'that', 'this', 'their', 'into', 'about', 'among', 'between', 'over', 'under', 'what', 'when', 'which']);
