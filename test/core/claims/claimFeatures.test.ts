import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CLAIM_CUES, detectCues } from '../../../src/core/claims/claimCues';
import { DEFAULT_HASH_BUCKETS, claimCueCountFeature, sentenceFeatures } from '../../../src/core/claims/claimFeatures';
import { fnv1a, tokenise } from '../../../src/core/claims/tokens';
import { binaryMetrics, loadClaimsFile } from '../../../scripts/claims-data';
import { hubBlog } from '../../sharedFixtures';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'claims');
const sentences: string[] = [
  ...['unarxive_citeworthy_heldout_sample.jsonl', 'unarxive_citeworthy_train_sample.jsonl', 'claimbuster_checkworthy_sample.jsonl']
    .flatMap((f) => loadClaimsFile(path.join(FIXTURES, f)).map((r) => r.text)),
  ...(['advancing-evidence-based-decision-making-2021.txt', 'shaping-the-sector-2024.txt'] as const)
    .flatMap((f) => readFileSync(hubBlog(f), 'utf8').split(/\n+|(?<=[.!?]) +/)),
  // Odd text: non-ASCII letters, astral letters, joiners at edges, digits folded, hyphens inside cue words.
  "l'état d’être 𝐀𝐁 co-op -x- 45% 2019 1999s İstanbul don't '' - -- %% a-1 ΣΑΣ cause-effect well-known Smith et. al",
  // Real arXiv sentences (unarXive, train papers) for cues the fixtures lack: a publication named 'Ref.'.
  'In Ref., the radiative decays were investigated in the GI model.',
  'Similar decoherence indicators were studied in Refs. SPMD and Min2015nonadiabatic.',
  // A JOSS paper (test/fixtures/papers/47-bristlecone) telling its own procedure in the passive.
  'Three classes of optimisation routines broadly suited to ecological time-series were included, while recognising that more appropriate alternatives for specific problems may be substituted.',
  // …and one (11-statistics-101) generalising about a group of people.
  'Students often find it difficult to locate the relevant formula quickly when working through an exercise, particularly when the course material is spread across a lengthy syllabus or a large set of slides.',
];

/** The slow, obvious extraction the single pass must equal: tokenise() then FNV-1a of each n-gram. */
function referenceBuckets(text: string): Set<number> {
  const mask = DEFAULT_HASH_BUCKETS - 1;
  const out = new Set<number>();
  let prev = '<s>';
  const tokens = tokenise(text);
  for (const t of tokens) {
    out.add(fnv1a(t) & mask);
    out.add(fnv1a(`${prev} ${t}`) & mask);
    prev = t;
  }
  if (tokens.length) out.add(fnv1a(`${prev} </s>`) & mask);
  return out;
}

describe('claim features', () => {
  it('the one-pass n-gram hashing equals tokenise() + FNV-1a on real sentences', () => {
    assert.ok(sentences.length > 400);
    for (const text of sentences) {
      const f = sentenceFeatures(text);
      assert.equal(f.wordCount, tokenise(text).length, text);
      assert.equal(new Set(f.buckets).size, f.buckets.length, `duplicate buckets for ${text}`);
      assert.deepEqual([...f.buckets].sort((a, b) => a - b), [...referenceBuckets(text)].sort((a, b) => a - b), text);
    }
  });

  it('cue gates and trigger words never change which cues fire, nor what they quote', () => {
    let fired = 0;
    for (const text of sentences) {
      const plain = CLAIM_CUES.flatMap((cue) => {
        const m = cue.pattern.exec(text);
        return m ? [`${cue.id}:${m[0]}`] : [];
      });
      const gated = detectCues(text).map((c) => `${c.cue.id}:${c.match}`);
      assert.deepEqual(gated, plain, text);
      fired += gated.length;
    }
    assert.ok(fired > sentences.length, `cues fired ${fired} times`);
    // Every gated cue fires somewhere in the fixtures, so the check above covers it.
    for (const cue of CLAIM_CUES.filter((c) => c.gate || c.triggers)) {
      assert.ok(sentences.some((t) => cue.pattern.test(t)), `${cue.id} never fires on the fixtures`);
    }
  });

  it('counts the claim-like cues (not the ones against a claim) as one feature', () => {
    const none = sentenceFeatures('We emphasize that these integrals are non-trivial as they belong to the resonant class.');
    assert.ok(none.named.includes('firstPerson'), JSON.stringify(none.named));
    assert.ok(none.named.includes('cues:0'), JSON.stringify(none.named));
    const many = sentenceFeatures('Research shows that 45% of learners in 2019 used more devices than in 2015.');
    assert.equal(claimCueCountFeature(many.cues), 'cues:3+');
    assert.equal(many.named.filter((n) => n.startsWith('cues:')).length, 1, JSON.stringify(many.named));
    const one = sentenceFeatures('The simulations are available in Ref. 12.');
    assert.deepEqual(one.named.filter((n) => !n.startsWith('shape:')), ['citedWork', 'cues:1']);
  });

  it('trigger words are lower-case ASCII words, as the trigger scan reads them', () => {
    for (const cue of CLAIM_CUES) for (const w of cue.triggers?.split(' ') ?? []) assert.match(w, /^[a-z0-9]+$/, cue.id);
  });
});

describe('binaryMetrics (the figures eval:claims prints)', () => {
  it('computes precision, recall, F1 and accuracy from counts', () => {
    const m = binaryMetrics([true, true, true, false, false, false], [true, true, false, true, false, false]);
    assert.deepEqual([m.tp, m.fp, m.fn, m.tn], [2, 1, 1, 2]);
    assert.equal(m.precision, 2 / 3);
    assert.equal(m.recall, 2 / 3);
    assert.ok(Math.abs(m.f1 - 2 / 3) < 1e-12);
    assert.equal(m.accuracy, 4 / 6);
  });
  it('gives 0, not NaN, when nothing is predicted or nothing is positive', () => {
    const m = binaryMetrics([false, false], [false, false]);
    assert.deepEqual([m.precision, m.recall, m.f1, m.accuracy], [0, 0, 0, 1]);
  });
});
