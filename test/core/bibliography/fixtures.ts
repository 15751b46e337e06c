import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** Test data copied from /work/shared/data (see test/fixtures/bibliography/SOURCE.md). */
export const FIXTURES = path.resolve(__dirname, '../../fixtures/bibliography');

export function fixture(...parts: string[]): string {
  return path.join(FIXTURES, ...parts);
}

export function fixtureText(...parts: string[]): string {
  return readFileSync(fixture(...parts), 'utf8');
}

export function paperBibs(): string[] {
  return readdirSync(fixture('papers'))
    .filter((f) => f.endsWith('.bib'))
    .sort()
    .map((f) => fixture('papers', f));
}

/**
 * Counts BibTeX data entries independently of the parser: lines starting with `@type{` or `@type(`,
 * minus @string/@comment/@preamble, ignoring `%`-commented lines.
 */
export function countBibtexEntries(text: string): number {
  const heads = text.match(/^[ \t]*@[A-Za-z]+[ \t]*[{(]/gm) ?? [];
  return heads.filter((h) => !/@(string|comment|preamble)\b/i.test(h)).length;
}

/** 1-based line of the first occurrence of `needle` in `text`. */
export function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`not found: ${needle}`);
  return text.slice(0, at).split('\n').length;
}
