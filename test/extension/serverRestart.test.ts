/**
 * The language server process dying (killed, out of memory): vscode-languageclient starts a new one
 * (its default error handler: up to 4 restarts in 3 minutes, then an error notification saying it
 * will not restart). What the writer sees: the Problems of the open documents go with the old server
 * and come back from the new one, for the library as it now is; completion answers again. Nothing of
 * the old server's is left: a key that the library gained meanwhile is no longer reported.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { activate, closeAllEditors, completionsAt, evidenceDiagnostics, labelOf, openScratch, positionAfter, waitFor, workspacePath } from './helpers';

const GAINED = `
@report{zzrestart2026,
  author = {Restart, Robin},
  title = {{A report added while the server was down}},
  year = {2026}
}
`;

describe('the language server killed', function () {
  this.timeout(120_000);
  const bib = () => workspacePath('hub-outputs.bib');
  let original = '';
  before(async () => {
    await activate();
    original = fs.readFileSync(bib(), 'utf8');
  });
  after(async () => {
    fs.writeFileSync(bib(), original);
    await closeAllEditors();
  });

  it('is started again by the client: diagnostics come back for the library as it is, and completion answers', async () => {
    const api = await activate();
    const editor = await openScratch('The strategy paper [@hennessy2021], and a report [@zzrestart2026].\n\nMore [@hen\n');
    const uri = editor.document.uri;
    const unknownKeys = () => evidenceDiagnostics(uri, 'unknown-key').map((d) => editor.document.getText(d.range));
    await waitFor('zzrestart2026 reported unknown', () => unknownKeys().some((k) => k.includes('zzrestart2026')));
    const { pid } = await api.server.libraryState();

    // The library gains the key while the server is down; the new server must read it as it now is.
    fs.appendFileSync(bib(), GAINED);
    process.kill(pid, 'SIGKILL');
    await waitFor('a new server', async () => (await api.server.libraryState().catch(() => undefined))?.pid !== pid, 60_000);
    await waitFor('the diagnostics back, without the stale unknown key', () => evidenceDiagnostics(uri).length > 0 && !unknownKeys().some((k) => k.includes('zzrestart2026')), 60_000).catch((error: unknown) => {
      throw new Error(`${String(error)}; unknown keys shown: ${unknownKeys().join(', ')}`);
    });
    const keys = (await completionsAt(editor.document, positionAfter(editor.document, 'More [@hen'), '@')).map(labelOf);
    assert.ok(keys.includes('hennessy2021'), `completion after the restart: ${keys.slice(0, 5).join(', ')}`);
    const state = await api.server.libraryState();
    assert.ok(state.files.some((f) => f.file === bib() && f.entries === 162), 'the new server read the library as it is now');
  });
});
