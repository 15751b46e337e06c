/**
 * The first completion after a cold load: the document's lint and the completion both wait for the
 * library; the completion must be sent when the library is ready, not after the lint (the longest
 * work in the server's thread). Real data: the 6,239-entry BibDesk library (CC0) and a long
 * document made of the 31 papers' bodies (test/fixtures, see their SOURCE.md).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BIG_BIB, paperBodies } from '../sharedFixtures';
import { buildServer, ServerProcess } from './serverProcess';

function longDocument(): string {
  return `---\nbibliography: library.bib\n---\n\n${paperBodies().join('\n\n')}\n\nAs shown [@imbens`;
}

describe('language server: the first completion after a cold load', function () {
  this.timeout(120_000);
  let folder: string;
  let server: ServerProcess;

  before(async () => {
    await buildServer();
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-first-completion-'));
    fs.copyFileSync(BIG_BIB, path.join(folder, 'library.bib'));
    server = new ServerProcess();
    await server.initialize(folder, { cacheDir: path.join(folder, 'cache') });
  });
  after(async () => {
    await server.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('is sent as soon as the library is ready, before the long document it is typed in is linted', async () => {
    const text = longDocument();
    const lines = text.split('\n');
    const lintedAt = new Map<string, { at: number; ms: number }>();
    server.connection.onNotification('window/logMessage', (p: { message: string }) => {
      const linted = /^Linted (\S+) in (\d+) ms/.exec(p.message);
      if (linted) lintedAt.set(linted[1]!, { at: performance.now(), ms: Number(linted[2]) });
    });
    // The document is opened and completed at once: its lint (after the server's debounce) and the
    // completion both wait for the library's first parse.
    const uri = await server.open(path.join(folder, 'paper.md'), text);
    const list = await server.request<{ items: { label: string }[] }>('textDocument/completion', { textDocument: { uri }, position: { line: lines.length - 1, character: lines.at(-1)!.length } });
    const completedAt = performance.now();
    assert.ok(list.items.some((item) => item.label.toLowerCase().startsWith('imbens')), `imbens… keys offered (got ${list.items.slice(0, 5).map((i) => i.label).join(', ')})`);
    const lint = await server.until('the document linted', () => lintedAt.get(uri));
    assert.ok(lint.ms >= 20, `the lint took ${lint.ms} ms: too short to show anything`);
    // Sent after the completion, by about the lint's time: not in one batch with it.
    assert.ok(lint.at - completedAt >= lint.ms / 2, `the completion came ${(lint.at - completedAt).toFixed(0)} ms before the end of a ${lint.ms} ms lint: it waited for the lint`);
  });
});
