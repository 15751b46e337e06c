/**
 * evidence-writer-server with a real LSP client that nobody here wrote: Neovim's built-in client
 * (Debian's neovim 0.7, installed by .ci/run), headless, on a Markdown document against the real EdTech
 * Hub bibliography (test/fixtures, see its SOURCE.md). Under CI=true a missing Neovim fails the test.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildServer, SERVER_JS } from './serverProcess';

const HUB_BIB = path.join(__dirname, '../fixtures/hub/hub-outputs.bib');
const SCRIPT = path.join(__dirname, 'neovim', 'check.lua');

function neovimVersion(): string | undefined {
  try {
    return execFileSync('nvim', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  } catch {
    return undefined;
  }
}

interface NeovimResult {
  readonly errors: readonly string[];
  readonly diagnostics?: readonly { line: number; code?: string; source?: string; message: string }[];
  readonly completion?: readonly { label: string; detail: string | null }[];
  readonly hover?: string | null;
  readonly workspace?: { files: number; claims: number; uncited: number };
  readonly library?: readonly { file: string; entries: number }[];
  readonly statusWithoutUri?: string;
}

describe('language server in Neovim (built-in LSP client)', function () {
  this.timeout(120_000);
  let result: NeovimResult;

  before(async function () {
    const version = neovimVersion();
    if (!version) {
      if (process.env.CI === 'true') throw new Error('Neovim (nvim) is not installed: .ci/run installs it with apt-get install neovim');
      this.skip();
    }
    await buildServer();
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-nvim-'));
    fs.copyFileSync(HUB_BIB, path.join(folder, 'hub-outputs.bib'));
    const document = path.join(folder, 'paper.md');
    fs.writeFileSync(
      document,
      'Research shows that 60% of schools in low-income countries have no electricity.\n\nThe strategy is set out in a position paper [@hennessy2021].\n\nMore in [@hen\n',
    );
    const output = path.join(folder, 'result.json');
    const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '--noplugin', '-c', `luafile ${SCRIPT}`], {
      env: { ...process.env, EVIDENCE_SERVER: SERVER_JS, EVIDENCE_DOCUMENT: document, EVIDENCE_RESULT: output, XDG_STATE_HOME: folder, XDG_DATA_HOME: folder },
      timeout: 100_000,
      encoding: 'utf8',
    });
    assert.ok(fs.existsSync(output), `Neovim wrote no result (exit ${run.status}): ${run.stderr || run.stdout}`);
    result = JSON.parse(fs.readFileSync(output, 'utf8')) as NeovimResult;
    fs.rmSync(folder, { recursive: true, force: true });
    assert.deepEqual(result.errors, []);
  });

  it('shows the uncited claim as a diagnostic with its rule id', () => {
    const claim = result.diagnostics?.find((d) => d.code === 'uncited-claim');
    assert.ok(claim, JSON.stringify(result.diagnostics));
    assert.equal(claim.line, 0);
    assert.equal(claim.source, 'evidence-lint');
    assert.match(claim.message, /Claim cites no evidence/);
  });

  it('completes [@hen with the Hennessy entries and their authors', () => {
    const item = result.completion?.find((i) => i.label === 'hennessy2021');
    assert.ok(item, JSON.stringify(result.completion?.slice(0, 5)));
    assert.match(item.detail ?? '', /Hennessy.*2021/);
  });

  it('hovers a citation with its reference', () => {
    assert.match(String(result.hover), /\*\*`hennessy2021`\*\*/);
    assert.match(String(result.hover), /Hennessy/);
  });

  it("answers Evidence Writer's own requests sent with an empty table (which Neovim encodes as [])", () => {
    assert.deepEqual(result.workspace, { files: 1, claims: 1, uncited: 1 });
    assert.equal(result.library?.length, 1, JSON.stringify(result.library));
    assert.match(result.library[0]!.file, /hub-outputs\.bib$/);
    assert.ok(result.library[0]!.entries > 100, JSON.stringify(result.library));
    // A request about a document, sent without its uri: a clear error, not a crash.
    assert.match(String(result.statusWithoutUri), /evidence\/status needs the document's uri/);
  });
});
