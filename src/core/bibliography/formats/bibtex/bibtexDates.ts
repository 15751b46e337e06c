import { isPrototypeKey } from './citationJsTables';

/**
 * Dates as citation-js's BibLaTeX mapping reads them (plugin-bibtex lib/mapping/shared.js): `date`-like
 * fields as EDTF-ish `YYYY-MM-DD`, ranges split on `/`; `year` + `month` + `day` as parts. Anything
 * whose year is not a number stays a literal. Undefined means: citation-js would throw or find an
 * Object.prototype member (a month named `constructor`), so the entry is left to it.
 */

export interface CslDate {
  'date-parts'?: (number[] | undefined)[];
  literal?: string;
}

const MONTHS: ReadonlyMap<string, number> = new Map([
  ...['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((m, i) => [m, i + 1] as const),
  ...['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'].map((m, i) => [m, i + 1] as const),
  ['sept', 9],
]);

function dateParts(date: string): number[] {
  const parts = date.split('T')[0].replace(/[?~%]$/, '').split('-');
  const year = +parts[0].replace(/^Y(?=-?\d{4}\d+)/, '').replace(/X/g, '0');
  const month = +parts[1];
  const day = +parts[2];
  if (!month || month > 20) return [year];
  if (!day) return [year, month];
  return [year, month, day];
}

/** `date`, `urldate`, `eventdate`, `origdate`. */
export function cslDateOf(date: string): CslDate | undefined {
  const parts = date.split('/').map((part) => (part && part !== '..' ? dateParts(part) : undefined));
  if (parts[0] === undefined) return undefined; // citation-js throws on an open start
  return isNaN(parts[0][0]) ? { literal: date } : { 'date-parts': parts };
}

function monthParts(value: string | undefined): number[] | undefined {
  if (value == null) return [];
  if (+value) return [parseInt(value, 10)];
  const word = value.trim().toLowerCase();
  if (isPrototypeKey(word)) return undefined;
  const known = MONTHS.get(word);
  if (known !== undefined) return [known];
  const words = word.split(/\s+/);
  if (isPrototypeKey(words[0]) || (words[1] !== undefined && isPrototypeKey(words[1]))) return undefined;
  let month: number | undefined;
  let day: number | undefined;
  if (MONTHS.has(words[0])) {
    month = MONTHS.get(words[0]);
    day = parseInt(words[1]);
  } else if (words[1] !== undefined && MONTHS.has(words[1])) {
    month = MONTHS.get(words[1]);
    day = parseInt(words[0]);
  }
  return day ? [month!, day] : month ? [month] : [];
}

/** `issued` from `year`, `month` and `day` (at least one of them present). */
export function cslDateOfParts(year: string | undefined, month: string | undefined, day: string | undefined): CslDate | undefined {
  if (isNaN(Number(year))) return { literal: year };
  if (!isNaN(Number(day)) && !isNaN(Number(month))) return { 'date-parts': [[Number(year), Number(month), Number(day)]] };
  const fromMonth = monthParts(month);
  return fromMonth && { 'date-parts': [[Number(year), ...fromMonth]] };
}
