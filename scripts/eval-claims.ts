/**
 * Evaluates scoreClaim on the labelled data, on data it was NOT trained on:
 *   - unarXive cite-worthy (balanced, weak labels): held-out papers only
 *   - unarXive all sentences (natural balance, weak labels): held-out papers only
 *   - ClaimBuster check-worthy (US debates, human labels): all of it (never trained on)
 *
 *   npm run eval:claims [-- --data DIR] [--errors [N]]
 *
 * Prints n, precision, recall, F1 and accuracy at each sensitivity, then sentences per second.
 * --errors prints N (default 8) false positives and false negatives per data set at 'medium',
 * the most confident mistakes first.
 */
import { scoreClaim } from '../src/core/claims/scoreClaim';
import type { Sensitivity } from '../src/core/types';
import { binaryMetrics, claimsDataDir, loadDataSet, splitByPaper, runClaimsScript, type LabelledSentence } from './claims-data';

const SENSITIVITIES: readonly Sensitivity[] = ['low', 'medium', 'high'];

function errorCount(argv: readonly string[]): number {
  const i = argv.indexOf('--errors');
  if (i < 0) return 0;
  const n = Number(argv[i + 1]);
  return Number.isInteger(n) && n > 0 ? n : 8;
}

/**
 * Throughput of scoreClaim over `rows`, repeated for at least a second. Also reports the rate per
 * CPU second, which stays meaningful when other processes share the machine.
 */
function sentencesPerSecond(rows: readonly LabelledSentence[]): { wall: number; cpu: number } {
  const texts = rows.map((r) => r.text);
  let done = 0;
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  let elapsed = 0;
  while (elapsed < 1) {
    for (const t of texts) scoreClaim(t, 'medium');
    done += texts.length;
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  }
  const cpu = process.cpuUsage(cpuStart);
  return { wall: done / elapsed, cpu: done / ((cpu.user + cpu.system) / 1e6) };
}

function evaluate(name: string, rows: readonly LabelledSentence[], errors: number): void {
  const gold = rows.map((r) => r.label);
  const positives = gold.filter(Boolean).length;
  console.log(`\n${name}: n=${rows.length} (${positives} positive, ${((100 * positives) / rows.length).toFixed(1)}%)`);
  console.log('  sensitivity  precision  recall     F1  accuracy');
  for (const s of SENSITIVITIES) {
    const m = binaryMetrics(rows.map((r) => scoreClaim(r.text, s).claim), gold);
    const f = (x: number) => x.toFixed(3).padStart(9);
    console.log(`  ${s.padEnd(11)}${f(m.precision)}${f(m.recall)}${f(m.f1).slice(2)}${f(m.accuracy)}`);
  }
  if (errors > 0) {
    const scored = rows.map((r) => ({ r, s: scoreClaim(r.text, 'medium') }));
    const fps = scored.filter((x) => x.s.claim && !x.r.label).sort((a, b) => b.s.score - a.s.score).slice(0, errors);
    const fns = scored.filter((x) => !x.s.claim && x.r.label).sort((a, b) => a.s.score - b.s.score).slice(0, errors);
    console.log('  false positives (judged claims, labelled not):');
    for (const x of fps) console.log(`    ${x.s.score.toFixed(2)} ${x.r.text.slice(0, 140)}\n         ← ${x.s.reasons.join('; ')}`);
    console.log('  false negatives (missed, labelled claims):');
    for (const x of fns) console.log(`    ${x.s.score.toFixed(2)} ${x.r.text.slice(0, 140)}\n         ← ${x.s.reasons.join('; ') || '(no reasons)'}`);
  }
}

function main(): void {
  const dir = claimsDataDir();
  const errors = errorCount(process.argv);
  console.log(`claim scorer evaluation; data: ${dir}`);
  const citeworthy = splitByPaper(loadDataSet('citeworthy', dir)).heldOut;
  const allSentences = splitByPaper(loadDataSet('allSentences', dir)).heldOut;
  const claimbuster = loadDataSet('claimbuster', dir);
  evaluate('unarXive cite-worthy, held-out papers (balanced, weak labels)', citeworthy, errors);
  evaluate('unarXive all sentences, held-out papers (natural balance, weak labels)', allSentences, errors);
  evaluate('ClaimBuster check-worthy (debates, human labels; out of domain)', claimbuster, errors);
  const everything = [...citeworthy, ...allSentences, ...claimbuster];
  const speed = sentencesPerSecond(everything);
  const fmt = (x: number) => Math.round(x).toLocaleString('en');
  console.log(`\nspeed: ${fmt(speed.wall)} sentences/s wall clock, ${fmt(speed.cpu)} per CPU second (one process, 'medium')`);
}

runClaimsScript(main, __filename);
