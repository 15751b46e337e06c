/**
 * Trains the claim model and writes src/core/claims/model/weights.json.
 *
 *   npm run train:claims [-- --data DIR] [--dry-run]
 *
 * - Target: "needs evidence" by GUIDELINE.md, from the gold sets (hub_gold_dev.jsonl,
 *   academic_gold_dev.jsonl), each sentence with its context and the writer's own-voice names;
 *   model and data as in scripts/claims-training.ts (fixed seed, reproducible).
 * - Thresholds: chosen on out-of-fold scores of the Hub sentences (5 folds by page, REPEATS fold
 *   draws pooled), by THRESHOLD_RULES; the final model is then trained on every gold sentence.
 * Measured on the way (grouped out-of-fold AUC, Hub / arXiv / papers):
 * - words + cues alone 0.855 / 0.829 / 0.801; + context and own voice 0.867; + the mean word vector
 *   (kept) 0.876; + the own-work and claim cues since 0.897 / 0.843 / 0.849;
 * - dropped: the weak sets as extra data (cite-worthy arXiv and ClaimBuster at weight 0.3: 0.841 /
 *   0.805 / 0.799 against 0.855 / 0.829 / 0.801), hashed character 3–5-grams (0.816 / 0.769 / 0.761),
 *   the previous sentence's words or word vector (±0.005), a ClaimBuster model's score as a feature
 *   (+0.001), averaging three seeds (+0.001).
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { binaryMetrics, claimsDataDir, GOLD_FILES, loadGold, runClaimsScript } from './claims-data';
import { auc, chooseThresholds, FOLDS, groupedOutOfFold, HUB_WEIGHT, REPEATS, SEED, THRESHOLD_RULES, toExample, toWeights, train, trainingExamples } from './claims-training';

function main(): void {
  const gold = loadGold(claimsDataDir());
  const examples = gold.map(toExample);
  const oof = groupedOutOfFold(gold, examples, REPEATS);

  const hub = gold.map((g, i) => (g.set === 'hub' ? i : -1)).filter((i) => i >= 0);
  const pooledScores = oof.flatMap((scores) => hub.map((i) => scores[i]!));
  const pooledGold = oof.flatMap(() => hub.map((i) => gold[i]!.label));
  const thresholds = chooseThresholds(pooledScores, pooledGold);
  const hubFigures = Object.fromEntries(
    (['low', 'medium', 'high'] as const).map((s) => {
      const m = binaryMetrics(pooledScores.map((x) => x >= thresholds[s]), pooledGold);
      return [s, { precision: +m.precision.toFixed(3), recall: +m.recall.toFixed(3), f1: +m.f1.toFixed(3) }];
    }),
  );

  const model = train(gold.flatMap((g, i) => trainingExamples(g, examples[i]!)), SEED);
  const weights = toWeights(model, thresholds, {
    data: `${GOLD_FILES.hub} (weight ${HUB_WEIGHT}) + ${GOLD_FILES.academic}; target needs_evidence (GUIDELINE.md)`,
    sentences: examples.length,
    seed: SEED,
    thresholdRules: THRESHOLD_RULES,
    thresholdsFrom: `Hub out-of-fold scores, ${FOLDS} folds by page, ${REPEATS} fold draws pooled`,
    hubOutOfFold: { auc: +auc(pooledScores, pooledGold).toFixed(3), ...hubFigures },
  });

  console.log(`gold sentences ${examples.length} (Hub ${hub.length}); thresholds`, weights.thresholds);
  console.log('Hub out-of-fold:', JSON.stringify(weights.trainedOn.hubOutOfFold));
  if (process.argv.includes('--dry-run')) return;
  const out = path.resolve(__dirname, '..', 'src', 'core', 'claims', 'model', 'weights.json');
  writeFileSync(out, JSON.stringify(weights) + '\n');
  console.log(`wrote ${out}`);
}

runClaimsScript(main, __filename);
