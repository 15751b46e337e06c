/**
 * A thread that parses and packs one stretch of a big BibTeX file (see core packedParse), started
 * for it and stopped after. Bundled as dist/stretchWorker.js, started by the parsing worker (dist/worker.js).
 */
import { parentPort } from 'node:worker_threads';
import { packStretch, type StretchRequest } from '../core/bibliography/store/packedParse';
import { searchIndexer } from '../core/search/searchIndexer';

parentPort?.once('message', (request: StretchRequest) => {
  parentPort?.postMessage(packStretch(request, searchIndexer) ?? null);
});
