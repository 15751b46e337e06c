/** Garbage collection on demand (src/core/memory/garbageCollector.ts), in a process started without --expose-gc. */
import * as assert from 'node:assert/strict';
import { setImmediate as nextJob } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { garbageCollector } from '../../../src/core/memory/garbageCollector';

describe('memory/garbageCollector', () => {
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

  it("collects a worker thread's heap too (the language server's parsing worker)", async () => {
    // The worker is given the module's own source (through tsx, as mocha loads it), so that it runs the same code.
    const source = `
      const { parentPort } = require('node:worker_threads');
      const { garbageCollector } = require(${JSON.stringify(require.resolve('../../../src/core/memory/garbageCollector'))});
      const collect = garbageCollector();
      let garbage = { rows: Array.from({ length: 100000 }, (_, i) => 'row ' + i) };
      const ref = new WeakRef(garbage);
      garbage = undefined;
      setImmediate(() => { collect(); parentPort.postMessage(ref.deref() === undefined); });`;
    const worker = new Worker(source, { eval: true, execArgv: ['--require', 'tsx/cjs'] });
    try {
      const collected = await new Promise<unknown>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      assert.equal(collected, true, "the worker's unreachable object survived the collection");
    } finally {
      await worker.terminate();
    }
  });
});
