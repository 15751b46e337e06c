/**
 * Runs the core's slow, synchronous work off the extension host's thread: parsing bibliography files
 * (citation-js: seconds for thousands of entries) and formatting references (the CSL engine takes seconds
 * to start). Bundled as dist/coreWorker.js next to dist/extension.js; no 'vscode' here.
 */
import { parentPort } from 'node:worker_threads';
import { loadBibliographyFileCached } from '../core/bibliography/bibliographyCache';
import { loadBibliographyFile } from '../core/bibliography/loadFile';
import { formatReference, type CitationStyle } from '../core/format/formatReference';
import type { BibEntry } from '../core/types';

export type WorkerRequest =
  | { readonly id: number; readonly op: 'load'; readonly file: string; readonly cacheDir?: string }
  | { readonly id: number; readonly op: 'format'; readonly entry: BibEntry; readonly style: CitationStyle };

export type WorkerResponse = { readonly id: number; readonly ok: true; readonly value: unknown } | { readonly id: number; readonly ok: false; readonly error: string };

async function handle(request: WorkerRequest): Promise<unknown> {
  switch (request.op) {
    case 'load':
      return request.cacheDir ? loadBibliographyFileCached(request.file, request.cacheDir) : loadBibliographyFile(request.file);
    case 'format':
      return formatReference(request.entry, request.style, 'text');
  }
}

parentPort?.on('message', (request: WorkerRequest) => {
  handle(request).then(
    (value) => parentPort?.postMessage({ id: request.id, ok: true, value } satisfies WorkerResponse),
    (error: unknown) => parentPort?.postMessage({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) } satisfies WorkerResponse),
  );
});
