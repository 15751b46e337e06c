/**
 * Loading the labelled claim data sets, shared by scripts/train-claims.ts, scripts/eval-claims.ts
 * and the tests.
 *
 * Gold sets (the target: "would a careful reviewer ask for a source here?", GUIDELINE.md):
 * hub_gold_dev.jsonl (group = page url) and academic_gold_dev.jsonl (group = arXiv paper or JOSS/JOSE
 * paper); extra training sets labelled by the guideline from other openly licensed writing sit in
 * extra/ (see extra/README.md there; group = the source document, repo + path). Cross-validation folds are drawn by
 * group, never by sentence.
 *
 * Weak sets and their FIXED train / held-out split:
 * Split: by arXiv paper id, never by sentence (sentences of one paper share wording, so a
 * sentence-level split would leak). A paper is held out when fnv1a('claims-split-v1:' + id) % 10 < 3
 * (≈30% of papers). The same rule applies to both unarXive files, so no held-out sentence was
 * ever trained on. ClaimBuster is never trained on: all of it is an out-of-domain test.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fnv1a } from '../src/core/claims/tokens';
import { inferOwnVoice } from '../src/core/claims/ownVoice';
import type { ClaimInput } from '../src/core/types';

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
 * ../shared/data/claims relative to the repository root (or ../../shared/… from a worktree).
 */
export function claimsDataDir(argv: readonly string[] = process.argv): string {
  const i = argv.indexOf('--data');
  if (i >= 0 && argv[i + 1]) return path.resolve(argv[i + 1]);
  if (process.env.EVIDENCE_CLAIMS_DATA) return path.resolve(process.env.EVIDENCE_CLAIMS_DATA);
  // A checkout sits beside shared/ (/work/main); a worktree one folder deeper (/work/wt/NAME).
  const beside = path.resolve(__dirname, '..', '..', 'shared', 'data', 'claims');
  const above = path.resolve(__dirname, '..', '..', '..', 'shared', 'data', 'claims');
  return existsSync(beside) || !existsSync(above) ? beside : above;
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

export type GoldSet = 'hub' | 'arxiv' | 'papers' | 'extra';

/** A sentence labelled by GUIDELINE.md, with its context as the linter would read it. */
export interface GoldSentence {
  readonly input: ClaimInput;
  /** The own-voice names of the writer's organisation (what a user would configure). */
  readonly ownVoice: readonly string[];
  readonly label: boolean;
  /** Cross-validation group: the page (Hub) or paper (arXiv, JOSS/JOSE). */
  readonly group: string;
  readonly set: GoldSet;
  /** A reader marked the label unsure (GUIDELINE.md's "truly unsure"): a noisier label. */
  readonly unsure: boolean;
  /** For set 'extra': which of EXTRA_GOLD_FILES it comes from. */
  readonly extraSet?: string;
}

export const GOLD_FILES = { hub: 'hub_gold_dev.jsonl', academic: 'academic_gold_dev.jsonl' } as const;

/**
 * Extra gold sets: openly licensed writing like the Hub's (organisations describing their own aims and
 * work beside claims about the world), labelled here by GUIDELINE.md (sources and licences in
 * extra/README.md of the data folder); each with its writers' own-voice names. Rows: text,
 * context_before, needs_evidence, unsure, and repo + path (the group). They are read without their
 * headings, as the Hub rows are.
 */
export const EXTRA_GOLD_FILES: Readonly<Record<string, { file: string; label: string; ownVoice: readonly string[] }>> = {
  undp: {
    file: 'extra/undp_accelerator_labs_gold.jsonl',
    label: 'UNDP Accelerator Labs action learning plans',
    ownVoice: ['UNDP', 'the Accelerator Lab', 'Accelerator Lab', 'AccLab', 'Acc Lab', 'the Lab', 'the CO', 'Country Office'],
  },
  carpentries: {
    file: 'extra/carpentries_blog_gold.jsonl',
    label: 'Carpentries blog posts',
    ownVoice: ['The Carpentries', 'Software Carpentry', 'Data Carpentry', 'Library Carpentry', 'the Core Team'],
  },
};

/** What the Hub's and Open Development & Education's writers call themselves (the bundled example's setting). */
const HUB_OWN_VOICE = ['EdTech Hub', 'the Hub'];
const OPENDEVED_OWN_VOICE = ['Open Development & Education', 'OpenDevEd'];

/**
 * The gold sentences; `extra` names the EXTRA_GOLD_FILES sets to add (set 'extra'). An extra set whose
 * file is not in `dir` is an error, unless `absent` is given: then it is told and left out.
 */
export function loadGold(dir = claimsDataDir(), options: { extra?: readonly string[]; absent?: (name: string, file: string) => void } = {}): GoldSentence[] {
  const out: GoldSentence[] = [];
  const rows = (file: string) =>
    readFileSync(path.join(dir, file), 'utf8')
      .split(/\r?\n/)
      .map((line, i) => ({ line, at: `${file}:${i + 1}` }))
      .filter((l) => l.line.trim())
      .map(({ line, at }) => {
        const row = JSON.parse(line) as Record<string, unknown>;
        if (typeof row.text !== 'string' || typeof row.needs_evidence !== 'boolean') throw new Error(`${at}: needs a string "text" and a boolean "needs_evidence"`);
        return row;
      });
  const paperVoice = new Map<string, string[]>();
  const ownVoiceOfPaper = (source: string): string[] => {
    let names = paperVoice.get(source);
    if (!names) {
      const file = path.join(dir, '..', source, 'paper.md');
      names = existsSync(file) ? inferOwnVoice(readFileSync(file, 'utf8')) : [];
      paperVoice.set(source, names);
    }
    return names;
  };
  const listIntros = new ListIntroductions();
  for (const row of rows(GOLD_FILES.hub)) {
    const url = String(row.url);
    const text = row.text as string;
    out.push({
      input: { text, contextBefore: String(row.context_before ?? '') || undefined, listIntro: listIntros.next(url, text, String(row.context_before ?? '')) },
      ownVoice: /opendeved\.net/.test(url) ? OPENDEVED_OWN_VOICE : HUB_OWN_VOICE,
      label: row.needs_evidence as boolean,
      group: url,
      set: 'hub',
      unsure: row.unsure === true,
    });
  }
  for (const row of rows(GOLD_FILES.academic)) {
    const source = String(row.source);
    const set: GoldSet = row.set === 'papers' ? 'papers' : 'arxiv';
    const heading = String(row.heading ?? row.section ?? '').split('\n')[0]!.trim();
    const text = row.text as string;
    out.push({
      input: {
        text,
        contextBefore: String(row.context_before ?? '') || undefined,
        heading: heading || undefined,
        listIntro: listIntros.next(source, text, String(row.context_before ?? '')),
      },
      ownVoice: set === 'papers' ? ownVoiceOfPaper(source) : [],
      label: row.needs_evidence as boolean,
      group: source.replace(/^arXiv:/, ''),
      set,
      unsure: row.unsure === true,
    });
  }
  for (const name of options.extra ?? []) {
    const extra = EXTRA_GOLD_FILES[name];
    if (!extra) throw new Error(`no extra gold set '${name}' (known: ${Object.keys(EXTRA_GOLD_FILES).join(', ')})`);
    const { file, ownVoice } = extra;
    const where = path.join(dir, file);
    if (!existsSync(where)) {
      if (!options.absent) throw new Error(`the extra gold set '${name}' is not in the data folder (${where}); the committed claim model was trained with it`);
      options.absent(name, where);
      continue;
    }
    for (const row of rows(file)) {
      const group = `${String(row.repo)}/${String(row.path)}`;
      const text = row.text as string;
      const contextBefore = String(row.context_before ?? '');
      out.push({
        input: { text, contextBefore: contextBefore || undefined, listIntro: listIntros.next(group, text, contextBefore) },
        ownVoice,
        label: row.needs_evidence as boolean,
        group,
        set: 'extra',
        unsure: row.unsure === true,
        extraSet: name,
      });
    }
  }
  return out;
}

/**
 * The gold files give each sentence's previous sentence but not the list it is a point of; rows
 * are in document order, so a paragraph-opening sentence right after one ending with a colon is
 * taken as a list item, and so are the paragraph-opening sentences after it (up to 12 points).
 */
class ListIntroductions {
  private group = '';
  private intro: string | undefined;
  private points = 0;
  private previous = '';

  next(group: string, text: string, contextBefore: string): string | undefined {
    if (group !== this.group) {
      this.group = group;
      this.intro = undefined;
      this.previous = '';
    }
    if (contextBefore.trim()) this.intro = undefined;
    else if (/:["'”’)]*$/.test(this.previous.trim())) {
      this.intro = this.previous.trim();
      this.points = 0;
    } else if (this.intro && ++this.points >= 12) this.intro = undefined;
    this.previous = text;
    return this.intro;
  }
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
