/**
 * Runs the core's slow, synchronous work off the extension host's thread: parsing bibliography files
 * (citation-js: seconds for thousands of entries) and formatting references (the CSL engine takes seconds
 * to start). Bundled as dist/coreWorker.js next to dist/extension.js; no 'vscode' here.
 */
import { parentPort } from 'node:worker_threads';
import { loadBibliographyFileCached } from '../core/bibliography/bibliographyCache';
import { transferBatches, type TransferEntry } from '../core/bibliography/entryTransfer';
import { loadBibliographyFile } from '../core/bibliography/loadFile';
import { formatReference, type CitationStyle } from '../core/format/formatReference';
import type { BibEntry } from '../core/types';

export type WorkerRequest =
  | { readonly id: number; readonly op: 'load'; readonly file: string; readonly cacheDir?: string }
  /** The host has read a batch of entries of request `id`: the next may come. */
  | { readonly id: number; readonly op: 'ack' }
  | { readonly id: number; readonly op: 'format'; readonly entry: BibEntry; readonly style: CitationStyle };

/**
 * A loaded file's entries arrive first, in batches ('entries'), then the file without them ('ok'):
 * the extension host reads each message in tens of milliseconds instead of one 85 MB message at once.
 */
export type WorkerResponse =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: string }
  | { readonly id: number; readonly entries: readonly TransferEntry[] };

async function handle(request: WorkerRequest): Promise<unknown> {
  switch (request.op) {
    case 'load': {
      const loaded = request.cacheDir ? await loadBibliographyFileCached(request.file, request.cacheDir) : await loadBibliographyFile(request.file);
      // One batch at a time: messages that queue up are all read in one go, holding the host again.
      for (const batch of transferBatches(loaded.entries)) {
        const read = new Promise<void>((resolve) => acknowledged.set(request.id, resolve));
        parentPort?.postMessage({ id: request.id, entries: batch } satisfies WorkerResponse);
        await read;
      }
      return { ...loaded, entries: [] };
    }
    case 'format':
      return formatReference(request.entry, request.style, 'text');
    case 'ack':
      return undefined;
  }
}

/** Loads waiting for the host to read their last batch, by request id. */
const acknowledged = new Map<number, () => void>();

parentPort?.on('message', (request: WorkerRequest) => {
  if (request.op === 'ack') {
    acknowledged.get(request.id)?.();
    acknowledged.delete(request.id);
    return;
  }
  handle(request).then(
    (value) => parentPort?.postMessage({ id: request.id, ok: true, value } satisfies WorkerResponse),
    (error: unknown) => parentPort?.postMessage({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) } satisfies WorkerResponse),
  );
});
