import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BibliographyIndex } from '../../../src/core/bibliography/index/bibliographyIndex';
import { parseBibliographyText } from '../../../src/core/bibliography/formats/parseText';
import { runAtOnce, runInSlices, type Steps } from '../../../src/core/scheduling/timeSlices';
import { CitationSearch } from '../../../src/core/search/citationSearch';

/** Busy work in `count` steps of about `stepMs` each, yielding between them; returns how many ran. */
function* busySteps(count: number, stepMs: number): Steps<number> {
  for (let i = 0; i < count; i++) {
    const until = performance.now() + stepMs;
    while (performance.now() < until) {
      // spin: stands for a slice of indexing
    }
    yield;
  }
  return count;
}

// The real 6,239-entry BibDesk library (test/fixtures/bibliography/big, CC0).
const BIG = path.join(__dirname, '../../fixtures/bibliography/big/gsa_oes_matching_guide_big.bib');
const big = parseBibliographyText(fs.readFileSync(BIG, 'utf8'), BIG);

describe('time slices', () => {
  it('runAtOnce runs every step and returns the result', () => {
    assert.equal(runAtOnce(busySteps(5, 0)), 5);
  });

  it('runInSlices gives the event loop back between slices, and returns the same result', async () => {
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 1);
    try {
      const result = await runInSlices(busySteps(40, 2), { sliceMs: 5 });
      assert.equal(result, 40);
      // 80 ms of work in 5 ms slices: timers ran in between (at once, none could).
      assert.ok(ticks >= 5, `only ${ticks} timer callbacks ran during the work`);
    } finally {
      clearInterval(ticker);
    }
  });

  it('runInSlices stops at the next pause when aborted', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 10);
    await assert.rejects(runInSlices(busySteps(1000, 1), { sliceMs: 2, signal: controller.signal }), { name: 'AbortError' });
  });

  it('an index built in slices is the same as one built at once (real 6k library)', async () => {
    const atOnce = BibliographyIndex.fromFiles([big]);
    const sliced = await BibliographyIndex.fromFilesInSlices([big], { sliceMs: 1 });
    assert.equal(sliced.entries.length, atOnce.entries.length);
    assert.ok(sliced.entries.length > 6000);
    assert.deepEqual(sliced.entries.map((e) => e.key), atOnce.entries.map((e) => e.key));
    assert.deepEqual(sliced.problems, atOnce.problems);
    const sample = atOnce.entries[1234]!;
    assert.equal(sliced.get(sample.key), sample);
  });

  it('a search built in slices answers exactly as one built at once (real 6k library)', async () => {
    const atOnce = new CitationSearch(big.entries);
    const sliced = await CitationSearch.createInSlices(big.entries, { sliceMs: 1 });
    for (const query of ['ro', 'rosenbaum', 'rosenbam 2002', 'matching propensity', 'author:imbens', 'causal infernce']) {
      const expected = atOnce.search(query).map((h) => `${h.entry.key} ${h.score.toFixed(6)}`);
      assert.ok(expected.length > 0, `no hits for ${query}`);
      assert.deepEqual(sliced.search(query).map((h) => `${h.entry.key} ${h.score.toFixed(6)}`), expected, query);
    }
  });
});
