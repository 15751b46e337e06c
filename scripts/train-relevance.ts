/**
 * Counts how generic each word is in scientific writing and writes
 * src/core/relevance/model/generic-words.json: the document frequency of every stem seen in at least
 * MIN_DOCUMENTS of the corpus's documents. The relevance score divides by it, so "data", "model",
 * "results" weigh little and "photoplethysmography" a lot.
 *
 *   npm run train:relevance [-- --data DIR] [--dry-run]
 *
 * Corpus (from ../shared/data; none of it is the relevance benchmark's 31 papers or their bibliographies,
 * and nothing from edtechhub.org): each sentence of unarXive's 49 arXiv papers
 * (claims/unarxive_all_sentences.jsonl) and the title and the abstract of each entry of the 6,239-entry
 * BibDesk library (big/gsa_oes_matching_guide_big.bib). Deterministic: the same data gives the same file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadBibliographyFile } from '../src/core/bibliography/store/loadFile';
import type { GenericWords } from '../src/core/relevance/genericWords';
import { TermReader } from '../src/core/relevance/terms';
import { sharedDataDir } from './shared-data';

const DATA = sharedDataDir();
const SENTENCES = path.join(DATA, 'claims', 'unarxive_all_sentences.jsonl');
const LIBRARY = path.join(DATA, 'big', 'gsa_oes_matching_guide_big.bib');
/** Rarer stems are left out: the score treats an unlisted word as unseen, which for these is nearly so. */
const MIN_DOCUMENTS = 3;

async function main(): Promise<void> {
  const reader = new TermReader();
  const frequency = new Map<string, number>();
  let documents = 0;
  const count = (text: string): void => {
    documents++;
    for (const stem of reader.read(text).stems.keys()) frequency.set(stem, (frequency.get(stem) ?? 0) + 1);
  };
  for (const [i, line] of readFileSync(SENTENCES, 'utf8').split('\n').entries()) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as { text?: unknown };
    if (typeof row.text !== 'string') throw new Error(`${SENTENCES}:${i + 1}: no "text"`);
    count(row.text);
  }
  const library = await loadBibliographyFile(LIBRARY);
  for (const entry of library.entries) {
    if (entry.title) count(entry.title);
    if (entry.abstract) count(entry.abstract);
  }
  const kept = [...frequency].filter(([, n]) => n >= MIN_DOCUMENTS).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const model: GenericWords = {
    about: 'Document frequencies of word stems (scripts/train-relevance.ts): unarXive sentences and the titles and abstracts of a BibDesk library.',
    documents,
    frequencies: Object.fromEntries(kept),
  };
  const out = path.resolve(__dirname, '..', 'src', 'core', 'relevance', 'model', 'generic-words.json');
  const json = `${JSON.stringify(model)}\n`;
  console.log(`${documents} documents, ${frequency.size} stems, ${kept.length} kept (in ≥ ${MIN_DOCUMENTS} documents), ${(json.length / 1024).toFixed(0)} KB`);
  if (process.argv.includes('--dry-run')) return;
  writeFileSync(out, json);
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
