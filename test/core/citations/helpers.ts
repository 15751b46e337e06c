import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Citation } from '../../../src/core/types';

/** Shared fixtures: hub/ (bibliography, blogs) and papers/ (see test/sharedFixtures.ts). */
export const FIXTURES = join(__dirname, '..', '..', 'fixtures');

export function readFixture(...parts: string[]): string {
  return readFileSync(join(FIXTURES, ...parts), 'utf8');
}

/** The 31 real papers, by folder name, from SOURCES.tsv. */
export function paperNames(): string[] {
  return readFixture('papers', 'SOURCES.tsv').trim().split('\n').slice(1).map((l) => l.split('\t')[0]);
}

/** Each citation as the text it covers, its items' texts, and whether it is narrative. */
export function describe(text: string, citations: readonly Citation[]): Array<{ syntax: string; text: string; items: string[]; narrative: boolean }> {
  return citations.map((c) => ({
    syntax: c.syntax,
    text: text.slice(c.span.start, c.span.end),
    items: c.items.map((i) => text.slice(i.span.start, i.span.end)),
    narrative: c.narrative === true,
  }));
}
