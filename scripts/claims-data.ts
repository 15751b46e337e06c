/**
 * Loading the labelled claim data sets and the FIXED train / held-out split shared by
 * scripts/train-claims.ts, scripts/eval-claims.ts and the tests.
 *
 * Split: by arXiv paper id, never by sentence (sentences of one paper share wording, so a
 * sentence-level split would leak). A paper is held out when fnv1a('claims-split-v1:' + id) % 10 < 3
 * (≈30% of papers). The same rule applies to both unarXive files, so no held-out sentence was
 * ever trained on. ClaimBuster is never trained on: all of it is an out-of-domain test.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fnv1a } from '../src/core/claims/claimFeatures';

export interface LabelledSentence {
  readonly text: string;
  readonly label: boolean;
  /** arXiv paper id, when the sentence comes from unarXive. */
  readonly paper?: string;
}

export type DataSetName = 'citeworthy' | 'allSentences' | 'claimbuster';

export const DATA_FILES: Readonly<Record<DataSetName, string>> = {
  citeworthy: 'unarxive_citeworthy_weak.jsonl',
  allSentences: 'unarxive_all_sentences.jsonl',
  claimbuster: 'claimbuster_checkworthy.jsonl',
};

/**
 * Folder of the labelled data: `--data DIR` argument, else EVIDENCE_CLAIMS_DATA, else
 * ../shared/data/claims relative to the repository root.
 */
export function claimsDataDir(argv: readonly string[] = process.argv): string {
  const i = argv.indexOf('--data');
  if (i >= 0 && argv[i + 1]) return path.resolve(argv[i + 1]);
  if (process.env.EVIDENCE_CLAIMS_DATA) return path.resolve(process.env.EVIDENCE_CLAIMS_DATA);
  return path.resolve(__dirname, '..', '..', 'shared', 'data', 'claims');
}

export function isHeldOutPaper(paperId: string): boolean {
  return fnv1a('claims-split-v1:' + paperId) % 10 < 3;
}

/** Parses one data file's lines. Understands the three files' shapes; skips blank lines. */
export function parseClaimsJsonl(text: string, file = '<text>'): LabelledSentence[] {
  const out: LabelledSentence[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let row: Record<string, unknown>;
    try {
      row = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new Error(`${file}:${i + 1}: not JSON`);
    }
    const label = typeof row.needs_citation === 'boolean' ? row.needs_citation : row.has_citation;
    if (typeof row.text !== 'string' || typeof label !== 'boolean') {
      throw new Error(`${file}:${i + 1}: needs a string "text" and a boolean label`);
    }
    let paper: string | undefined;
    if (typeof row.paper_id === 'string') paper = row.paper_id;
    else if (typeof row.source === 'string' && row.source.startsWith('unarxive:')) paper = row.source.split('#').pop();
    out.push({ text: row.text.trim(), label, paper });
  });
  return out;
}

export function loadClaimsFile(file: string): LabelledSentence[] {
  return parseClaimsJsonl(readFileSync(file, 'utf8'), file);
}

export function loadDataSet(name: DataSetName, dir = claimsDataDir()): LabelledSentence[] {
  return loadClaimsFile(path.join(dir, DATA_FILES[name]));
}

export function splitByPaper(rows: readonly LabelledSentence[]): { train: LabelledSentence[]; heldOut: LabelledSentence[] } {
  const train: LabelledSentence[] = [];
  const heldOut: LabelledSentence[] = [];
  for (const r of rows) (r.paper !== undefined && isHeldOutPaper(r.paper) ? heldOut : train).push(r);
  return { train, heldOut };
}

export interface BinaryMetrics {
  readonly n: number;
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly tn: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly accuracy: number;
}

export function binaryMetrics(predicted: readonly boolean[], gold: readonly boolean[]): BinaryMetrics {
  let tp = 0, fp = 0, fn = 0, tn = 0;
  predicted.forEach((p, i) => {
    if (p && gold[i]) tp++;
    else if (p) fp++;
    else if (gold[i]) fn++;
    else tn++;
  });
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { n: predicted.length, tp, fp, fn, tn, precision, recall, f1, accuracy: (tp + tn) / (predicted.length || 1) };
}

/** Runs a claims script; missing or malformed data is one plain message naming the file, not a stack trace. */
export function runClaimsScript(main: () => void, scriptFile: string): void {
  try {
    main();
  } catch (e) {
    console.error(`${path.basename(scriptFile)}: ${(e as Error).message}`);
    console.error('Give the data folder with --data DIR or EVIDENCE_CLAIMS_DATA.');
    process.exitCode = 1;
  }
}
