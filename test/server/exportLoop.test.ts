/**
 * 1,000 edits of a .bib in a row (an export loop): memory comes back (RSS within 10% of its start,
 * after GC in this thread and the parsing worker's) and no file is left open. Run in a child process with --expose-gc, in the environment the
 * VS Code client starts the server with (test/server/faults/exportLoopChild.ts: the real parsing
 * worker thread, the cache, the index and search), so that nothing of the test runner's own is
 * counted. The start is after a first burst of 100 edits: V8 grows each thread's young generation
 * once under a burst of allocation (~17 MB each, for good; with a big library the first parse has
 * grown it already). Library: the Hub's 161 entries; with EVIDENCE_SLOW=1 the 6,239-entry library.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BIG_BIB, HUB_BIB } from '../sharedFixtures';
import { SERVER_ENVIRONMENT } from '../../src/server/protocol';
import { buildServer, SERVER_OUT } from './serverProcess';

const SLOW = process.env.EVIDENCE_SLOW === '1';
const ROUNDS = 1000;
/** The edits before the starting figure: the worker started, the parser loaded, the heaps sized. */
const WARMUP = 100;

describe('language server: 1,000 edits of the bibliography in a row', function () {
  this.timeout(1_200_000);
  let dir: string;
  before(async () => {
    await buildServer();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'export-loop-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('RSS comes back within 10% after GC, and no file is left open', function () {
    if (!fs.existsSync('/proc/self/fd')) this.skip(); // counts open files the Linux way
    const bib = path.join(dir, 'library.bib');
    fs.copyFileSync(SLOW ? BIG_BIB : HUB_BIB, bib);
    const out = execFileSync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', path.join(__dirname, 'faults', 'exportLoopChild.ts'), path.join(SERVER_OUT, 'worker.js'), bib, path.join(dir, 'cache'), String(WARMUP + ROUNDS), String(WARMUP)],
      { encoding: 'utf8', maxBuffer: 1 << 20, env: { ...process.env, ...SERVER_ENVIRONMENT } },
    );
    const result = JSON.parse(out) as { rounds: number; entries: number; ms: number; start: { rss: number; heap: number; fds: number }; end: { rss: number; heap: number; fds: number }; strayCacheFiles: string[] };
    const mb = (n: number): string => (n / 2 ** 20).toFixed(1);
    // eslint-disable-next-line no-console
    console.log(
      `      ${ROUNDS} edits (after ${WARMUP}) of ${result.entries} entries in ${(result.ms / 1000).toFixed(1)} s: RSS ${mb(result.start.rss)} → ${mb(result.end.rss)} MB, ` +
        `heap ${mb(result.start.heap)} → ${mb(result.end.heap)} MB, open files ${result.start.fds} → ${result.end.fds}`,
    );
    assert.ok(result.end.rss <= result.start.rss * 1.1, `RSS grew from ${mb(result.start.rss)} to ${mb(result.end.rss)} MB`);
    assert.ok(result.end.fds <= result.start.fds, `open files grew from ${result.start.fds} to ${result.end.fds}`);
    assert.deepEqual(result.strayCacheFiles, [], 'no temp file left in the cache');
  });
});
