import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { WorkspaceLintResult } from '../../../src/core/lint/lintWorkspace';
import { createEvidenceService } from '../../../src/core/service';
import { createNodeWorkspace } from '../../../src/core/workspace';

/** Measured on real documents: the 31 JOSS/JOSE papers, each linted against its own paper.bib. */
const PAPERS = path.join(__dirname, '../../fixtures/papers');
const names = fs.readdirSync(PAPERS).filter((n) => fs.existsSync(path.join(PAPERS, n, 'paper.md'))).sort();

describe('lint on 31 real papers', () => {
  const results = new Map<string, WorkspaceLintResult>();

  before(async () => {
    for (const name of names) {
      const folder = path.join(PAPERS, name);
      const service = createEvidenceService({ workspace: createNodeWorkspace({ folders: [folder] }), autoDiscoverBibliographies: false });
      results.set(name, await service.lintWorkspace([{ file: path.join(folder, 'paper.md'), explicit: true }], { cwd: folder, bibliography: [path.join(folder, 'paper.bib')] }));
      service.dispose();
    }
  });

  it('there are 31 papers and every one lints without crashing', () => {
    assert.equal(names.length, 31);
    for (const [name, r] of results) {
      assert.deepEqual(r.errors, [], name);
      assert.equal(r.files.length, 1, name);
      assert.ok(r.files[0]!.result.claims.length > 0, `${name}: no sentences found`);
    }
  });

  it('59-pyRISM cites @fidgit, which its paper.bib lacks: unknown-key on line 90', () => {
    const r = results.get('59-pyRISM')!;
    const fidgit = r.findings.filter((f) => f.ruleId === 'unknown-key' && f.message.includes('"fidgit"'));
    assert.equal(fidgit.length, 1, JSON.stringify(r.findings.filter((f) => f.ruleId === 'unknown-key')));
    assert.equal(fidgit[0]!.range.start.line + 1, 90);
    assert.equal(fidgit[0]!.severity, 'error');
    // The `@author:2001` examples are inside code spans and are not citations.
    assert.ok(!r.findings.some((f) => f.message.includes('author:2001')));
  });

  it('57-EUKulele defines eukzoo twice in paper.bib: duplicate-key on the bib file', () => {
    const r = results.get('57-EUKulele')!;
    const dups = r.findings.filter((f) => f.ruleId === 'duplicate-key');
    assert.equal(dups.length, 1);
    assert.equal(path.basename(dups[0]!.file), 'paper.bib');
    assert.match(dups[0]!.message, /eukzoo/);
  });

  it('23-profileAAR: a broken entry in paper.bib (bib-parse-error) leaves its key unresolved (unknown-key)', () => {
    const r = results.get('23-profileAAR')!;
    const parse = r.findings.filter((f) => f.ruleId === 'bib-parse-error');
    assert.equal(parse.length, 1);
    assert.equal(path.basename(parse[0]!.file), 'paper.bib');
    assert.match(parse[0]!.message, /guetter:2015/);
    const unknown = r.findings.filter((f) => f.ruleId === 'unknown-key');
    assert.deepEqual(unknown.map((f) => f.message.match(/"([^"]+)"/)![1]), ['guetter:2015']);
  });

  it('these are the only unknown keys in all 31 papers', () => {
    const unknown = [...results].flatMap(([name, r]) =>
      r.findings.filter((f) => f.ruleId === 'unknown-key').map((f) => `${name}: ${f.message.match(/"([^"]+)"/)![1]}`),
    );
    assert.deepEqual(unknown.sort(), ['23-profileAAR: guetter:2015', '59-pyRISM: fidgit']);
  });

  it('no other paper has a duplicate key, and escaped \\@handles are not citations', () => {
    for (const [name, r] of results) {
      if (name !== '57-EUKulele') assert.deepEqual(r.findings.filter((f) => f.ruleId === 'duplicate-key'), [], name);
    }
    const moderndive = results.get('01-moderndive')!;
    assert.ok(!moderndive.findings.some((f) => /lisamr|smetzer180/.test(f.message)));
  });
});
