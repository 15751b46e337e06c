/**
 * How well the relevance score tells a sentence's real cited work from another work of the same
 * bibliography, on the 31 real papers of ../shared/data/papers.
 *
 *   npm run eval:relevance [-- --data DIR] [--seed N] [--show N]
 *
 * Each sentence that cites a work (as lint reads it: citations resolved, citation-only sentences
 * paired with the sentence before) gives one pair per cited work: (sentence, the cited entry) and
 * (sentence, a random entry of the same paper's bibliography that the sentence does not cite), drawn
 * with a seeded generator. Prints the AUC (ties count half), the AUC of the two halves of the papers
 * (odd and even positions: the score's constants were settled on the odd half), and for each
 * threshold of the citation-relevance rule how many real and random pairs it would flag and the
 * precision of its flags (the share of flagged pairs that are the random ones; entries with no title,
 * abstract or keywords are not judged, as in the rule). Then the time to lint all 31 papers, beside the
 * time to lint and score them. --show N prints the N real pairs scored lowest.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BibliographyStore } from '../src/core/bibliography/store/bibliographyStore';
import { searchIndexer } from '../src/core/search/searchIndexer';
import { BibliographyIndex } from '../src/core/bibliography/index/bibliographyIndex';
import { createTextDocument } from '../src/core/document/textDocument';
import { defaultConfig } from '../src/core/lint/config';
import { lintDocument } from '../src/core/lint/lintDocument';
import { hasDescription, RelevanceContext } from '../src/core/relevance/citationRelevance';
import { citingSentences, proseWithoutCitations, scoreCitations } from '../src/core/relevance/citedSentences';
import { TermReader } from '../src/core/relevance/terms';
import { RELEVANCE_THRESHOLD } from '../src/core/lint/rules/citationRelevance';
import type { BibEntry } from '../src/core/types';
import { sharedDataDir } from './shared-data';
import { seededRandom } from './seededRandom';

interface Pair {
  readonly paper: number;
  readonly real: number;
  readonly random: number;
  /** Whether the rule judges the real and the random entry (it skips entries with no title, abstract or keywords). */
  readonly realJudged: boolean;
  readonly randomJudged: boolean;
  readonly prose: string;
  readonly entry: BibEntry;
}

const THRESHOLDS = [0, 0.05, 0.1, 0.15, 0.2, 0.3];

function argument(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const n = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isInteger(n) ? n : fallback;
}

function auc(pairs: readonly Pair[]): number {
  let wins = 0;
  for (const p of pairs) for (const q of pairs) wins += p.real > q.random ? 1 : p.real === q.random ? 0.5 : 0;
  return wins / (pairs.length * pairs.length);
}

async function main(): Promise<void> {
  const papersDir = path.join(sharedDataDir(), 'papers');
  const seed = argument('--seed', 20260118);
  const papers = readdirSync(papersDir).filter((d) => /^\d\d-/.test(d)).sort();
  const store = new BibliographyStore({ searchIndexer });
  const samples: { paper: number; prose: string; entry: BibEntry; others: BibEntry[]; context: RelevanceContext }[] = [];
  const documents: { text: string; index: BibliographyIndex; uri: string }[] = [];
  for (const [position, paper] of papers.entries()) {
    const text = readFileSync(path.join(papersDir, paper, 'paper.md'), 'utf8');
    const index = BibliographyIndex.fromFiles(await store.loadAll([path.join(papersDir, paper, 'paper.bib')]));
    const uri = pathToFileURL(path.join(papersDir, paper, 'paper.md')).href;
    documents.push({ text, index, uri });
    const lint = lintDocument(createTextDocument(uri, 'markdown', text), index, defaultConfig);
    const citing = citingSentences(text, lint);
    const context = new RelevanceContext({
      entries: citing.flatMap((s) => s.works.map((w) => w.entry)),
      sentences: lint.claims.map((c) => proseWithoutCitations(text, c.sentence.span, c.citations)),
    });
    for (const s of citing) {
      const cited = new Set(s.works.map((w) => w.entry.key));
      const others = index.entries.filter((e) => !cited.has(e.key));
      if (others.length === 0) continue;
      for (const w of s.works) samples.push({ paper: position, prose: s.prose, entry: w.entry, others, context });
    }
  }
  const pairsFor = (seedValue: number): Pair[] => {
    const random = seededRandom(seedValue);
    return samples.map(({ paper, prose, entry, others, context }) => {
      const other = others[Math.floor(random() * others.length)]!;
      return { paper, real: context.score(prose, entry).score, random: context.score(prose, other).score, realJudged: hasDescription(entry), randomJudged: hasDescription(other), prose, entry };
    });
  };
  const pairs = pairsFor(seed);

  const odd = pairs.filter((p) => p.paper % 2 === 0); // positions 0, 2, … are the 1st, 3rd, … papers
  const even = pairs.filter((p) => p.paper % 2 === 1);
  console.log(`${papers.length} papers, ${pairs.length} pairs (a real cited work and a random other work of the same bibliography, per citing sentence)`);
  console.log(`AUC ${auc(pairs).toFixed(3)}   (odd papers ${auc(odd).toFixed(3)}, n=${odd.length}; even papers ${auc(even).toFixed(3)}, n=${even.length})`);
  const others = Array.from({ length: 10 }, (_, i) => auc(pairsFor(seed + 1 + i)));
  console.log(`AUC with 10 other seeds for the random works: ${Math.min(...others).toFixed(3)}–${Math.max(...others).toFixed(3)} (mean ${(others.reduce((a, b) => a + b, 0) / others.length).toFixed(3)})`);
  console.log('\nthe rule flags a citation scoring ≤ threshold (0: shares no word):');
  console.log('  threshold  real flagged  random flagged  precision');
  for (const t of THRESHOLDS) {
    const real = pairs.filter((p) => p.realJudged && p.real <= t).length;
    const rand = pairs.filter((p) => p.randomJudged && p.random <= t).length;
    const precision = real + rand ? rand / (real + rand) : NaN;
    const mark = t === RELEVANCE_THRESHOLD ? '  ← default' : '';
    console.log(`  ${t.toFixed(2).padStart(9)}  ${pct(real, pairs.length).padStart(12)}  ${pct(rand, pairs.length).padStart(14)}  ${precision.toFixed(3).padStart(9)}${mark}`);
  }

  // Speed: what the editor and the CLI pay, lint + scoring every citation, all papers.
  const runs = 5;
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    for (const d of documents) {
      const lint = lintDocument(createTextDocument(d.uri, 'markdown', d.text), d.index, defaultConfig);
      scoreCitations(d.text, lint);
    }
    best = Math.min(best, performance.now() - start);
  }
  let lintOnly = Infinity;
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    for (const d of documents) lintDocument(createTextDocument(d.uri, 'markdown', d.text), d.index, defaultConfig);
    lintOnly = Math.min(lintOnly, performance.now() - start);
  }
  let scoringOnly = Infinity;
  const lints = documents.map((d) => ({ d, lint: lintDocument(createTextDocument(d.uri, 'markdown', d.text), d.index, defaultConfig) }));
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    for (const { d, lint } of lints) scoreCitations(d.text, lint);
    scoringOnly = Math.min(scoringOnly, performance.now() - start);
  }
  const reader = new TermReader();
  let warmReader = Infinity;
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    for (const { d, lint } of lints) scoreCitations(d.text, lint, reader);
    warmReader = Math.min(warmReader, performance.now() - start);
  }
  console.log(`\ntime, all ${papers.length} papers (best of ${runs}): lint alone ${lintOnly.toFixed(0)} ms (the baseline); lint + relevance ${best.toFixed(0)} ms; relevance alone ${scoringOnly.toFixed(0)} ms, ${warmReader.toFixed(0)} ms with a word reader kept between runs (as an editor session keeps one)`);

  const show = argument('--show', 0);
  if (show > 0) {
    console.log(`\nthe ${show} real pairs scored lowest:`);
    for (const p of [...pairs].sort((a, b) => a.real - b.real).slice(0, show)) {
      console.log(`  ${p.real.toFixed(2)}  ${p.prose.slice(0, 110)}\n        ← ${p.entry.key}: ${(p.entry.title ?? '').slice(0, 100)}`);
    }
  }
}

function pct(n: number, of: number): string {
  return `${n} (${((100 * n) / of).toFixed(0)}%)`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
