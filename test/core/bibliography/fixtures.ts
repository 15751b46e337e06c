import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { BibliographyCache } from '../../../src/core/bibliography/store/bibliographyCache';
import { BibliographyStore } from '../../../src/core/bibliography/store/bibliographyStore';
import { searchIndexer } from '../../../src/core/search/searchIndexer';
import type { LoadedFile } from '../../../src/core/types';
import { HUB_FIXTURES, paperFixture, paperNames } from '../../sharedFixtures';

/** Test data copied from /work/shared/data (see test/fixtures/bibliography/SOURCE.md). */
export const FIXTURES = path.resolve(__dirname, '../../fixtures/bibliography');

export function fixture(...parts: string[]): string {
  return path.join(FIXTURES, ...parts);
}

export function fixtureText(...parts: string[]): string {
  return readFileSync(fixture(...parts), 'utf8');
}

/** A file of the Hub bibliography (test/fixtures/hub): 'hub-outputs.bib' or 'hub-outputs.json'. */
export function hubFixture(name: 'hub-outputs.bib' | 'hub-outputs.json'): string {
  return path.join(HUB_FIXTURES, name);
}

export function hubText(name: 'hub-outputs.bib' | 'hub-outputs.json'): string {
  return readFileSync(hubFixture(name), 'utf8');
}

/** A real paper's BibTeX file (test/fixtures/papers/NN-name/paper.bib). */
export function paperBib(name: string): string {
  return paperFixture(name, 'paper.bib');
}

/** All 31 papers' BibTeX files. */
export function paperBibs(): string[] {
  return paperNames().map(paperBib);
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

/** A store as an evidence service makes one (the search's indexer packs the search index). */
export function newStore(): BibliographyStore {
  return new BibliographyStore({ searchIndexer });
}

/** A cache in `dir` with a store of its own: a fresh one is what an editor restart leaves. */
export function newCache(dir: string): BibliographyCache {
  return new BibliographyCache(dir, newStore());
}

/**
 * What a file holds (entries and problems), without the columns and search index that come with it:
 * what a fresh parse, a pack and a splice must agree on.
 */
export function contentOf(loaded: LoadedFile): Pick<LoadedFile, 'file' | 'format' | 'entries' | 'problems'> {
  return { file: loaded.file, format: loaded.format, entries: loaded.entries, problems: loaded.problems };
}
