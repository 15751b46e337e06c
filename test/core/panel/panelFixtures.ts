/**
 * Test inputs for the panel: real Hub entries (CSL-JSON) turned into BibEntry, and a small lint
 * result for test/fixtures/panel/example.md built from its visible structure. The panel only
 * aggregates a lint result, so these tests do not need the real lint pipeline (an integration test
 * uses it when it is available).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { BibEntry, Citation, Person, Sentence } from '../../../src/core/types';
import type { PanelLintResult } from '../../../src/core/panel/panelModel';

export const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'panel');

/** A test-local CSL-JSON → BibEntry mapping (the fields the panel reads), so these tests stand alone. */
export function loadCslEntries(file: string): BibEntry[] {
  const full = path.resolve(FIXTURES, file);
  const items = JSON.parse(readFileSync(full, 'utf8')) as Record<string, unknown>[];
  return items.map((item, i) => {
    const issued = (item.issued as { 'date-parts'?: number[][] } | undefined)?.['date-parts']?.[0]?.[0];
    return {
      key: String(item.id),
      type: String(item.type),
      title: item.title as string | undefined,
      authors: (item.author as Person[] | undefined) ?? [],
      year: typeof issued === 'number' ? issued : undefined,
      container: (item['container-title'] ?? item['collection-title']) as string | undefined,
      publisher: item.publisher as string | undefined,
      doi: item.DOI as string | undefined,
      url: item.URL as string | undefined,
      keywords: [],
      location: { file: full, line: i + 2, column: 1 },
      csl: item,
    };
  });
}

/** A file of test/fixtures/panel, or at an absolute path (a shared fixture). */
export function readFixture(file: string): string {
  return readFileSync(path.resolve(FIXTURES, file), 'utf8');
}

/**
 * example.md's lint result: every sentence of body prose is a claim, supported when it carries a
 * `[@key]` citation with a key in `entries` (exact match), as the linter decides.
 */
export function lintExample(text: string, entries: readonly BibEntry[]): PanelLintResult {
  const byKey = new Map(entries.map((e) => [e.key, e]));
  const claims: PanelLintResult['claims'][number][] = [];
  const citations: PanelLintResult['citations'][number][] = [];
  let section: string | undefined;
  let paragraph = 0;
  let offset = 0;
  const body = text.indexOf('\n---', 4) + 4; // skip YAML front matter
  for (const line of text.split('\n')) {
    const lineStart = offset;
    offset += line.length + 1;
    if (lineStart < body || !line.trim()) continue;
    const heading = /^#+\s+(.*)$/.exec(line);
    if (heading) {
      section = heading[1];
      continue;
    }
    paragraph++;
    // HTML comments (suppression directives) are not prose: blank them, keeping offsets.
    const prose = line.replace(/<!--[\s\S]*?-->/g, (c) => ' '.repeat(c.length));
    for (const m of prose.matchAll(/[^.!?\s][^.!?]*(?:\[[^\]]*\][^.!?]*)?[.!?]/g)) {
      const start = lineStart + (m.index ?? 0);
      const sentence: Sentence = { text: m[0], span: { start, end: start + m[0].length }, paragraph, section };
      const found: Citation[] = [];
      const unknown: string[] = [];
      let resolves = false;
      for (const c of m[0].matchAll(/\[(@[^\]]+)\]/g)) {
        const cStart = start + (c.index ?? 0);
        const items = [...c[1].matchAll(/@([\w:-]+)/g)].map((k) => {
          const kStart = cStart + 1 + (k.index ?? 0) + 1;
          return { text: k[1], key: k[1], span: { start: kStart, end: kStart + k[1].length } };
        });
        const citation: Citation = { syntax: 'pandoc', span: { start: cStart, end: cStart + c[0].length }, items };
        found.push(citation);
        citations.push({ citation, resolved: items.map((it) => (byKey.has(it.key) ? [byKey.get(it.key)!] : [])) });
        resolves ||= items.some((it) => byKey.has(it.key));
        unknown.push(...items.map((it) => it.key));
      }
      claims.push({
        sentence,
        score: { claim: true, score: found.length ? 0.7 : 0.8, reasons: [`states a general fact (${section})`] },
        supported: resolves,
        ...(!resolves && unknown.length ? { unknownCited: unknown } : {}),
      });
    }
  }
  return { claims, citations };
}
