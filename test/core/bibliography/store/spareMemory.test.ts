import { strict as assert } from 'node:assert';
import { SpareMemory } from '../../../../src/core/bibliography/store/spareMemory';

describe('bibliography/store/spareMemory', () => {
  it('a readied spare is used once for a pack of about its size, zeroed; then memory is fresh again', async () => {
    const memory = new SpareMemory();
    await memory.ready(10_000, 0);
    const first = memory.take(9_000);
    assert.ok(first.buffer instanceof SharedArrayBuffer);
    assert.equal(first.length, 9_000);
    assert.equal(first.buffer.byteLength, 10_500, 'the spare (5% over the size asked for)');
    assert.ok(first.every((b) => b === 0));
    const second = memory.take(9_000);
    assert.equal(second.buffer.byteLength, 9_000, 'the spare is used only once');
  });

  it('a spare far larger than the pack is not used for it (it would hold unused memory)', async () => {
    const memory = new SpareMemory();
    await memory.ready(100_000, 0);
    assert.equal(memory.take(1_000).buffer.byteLength, 1_000);
    assert.equal(memory.take(100_000).buffer.byteLength, 105_000);
  });

  it('a newer request replaces one still waiting, and both resolve', async () => {
    const memory = new SpareMemory();
    const older = memory.ready(5_000, 50);
    const newer = memory.ready(6_000, 0);
    await Promise.all([older, newer]);
    assert.equal(memory.take(6_000).buffer.byteLength, 6_300);
  });

  it('each SpareMemory has its own spare', async () => {
    const readied = new SpareMemory();
    await readied.ready(10_000, 0);
    assert.equal(new SpareMemory().take(9_000).buffer.byteLength, 9_000);
    assert.equal(readied.take(9_000).buffer.byteLength, 10_500);
  });

  it('a spare is let go after its time, with a garbage collection then (its memory goes back at once)', async () => {
    let collections = 0;
    const memory = new SpareMemory({ keepMs: 20, collectGarbage: () => void collections++ });
    await memory.ready(10_000, 0);
    assert.equal(collections, 0, 'collected while the spare was kept');
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal(collections, 1);
    assert.equal(memory.take(9_000).buffer.byteLength, 9_000, 'the spare was still there');
  });
});
