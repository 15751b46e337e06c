/**
 * The parts of citation-js (0.8) this area uses, typed. We call the BibTeX and RIS plugins' parse
 * steps directly (not `new Cite(text)`) so we can feed them one entry or one batch at a time, keep
 * raw fields, and resolve crossref across a whole file ourselves.
 */

import { once } from '../../scheduling/once';

/** A BibTeX entry after syntax parsing: macros expanded, values still LaTeX. */
export interface RawBibtexEntry {
  type: string;
  label: string;
  properties: Record<string, string | number>;
  annotations?: Record<string, Record<string, string>>;
}

export type CslItem = Record<string, unknown>;

// citation-js ships no type declarations for these internal modules, hence require() with a cast.
// Required on first use, not at load: citation-js takes ~0.2 s to load, and the extension host only
// loads this code for the in-process fallback (parsing runs in a worker).
/* eslint-disable @typescript-eslint/no-require-imports */
const bibtexFile = once(() => require('@citation-js/plugin-bibtex/lib/input/file.js') as { parse(text: string): RawBibtexEntry[] });
const bibtexEntries = once(
  () =>
    require('@citation-js/plugin-bibtex/lib/input/entries.js') as {
      parse(entries: RawBibtexEntry[]): CslItem[];
    },
);
const bibtexTypes = once(() => {
  const config = require('@citation-js/plugin-bibtex/lib/config.js') as { default: { types: { biblatex: { source: Record<string, string> } } } };
  return new Set(Object.keys(config.default.types.biblatex.source));
});
const risModule = once(
  () =>
    require('@citation-js/plugin-ris/lib/ris.js') as {
      parse(text: string): Record<string, string | string[]>[];
      parseMixed(record: Record<string, string | string[]>): CslItem;
    },
);
/* eslint-enable @typescript-eslint/no-require-imports */

/** Loads the BibTeX parts ahead of use (a worker readying itself for edits while idle). */
export function loadBibtexParser(): void {
  bibtexFile();
  bibtexEntries();
  bibtexTypes();
}

/** Syntax-parses BibTeX text into raw entries (@string macros in the same text are applied). Throws on bad syntax. */
export function parseBibtexSyntax(text: string): RawBibtexEntry[] {
  return bibtexFile().parse(text);
}

/** Maps raw BibLaTeX/BibTeX entries to CSL-JSON (LaTeX → Unicode, names, dates, crossref within the list). Throws on bad values. */
export function bibtexEntriesToCsl(entries: RawBibtexEntry[]): CslItem[] {
  return bibtexEntries().parse(entries);
}

/** Entry types citation-js maps (BibLaTeX plus BibTeX aliases); others become CSL 'document'. */
export const KNOWN_BIBTEX_TYPES: { has(type: string): boolean } = { has: (type) => bibtexTypes().has(type) };

export function parseRisRecords(text: string): Record<string, string | string[]>[] {
  return risModule().parse(text);
}

export function risRecordToCsl(record: Record<string, string | string[]>): CslItem {
  return risModule().parseMixed(record);
}
