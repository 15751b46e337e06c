/**
 * The author-year text inside a Zotero-form citation, as the Hub plugin and Zotero's scannable cite
 * write it: "Haßler et al., 2020", "Haßler, et al., 2020", "Haßler & Selwyn, 2020b",
 * "Haßler et al.  (2020)" (the year in brackets: a narrative cite), "-Haßler, 2020" (author
 * suppressed), "World Bank, no date", "anon., 2019". Read for did-you-mean suggestions and for
 * converting the cite to other forms.
 */

export interface LabelParts {
  /** Family or corporate names as written, without "et al.". */
  readonly names: readonly string[];
  readonly etAl: boolean;
  /** '2020', '2016b' or 'n.d.'. */
  readonly year: string;
  /** The year was in brackets: "Haßler et al. (2020)". */
  readonly narrative: boolean;
}

const LABEL = /^-?\s*(?<names>.*?)[\s,]*(?:\((?<bracketed>(?:1[5-9]|20)\d\d[a-z]?|n\.\s?d\.|no date)\)|(?<year>(?:1[5-9]|20)\d\d[a-z]?|n\.\s?d\.|no date))\s*$/u;
const ET_AL = /[\s,]*\bet\s+al\b\.?/u;

/** The parts of a label, or undefined when it names no year (a label Zotero was given without a date). */
export function parseLabel(label: string): LabelParts | undefined {
  const m = LABEL.exec(label.replace(/\s+/g, ' ').trim());
  if (!m?.groups) return undefined;
  const rawYear = m.groups.bracketed ?? m.groups.year ?? '';
  const year = /^\d/.test(rawYear) ? rawYear : 'n.d.';
  const written = m.groups.names ?? '';
  const etAl = ET_AL.test(written);
  const names = written
    .replace(ET_AL, '')
    .split(/\s*(?:,|&|\band\b)\s*/u)
    .map((n) => n.trim())
    .filter((n) => n !== '' && n !== 'anon.');
  return { names, etAl, year, narrative: m.groups.bracketed !== undefined };
}
