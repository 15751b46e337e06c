/**
 * The documents the workbench tests open, taken from test/fixtures/ (see the SOURCE.md files there):
 * a real EdTech Hub blog (⇡ citations) with the Hub bibliography, and a real Pandoc paper with its .bib.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

/** The 2021 Hub blog as the Markdown file a writer edits, beside the bibliography it cites. */
export const HUB_BLOG = {
  'blog.md': 'test/fixtures/hub/blogs/advancing-evidence-based-decision-making-2021.txt',
  'hub-outputs.bib': 'test/fixtures/hub/hub-outputs.bib',
} as const;

/** The 2021 Hub blog with the bundled example's project config (own voice "EdTech Hub", "the Hub"; medium). */
export const HUB_BLOG_WITH_CONFIG = {
  ...HUB_BLOG,
  '.evidencelintrc.json': 'examples/.evidencelintrc.json',
} as const;

/** The moderndive paper (front matter `bibliography: paper.bib`). */
export const MODERNDIVE = {
  'paper.md': 'test/fixtures/papers/01-moderndive/paper.md',
  'paper.bib': 'test/fixtures/papers/01-moderndive/paper.bib',
} as const;

/** A Hub draft citing the Hub bibliography in every Zotero form (the Hub plugin's tagged cites, scannable cites, item links). */
export const ZOTERO_DRAFT = {
  'draft.md': 'test/fixtures/zotero/draft.md',
  'hub-outputs.bib': 'test/fixtures/zotero/hub-outputs.bib',
} as const;

export function fixtureText(relative: string): string {
  return readFileSync(path.join(ROOT, relative), 'utf8');
}

/** Citation keys of a .bib fixture that match `pattern`. */
export function bibKeys(relative: string, pattern: RegExp): string[] {
  return [...fixtureText(relative).matchAll(/^@\w+\{([^,\s]+),/gm)].map((m) => m[1]).filter((k) => pattern.test(k));
}
