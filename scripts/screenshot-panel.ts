/**
 * Refreshes the README's picture of the Evidence panel from the real panel: a fresh VS Code server and
 * window (the workbench suite's harness, test/workbench/harness/), a copy of examples/ as the workspace,
 * hub-brief.md in the editor and the panel in the side bar, one cited work opened. (This replaces a
 * rendering of the panel's HTML outside VS Code, which could not show that VS Code blocked its stylesheet.)
 *
 *   npm run screenshot:panel [-- --theme dark|light|high-contrast] [--out file.png]
 *
 * Default out: media/screenshots/panel.png (dark), panel-<theme>.png otherwise. Writes nothing there and
 * exits 1 when the panel reports a Content Security Policy violation (its picture would be unstyled);
 * the rejected picture is kept in .artifacts/screenshot-panel/. Needs what the workbench suite needs
 * (bash .ci/extension-setup.sh).
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { launchChromium } from '../test/workbench/harness/chromium';
import { startCodeServer } from '../test/workbench/harness/codeServer';
import { Workbench } from '../test/workbench/harness/workbench';
import { waitUntil } from '../test/workbench/harness/waitUntil';
import { buildWorkspace } from '../test/workbench/harness/workspaceFolder';

const root = path.join(__dirname, '..');
const THEMES: Record<string, string> = { dark: 'Default Dark Modern', light: 'Default Light Modern', 'high-contrast': 'Default High Contrast' };
/** Side bar width in the picture (CSS pixels), as a writer might widen it for the panel. */
const SIDE_BAR_WIDTH = 400;

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

async function main(): Promise<void> {
  const theme = option('theme', 'dark');
  if (!THEMES[theme]) throw new Error(`--theme must be one of ${Object.keys(THEMES).join(', ')}`);
  const out = path.resolve(option('out', path.join(root, 'media', 'screenshots', theme === 'dark' ? 'panel.png' : `panel-${theme}.png`)));
  const artifacts = path.join(root, '.artifacts', 'screenshot-panel');
  const server = await startCodeServer({ 'workbench.colorTheme': THEMES[theme] });
  try {
    const browser = await launchChromium();
    try {
      const workbench = await Workbench.open(server, browser, {
        folder: buildWorkspace('screenshot-panel', { '.': 'examples' }),
        artifacts,
        viewport: { width: 1400, height: 900 },
        deviceScaleFactor: 2,
      });
      await workbench.openFile('hub-brief.md');
      await workbench.waitForEvidence();
      await workbench.runCommand('Evidence: Show Evidence Panel');
      const panel = workbench.webview();
      await panel.locator('button').first().waitFor({ timeout: 30_000 });
      await widenSideBar(workbench);
      // One cited work's detail open (a known one), as a reader would after clicking it.
      await panel.locator('details summary').filter({ hasNotText: /unknown|ambiguous/ }).first().click();
      // Tall enough for the whole panel, so the picture shows all of it.
      const height = await panel.locator('html').evaluate((html) => html.scrollHeight);
      await workbench.page.setViewportSize({ width: 1400, height: Math.min(height + 120, 4000) });
      await waitUntil('the panel laid out at the new height', async () =>
        ((await workbench.page.locator('iframe.webview.ready').boundingBox())?.height ?? 0) >= Math.min(height, 3800));
      const shot = path.join(artifacts, `panel-${theme}.png`);
      mkdirSync(artifacts, { recursive: true });
      await workbench.page.locator('.part.sidebar').screenshot({ path: shot });
      const violations = workbench.cspViolations();
      await workbench.close();
      if (violations.length > 0) {
        throw new Error(`the panel reported CSP violations, so ${path.relative(root, out)} was not written (picture kept in ${path.relative(root, shot)}):\n  ${violations.join('\n  ')}`);
      }
      mkdirSync(path.dirname(out), { recursive: true });
      copyFileSync(shot, out);
      console.log(`${path.relative(root, out)}: the Evidence panel on examples/hub-brief.md (${theme})`);
    } finally {
      await browser.close();
    }
  } finally {
    await server.stop();
  }
}

/** Drags the side bar's edge to SIDE_BAR_WIDTH. */
async function widenSideBar(workbench: Workbench): Promise<void> {
  const sideBar = await workbench.page.locator('.part.sidebar').boundingBox();
  if (!sideBar) return;
  const edge = sideBar.x + sideBar.width;
  const y = sideBar.y + sideBar.height / 2;
  await workbench.page.mouse.move(edge, y);
  await workbench.page.mouse.down();
  await workbench.page.mouse.move(sideBar.x + SIDE_BAR_WIDTH, y, { steps: 5 });
  await workbench.page.mouse.up();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
