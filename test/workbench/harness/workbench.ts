/**
 * One VS Code window (the web workbench in headless Chromium) with the built extension loaded from the
 * repository (extensionDevelopmentPath) and a folder open. Everything here goes through the keyboard
 * and reads the DOM the writer sees; nothing calls into the extension, so the suite keeps working
 * however the extension is built inside.
 */
import { mkdirSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import type { CodeServer } from './codeServer';
import { waitUntil } from './waitUntil';

const ROOT = path.join(__dirname, '..', '..', '..');
/** A writer's typing: fast, but one key at a time, so every keystroke reaches the editor on its own. */
const KEY_DELAY_MS = 40;

interface ConsoleEntry {
  readonly text: string;
  /** The document (or script) the message came from: the workbench or a webview frame. */
  readonly url: string;
}

export interface SuggestRow {
  /** The row's label, as shown (e.g. the citation key). */
  readonly label: string;
  /** The row's accessible name (label, description, details). */
  readonly ariaLabel: string;
}

export interface SuggestState {
  readonly visible: boolean;
  readonly rows: readonly SuggestRow[];
  /** "No suggestions.", "Loading..." while shown instead of rows. */
  readonly message: string;
}

export interface ReferencesPeek {
  /** The peek's title, e.g. "paper.md … References (2)". */
  readonly title: string;
  /** "<file> on line L at column C" for each reference row. */
  readonly references: readonly string[];
}

export interface WorkbenchOptions {
  /** The folder to open (built by workspaceFolder.ts). */
  readonly folder: string;
  /** Where this window's screenshots go. */
  readonly artifacts: string;
  readonly viewport?: { readonly width: number; readonly height: number };
  readonly deviceScaleFactor?: number;
}

export class Workbench {
  private shots = 0;

  private constructor(
    readonly page: Page,
    private readonly context: BrowserContext,
    private readonly artifacts: string,
    /** Console messages of every frame (workbench, extension host iframe, webviews), in order. */
    private readonly console: ConsoleEntry[],
  ) {}

  static async open(server: CodeServer, browser: Browser, options: WorkbenchOptions): Promise<Workbench> {
    const context = await browser.newContext({ viewport: options.viewport ?? { width: 1400, height: 900 }, deviceScaleFactor: options.deviceScaleFactor ?? 1 });
    const messages: ConsoleEntry[] = [];
    context.on('console', (m) => messages.push({ text: m.text(), url: m.location().url }));
    mkdirSync(options.artifacts, { recursive: true });
    const page = await context.newPage();
    const workbench = new Workbench(page, context, options.artifacts, messages);
    const remote = (p: string): string => `vscode-remote://${server.authority}${realpathSync(p)}`;
    const payload = [['extensionDevelopmentPath', remote(ROOT)], ['skipWelcome', 'true'], ['skipReleaseNotes', 'true']];
    const url = `${server.url}/?folder=${encodeURIComponent(realpathSync(options.folder))}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    try {
      await page.goto(url);
      await page.locator('.monaco-workbench .part.editor').waitFor({ timeout: 60_000 });
      // The Explorer lists the folder once the window is connected to the server's extension host.
      await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
    } catch (error) {
      const shot = await workbench.screenshot('window-did-not-open');
      await context.close();
      throw new Error(`the workbench did not open ${options.folder}: ${(error as Error).message}\nscreenshot: ${shot}\nserver log:\n${server.logTail()}`);
    }
    return workbench;
  }

  /** Saves a screenshot of the window as the next numbered step; returns its path. */
  async screenshot(step: string): Promise<string> {
    const name = `${String(++this.shots).padStart(2, '0')}-${step.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60)}.png`;
    const file = path.join(this.artifacts, name);
    await this.page.screenshot({ path: file });
    return path.relative(ROOT, file);
  }

  async close(): Promise<void> {
    await this.context.close();
  }

  /** Types as a writer does, one key at a time. */
  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text, { delay: KEY_DELAY_MS });
  }

  async press(keys: string): Promise<void> {
    await this.page.keyboard.press(keys);
  }

  /** Quick Open (Ctrl+P): types the file name and opens the first match. */
  async openFile(name: string): Promise<void> {
    await this.press('Control+P');
    await this.quickInputReady();
    await this.type(name);
    await waitUntil(`Quick Open to list ${name}`, async () => (await this.quickInputRows())[0]?.startsWith(name));
    await this.press('Enter');
    await this.page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
    await this.page.locator('.part.editor .monaco-editor.focused').waitFor();
  }

  /** Command palette: types the command's title and runs it. */
  async runCommand(title: string): Promise<void> {
    await this.press('Control+Shift+P');
    await this.quickInputReady();
    await this.type(title);
    let rows: string[] = [];
    try {
      // The first row's label is the title ("recently used" and the like come after a comma).
      await waitUntil(`the command palette to offer "${title}"`, async () => (rows = await this.quickInputRows())[0]?.split(', ')[0] === title);
    } catch (error) {
      throw new Error(`${(error as Error).message}; it listed: ${rows.slice(0, 5).join(' | ') || 'nothing'} (${await this.screenshot(`command palette ${title}`)})`);
    }
    await this.press('Enter');
  }

  /**
   * Waits until the extension has indexed the bibliography and linted the open document: the status
   * bar shows "Evidence <cited>/<claims>" and no "indexing" progress.
   */
  async waitForEvidence(limitMs = 90_000): Promise<string> {
    return waitUntil('the status bar to show "Evidence n/m" (the extension active, the document linted)', async () => {
      const items = await this.page.locator('.part.statusbar .statusbar-item').allTextContents();
      const evidence = items.map((t) => t.trim()).find((t) => /^Evidence \d+\/\d+$/.test(t));
      return evidence && !items.some((t) => /indexing/i.test(t)) ? evidence : undefined;
    }, limitMs);
  }

  /** Go to Line (Ctrl+G) with "line:column", both 1-based. */
  async goTo(line: number, column: number): Promise<void> {
    await this.press('Control+G');
    await this.quickInputReady();
    await this.type(`${line}:${column}`);
    await this.press('Enter');
    await waitUntil(`the cursor at Ln ${line}, Col ${column}`, async () =>
      (await this.page.locator('.part.statusbar .statusbar-item', { hasText: /^Ln \d+, Col \d+/ }).allTextContents()).some((t) => t.trim() === `Ln ${line}, Col ${column}`));
  }

  /** Starts a new paragraph at the end of the document, where a test types. */
  async newParagraphAtEnd(): Promise<void> {
    await this.press('Control+End');
    await this.press('Enter');
    await this.press('Enter');
  }

  /** What the suggest widget shows now. */
  async suggest(): Promise<SuggestState> {
    return this.page.evaluate(() => {
      const widget = document.querySelector('.editor-widget.suggest-widget');
      if (!widget || !widget.classList.contains('visible')) return { visible: false, rows: [], message: '' };
      const rows = [...widget.querySelectorAll('.monaco-list-row')]
        .sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')))
        .map((row) => ({ label: row.querySelector('.label-name')?.textContent ?? '', ariaLabel: row.getAttribute('aria-label') ?? '' }));
      const message = widget.querySelector<HTMLElement>('.message');
      return { visible: true, rows, message: message && message.style.display !== 'none' ? (message.textContent ?? '') : '' };
    });
  }

  /**
   * Polls the suggest widget until `accept` holds; returns the last state either way, so the test
   * can report what the screen showed.
   */
  async waitForSuggest(accept: (state: SuggestState) => boolean, limitMs = 10_000): Promise<{ state: SuggestState; accepted: boolean }> {
    let state = await this.suggest();
    const deadline = Date.now() + limitMs;
    while (!accept(state) && Date.now() < deadline) {
      await this.page.waitForTimeout(50);
      state = await this.suggest();
    }
    return { state, accepted: accept(state) };
  }

  /** What Ctrl+Space would show: for failure messages only (a writer should not need it). */
  async suggestOnRequest(): Promise<SuggestState> {
    await this.press('Control+Space');
    return (await this.waitForSuggest((s) => s.rows.length > 0 || /no suggestions/i.test(s.message), 5_000)).state;
  }

  /** Show Hover (Ctrl+K Ctrl+I) at the cursor; the hover's text as rendered, or undefined if none shows. */
  async hoverAtCursor(limitMs = 10_000): Promise<string | undefined> {
    await this.press('Control+K');
    await this.press('Control+I');
    const hover = this.page.locator('.monaco-hover-content:visible');
    try {
      await waitUntil('a hover with content', async () => ((await hover.first().textContent()) ?? '').trim().length > 0, limitMs);
    } catch {
      return undefined;
    }
    // The hover fades in: read and pictured once that is over (a screenshot mid-fade shows it half
    // transparent over the text beneath).
    await hover.first().evaluate((el) => Promise.allSettled((el.closest('.monaco-hover') ?? el).getAnimations({ subtree: true }).map((animation) => animation.finished)));
    return (await hover.first().textContent()) ?? '';
  }

  /** Peek References (Shift+F12) at the cursor, once the peek has listed its references. */
  async peekReferences(limitMs = 15_000): Promise<ReferencesPeek> {
    await this.press('Shift+F12');
    const peek = this.page.locator('.peekview-widget:visible');
    await waitUntil('the references peek to show a count', async () => /\(\d+\)|\d+ references?/i.test((await peek.locator('.peekview-title').textContent().catch(() => '')) ?? ''), limitMs);
    const title = (await peek.locator('.peekview-title').locator('.filename, .dirname, .meta').allTextContents()).map((t) => t.trim()).filter(Boolean).join(' ');
    const rows = await peek.locator('.ref-tree .monaco-list-row').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    return { title, references: rows.map((r) => / in (\S+) on line \d+ at column \d+$/.exec(r)?.[0].slice(4)).filter((r): r is string => !!r) };
  }

  /**
   * The editor's logical line (as the writer reads it, its wrapped view lines joined) that contains
   * `marker`: a view line whose gutter shows a line number starts a line, the ones after it without
   * a number continue it.
   */
  async lineContaining(marker: string): Promise<string | undefined> {
    const lines = await this.page.evaluate(() => {
      const editor = document.querySelector('.part.editor .monaco-editor');
      if (!editor) return [];
      // (No named functions in here: the test build's helpers for them do not exist in the page.)
      const numbered = new Set(
        [...editor.querySelectorAll('.margin-view-overlays .line-numbers')]
          .filter((n) => (n.textContent ?? '').trim() !== '')
          .map((n) => Number.parseFloat((n.parentElement as HTMLElement).style.top)),
      );
      const views = [...editor.querySelectorAll<HTMLElement>('.view-lines .view-line')]
        .map((v) => ({ top: Number.parseFloat(v.style.top), text: (v.textContent ?? '').replace(/\u00a0/g, ' ') }))
        .sort((x, y) => x.top - y.top);
      if (numbered.size === 0) return undefined; // no line numbers to tell lines apart
      const joined: string[] = [];
      for (const v of views) {
        if (numbered.has(v.top) || joined.length === 0) joined.push(v.text);
        else joined[joined.length - 1] += v.text;
      }
      return joined;
    });
    if (!lines) throw new Error('the editor shows no line numbers: its wrapped lines cannot be joined');
    return lines.find((l) => l.includes(marker));
  }

  /** The Evidence panel's page: the webview's inner frame (VS Code nests it in a second iframe). */
  webview(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  }

  /** Console messages that report a Content Security Policy violation, from any frame (with the frame's address). */
  cspViolations(): string[] {
    return this.console.filter((m) => /Content Security Policy/i.test(m.text)).map((m) => `${m.text} (${m.url || 'no address'})`);
  }

  /** Waits until a quick input (Quick Open, the command palette, an extension's picker) has the focus. */
  async quickInputReady(): Promise<void> {
    await this.page.locator('.quick-input-widget .quick-input-box input').and(this.page.locator(':focus')).waitFor();
  }

  /** The quick input's rows (accessible names), in order. */
  async quickInputRows(): Promise<string[]> {
    return this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').evaluateAll((els) =>
      els.sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index'))).map((e) => e.getAttribute('aria-label') ?? ''));
  }
}

/** Line and column (1-based) of `text`'s offset, for goTo. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}
