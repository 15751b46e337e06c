import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { EXTRA_GOLD_FILES, loadGold } from '../../../scripts/claims-data';

/** A few whole lines of each gold file (test/fixtures/claims/SOURCE.md). */
const SAMPLE = path.join(__dirname, '..', '..', 'fixtures', 'claims', 'gold-sample');

describe('gold data: the extra sets', () => {
  it('are left out unless named', () => {
    const gold = loadGold(SAMPLE);
    assert.deepEqual([...new Set(gold.map((g) => g.set))].sort(), ['arxiv', 'hub']);
  });

  it('are read as set "extra", grouped by document, with their context, labels and own-voice names', () => {
    const extra = loadGold(SAMPLE, { extra: ['carpentries', 'undp'] }).filter((g) => g.set === 'extra');
    assert.equal(extra.length, 4);
    const [first, second] = extra.filter((g) => g.extraSet === 'carpentries');
    assert.equal(first!.group, 'carpentries/carpentries.org/content/posts/2019/04/ukzn-ttt.md');
    assert.equal(second!.group, first!.group);
    assert.equal(first!.input.contextBefore, undefined);
    assert.equal(second!.input.contextBefore, first!.input.text);
    assert.match(second!.input.text, /^Although these events were open to everyone/);
    assert.deepEqual([first!.label, second!.label], [false, true]);
    assert.deepEqual([first!.unsure, second!.unsure], [true, true]);
    assert.deepEqual(first!.ownVoice, EXTRA_GOLD_FILES.carpentries!.ownVoice);
    const undp = extra.filter((g) => g.extraSet === 'undp');
    assert.ok(undp.every((g) => g.ownVoice.includes('UNDP') && g.group.startsWith('UNDP-Accelerator-Labs/sdg-innovation-commons/__pages__/')));
    assert.deepEqual(undp.map((g) => g.label), [true, true]);
  });

  it('names the known sets when asked for an unknown one', () => {
    assert.throws(() => loadGold(SAMPLE, { extra: ['nope'] }), /no extra gold set 'nope' \(known: undp, carpentries\)/);
  });
});
