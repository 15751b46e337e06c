/**
 * The parsing worker killed mid-parse (a crash, the OS): the server starts a new one and reads the
 * library again, the user is told once, and the diagnostics are those of the library as it is, never
 * the ones a lost load left behind. The fault is injected by a build of the server whose worker is
 * terminated a set time into chosen loads (test/server/faults/workerKillingServer.ts), over stdio as
 * an editor drives it. The library: the real 6,239-entry library replicated to 10k entries (50k with
 * EVIDENCE_SLOW=1), a cold parse of a second or more, so the kill lands mid-parse.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { replicatedLibrary } from '../sharedFixtures';
import { buildServer, ServerProcess, WORKER_KILLING_SERVER_JS, type Published } from './serverProcess';

const SIZE = process.env.EVIDENCE_SLOW === '1' ? 50_000 : 10_000;
const KILL_AFTER_MS = 300;

describe('language server: the parsing worker killed mid-parse', function () {
  this.timeout(300_000);
  let folder: string;
  let server: ServerProcess;
  let killLog: string;

  before(async () => {
    await buildServer();
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-worker-killed-'));
    killLog = path.join(folder, 'kills.log');
    // Loads 1 and 3 are cut short: the first load, and the reload after the library changes.
    server = new ServerProcess({}, { script: WORKER_KILLING_SERVER_JS, env: { EVIDENCE_TEST_KILL_LOADS: '1,3', EVIDENCE_TEST_KILL_AFTER_MS: String(KILL_AFTER_MS), EVIDENCE_TEST_KILL_LOG: killLog } });
    await server.initialize(folder, { cacheDir: path.join(folder, 'cache') });
  });
  after(async () => {
    await server.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  const kills = (): string[] => (fs.existsSync(killLog) ? fs.readFileSync(killLog, 'utf8').trim().split('\n').filter(Boolean) : []);
  const logged = (pattern: RegExp): string[] =>
    server.notifications.filter((n) => n.method === 'window/logMessage').map((n) => (n.params as { message: string }).message).filter((m) => pattern.test(m));
  const toldTheUser = (): string[] => server.notifications.filter((n) => n.method === 'window/showMessage').map((n) => (n.params as { message: string }).message);
  const unknownKeys = (published: Published | undefined): string[] =>
    (published?.diagnostics ?? []).filter((d) => d.code === 'unknown-key').map((d) => /"([^"]+)"/.exec(d.message)?.[1] ?? d.message).sort();

  it('restarts the worker, reloads the library, tells the user once, and leaves no stale diagnostic', async () => {
    const bib = path.join(folder, 'library.bib');
    const first = replicatedLibrary(SIZE);
    fs.writeFileSync(bib, first.text);
    const kept = first.keys[SIZE - 1]!;
    const removed = first.keys[SIZE >> 1]!;
    const added = 'addedlater2024';
    const text = `---\nbibliography: library.bib\n---\n\nAs shown [@${kept}], and [@${removed}], and later [@${added}].\n`;
    const uri = await server.open(path.join(folder, 'report.md'), text);
    const libraryLoaded = async (entries: number, since: number): Promise<boolean> => {
      const state = await server.request<{ files: { file: string; entries: number }[]; indexing: string[]; pendingReloads: boolean }>('evidence/libraryState', {});
      return state.files.some((f) => f.file === bib && f.entries === entries) && state.indexing.length === 0 && !state.pendingReloads && logged(/Indexed/).length > since;
    };

    // The first load is cut short mid-parse; the new worker's load is used.
    const published = await server.until('diagnostics after the first load', () => server.published.get(uri), 120_000);
    assert.equal(kills().length, 1, `the worker was killed mid-load: ${kills().join(' | ')}`);
    assert.deepEqual(unknownKeys(published), [added], 'the diagnostics are those of the whole library');
    assert.equal(logged(/worker stopped \(exit code 1\)/).length, 1, 'the log says when the worker stopped');
    assert.equal(logged(/Loading .*library\.bib again, in a new worker/).length, 1);
    assert.equal(toldTheUser().length, 1, `told once: ${toldTheUser().join(' | ')}`);
    assert.match(toldTheUser()[0]!, /parser stopped unexpectedly .* restarted/);

    // The library changes (an @string added: every entry is parsed again), and that reload is cut short too.
    const indexedBefore = logged(/Indexed/).length;
    const changed = `@string{edition = {Second}}\n${first.text.replace(`{${removed},`, `{${removed}gone,`)}\n@misc{${added},\n  title = {Added Later},\n  year = {2024}\n}\n`;
    fs.writeFileSync(bib, changed);
    server.published.delete(uri);
    await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(bib).href, type: 2 }] });
    await server.until('the changed library indexed', async () => (await libraryLoaded(SIZE + 1, indexedBefore)) || undefined, 120_000).catch(async (error: unknown) => {
      throw new Error(`${String(error)}; log: ${logged(/./).slice(-6).join(' | ')}`);
    });
    const after = await server.until('diagnostics after the reload', () => server.published.get(uri), 60_000);
    assert.equal(kills().length, 2, `the reload's worker was killed mid-load too: ${kills().join(' | ')}`);
    assert.deepEqual(unknownKeys(after), [removed], 'no stale diagnostic: the added key resolves, the removed one is unknown');
    assert.equal(logged(/worker stopped \(exit code 1\)/).length, 2);
    assert.equal(logged(/keeping the last good index/).length, 0, 'the reload was not given up');
    assert.equal(toldTheUser().length, 1, 'the user is told once, not at every restart');
  });
});
