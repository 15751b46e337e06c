/**
 * Lints the 31 real JOSS/JOSE papers (each with its own paper.bib) and reports per-rule counts,
 * claim coverage and throughput: lintDocument alone (MB of document text per second) and end to
 * end including loading each bibliography.
 * Usage: node --import tsx scripts/lint-papers.ts [papersDir] [--json]
 * Default folder: test/fixtures/papers (a copy of the shared data/papers).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BibliographyIndex } from '../src/core/bibliography/index/bibliographyIndex';
import { BibliographyStore } from '../src/core/bibliography/store/bibliographyStore';
import { createTextDocument } from '../src/core/document/textDocument';
import { defaultConfig, mergeConfig, RULE_IDS } from '../src/core/lint/config';
import { citedKeysOf, lintBibliography, lintDocument, lintUnusedEntries } from '../src/core/lint/lintDocument';
import { searchIndexer } from '../src/core/search/searchIndexer';
import type { Finding, RuleId } from '../src/core/types';

const store = new BibliographyStore({ searchIndexer });

const args = process.argv.slice(2);
const dir = path.resolve(args.find((a) => !a.startsWith('--')) ?? 'test/fixtures/papers');
const asJson = args.includes('--json');
// unused-entry is off by default; count it too, as information.
const config = mergeConfig(defaultConfig, { rules: { 'unused-entry': 'info' } });

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

async function main(): Promise<void> {
  const papers = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'paper.md')))
    .map((d) => d.name)
    .sort();
  const perRule = Object.fromEntries(RULE_IDS.map((r) => [r, 0])) as Record<RuleId, number>;
  const rows: { paper: string; claims: number; supported: number; findings: Record<string, number>; crashed?: string }[] = [];
  let bytes = 0;
  let lintMs = 0;
  let loadMs = 0;
  for (const paper of papers) {
    const folder = path.join(dir, paper);
    const file = path.join(folder, 'paper.md');
    const text = fs.readFileSync(file, 'utf8');
    bytes += Buffer.byteLength(text);
    try {
      let t = process.hrtime.bigint();
      const index = BibliographyIndex.fromFiles(await store.loadAll([path.join(folder, 'paper.bib')]));
      loadMs += ms(t);
      t = process.hrtime.bigint();
      const result = lintDocument(createTextDocument(pathToFileURL(file).href, 'markdown', text), index, config);
      lintMs += ms(t);
      const all: Finding[] = [...result.findings, ...lintBibliography(index, config), ...lintUnusedEntries(index, citedKeysOf(result), config)];
      const findings: Record<string, number> = {};
      for (const f of all) {
        perRule[f.ruleId]++;
        findings[f.ruleId] = (findings[f.ruleId] ?? 0) + 1;
      }
      rows.push({ paper, claims: result.stats.claims, supported: result.stats.supported, findings });
    } catch (e) {
      rows.push({ paper, claims: 0, supported: 0, findings: {}, crashed: (e as Error).message });
    }
  }
  // A second pass over the same documents: lint time once the code is compiled and warm (an editor's steady state).
  let warmMs = 0;
  for (const paper of papers) {
    const folder = path.join(dir, paper);
    const file = path.join(folder, 'paper.md');
    const index = BibliographyIndex.fromFiles(await store.loadAll([path.join(folder, 'paper.bib')]));
    const doc = createTextDocument(pathToFileURL(file).href, 'markdown', fs.readFileSync(file, 'utf8'));
    const t = process.hrtime.bigint();
    lintDocument(doc, index, config);
    warmMs += ms(t);
  }
  const claims = rows.reduce((a, r) => a + r.claims, 0);
  const supported = rows.reduce((a, r) => a + r.supported, 0);
  const summary = {
    papers: papers.length,
    crashed: rows.filter((r) => r.crashed).map((r) => `${r.paper}: ${r.crashed}`),
    documentMegabytes: round(bytes / 1e6, 3),
    lintSeconds: round(lintMs / 1000, 3),
    lintMegabytesPerSecond: round(bytes / 1e6 / (lintMs / 1000), 2),
    warmLintSeconds: round(warmMs / 1000, 3),
    warmLintMegabytesPerSecond: round(bytes / 1e6 / (warmMs / 1000), 2),
    bibliographyLoadSeconds: round(loadMs / 1000, 3),
    endToEndMegabytesPerSecond: round(bytes / 1e6 / ((lintMs + loadMs) / 1000), 2),
    claims,
    supported,
    coveragePercent: claims ? round((supported / claims) * 100, 1) : null,
    perRule,
  };
  if (asJson) {
    process.stdout.write(JSON.stringify({ summary, rows }, null, 2) + '\n');
    return;
  }
  for (const r of rows) {
    const counts = Object.entries(r.findings).map(([k, v]) => `${k}=${v}`).join(' ');
    process.stdout.write(`${r.paper.padEnd(32)} claims ${String(r.claims).padStart(3)}  supported ${String(r.supported).padStart(3)}  ${counts}${r.crashed ? `  CRASHED: ${r.crashed}` : ''}\n`);
  }
  process.stdout.write(`\n${JSON.stringify(summary, null, 2)}\n`);
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exitCode = 1;
});
