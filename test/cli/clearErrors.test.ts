/**
 * Every failure a user can cause gives one plain message naming the path (and the line where there
 * is one): missing, unreadable, wrong-format and folder-instead-of-file inputs, bad globs, bad config
 * and bad front matter. Documents are real text from the Hub bibliography fixture (test/fixtures/hub).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runEvidenceLint } from './helpers';

const HUB_BIB = path.join(__dirname, '../fixtures/hub/hub-outputs.bib');
// A sentence from the Hub's blog ("Shaping the sector", 2024), citing a real Hub output.
const CLAIM = 'Around 40% of the evidence comes from a small number of countries [@hennessy2021].\n';

describe('evidence-lint: clear errors for bad input', () => {
  let tmp: string;
  const write = (rel: string, text: string | Buffer) => {
    const p = path.join(tmp, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
    return p;
  };
  const run = (...argv: string[]) => runEvidenceLint(argv, tmp);
  const stderrLines = (text: string) => text.trim().split('\n').filter(Boolean);

  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'evlint-errors-'));
    write('doc.md', CLAIM);
    fs.copyFileSync(HUB_BIB, path.join(tmp, 'refs.bib'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('a missing document: exit 2, one line naming it', async () => {
    const r = await run('chapter-9.md');
    assert.equal(r.code, 2);
    assert.deepEqual(stderrLines(r.stderr), ['evidence-lint: no such file or folder: chapter-9.md']);
  });

  it('a missing bibliography: exit 2, one line naming it and saying why', async () => {
    const r = await run('doc.md', '--bib', 'missing.bib');
    assert.equal(r.code, 2);
    assert.deepEqual(stderrLines(r.stderr), ['evidence-lint: cannot read bibliography missing.bib: no such file']);
  });

  it('a folder given as the bibliography: says it is a folder', async () => {
    fs.mkdirSync(path.join(tmp, 'library'));
    const r = await run('doc.md', '--bib', 'library');
    assert.equal(r.code, 2);
    assert.deepEqual(stderrLines(r.stderr), ['evidence-lint: cannot read bibliography library: it is a folder, not a file']);
  });

  it('a folder named as the bibliography in front matter: reported at that line of the document', async () => {
    fs.mkdirSync(path.join(tmp, 'library'));
    write('paper.md', `---\ntitle: Draft\nbibliography: library\n---\n\n${CLAIM}`);
    const r = await run('paper.md', '--format', 'json');
    const finding = JSON.parse(r.stdout).findings.find((f: { message: string }) => /library/.test(f.message));
    assert.ok(finding, r.stdout);
    assert.equal(finding.file, 'paper.md');
    assert.equal(finding.line, 3);
    assert.match(finding.message, /bibliography 'library' cannot be read: it is a folder, not a file/);
  });

  it('a document that is unreadable (permission denied) names it; the others are still linted', async function () {
    if (process.getuid?.() === 0) this.skip(); // root reads everything; the reason text is unit-tested in test/core/io
    const locked = write('locked.md', CLAIM);
    fs.chmodSync(locked, 0o000);
    const r = await run('.', '--bib', 'refs.bib', '--format', 'json', '--exit-zero');
    assert.equal(r.code, 2, 'a file error exits 2, --exit-zero or not');
    assert.match(r.stderr, /locked\.md: cannot read the file: permission denied/);
    assert.deepEqual(JSON.parse(r.stdout).files.map((f: { file: string }) => f.file), ['doc.md']);
  });

  it('a bibliography in the wrong format: CSL-JSON that is not a list of items, at line 1', async () => {
    write('refs.json', JSON.stringify({ title: 'Not a bibliography' }));
    const r = await run('doc.md', '--bib', 'refs.json', '--format', 'json');
    const problem = JSON.parse(r.stdout).findings.find((f: { file: string }) => f.file === 'refs.json');
    assert.equal(problem?.ruleId, 'bib-parse-error');
    assert.match(problem.message, /not CSL-JSON: expected an array of items/);
  });

  it('broken CSL-JSON: the line and reason of the first syntax error, even where JSON.parse gives no position', async () => {
    const hubJson = fs.readFileSync(path.join(path.dirname(HUB_BIB), 'hub-outputs.json'), 'utf8').split('\n');
    const target = hubJson.findIndex((l, i) => i > 20 && /^\s*"title": "/.test(l));
    hubJson[target] = hubJson[target]!.replace(/"title": "[^"]*"/, '"title": ');
    write('refs.json', hubJson.join('\n'));
    const r = await run('doc.md', '--bib', 'refs.json', '--format', 'json');
    const problem = JSON.parse(r.stdout).findings.find((f: { file: string }) => f.file === 'refs.json');
    assert.equal(problem?.line, target + 1, JSON.stringify(problem));
    assert.match(problem.message, /not valid CSL-JSON: value expected \(line \d+\)/);
  });

  it('a .bib that is not BibTeX at all (an HTML page saved as .bib): a warning at line 1, not silence', async () => {
    write('refs.bib', '<!doctype html>\n<html><body>Sign in to Zotero</body></html>\n');
    const r = await run('doc.md', '--bib', 'refs.bib', '--format', 'json');
    const problem = JSON.parse(r.stdout).findings.find((f: { file: string }) => f.file === 'refs.bib');
    assert.equal(problem?.ruleId, 'bib-parse-error');
    assert.equal(problem.line, 1);
    assert.match(problem.message, /no BibTeX entries found/);
  });

  it('a glob that matches nothing, or a malformed one: exit 2 naming the pattern', async () => {
    for (const pattern of ['chapters/**/*.qmd', '{a,b']) {
      const r = await run(pattern);
      assert.equal(r.code, 2, pattern);
      assert.deepEqual(stderrLines(r.stderr), [`evidence-lint: no documents match "${pattern}"`]);
    }
  });

  it('a bad config file: exit 2 with file, line, column and the reason', async () => {
    write('.evidencelintrc.json', '{\n  "bibliography": ["refs.bib"],\n  "rules": { "uncited-claim": }\n}\n');
    const r = await run('doc.md');
    assert.equal(r.code, 2);
    assert.deepEqual(stderrLines(r.stderr), ['evidence-lint: invalid config .evidencelintrc.json:3:31: invalid JSON: value expected']);
  });

  it('a bad config in one folder: named, exit 2, and the documents outside it are still reported', async () => {
    write('drafts/.evidencelintrc.json', '{ "rules": }\n');
    write('drafts/draft.md', CLAIM);
    const r = await run('.', '--bib', 'refs.bib', '--format', 'json');
    assert.equal(r.code, 2);
    assert.deepEqual(stderrLines(r.stderr), ['evidence-lint: invalid config drafts/.evidencelintrc.json:1:12: invalid JSON: value expected']);
    assert.deepEqual(JSON.parse(r.stdout).files.map((f: { file: string }) => f.file), ['doc.md']);
  });

  it('bad YAML front matter: a warning at the document line, without the YAML parser\'s own positions', async () => {
    write('paper.md', `---\ntitle: Draft\nbibliography: [refs.bib\n---\n\n${CLAIM}`);
    const r = await run('paper.md', '--format', 'json');
    const finding = JSON.parse(r.stdout).findings.find((f: { message: string }) => /front matter/.test(f.message));
    assert.ok(finding, r.stdout);
    assert.equal(finding.severity, 'warning');
    assert.ok(finding.line === 3 || finding.line === 4, `line ${finding.line}`);
    assert.doesNotMatch(finding.message, /at line \d+, column \d+|:$/);
  });
});
