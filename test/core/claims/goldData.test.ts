import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
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

  it('missing from the data folder: an error that names the file, or, when the caller allows it, told and left out', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gold-'));
    try {
      for (const file of fs.readdirSync(SAMPLE)) if (file.endsWith('.jsonl')) fs.copyFileSync(path.join(SAMPLE, file), path.join(dir, file));
      const missing = path.join(dir, EXTRA_GOLD_FILES.carpentries!.file);
      assert.throws(() => loadGold(dir, { extra: ['carpentries'] }), (e: Error) => e.message.includes(`'carpentries'`) && e.message.includes(missing));
      const told: [string, string][] = [];
      const gold = loadGold(dir, { extra: ['carpentries'], absent: (name, file) => told.push([name, file]) });
      assert.deepEqual(told, [['carpentries', missing]]);
      assert.deepEqual(gold.filter((g) => g.set === 'extra'), []);
      assert.equal(gold.length, loadGold(SAMPLE).length);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
