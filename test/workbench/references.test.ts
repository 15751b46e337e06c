/** Find All References (the references peek) on a citation key: one row per citation of it. */
import { fixtureText, MODERNDIVE } from './fixtures';
import { expectOnScreen, useWorkbench } from './harness/suite';
import { lineColumnAt } from './harness/workbench';

describe('workbench: references', function () {
  const window = useWorkbench('references-moderndive', MODERNDIVE, 'paper.md');

  it('lists each citation of R-ggplot2 once (Shift+F12)', async () => {
    const w = window();
    const text = fixtureText(MODERNDIVE['paper.md']);
    const cited = [...text.matchAll(/@R-ggplot2(?![\w:.-]*\w)/g)].length;
    const { line, column } = lineColumnAt(text, text.indexOf('@R-ggplot2') + 3);
    await w.goTo(line, column);
    const peek = await w.peekReferences();
    const shot = await w.screenshot('references of R-ggplot2');
    const count = Number(/\((\d+)\)|(\d+) references?/i.exec(peek.title)?.slice(1).find(Boolean));
    expectOnScreen(cited >= 2 && count === cited && peek.references.length === cited,
      `${cited} references (R-ggplot2 is cited ${cited} times in paper.md)`,
      `the peek titled "${peek.title}" listing ${peek.references.length}: ${peek.references.join('; ')}`, shot);
  });
});
