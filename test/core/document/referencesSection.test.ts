/**
 * The reference list ends at the next heading of its level or above: reports put annexes after the
 * references, and their prose must still be read. Real papers from test/fixtures/papers.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findRegions } from '../../../src/core/document/regions';
import { splitSentences } from '../../../src/core/claims/splitSentences';

const PAPERS = path.join(__dirname, '../../fixtures/papers');
const paper = (name: string) => fs.readFileSync(path.join(PAPERS, name, 'paper.md'), 'utf8');

describe('document/regions: the reference list and what follows it', () => {
  it('an annex after "# References" is prose again; a subsection inside the references is not', () => {
    const text = [
      '# Findings', '', 'Half of the schools reported gains.', '',
      '# References', '', 'Smith, J. (2020). A study. Journal.', '',
      '## Grey literature', '', 'Jones, K. (2019). A report.', '',
      '# Annex A: Method', '', 'Teachers in 120 schools were interviewed twice.', '',
    ].join('\n');
    const refs = findRegions(text, 'markdown').filter((r) => r.kind === 'references');
    assert.equal(refs.length, 1);
    assert.ok(text.slice(refs[0]!.start, refs[0]!.end).includes('Grey literature'), 'a lower-level heading stays in the list');
    assert.ok(!text.slice(refs[0]!.start, refs[0]!.end).includes('Annex A'));
    const sentences = splitSentences(text, 'markdown').map((s) => s.text);
    assert.ok(sentences.includes('Teachers in 120 schools were interviewed twice.'), sentences.join(' | '));
    assert.ok(!sentences.some((s) => s.includes('Smith, J.')));
  });

  it('a heading inside a code block in the references does not end them', () => {
    const text = '# References\n\n```\n# not a heading\n```\n\nSmith, J. (2020).\n';
    const refs = findRegions(text, 'markdown').filter((r) => r.kind === 'references');
    assert.equal(refs[0]!.end, text.length);
  });

  it('real papers joined into one report: each paper after the first is read, not swallowed by a reference list', () => {
    const names = fs.readdirSync(PAPERS).filter((d) => fs.existsSync(path.join(PAPERS, d, 'paper.md'))).sort().slice(0, 3);
    const bodies = names.map((n) => paper(n).replace(/^---\n[\s\S]*?\n---\n/, ''));
    const joined = bodies.join('\n\n');
    const alone = bodies.map((b) => splitSentences(b, 'markdown').length);
    const together = splitSentences(joined, 'markdown').length;
    assert.ok(alone.every((n) => n > 5), `papers ${names.join(', ')}: ${alone.join(', ')}`);
    assert.equal(together, alone.reduce((a, b) => a + b, 0), `${together} sentences in the joined report, ${alone.join(' + ')} alone`);
  });
});
