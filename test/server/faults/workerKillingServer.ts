/**
 * The language server with a fault injected: its parsing worker is terminated, as a crash or the OS
 * would end it, a set time into chosen loads while they are under way. EVIDENCE_TEST_KILL_LOADS lists
 * the loads to cut short (1-based, counting every load asked of any parsing worker), and
 * EVIDENCE_TEST_KILL_AFTER_MS how long into them. Each kill is said on stderr and in
 * EVIDENCE_TEST_KILL_LOG (a file, one line per kill), for the test to count.
 */
import * as fs from 'node:fs';
import type { Worker as RealWorkerType, WorkerOptions } from 'node:worker_threads';

// A plain require: the bundled server reads `Worker` off this very object when it starts a worker.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const threads = require('node:worker_threads') as { Worker: typeof RealWorkerType };
const RealWorker = threads.Worker;
const kills = new Set((process.env.EVIDENCE_TEST_KILL_LOADS ?? '').split(',').filter(Boolean).map(Number));
const afterMs = Number(process.env.EVIDENCE_TEST_KILL_AFTER_MS ?? 300);
const killLog = process.env.EVIDENCE_TEST_KILL_LOG;
let loads = 0;

class KilledMidLoad extends RealWorker {
  private readonly answered = new Set<number>();

  constructor(script: string | URL, options?: WorkerOptions) {
    super(script, options);
    this.on('message', (message: { id?: unknown }) => {
      if (typeof message?.id === 'number') this.answered.add(message.id);
    });
  }

  override postMessage(message: unknown, transfer?: Parameters<RealWorkerType['postMessage']>[1]): void {
    super.postMessage(message, transfer);
    const request = message as { id?: number; op?: string; file?: string };
    if (request.op !== 'load') return;
    const load = ++loads;
    if (!kills.has(load)) return;
    setTimeout(() => {
      if (this.answered.has(request.id!)) return; // done already: not a kill mid-load
      const line = `worker terminated ${afterMs} ms into load ${load} (${request.file})`;
      process.stderr.write(`[fault] ${line}\n`);
      if (killLog) fs.appendFileSync(killLog, `${line}\n`);
      void this.terminate();
    }, afterMs);
  }
}

threads.Worker = KilledMidLoad;
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('../../../src/server/main');
