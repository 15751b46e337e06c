/** Insert Citation (Ctrl+Alt+C) in a document that cites the Hub's way inserts a ⇡ citation. */
import { HUB_BLOG } from './fixtures';
import { expectOnScreen, useWorkbench } from './harness/suite';
import { waitUntil } from './harness/waitUntil';

describe('workbench: Insert Citation', function () {
  const window = useWorkbench('insert-hub', HUB_BLOG, 'blog.md');

  it('inserts "⇡Vegas, 2020" (not [@vegas2020]) in a blog whose citations are all ⇡', async () => {
    const w = window();
    const marker = 'School closures widened learning inequality';
    await w.newParagraphAtEnd();
    await w.type(`${marker} `);
    await w.press('Control+Alt+C');
    await w.quickInputReady();
    await w.type('vegas');
    await waitUntil('the picker to list vegas2020 first', async () => (await w.quickInputRows())[0]?.startsWith('vegas2020'));
    // Down into the list, Space ticks the entry, Enter inserts what is ticked.
    await w.press('ArrowDown');
    await w.press('Space');
    await w.screenshot('picked vegas2020');
    await w.press('Enter');
    await w.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    const line = await waitUntil('the citation after the marker', async () => {
      const l = await w.lineContaining(marker);
      return l && l.trim() !== marker ? l : undefined;
    }, 5_000).catch(() => w.lineContaining(marker));
    const shot = await w.screenshot('inserted citation');
    const inserted = (line ?? '').slice((line ?? '').indexOf(marker) + marker.length).trim();
    expectOnScreen(inserted.includes('⇡Vegas, 2020') && !inserted.includes('[@'), 'the ⇡ form "⇡Vegas, 2020" after the sentence, as the blog cites',
      `"${inserted}" inserted (the line reads "${line ?? '(not found)'}")`, shot);
  });
});
