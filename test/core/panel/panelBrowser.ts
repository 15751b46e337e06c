/**
 * Opens the panel's HTML in headless Chromium the way a VS Code webview would: the page in its own
 * origin, media/panel.js and panel.css from VS Code's resource host (`https://file+.vscode-resource.
 * vscode-cdn.net/…`) under the `cspSource` VS Code really gives (`'self' https://*.vscode-cdn.net`),
 * a VS Code-like theme (CSS variables and body class, as VS Code injects them), and a stub
 * `acquireVsCodeApi` that records messages. Used by the webview tests and by scripts/screenshot-panel.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { renderPanel } from '../../../src/core/panel/renderPanel';
import type { PanelContent } from '../../../src/core/panel/panelModel';

/** The page's own origin (VS Code's is vscode-webview://<id>). */
export const ORIGIN = 'https://panel.webview.test';
/** Where VS Code serves an extension's files to its webviews (what `asWebviewUri` returns). */
export const RESOURCE_ROOT = 'https://file+.vscode-resource.vscode-cdn.net/home/writer/.vscode/extensions/edtechhub.evidence-writer';
/** `webview.cspSource` in VS Code 1.100 and code-server 4.100 (extensionHostProcess.js). */
export const VSCODE_CSP_SOURCE = "'self' https://*.vscode-cdn.net";
const ROOT = path.join(__dirname, '..', '..', '..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
}

export type Theme = 'dark' | 'light' | 'high-contrast';

/** Theme variables with VS Code's Dark Modern / Light Modern / High Contrast values (the ones panel.css uses). */
const THEMES: Record<Theme, Record<string, string>> = {
  dark: {
    foreground: '#cccccc', descriptionForeground: '#9d9d9d', 'sideBar-background': '#181818', 'editor-background': '#1f1f1f',
    'textLink-foreground': '#4daafc', 'textLink-activeForeground': '#4daafc', focusBorder: '#0078d4',
    'badge-background': '#616161', 'badge-foreground': '#f8f8f8', 'button-secondaryBackground': '#313131',
    'button-secondaryForeground': '#cccccc', 'button-secondaryHoverBackground': '#3c3c3c', 'button-border': '#ffffff12',
    'charts-green': '#89d185', 'charts-yellow': '#cca700', 'charts-red': '#f14c4c', errorForeground: '#f85149',
    'editorWarning-foreground': '#cca700', 'panel-border': '#2b2b2b', 'widget-border': '#313131', 'editorWidget-border': '#454545',
    'editorHoverWidget-background': '#202020', 'editorHoverWidget-border': '#454545', 'editorHoverWidget-foreground': '#cccccc',
    'textCodeBlock-background': '#2b2b2b', 'inputValidation-errorBackground': '#5a1d1d', 'inputValidation-errorBorder': '#be1100',
    'inputValidation-warningBackground': '#352a05', 'inputValidation-warningBorder': '#b89500',
  },
  light: {
    foreground: '#3b3b3b', descriptionForeground: '#3b3b3b', 'sideBar-background': '#f8f8f8', 'editor-background': '#ffffff',
    'textLink-foreground': '#005fb8', 'textLink-activeForeground': '#005fb8', focusBorder: '#005fb8',
    'badge-background': '#cccccc', 'badge-foreground': '#3b3b3b', 'button-secondaryBackground': '#e5e5e5',
    'button-secondaryForeground': '#3b3b3b', 'button-secondaryHoverBackground': '#cccccc', 'button-border': '#0000001a',
    'charts-green': '#388a34', 'charts-yellow': '#bf8803', 'charts-red': '#e51400', errorForeground: '#f85149',
    'editorWarning-foreground': '#bf8803', 'panel-border': '#e5e5e5', 'widget-border': '#e5e5e5', 'editorWidget-border': '#c8c8c8',
    'editorHoverWidget-background': '#f8f8f8', 'editorHoverWidget-border': '#c8c8c8', 'editorHoverWidget-foreground': '#3b3b3b',
    'textCodeBlock-background': '#dcdcdc66', 'inputValidation-errorBackground': '#f2dede', 'inputValidation-errorBorder': '#be1100',
    'inputValidation-warningBackground': '#f6f5d2', 'inputValidation-warningBorder': '#b89500',
  },
  'high-contrast': {
    foreground: '#ffffff', descriptionForeground: '#ffffffb3', 'sideBar-background': '#000000', 'editor-background': '#000000',
    'textLink-foreground': '#21a6ff', 'textLink-activeForeground': '#21a6ff', focusBorder: '#f38518', contrastBorder: '#6fc3df',
    contrastActiveBorder: '#f38518', 'badge-background': '#000000', 'badge-foreground': '#ffffff', 'button-secondaryBackground': '#000000',
    'button-secondaryForeground': '#ffffff', 'button-border': '#6fc3df', 'charts-green': '#89d185', 'charts-yellow': '#ffd700',
    'charts-red': '#f48771', errorForeground: '#f48771', 'editorWarning-foreground': '#ffd700', 'panel-border': '#6fc3df',
    'editorHoverWidget-background': '#0c141f', 'editorHoverWidget-border': '#6fc3df', 'textCodeBlock-background': '#000000',
    'inputValidation-errorBackground': '#5a1d1d', 'inputValidation-errorBorder': '#6fc3df',
    'inputValidation-warningBackground': '#000000', 'inputValidation-warningBorder': '#6fc3df',
  },
};

const BODY_CLASS: Record<Theme, string> = { dark: 'vscode-dark', light: 'vscode-light', 'high-contrast': 'vscode-high-contrast' };

function themeCss(theme: Theme): string {
  const vars = Object.entries(THEMES[theme]).map(([k, v]) => `  --vscode-${k}: ${v};`);
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
  readonly theme?: Theme;
  readonly width?: number;
  readonly height?: number;
  readonly deviceScaleFactor?: number;
  /** Changes the served page (tests inject things the CSP must block). */
  readonly tamper?: (html: string) => string;
  /** The webview's cspSource (default: VS Code's). */
  readonly cspSource?: string;
}

/** Renders `content` and opens it. */
export async function openPanel(browser: Browser, content: PanelContent, options: OpenOptions = {}): Promise<PanelPage> {
  const theme = options.theme ?? 'dark';
  let html = renderPanel(content, {
    cspSource: options.cspSource ?? VSCODE_CSP_SOURCE,
    nonce: Buffer.from(`nonce-${Date.now()}-${Math.random()}`).toString('base64').replace(/=+$/, ''),
    scriptUri: `${RESOURCE_ROOT}/media/panel.js`,
    styleUri: `${RESOURCE_ROOT}/media/panel.css`,
  });
  // What VS Code does for a webview: theme variables and a theme class on <body>.
  html = html
    .replace('<link rel="stylesheet"', `<link rel="stylesheet" href="${ORIGIN}/theme.css">\n<link rel="stylesheet"`)
    .replace('<body>', `<body class="${BODY_CLASS[theme]}">`);
  if (options.tamper) html = options.tamper(html);

  const context = await browser.newContext({
    viewport: { width: options.width ?? 360, height: options.height ?? 900 },
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
  });
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
  const files: Record<string, [string, string]> = {
    [`${ORIGIN}/index.html`]: [html, 'text/html'],
    [`${ORIGIN}/theme.css`]: [themeCss(theme), 'text/css'],
    [`${RESOURCE_ROOT}/media/panel.js`]: [readFileSync(path.join(ROOT, 'media', 'panel.js'), 'utf8'), 'text/javascript'],
    [`${RESOURCE_ROOT}/media/panel.css`]: [readFileSync(path.join(ROOT, 'media', 'panel.css'), 'utf8'), 'text/css'],
  };
  // Every request is answered here (404 for anything else): the page never reaches the network.
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    const file = files[`${url.origin}${url.pathname}`];
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
