/**
 * The panel page in a real browser engine (headless Chromium, as VS Code's webviews are): clicks and
 * keys become the right messages, updates keep focus, and hostile text neither renders as markup nor
 * runs. Skipped, saying why, when Chromium is not installed — except under CI=true, where a
 * missing browser fails the suite (a CI run must not pass without these checks).
 */
import { strict as assert } from 'node:assert';
import type { Browser } from 'playwright-core';
import { buildPanelState, type PanelLintResult } from '../../../src/core/panel/panelModel';
import { renderPanelBody } from '../../../src/core/panel/renderPanel';
import { CHROMIUM, chromiumAvailable, launchChromium, openPanel, VSCODE_CSP_SOURCE } from './panelBrowser';
import { lintExample, loadCslEntries, readFixture } from './panelFixtures';
import { HUB_JSON } from '../../sharedFixtures';

const entries = loadCslEntries(HUB_JSON);
const [hostile] = loadCslEntries('hostile-entry.json');
const byKey = new Map(entries.map((e) => [e.key, e]));
const text = readFixture('example.md');

function exampleState(version = 1, extra: PanelLintResult['citations'] = []) {
  const lint = lintExample(text, entries);
  return buildPanelState({
    document: { uri: 'file:///example.md', name: 'example.md', version, text },
    lint: { ...lint, citations: [...lint.citations, ...extra] },
    suggest: (_c, limit) => [hostile, byKey.get('hennessy2022')!, byKey.get('coflan2021b')!].slice(0, limit),
    format: (e) => `${e.title ?? e.key} (formatted)`,
  });
}

/** The page globals the evaluate callbacks read (the project compiles without the DOM lib). */
interface PageGlobals {
  __xss?: number;
  document: { activeElement: { getAttribute(name: string): string | null } | null };
  postMessage(message: unknown, origin: string): void;
  getComputedStyle(element: unknown): { borderStyle: string; fill: string; display: string };
}

const hostileCitation: PanelLintResult['citations'][number] = {
  citation: { syntax: 'pandoc', span: { start: 10, end: 20 }, items: [{ text: hostile.key, key: hostile.key, span: { start: 11, end: 19 } }] },
  resolved: [[hostile]],
};

describe('panel webview page (Chromium)', function () {
  let browser: Browser | undefined;

  before(async function () {
    if (!chromiumAvailable()) {
      if (process.env.CI === 'true') throw new Error(`Chromium not found at ${CHROMIUM} (CI=true: the webview tests must run; apt-get install chromium or set CHROMIUM_PATH)`);
      console.warn('    Chromium not found (set CHROMIUM_PATH or apt-get install chromium): skipping webview tests');
      this.skip();
    }
    browser = await launchChromium();
  });
  after(async () => browser?.close());

  it(`applies panel.css under VS Code's own cspSource (${VSCODE_CSP_SOURCE}), with no CSP violation`, async () => {
    const p = await openPanel(browser!, exampleState());
    try {
      const style = (selector: string) =>
        p.page.locator(selector).first().evaluate((el) => {
          const s = (globalThis as unknown as PageGlobals).getComputedStyle(el);
          return { borderStyle: s.borderStyle, fill: s.fill, display: s.display };
        });
      // Without the stylesheet a claim is a bordered grey button, a bar fill black, the stats inline.
      assert.equal((await style('button.claim-text')).borderStyle, 'none');
      assert.notEqual((await style('.bar-fill')).fill, 'rgb(0, 0, 0)');
      assert.deepEqual(p.cspViolations, []);
    } finally {
      await p.close();
    }
  });

  it('turns a click on an uncited claim into a reveal message for its offset', async () => {
    const state = exampleState(4);
    const p = await openPanel(browser!, state);
    try {
      await p.page.getByRole('button', { name: /^Go to claim: Radio programmes/ }).click();
      const claim = state.uncited.find((c) => c.text.startsWith('Radio programmes'))!;
      assert.deepEqual((await p.posted()).slice(1), [{ type: 'reveal', offset: claim.span.start, version: 4 }]);
      assert.deepEqual(p.cspViolations, []);
    } finally {
      await p.close();
    }
  });

  it('works from the keyboard: Tab reaches the controls and Enter activates them', async () => {
    const state = exampleState(2);
    const p = await openPanel(browser!, state);
    try {
      await p.page.keyboard.press('Tab');
      const first = await p.page.evaluate(() => (globalThis as unknown as PageGlobals).document.activeElement?.getAttribute('data-action'));
      assert.equal(first, 'reveal');
      await p.page.keyboard.press('Enter');
      await p.page.keyboard.press('Tab');
      await p.page.keyboard.press('Enter');
      const claim = state.uncited[0];
      assert.deepEqual((await p.posted()).slice(1), [
        { type: 'reveal', offset: claim.span.start, version: 2 },
        { type: 'insert', offset: claim.insertOffset, keys: [claim.suggestions[0].key], version: 2 },
      ]);
    } finally {
      await p.close();
    }
  });

  it('opens a cited work’s detail and sends openEntry / openExternal for it', async () => {
    const p = await openPanel(browser!, exampleState());
    try {
      const summary = p.page.locator('summary', { hasText: 'Chuang & Khalayleh (2021)' });
      await summary.focus();
      await p.page.keyboard.press('Enter');
      const detail = p.page.locator('details', { has: summary });
      assert.equal(await detail.getAttribute('open'), '');
      assert.match(await detail.innerText(), /Low-Tech Devices and Connectivity for Learning in Lebanon \(formatted\)/);
      await detail.getByRole('button', { name: 'Open in bibliography' }).click();
      await detail.getByRole('link', { name: '10.5281/zenodo.4140412' }).click();
      assert.deepEqual((await p.posted()).slice(1), [
        { type: 'openEntry', key: 'chuang2021' },
        { type: 'openExternal', url: 'https://doi.org/10.5281/zenodo.4140412' },
      ]);
      assert.equal(p.page.url(), 'https://panel.webview.test/index.html', 'the link did not navigate the webview');
    } finally {
      await p.close();
    }
  });

  it('applies an update in place, keeping focus and open details', async () => {
    const p = await openPanel(browser!, exampleState(1));
    try {
      await p.page.locator('summary', { hasText: 'Vegas (2020)' }).click();
      const claimButton = p.page.getByRole('button', { name: /^Go to claim: Messaging apps/ });
      await claimButton.focus();
      const updated = exampleState(2, [hostileCitation]);
      await p.page.evaluate((html) => (globalThis as unknown as PageGlobals).postMessage({ type: 'render', html }, '*'), renderPanelBody(updated));
      await p.page.locator('main[data-version="2"]').waitFor();
      const focused = await p.page.evaluate(() => (globalThis as unknown as PageGlobals).document.activeElement?.getAttribute('aria-label'));
      assert.match(focused ?? '', /^Go to claim: Messaging apps/);
      assert.equal(await p.page.locator('details[open]').count(), 1);
      assert.match(await p.page.locator('details[open] summary').innerText(), /Vegas \(2020\)/);
      assert.equal(await p.page.locator('.work').count(), updated.cited.length);
    } finally {
      await p.close();
    }
  });

  it('shows an HTML-laden entry as text, and nothing in it runs', async () => {
    const p = await openPanel(browser!, exampleState(1, [hostileCitation]));
    try {
      const page = p.page;
      // Open every detail and hover everything, so any injected handler would have its chance.
      for (const s of await page.locator('summary').all()) await s.click();
      for (const el of (await page.locator(`[data-key="${hostile.key}"]`).all()).slice(0, 6)) await el.hover();
      assert.equal(await page.evaluate(() => (globalThis as unknown as PageGlobals).__xss), undefined);
      assert.equal(await page.locator('img, iframe, style, b, textarea, main script').count(), 0);
      const titles = await page.locator('.suggestion-title').allInnerTexts();
      assert.ok(titles.includes(hostile.title!), 'the hostile title reads as written');
      const reference = await page.locator(`.entry[data-key="${hostile.key}"] .reference`).first().innerText();
      assert.equal(reference, `${hostile.title} (formatted)`);
      const url = await page.locator(`.entry[data-key="${hostile.key}"] .plain-url`).first().innerText();
      assert.equal(url, 'javascript:alert(document.domain)');
      assert.equal(await page.locator('a[href^="javascript"]').count(), 0);
    } finally {
      await p.close();
    }
  });

  it('blocks script the CSP does not allow, while loading its own script and stylesheet', async () => {
    const p = await openPanel(browser!, exampleState(), {
      tamper: (html) => html.replace('</main>', '<script>window.__xss = 9</script><img src="https://evil.example/x.png"></main>'),
    });
    try {
      assert.equal(await p.page.evaluate(() => (globalThis as unknown as PageGlobals).__xss), undefined);
      assert.ok(p.cspViolations.length >= 1, 'the browser reported the blocked inline script');
      // panel.js ran (it posted 'ready') and panel.css applied (buttons styled as links have no border).
      const border = await p.page.locator('button.claim-text').first().evaluate((el) => (globalThis as unknown as PageGlobals).getComputedStyle(el).borderStyle);
      assert.equal(border, 'none');
    } finally {
      await p.close();
    }
  });
});
