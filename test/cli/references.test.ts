import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runEvidenceLint } from './helpers';

const ZOTERO = path.join(__dirname, '../fixtures/zotero');
const digest = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('evidence-lint --references', () => {
  it('prints the reference list of a document (its own front matter names the bibliography), lists the rest on stderr, changes no file', async () => {
    const before = digest(path.join(ZOTERO, 'draft.md'));
    const r = await runEvidenceLint(['--references', 'draft.md', '--style', 'edtechhub-apa'], ZOTERO);
    assert.equal(r.code, 1, r.stderr);
    const paragraphs = r.stdout.trim().split('\n\n');
    assert.equal(paragraphs.length, 10);
    assert.match(paragraphs[0]!, /^Ashlee, A\., Clericetti, G\., & Mitchell, J\. \(2020\)\. \*Refugee Education: A Rapid Evidence Review\*/);
    assert.deepEqual(r.stderr.trim().split('\n'), [
      'evidence-lint: draft.md:21:50: "Haßler, et al., 2020 (Zotero item IA9PL99E)" not in the bibliography: left out of the list',
      'evidence-lint: draft.md:22:67: "Nobody, 2031 (Zotero item QQQQ7777)" not in the bibliography: left out of the list',
    ]);
    assert.equal(digest(path.join(ZOTERO, 'draft.md')), before);
  });

  it('LaTeX on request, exit 0 when everything is listed, and clear usage errors', async () => {
    const ok = await runEvidenceLint(['--references', 'draft.md', '--bib', 'personal.bib', '--references-format', 'latex', '--exit-zero'], ZOTERO);
    assert.equal(ok.code, 0);
    assert.match(ok.stdout, /^\\begin\{thebibliography\}\{9\}\n\\bibitem\{damani2020\} Damani, K\., \\& Mitchell, J\. \(2020\)\./);
    const badFormat = await runEvidenceLint(['--references', 'draft.md', '--references-format', 'rtf'], ZOTERO);
    assert.equal(badFormat.code, 2);
    assert.match(badFormat.stderr, /--references-format must be markdown or latex/);
    const badStyle = await runEvidenceLint(['--references', 'draft.md', '--style', 'nope.csl'], ZOTERO);
    assert.equal(badStyle.code, 2);
    assert.match(badStyle.stderr, /--style must be apa, edtechhub-apa or a readable \.csl file; cannot read nope\.csl/);
    const alone = await runEvidenceLint(['draft.md', '--style', 'apa'], ZOTERO);
    assert.equal(alone.code, 2);
    assert.match(alone.stderr, /--style and --references-format go with --references FILE/);
  });
});
