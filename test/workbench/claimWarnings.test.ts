/**
 * The uncited-claim warnings of a real Hub blog as a reviewer sees them in the Problems panel (issue
 * 15): the Hub's claims about the world are there, the Hub stating its own aims and work is not. The
 * folder carries the bundled example's project config (own voice "EdTech Hub", "the Hub").
 */
import { fixtureText, HUB_BLOG_WITH_CONFIG } from './fixtures';
import { expectOnScreen, useWorkbench } from './harness/suite';
import { waitUntil } from './harness/waitUntil';

describe('workbench: claim warnings in the Problems panel', function () {
  const window = useWorkbench('claims-hub', HUB_BLOG_WITH_CONFIG, 'blog.md');
  const lines = fixtureText(HUB_BLOG_WITH_CONFIG['blog.md']).split('\n');

  it('lists the blog\'s uncited claims about the world, and none of the Hub\'s statements of its own aims and work', async () => {
    const w = window();
    await w.press('Control+Shift+M');
    const rows = await waitUntil('the Problems panel to list uncited claims', async () => {
      const labels = await w.page.locator('.markers-panel .monaco-list-row').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
      return labels.some((l) => l.includes('Claim cites no evidence')) ? labels : undefined;
    }, 20_000);
    const shot = await w.screenshot('Problems panel');
    // What each warning points at: the text from its line and column to the end of that sentence.
    const flagged = rows
      .filter((l) => l.includes('Claim cites no evidence'))
      .map((l) => /line (\d+) and character (\d+)/i.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => (lines[Number(m[1]) - 1] ?? '').slice(Number(m[2]) - 1).split(/(?<=[.!?])\s/)[0]!);
    const shown = `${flagged.length} warnings: ${flagged.map((f) => JSON.stringify(f.slice(0, 60))).join(' | ')} (rows: ${rows.slice(0, 3).join(' || ')})`;
    expectOnScreen(flagged.some((f) => f.startsWith('Research shows that EdTech offers immense potential')), 'a warning on "Research shows that EdTech offers immense potential…"', shown, shot);
    for (const own of ['This blog sets out', 'This blog summarises', 'EdTech Hub undertakes', 'Empower', 'Evaluate']) {
      expectOnScreen(!flagged.some((f) => f.startsWith(own)), `no warning on the Hub's own "${own}…"`, shown, shot);
    }
  });
});
