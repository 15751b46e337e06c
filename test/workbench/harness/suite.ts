/** What a workbench test file needs: its window, screenshots of failures, and readable assertions. */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { ARTIFACTS, session } from './session';
import { buildWorkspace } from './workspaceFolder';
import { Workbench, type SuggestState } from './workbench';

/**
 * Before the file's tests: opens a window on a folder built from `files`, opens `document` in it and
 * waits until the extension has linted it. Screenshots the window when a test fails; closes it after.
 * Returns the window (throws if it did not open).
 */
export function useWorkbench(name: string, files: Readonly<Record<string, string>>, document: string): () => Workbench {
  let workbench: Workbench | undefined;
  before(async function () {
    this.timeout(180_000);
    const { server, browser } = await session();
    const started = Date.now();
    workbench = await Workbench.open(server, browser, { folder: buildWorkspace(name, files), artifacts: path.join(ARTIFACTS, name) });
    const opened = Date.now();
    await workbench.openFile(document);
    const status = await workbench.waitForEvidence();
    console.log(`    (window ${name}: open in ${seconds(opened - started)}, ${document} linted ("${status}") ${seconds(Date.now() - opened)} later)`);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && workbench) {
      console.log(`      window when it failed: ${await workbench.screenshot(`failed ${this.currentTest.title}`)}`);
    }
  });
  after(async () => {
    await workbench?.close();
  });
  return () => {
    if (!workbench) throw new Error(`the workbench window for ${name} did not open`);
    return workbench;
  };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Fails with what was expected, what the screen showed, and the screenshot of it. */
export function expectOnScreen(ok: boolean, expected: string, shown: string, screenshot: string): void {
  if (!ok) assert.fail(`expected ${expected}\n      the screen showed: ${shown}\n      screenshot: ${screenshot}`);
}

/** The suggest widget in words, for failure messages. */
export function describeSuggest(state: SuggestState, rows = 6): string {
  if (!state.visible) return 'no suggest widget (closed)';
  if (state.rows.length === 0) return `a suggest widget with no rows${state.message ? ` ("${state.message.trim()}")` : ''}`;
  const listed = state.rows.slice(0, rows).map((r, i) => `${i + 1}. ${r.ariaLabel}`).join(' | ');
  return `a suggest widget with ${state.rows.length} rows: ${listed}${state.rows.length > rows ? ' | …' : ''}`;
}
