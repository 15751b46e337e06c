/** The hover on a citation, as rendered: a reference that reads (and wraps) as text. */
import { fixtureText, HUB_BLOG } from './fixtures';
import { expectOnScreen, useWorkbench } from './harness/suite';
import { lineColumnAt } from './harness/workbench';

describe('workbench: hover', function () {
  const window = useWorkbench('hover-hub', HUB_BLOG, 'blog.md');

  it('shows the reference of "⇡Vegas, 2020" with ordinary spaces (no &nbsp;), so it wraps', async () => {
    const w = window();
    const text = fixtureText(HUB_BLOG['blog.md']);
    const { line, column } = lineColumnAt(text, text.indexOf('⇡Vegas, 2020') + 2);
    await w.goTo(line, column);
    const hover = await w.hoverAtCursor();
    const shot = await w.screenshot('hover on ⇡Vegas, 2020');
    expectOnScreen(hover !== undefined && /Vegas/.test(hover), 'a hover naming Vegas (2020)', hover === undefined ? 'no hover' : JSON.stringify(hover), shot);
    const nbsp = (hover!.match(/\u00a0|&nbsp;/g) ?? []).length;
    expectOnScreen(nbsp === 0 && /\S \S/.test(hover!), 'the reference with ordinary spaces between its words, no NBSP characters and no literal "&nbsp;"',
      `${nbsp} NBSP/&nbsp; in ${JSON.stringify(hover!.replace(/\u00a0/g, '⍽'))} (⍽ marks an NBSP)`, shot);
  });
});
