/**
 * Screenshot of the Evidence panel for the README, taken headless: the example brief
 * (test/fixtures/panel/example.md) linted by the real pipeline against the real Hub bibliography,
 * rendered by renderPanel and shown in Chromium with VS Code's Dark Modern theme variables.
 *
 *   node --import tsx scripts/screenshot-panel.ts [--theme dark|light|high-contrast] [--out file.png]
 *
 * Needs Chromium (/usr/bin/chromium or CHROMIUM_PATH).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { BibliographyIndex } from '../src/core/bibliography/index/bibliographyIndex';
import { parseBibliographyText } from '../src/core/bibliography/formats/parseText';
import { createTextDocument } from '../src/core/document/textDocument';
import { ReferenceFormatter } from '../src/core/format/formatReference';
import { defaultConfig } from '../src/core/lint/config';
import { lintDocument } from '../src/core/lint/lintDocument';
import { buildPanelState } from '../src/core/panel/panelModel';
import { CitationSearch } from '../src/core/search/citationSearch';
import type { BibEntry } from '../src/core/types';
import { chromiumAvailable, launchChromium, openPanel, type Theme } from '../test/core/panel/panelBrowser';

const formatter = new ReferenceFormatter();

const root = path.join(__dirname, '..');
const fixtures = path.join(root, 'test', 'fixtures', 'panel');

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** Entries matching the claim's content words (one search per word, scores summed), best first. */
function suggestFor(search: CitationSearch, claim: string, limit: number): BibEntry[] {
  const words = [...new Set(claim.toLowerCase().match(/\p{L}[\p{L}\p{N}'’-]{3,}/gu) ?? [])];
  const scores = new Map<string, { entry: BibEntry; score: number }>();
  for (const word of words.slice(0, 20)) {
    for (const hit of search.search(word, 30)) {
      const s = scores.get(hit.entry.key) ?? { entry: hit.entry, score: 0 };
      s.score += hit.score;
      scores.set(hit.entry.key, s);
    }
  }
  return [...scores.values()].sort((a, b) => b.score - a.score).slice(0, limit).map((s) => s.entry);
}

async function main(): Promise<void> {
  const theme = option('theme', 'dark') as Theme;
  const out = path.resolve(option('out', path.join(root, 'media', 'screenshots', theme === 'dark' ? 'panel.png' : `panel-${theme}.png`)));
  if (!chromiumAvailable()) {
    console.error('Chromium not found: apt-get install chromium, or set CHROMIUM_PATH.');
    process.exit(2);
  }
  const bibFile = path.join(root, 'test', 'fixtures', 'hub', 'hub-outputs.json');
  const index = BibliographyIndex.fromFiles([parseBibliographyText(readFileSync(bibFile, 'utf8'), bibFile)]);
  const search = new CitationSearch(index.entries);
  const text = readFileSync(path.join(fixtures, 'example.md'), 'utf8');
  const document = createTextDocument(path.join(fixtures, 'example.md'), 'markdown', text);
  const lint = lintDocument(document, index, defaultConfig);
  const state = buildPanelState({
    document: { uri: 'file:///reports/teacher-pd-brief.md', name: 'teacher-pd-brief.md', version: 1, text, language: 'markdown' },
    lint,
    suggest: (claim, limit) => suggestFor(search, claim, limit),
    format: (entry) => formatter.format(entry, 'apa'),
  });

  const browser = await launchChromium();
  try {
    const panel = await openPanel(browser, state, { theme, width: 380, height: 600, deviceScaleFactor: 2 });
    // Show one cited work's detail, as a reader would after clicking it.
    const firstKnown = state.cited.find((w) => w.status === 'known');
    if (firstKnown) await panel.page.locator('summary', { hasText: firstKnown.label }).click();
    await panel.page.locator('button.claim-text').first().focus();
    mkdirSync(path.dirname(out), { recursive: true });
    await panel.page.screenshot({ path: out, fullPage: true });
    if (panel.cspViolations.length) throw new Error(`CSP violations: ${panel.cspViolations.join(' | ')}`);
    await panel.close();
  } finally {
    await browser.close();
  }
  console.log(
    `${path.relative(root, out)}: ${state.summary.claims} claims, ${state.summary.supported} supported (${state.summary.coverage}%), ` +
      `${state.uncited.length} uncited, ${state.cited.length} cited works`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
