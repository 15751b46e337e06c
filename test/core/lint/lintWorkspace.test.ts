import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BibliographyIndex } from '../../../src/core/bibliography/index/bibliographyIndex';
import { parseBibliographyText } from '../../../src/core/bibliography/formats/parseText';
import { defaultConfig } from '../../../src/core/lint/config';
import { lintDocument } from '../../../src/core/lint/lintDocument';
import { lintWorkspace, type LintedBibliography, type WorkspaceLintContext } from '../../../src/core/lint/lintWorkspace';
import { createNodeWorkspace } from '../../../src/core/workspace';

const HUB_BIB = path.join(__dirname, '../../fixtures/hub/hub-outputs.bib');
const hub: LintedBibliography = {
  files: [HUB_BIB],
  index: BibliographyIndex.fromFiles([parseBibliographyText(fs.readFileSync(HUB_BIB, 'utf8'), HUB_BIB)]),
  discoveryProblems: [],
  refused: [],
};

describe('lintWorkspace', () => {
  let dir: string;
  let files: string[];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-workspace-'));
    files = Array.from({ length: 8 }, (_, i) => path.join(dir, `doc-${i}.md`));
    files.forEach((file, i) => fs.writeFileSync(file, `Document ${i}: around 40% of schools reopened [@hennessy2021]. A typo [@hennesy202${i}].\n`));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** A context over the real files that records when each document's bibliography is asked for and when it is linted. */
  function recordingContext(events: string[], signal?: AbortController): WorkspaceLintContext {
    const name = (file: string) => path.basename(file, '.md');
    return {
      workspace: createNodeWorkspace({ folders: [dir] }),
      configFor: () => Promise.resolve({ config: defaultConfig }),
      bibliographies: {
        forDocument: async (document) => {
          events.push(`read ${name(document.uri)}`);
          // The file system's answer comes later: the linting of earlier documents goes on meanwhile. The
          // first answer waits until the reads ahead of it have begun (up to a second, if they never do),
          // so that a busy machine cannot make it come first.
          const deadline = Date.now() + 1000;
          do await new Promise((resolve) => setTimeout(resolve, 5));
          while (name(document.uri) === 'doc-0' && !events.includes('read doc-4') && Date.now() < deadline);
          return hub;
        },
        forFiles: () => Promise.resolve(hub),
      },
      lint: (document, bibliography, config) => {
        events.push(`lint ${name(document.uri)}`);
        if (events.filter((e) => e.startsWith('lint')).length === 2) signal?.abort();
        return lintDocument(document, bibliography.index, config);
      },
    };
  }

  it('reads the next documents while one is linted, and lints and reports them in the order given', async () => {
    const events: string[] = [];
    const result = await lintWorkspace(files.map((file) => ({ file })), { cwd: dir }, recordingContext(events));
    assert.deepEqual(result.files.map((f) => path.basename(f.file)), files.map((f) => path.basename(f)));
    assert.deepEqual(events.filter((e) => e.startsWith('lint')), files.map((_, i) => `lint doc-${i}`));
    // Before the first document is linted, the ones after it are already being read.
    assert.deepEqual(events.slice(0, events.indexOf('lint doc-0')).sort(), ['read doc-0', 'read doc-1', 'read doc-2', 'read doc-3', 'read doc-4']);
    assert.deepEqual(
      result.findings.filter((f) => f.ruleId === 'unknown-key').map((f) => path.basename(f.file)),
      files.map((f) => path.basename(f)),
      'each document its own unknown key, in order',
    );
  });

  it('stops at a cancellation: no document is linted after it, and none is read beyond those read ahead', async () => {
    const events: string[] = [];
    const cancel = new AbortController();
    const result = await lintWorkspace(files.map((file) => ({ file })), { cwd: dir, signal: cancel.signal }, recordingContext(events, cancel));
    assert.equal(result.cancelled, true);
    assert.deepEqual(result.files.map((f) => path.basename(f.file)), ['doc-0.md', 'doc-1.md']);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(events.filter((e) => e.startsWith('lint')), ['lint doc-0', 'lint doc-1']);
    assert.ok(!events.includes('read doc-6'), events.join(', '));
  });
});
