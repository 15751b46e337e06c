/**
 * A StretchParser that runs each stretch in a worker thread of its own (the bundled stretchWorker.js),
 * stopped once it has answered: the half's garbage goes with its thread, not into the caller's heap.
 */
import * as fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { StretchParser, StretchPack, StretchRequest } from './packedParse';

/**
 * The thread's young generation: V8's default for a worker thread is small, and a parse then spends
 * much of its time in scavenges (as for the language server's parsing worker).
 */
const YOUNG_GENERATION_MB = 32;

/** A StretchParser running `script`; undefined when there is no such file (running from sources). */
export function stretchThreads(script: string): StretchParser | undefined {
  if (!fs.existsSync(script)) return undefined;
  return (request: StretchRequest) =>
    new Promise<StretchPack | undefined>((resolve) => {
      const worker = new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
      let settled = false;
      const settle = (pack: StretchPack | undefined): void => {
        if (settled) return;
        settled = true;
        resolve(pack);
        void worker.terminate();
      };
      worker.once('message', (pack: StretchPack | null) => settle(pack ?? undefined));
      // A thread that fails (out of memory, killed) costs only the time: the caller parses the half itself.
      worker.once('error', () => settle(undefined));
      worker.once('exit', () => settle(undefined));
      worker.postMessage(request);
    });
}
