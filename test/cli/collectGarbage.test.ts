/** The CLI's garbage collection on demand (src/cli/collectGarbage.ts). */
import * as assert from 'node:assert/strict';
import { setImmediate as nextJob } from 'node:timers/promises';
import { garbageCollector } from '../../src/cli/collectGarbage';

describe('garbageCollector', () => {
  it('collects what nothing refers to', async () => {
    const collect = garbageCollector();
    let garbage: { rows: string[] } | undefined = { rows: Array.from({ length: 100_000 }, (_, i) => `row ${i}`) };
    const ref = new WeakRef(garbage);
    garbage = undefined;
    // (A WeakRef's target lives at least until the job that made it ends.)
    await nextJob();
    collect();
    assert.equal(ref.deref(), undefined, 'the unreachable object survived the collection');
  });
});
