import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { discoverBibliographies } from '../../../src/core/bibliography/discover';
import { paperFixture } from '../../sharedFixtures';
import { lineOf } from './fixtures';

describe('bibliography/discoverBibliographies', () => {
  let root: string;

  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'bib-discover-'));
    // Two real papers, each in a folder of its own as in its repository.
    cpSync(paperFixture('01-moderndive'), path.join(root, 'moderndive'), { recursive: true });
    cpSync(paperFixture('19-copro'), path.join(root, 'copro'), { recursive: true });
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('finds `bibliography: paper.bib` in a real JOSE paper’s front matter, relative to the paper', async () => {
    const doc = path.join(root, 'moderndive', 'paper.md');
    const found = await discoverBibliographies({ documentPath: doc, workspaceRoot: root });
    assert.deepEqual(found.files, [path.join(root, 'moderndive', 'paper.bib')]);
    assert.deepEqual(found.problems, []);
  });

  it('reports the real mismatch in copro: front matter names bibliography.bib, the repo has paper.bib', async () => {
    const doc = path.join(root, 'copro', 'paper.md');
    const text = readFileSync(paperFixture('19-copro', 'paper.md'), 'utf8');
    const found = await discoverBibliographies({ documentPath: doc, text, language: 'markdown', workspaceRoot: root });
    assert.deepEqual(found.files, []);
    assert.equal(found.problems.length, 1);
    const [p] = found.problems;
    assert.equal(p.code, 'unreadable-file');
    assert.equal(p.location.file, doc);
    assert.equal(p.location.line, lineOf(text, 'bibliography: bibliography.bib'));
    assert.match(p.message, /'bibliography\.bib' was not found/);
  });

  it('reads a list of bibliographies, in order, and skips duplicates', async () => {
    const doc = path.join(root, 'moderndive', 'list.qmd');
    const text = '---\ntitle: T\nbibliography:\n  - paper.bib\n  - ../copro/paper.bib\n  - ./paper.bib\n---\n\nText [@ismay2019moderndive].\n';
    const found = await discoverBibliographies({ documentPath: doc, text, language: 'quarto', workspaceRoot: root });
    assert.deepEqual(found.files, [path.join(root, 'moderndive', 'paper.bib'), path.join(root, 'copro', 'paper.bib')]);
  });

  it('finds _quarto.yml bibliographies (top level and under format) in ancestors up to the workspace root', async () => {
    const project = path.join(root, 'project');
    mkdirSync(path.join(project, 'chapters', 'deep'), { recursive: true });
    writeFileSync(path.join(project, 'refs.bib'), '@misc{a, title={A}}\n');
    writeFileSync(path.join(project, 'more.bib'), '@misc{b, title={B}}\n');
    writeFileSync(
      path.join(project, '_quarto.yml'),
      'project:\n  type: book\nbibliography: refs.bib\nformat:\n  html:\n    bibliography: more.bib\n  pdf:\n    bibliography: missing.bib\n',
    );
    const doc = path.join(project, 'chapters', 'deep', 'ch1.qmd');
    const found = await discoverBibliographies({ documentPath: doc, text: '# Chapter\n', language: 'quarto', workspaceRoot: root });
    assert.deepEqual(found.files, [path.join(project, 'refs.bib'), path.join(project, 'more.bib')]);
    assert.equal(found.problems.length, 1);
    assert.equal(found.problems[0].location.file, path.join(project, '_quarto.yml'));
    assert.equal(found.problems[0].location.line, 8);

    // Outside the workspace root the project file is not looked for.
    const outside = await discoverBibliographies({ documentPath: doc, text: '# Chapter\n', language: 'quarto', workspaceRoot: path.join(project, 'chapters') });
    assert.deepEqual(outside.files, []);
  });

  it('finds \\bibliography{a,b} (adding .bib) and \\addbibresource in LaTeX, ignoring comments', async () => {
    const doc = path.join(root, 'moderndive', 'main.tex');
    const text = [
      '\\documentclass{article}',
      '% \\bibliography{old}',
      '\\addbibresource[datatype=bibtex]{paper.bib}',
      '\\begin{document}',
      '\\bibliography{paper,../copro/paper,absent}',
      '\\end{document}',
    ].join('\n');
    const found = await discoverBibliographies({ documentPath: doc, text, language: 'latex', workspaceRoot: root });
    assert.deepEqual(found.files, [path.join(root, 'moderndive', 'paper.bib'), path.join(root, 'copro', 'paper.bib')]);
    assert.deepEqual(found.problems.map((p) => [p.location.file, p.location.line]), [[doc, 5]]);
    assert.match(found.problems[0].message, /'absent\.bib'/);
  });

  it('adds configured paths relative to the workspace root, reporting missing ones', async () => {
    const found = await discoverBibliographies({ configured: ['moderndive/paper.bib', 'nowhere.bib'], workspaceRoot: root });
    assert.deepEqual(found.files, [path.join(root, 'moderndive', 'paper.bib')]);
    assert.equal(found.problems[0].code, 'unreadable-file');
    assert.equal(found.problems[0].location.file, path.join(root, 'nowhere.bib'));
  });

  it('reads the document from disk when no text is given, and never throws on a missing document', async () => {
    const found = await discoverBibliographies({ documentPath: path.join(root, 'moderndive', 'paper.md') });
    assert.deepEqual(found.files, [path.join(root, 'moderndive', 'paper.bib')]);
    const none = await discoverBibliographies({ documentPath: path.join(root, 'no', 'such.md') });
    assert.deepEqual(none, { files: [], problems: [] });
  });

  it('reports unreadable front matter YAML as a warning', async () => {
    const doc = path.join(root, 'moderndive', 'bad.md');
    const found = await discoverBibliographies({ documentPath: doc, text: '---\nbibliography: [a.bib\n---\n', language: 'markdown' });
    assert.equal(found.files.length, 0);
    assert.equal(found.problems[0].code, 'bib-parse-error');
    assert.equal(found.problems[0].severity, 'warning');
  });
});
