/**
 * Fixtures several areas' tests read, kept once: the EdTech Hub bibliography and blog posts
 * (test/fixtures/hub) and the 31 real papers with their BibTeX files (test/fixtures/papers). Each
 * folder's SOURCE.md says where its files come from.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const HUB_FIXTURES = path.join(__dirname, 'fixtures', 'hub');
export const PAPER_FIXTURES = path.join(__dirname, 'fixtures', 'papers');

/** The 161-entry Hub bibliography, in BibTeX and CSL-JSON. */
export const HUB_BIB = path.join(HUB_FIXTURES, 'hub-outputs.bib');
export const HUB_JSON = path.join(HUB_FIXTURES, 'hub-outputs.json');

/** A Hub blog post (plain text). */
export function hubBlog(name: 'advancing-evidence-based-decision-making-2021.txt' | 'shaping-the-sector-2024.txt'): string {
  return path.join(HUB_FIXTURES, 'blogs', name);
}

/** A paper's folder (`NN-name`: paper.md and paper.bib), or a file in it. */
export function paperFixture(name: string, file?: 'paper.md' | 'paper.bib'): string {
  return file ? path.join(PAPER_FIXTURES, name, file) : path.join(PAPER_FIXTURES, name);
}

/** The papers' folder names (`NN-name`), sorted. */
export function paperNames(): string[] {
  return fs
    .readdirSync(PAPER_FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** The papers' Markdown bodies (their paper.md without its front matter), in folder order. */
export function paperBodies(): string[] {
  return paperNames()
    .map((name) => paperFixture(name, 'paper.md'))
    .filter((file) => fs.existsSync(file))
    .map((file) => fs.readFileSync(file, 'utf8').replace(/^---\n[\s\S]*?\n---\n/, ''));
}

/** The real 6,239-entry BibDesk library (CC0; see test/fixtures/bibliography/SOURCE.md). */
export const BIG_BIB = path.join(__dirname, 'fixtures', 'bibliography', 'big', 'gsa_oes_matching_guide_big.bib');

/**
 * The real library replicated to `size` entries, copy k of an entry keyed `<key>x<k>` (`tag` added to
 * each key, so that two libraries made with different tags share no key): BibTeX text, its keys.
 */
export function replicatedLibrary(size: number, tag = ''): { text: string; keys: string[] } {
  const chunks = fs.readFileSync(BIG_BIB, 'utf8').split(/^(?=@)/m);
  const isData = (c: string): boolean => c.startsWith('@') && !/^@(string|comment|preamble)\b/i.test(c);
  const header = chunks.filter((c) => !isData(c));
  const entries = chunks.filter(isData).map((c) => (c.endsWith('\n') ? c : `${c}\n`));
  const parts = [...header];
  const keys: string[] = [];
  for (let i = 0; i < size; i++) {
    const copy = Math.floor(i / entries.length);
    parts.push(
      entries[i % entries.length]!.replace(/^(@\w+\s*\{\s*)([^,\s]+)/, (_, head: string, key: string) => {
        keys.push(`${key}${tag}x${copy}`);
        return `${head}${key}${tag}x${copy}`;
      }),
    );
  }
  return { text: parts.join(''), keys };
}
