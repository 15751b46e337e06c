/**
 * Opens the panel's HTML in headless Chromium the way a VS Code webview would: served from one
 * origin (our `cspSource`), with media/panel.js and panel.css, a VS Code-like theme (CSS variables
 * and body class, as VS Code injects them), and a stub `acquireVsCodeApi` that records messages.
 * Used by the webview tests (the real workbench's panel is tested in test/workbench/panel.test.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { renderPanel } from '../../../src/core/panel/renderPanel';
import type { PanelContent } from '../../../src/core/panel/panelModel';

export const ORIGIN = 'https://panel.webview.test';
const ROOT = path.join(__dirname, '..', '..', '..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * What a test that needs the browser does when Chromium is missing: skip on a developer's machine,
 * fail under CI (CI=true or 1), where a skipped browser test would pass unnoticed.
 */
export function whenBrowserMissing(env: NodeJS.ProcessEnv = process.env): 'skip' | 'fail' {
  return env.CI && env.CI !== 'false' && env.CI !== '0' ? 'fail' : 'skip';
}

/** For a suite's `before`: returns when Chromium is installed, else skips the suite or fails it (see whenBrowserMissing). */
export function requireChromium(suite: Mocha.Context): void {
  if (existsSync(CHROMIUM)) return;
  const why = `Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;
  if (whenBrowserMissing() === 'fail') throw new Error(`${why}; under CI a test that needs a browser fails instead of skipping`);
  console.warn(`    ${why}: skipping`);
  suite.skip();
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
}

/** VS Code's Dark Modern theme variables (the ones panel.css uses), as VS Code injects them into a webview. */
const DARK_MODERN: Record<string, string> = {
  foreground: '#cccccc', descriptionForeground: '#9d9d9d', 'sideBar-background': '#181818', 'editor-background': '#1f1f1f',
  'textLink-foreground': '#4daafc', 'textLink-activeForeground': '#4daafc', focusBorder: '#0078d4',
  'badge-background': '#616161', 'badge-foreground': '#f8f8f8', 'button-secondaryBackground': '#313131',
  'button-secondaryForeground': '#cccccc', 'button-secondaryHoverBackground': '#3c3c3c', 'button-border': '#ffffff12',
  'charts-green': '#89d185', 'charts-yellow': '#cca700', 'charts-red': '#f14c4c', errorForeground: '#f85149',
  'editorWarning-foreground': '#cca700', 'panel-border': '#2b2b2b', 'widget-border': '#313131', 'editorWidget-border': '#454545',
  'editorHoverWidget-background': '#202020', 'editorHoverWidget-border': '#454545', 'editorHoverWidget-foreground': '#cccccc',
  'textCodeBlock-background': '#2b2b2b', 'inputValidation-errorBackground': '#5a1d1d', 'inputValidation-errorBorder': '#be1100',
  'inputValidation-warningBackground': '#352a05', 'inputValidation-warningBorder': '#b89500',
};

function themeCss(): string {
  const vars = Object.entries(DARK_MODERN).map(([k, v]) => `  --vscode-${k}: ${v};`);
  vars.push(
    '  --vscode-font-family: "Segoe WPC", "Segoe UI", "Ubuntu", "Droid Sans", "DejaVu Sans", sans-serif;',
    '  --vscode-font-size: 13px;',
    '  --vscode-font-weight: normal;',
    '  --vscode-editor-font-family: "DejaVu Sans Mono", monospace;',
  );
  return `html {\n${vars.join('\n')}\n}\n`;
}

export interface PanelPage {
  readonly page: Page;
  /** Messages the page posted to the extension, in order. */
  posted(): Promise<unknown[]>;
  /** Console messages mentioning a Content Security Policy violation. */
  readonly cspViolations: string[];
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Changes the served page (tests inject things the CSP must block). */
  readonly tamper?: (html: string) => string;
}

/** Renders `content` and opens it. */
export async function openPanel(browser: Browser, content: PanelContent, options: OpenOptions = {}): Promise<PanelPage> {
  let html = renderPanel(content, {
    cspSource: ORIGIN,
    nonce: Buffer.from(`nonce-${Date.now()}-${Math.random()}`).toString('base64').replace(/=+$/, ''),
    scriptUri: `${ORIGIN}/media/panel.js`,
    styleUri: `${ORIGIN}/media/panel.css`,
  });
  // What VS Code does for a webview: theme variables and a theme class on <body>.
  html = html
    .replace('<link rel="stylesheet"', `<link rel="stylesheet" href="${ORIGIN}/theme.css">\n<link rel="stylesheet"`)
    .replace('<body>', '<body class="vscode-dark">');
  if (options.tamper) html = options.tamper(html);

  const context = await browser.newContext({ viewport: { width: 360, height: 900 } });
  const page = await context.newPage();
  const cspViolations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // A string, not a function: the test runner's TypeScript transform would wrap a function's
  // inner closures with helpers that do not exist in the page.
  await page.addInitScript(`
    window.__posted = [];
    window.acquireVsCodeApi = function () {
      return {
        postMessage: function (m) { window.__posted.push(m); },
        getState: function () { return window.__state; },
        setState: function (s) { window.__state = s; },
      };
    };`);
  await page.route(`${ORIGIN}/**`, (route) => {
    const url = new URL(route.request().url());
    const files: Record<string, [string, string]> = {
      '/index.html': [html, 'text/html'],
      '/theme.css': [themeCss(), 'text/css'],
      '/media/panel.js': [readFileSync(path.join(ROOT, 'media', 'panel.js'), 'utf8'), 'text/javascript'],
      '/media/panel.css': [readFileSync(path.join(ROOT, 'media', 'panel.css'), 'utf8'), 'text/css'],
    };
    const file = files[url.pathname];
    return file ? route.fulfill({ status: 200, contentType: file[1], body: file[0] }) : route.fulfill({ status: 404, body: '' });
  });
  await page.goto(`${ORIGIN}/index.html`);
  // Polled with evaluate: waitForFunction would need 'unsafe-eval', which the panel's CSP rightly forbids.
  for (let i = 0; ; i++) {
    const ready = await page.evaluate(() => (globalThis as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
    if (ready) break;
    if (i > 100) throw new Error(`panel.js did not start; errors: ${pageErrors.join(' | ') || 'none'}; CSP: ${cspViolations.join(' | ') || 'none'}`);
    await page.waitForTimeout(50);
  }
  return {
    page,
    posted: () => page.evaluate(() => (globalThis as unknown as { __posted: unknown[] }).__posted),
    cspViolations,
    close: () => context.close(),
  };
}
