/**
 * The npm package a reviewer's CI installs (`npx evidence-lint`): `npm pack` gives a tarball holding
 * only the bundled CLI and language server and the claim model's word vectors (no dependencies to
 * install, no VS Code-only code), which
 * installs into an empty folder without the network and lints a document there (with --cache, keeping
 * its claim scores).
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const HUB_BIB = path.join(ROOT, 'test/fixtures/hub/hub-outputs.bib');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

describe('the npm package (npm pack)', function () {
  this.timeout(180_000);
  let folder: string;
  let tarball: string;

  before(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-pack-'));
    // `npm pack` builds first (its prepack script), as publishing does.
    const packed = JSON.parse(execFileSync(NPM, ['pack', '--json', '--pack-destination', folder], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as { filename: string }[];
    tarball = path.join(folder, packed[0]!.filename);
  });
  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('holds the CLI, the server and its threads, and nothing VS Code-only', () => {
    const files = listTarball(tarball);
    assert.deepEqual(files.filter((f) => f.startsWith('dist/')).sort(), ['dist/cli.js', 'dist/server.js', 'dist/stretchWorker.js', 'dist/word-vectors.json', 'dist/worker.js']);
    for (const bundle of ['dist/cli.js', 'dist/server.js', 'dist/stretchWorker.js', 'dist/worker.js']) {
      const text = execFileSync('tar', ['-xzOf', tarball, `package/${bundle}`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      assert.ok(!/require\(["']vscode["']\)/.test(text), `${bundle} requires vscode`);
    }
    const manifest = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' })) as Record<string, unknown>;
    assert.equal(manifest.dependencies, undefined, 'the bundles need no dependencies installed');
    assert.deepEqual(manifest.bin, { 'evidence-lint': './dist/cli.js', 'evidence-writer-server': './dist/server.js' });
  });

  it('installs into an empty folder offline; its evidence-lint lints a document and its server starts', () => {
    const project = path.join(folder, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), '{ "name": "reviewers-ci", "private": true }\n');
    execFileSync(NPM, ['install', tarball, '--offline', '--no-audit', '--no-fund'], { cwd: project, stdio: 'ignore' });
    fs.copyFileSync(HUB_BIB, path.join(project, 'refs.bib'));
    fs.writeFileSync(path.join(project, 'brief.md'), 'The strategy paper [@hennessy2021]. A typo [@hennesy2021].\n');
    const lint = spawnSync(path.join(project, 'node_modules/.bin/evidence-lint'), ['brief.md', '--bib', 'refs.bib', '--format', 'json'], { cwd: project, encoding: 'utf8' });
    assert.equal(lint.status, 1, lint.stderr);
    const report = JSON.parse(lint.stdout) as { findings: { ruleId: string; line: number }[] };
    assert.deepEqual(report.findings.map((f) => [f.ruleId, f.line]), [['unknown-key', 1]]);
    // With --cache, the installed bundle names its scorer and keeps the claim scores; a second run reuses them.
    const cached = () => spawnSync(path.join(project, 'node_modules/.bin/evidence-lint'), ['brief.md', '--bib', 'refs.bib', '--format', 'json', '--cache'], { cwd: project, encoding: 'utf8' });
    const first = cached();
    const keptFile = path.join(project, '.evidence-lint-cache', 'claim-scores.json');
    assert.match(fs.readFileSync(keptFile, 'utf8').split('\n')[0]!, /"scorer":"[0-9a-f]{40}-\d+"/);
    const keptAt = fs.statSync(keptFile).mtimeMs;
    assert.equal(cached().stdout, first.stdout);
    assert.equal(fs.statSync(keptFile).mtimeMs, keptAt, 'nothing new to keep');
    const server = spawnSync(path.join(project, 'node_modules/.bin/evidence-writer-server'), ['--version'], { encoding: 'utf8' });
    assert.equal(server.stdout.trim(), JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  });
});

function listTarball(file: string): string[] {
  return execFileSync('tar', ['-tzf', file], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map((f) => f.replace(/^package\//, ''));
}
