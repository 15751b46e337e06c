/**
 * Test helper: the real EdTech Hub entries (test/fixtures/hub/hub-outputs.json, CSL-JSON) as
 * BibEntry objects, read with the project's own bibliography loader.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseBibliographyText } from '../../../src/core/bibliography/formats/parseText';
import type { BibEntry } from '../../../src/core/types';

export const HUB_FIXTURE = path.join(__dirname, '../../fixtures/hub/hub-outputs.json');

let cached: readonly BibEntry[] | undefined;
export function hubEntries(): readonly BibEntry[] {
  if (!cached) {
    const loaded = parseBibliographyText(fs.readFileSync(HUB_FIXTURE, 'utf8'), HUB_FIXTURE);
    if (loaded.problems.length > 0 || loaded.entries.length !== 161) {
      throw new Error(`fixture did not load cleanly: ${loaded.entries.length} entries, ${loaded.problems.map((p) => p.message).join('; ')}`);
    }
    cached = loaded.entries;
  }
  return cached;
}

export function entryByKey(key: string): BibEntry {
  const e = hubEntries().find((x) => x.key === key);
  if (!e) throw new Error(`fixture has no entry ${key}`);
  return e;
}
