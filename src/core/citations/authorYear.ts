/**
 * Author-year prose citations, as EdTech Hub writes them and as APA/Harvard text does:
 * `(⇡Castillo, et al., 2015; ⇡Selwyn, 2016b)`, `(e.g. ⇡World Bank, 2016)`,
 * `⇡Hennessy, Jordan & Wagner (2021)`, `(Vegas, 2020)`, `Smith and Jones (2019)`, `Smith et al. (2019)`.
 * The ⇡ marks a Hub citation for certain; without it we require a capitalised name and a year
 * 1900–2099 in one of the two citation shapes, and refuse common capitalised non-names.
 */
import type { Citation, CitationItem } from '../types';

const NAME_WORD = String.raw`\p{Lu}[\p{L}\p{M}'’\-]*[\p{L}\p{M}]`;
const PARTICLE = String.raw`(?:(?:van|von|de|der|den|du|da|di|del|della|la|le|ten|ter|dos|das|al|el|bin|ibn)\s+)`;
const SURNAME = `${PARTICLE}{0,2}${NAME_WORD}`;
/** A person's surname, or a corporate name of several capitalised words ("World Bank"). */
const NAME_GROUP = String.raw`${SURNAME}(?:[ \t]+(?:(?:of|for|on|the|de)[ \t]+)?${NAME_WORD}){0,5}`;
const SEPARATOR = String.raw`(?:\s*,\s*(?:(?:&|and)\s+)?|\s+(?:&|and)\s+)`;
const NAMES = `${NAME_GROUP}(?:${SEPARATOR}${NAME_GROUP}){0,7}`;
/** Without ⇡, a narrative citation's names are single surnames ("Smith and Jones"). */
const STRICT_NAMES = `${SURNAME}(?:${SEPARATOR}${SURNAME}){0,3}`;
const ET_AL = String.raw`,?\s+et\s+al\b\.?`;
const YEAR = String.raw`(?:19|20)\d\d[a-rt-z]?(?![\p{L}\p{N}])`;
const YEARS = String.raw`${YEAR}(?:\s*,\s*${YEAR})*`;
const LOCATOR = String.raw`\s*,\s*(?:p|pp|para|paras|ch|chap|chapter|sec|section|fig|figure|table)\.?\s*[\p{N}ivxlc][\p{N}ivxlc–\-]*`;

const PARENTHETICAL_PART = new RegExp(
  String.raw`^\s*(?<prefix>(?:[\p{Ll}][\p{L}.]*,?\s+){0,4}?)\[?(?<hub>⇡\s*)?(?<names>${NAMES})(?<etal>${ET_AL})?(?<sep>\s*,\s*|\s+)(?<years>${YEARS})(?:${LOCATOR})?\]?\s*$`,
  'du',
);
const PARENTHESES = /\((?:[^()\n]|\n(?![ \t]*\n)){4,500}?\)/g;
const HUB_NARRATIVE = new RegExp(
  String.raw`⇡\s*(?<names>${NAMES})(?<etal>${ET_AL})?\]?\s*\((?<years>${YEARS})(?:${LOCATOR})?\)`,
  'dgu',
);
/** Exported for the test that checks plainNarrativeMatches against a plain matchAll. */
export const PLAIN_NARRATIVE = new RegExp(
  String.raw`(?<![\p{L}\p{N}⇡'’\-])(?<names>${STRICT_NAMES})(?<etal>${ET_AL})?[ \t]*\n?[ \t]*\((?<years>${YEARS})(?:${LOCATOR})?\)`,
  'dgu',
);
const YEAR_IN = new RegExp(YEAR, 'gu');
const NAME_SPLIT = /\s*,\s*(?:(?:&|and)\s+)?|\s+(?:&|and)\s+/;

/** Capitalised words that start sentences or name times and things, not authors. */
const NOT_NAMES: ReadonlySet<string> = new Set(
  (
    'The This That These Those There Their They Then Than Thus Here In On At By For From Since Until During Before After ' +
    'Between Between Within Without Around About Above Below Under Over Through Across And But Or Nor Yet So If As When ' +
    'While Where Which What Who Whom Whose Why How We Our Us It Its He She His Her Figure Fig Figures Table Tables ' +
    'Section Chapter Appendix Equation Eq Version Release Vol Volume Issue No Number Page Part Phase Round Wave Year ' +
    'Years Spring Summer Autumn Fall Winter January February March April May June July August September October ' +
    'November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday ' +
    'Saturday Sunday Q1 Q2 Q3 Q4 Term Grade Grades Class Cohort Update Updated Accessed Retrieved Published Est Circa ' +
    'Covid Pandemic Census Survey Study Report Law Act'
  ).split(' '),
);
/** Words allowed right before a narrative citation without ⇡ even though capitalised. */
const LEAD_INS: ReadonlySet<string> = new Set('In As See By From Following Like Unlike Per And But While Whereas Both Also Then Similarly However Thus'.split(' '));
const DETERMINERS = /(?:^|[^\p{L}])(?:the|a|an|this|that|these|those|our|their|its|his|her|my|your)\s+$/iu;

function namesOf(written: string): string[] {
  return written
    .replace(/⇡/g, '')
    .split(NAME_SPLIT)
    .map((n) => n.replace(/\s+/g, ' ').trim())
    .filter((n) => n.length > 0);
}

function plausibleNames(names: readonly string[]): boolean {
  return names.every((n) => !NOT_NAMES.has(n.split(' ')[0]));
}

/**
 * One item per year: `Smith (2019a, 2019b)` cites two works. The first item spans names to its
 * year; later items span their year only.
 */
function itemsFor(names: string[], etAl: boolean, namesStart: number, yearsStart: number, yearsText: string, text: string): CitationItem[] {
  const items: CitationItem[] = [];
  for (const y of yearsText.matchAll(YEAR_IN)) {
    const yStart = yearsStart + y.index;
    const yEnd = yStart + y[0].length;
    const start = items.length === 0 ? namesStart : yStart;
    const written = items.length === 0 ? text.slice(start, yEnd) : `${names.join(', ')}${etAl ? ' et al.' : ''}, ${y[0]}`;
    items.push({ text: written, span: { start, end: yEnd }, authorYear: { names, etAl, year: y[0] } });
  }
  return items;
}

function parenthetical(masked: string): Citation[] {
  const citations: Citation[] = [];
  for (const p of masked.matchAll(PARENTHESES)) {
    const open = p.index;
    const body = p[0].slice(1, -1);
    if (!/(?:19|20)\d\d/.test(body) || !/\p{Lu}/u.test(body)) continue;
    const items: CitationItem[] = [];
    let partStart = open + 1;
    for (const part of body.split(';')) {
      const m = PARENTHETICAL_PART.exec(part);
      if (m && m.groups) {
        const g = m.groups;
        const hub = g.hub !== undefined;
        const names = namesOf(g.names);
        const etAl = g.etal !== undefined;
        const commaBeforeYear = g.sep.includes(',');
        const acceptable =
          hub ||
          (plausibleNames(names) &&
            (commaBeforeYear || etAl || names.length > 1 || !/^[\p{Lu}\s]+$/u.test(names[0])));
        if (acceptable) {
          const at = m.indices?.groups ?? {};
          const namesStart = partStart + (at.names?.[0] ?? 0);
          const yearsStart = partStart + (at.years?.[0] ?? 0);
          items.push(...itemsFor(names, etAl, namesStart, yearsStart, g.years, masked));
        }
      }
      partStart += part.length + 1;
    }
    if (items.length > 0) citations.push({ syntax: 'author-year', span: { start: open, end: open + p[0].length }, items });
  }
  return citations;
}

/** Where the `(year` of a narrative citation can be. */
const YEAR_PARENTHESIS = /\((?:19|20)\d\d/g;
/** PLAIN_NARRATIVE tried at one offset only. */
const PLAIN_NARRATIVE_AT = new RegExp(PLAIN_NARRATIVE.source, 'dyu');

/**
 * The matches of PLAIN_NARRATIVE, as `masked.matchAll(PLAIN_NARRATIVE)` gives them, without running
 * its (costly) pattern from every capital letter of the document. A match holds exactly one `(`,
 * right before its year, and before that only name characters (letters, marks, ' ’ - , & . and
 * white space). So each `(year` is looked at in turn, trying the pattern only at the word starts of
 * the run of name characters that ends there.
 */
export function* plainNarrativeMatches(masked: string): Generator<RegExpExecArray> {
  let cursor = 0;
  for (;;) {
    YEAR_PARENTHESIS.lastIndex = cursor;
    const candidate = YEAR_PARENTHESIS.exec(masked);
    if (!candidate) return;
    const paren = candidate.index;
    let found: RegExpExecArray | null = null;
    for (let at = nameRunStart(masked, paren, cursor); at < paren && !found; at++) {
      if (!mayStartNames(masked, at)) continue;
      PLAIN_NARRATIVE_AT.lastIndex = at;
      found = PLAIN_NARRATIVE_AT.exec(masked);
    }
    if (found) {
      yield found;
      cursor = found.index + found[0].length;
    } else {
      cursor = paren + 1;
    }
  }
}

/**
 * False where PLAIN_NARRATIVE cannot start: on an ASCII character that is not a letter (names start
 * with a capital or a particle), or after an ASCII letter, digit, ' or - (its lookbehind).
 */
function mayStartNames(masked: string, at: number): boolean {
  const c = masked.charCodeAt(at);
  if (c < 0x80 && !((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a))) return false;
  const before = masked.charCodeAt(at - 1); // NaN at the start: no character before
  if (before < 0x80) {
    const wordCharacter =
      (before >= 0x41 && before <= 0x5a) || (before >= 0x61 && before <= 0x7a) || (before >= 0x30 && before <= 0x39) || before === 0x27 || before === 0x2d;
    if (wordCharacter) return false;
  }
  return true;
}

/** Start of the run of possible name characters ending at `end`, not before `floor`. */
function nameRunStart(masked: string, end: number, floor: number): number {
  let i = end;
  while (i > floor && mayBeInNames(masked.charCodeAt(i - 1))) i--;
  return i;
}

function mayBeInNames(c: number): boolean {
  if (c < 0x80) {
    return (
      (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x20 || (c >= 0x09 && c <= 0x0d) ||
      c === 0x27 /* ' */ || c === 0x2d /* - */ || c === 0x2c /* , */ || c === 0x26 /* & */ || c === 0x2e /* . */
    );
  }
  // Surrogates (astral letters) are let through: a longer run only means a longer search.
  if (c >= 0xd800 && c <= 0xdfff) return true;
  return NAME_CHARACTER.test(String.fromCharCode(c));
}
const NAME_CHARACTER = /^[\p{L}\p{M}\s’]$/u;

function narrative(masked: string, re: RegExp, hub: boolean): Citation[] {
  const citations: Citation[] = [];
  for (const m of re === PLAIN_NARRATIVE ? plainNarrativeMatches(masked) : masked.matchAll(re)) {
    const g = m.groups ?? {};
    const names = namesOf(g.names);
    if (!hub) {
      if (!plausibleNames(names)) continue;
      const before = masked.slice(Math.max(0, m.index - 40), m.index);
      if (DETERMINERS.test(before)) continue;
      const previousWord = /([\p{L}][\p{L}'’\-]*)[ \t]+$/u.exec(before);
      if (previousWord && /^\p{Lu}/u.test(previousWord[1]) && !LEAD_INS.has(previousWord[1])) continue;
    }
    const at = m.indices?.groups ?? {};
    const namesStart = at.names?.[0] ?? m.index;
    const yearsStart = at.years?.[0] ?? m.index;
    const items = itemsFor(names, g.etal !== undefined, namesStart, yearsStart, g.years, masked);
    if (items.length > 0) citations.push({ syntax: 'author-year', span: { start: m.index, end: m.index + m[0].length }, items, narrative: true });
  }
  return citations;
}

/** Author-year citations in `masked` (structure blanked), sorted and non-overlapping. */
export function findAuthorYearCitations(masked: string): Citation[] {
  if (!/(?:19|20)\d\d/.test(masked)) return [];
  const all = [...narrative(masked, HUB_NARRATIVE, true), ...parenthetical(masked), ...narrative(masked, PLAIN_NARRATIVE, false)];
  all.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  const out: Citation[] = [];
  let reach = -1;
  for (const c of all) {
    if (c.span.start < reach) continue;
    out.push(c);
    reach = c.span.end;
  }
  return out;
}
