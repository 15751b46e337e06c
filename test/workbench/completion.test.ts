/**
 * Citation completion as a writer meets it: typing in the editor (never Ctrl+Space) and reading the
 * suggest widget's rows.
 */
import { bibKeys, HUB_BLOG, MODERNDIVE } from './fixtures';
import { describeSuggest, expectOnScreen, useWorkbench } from './harness/suite';
import type { SuggestState } from './harness/workbench';

const labels = (state: SuggestState): string[] => state.rows.map((r) => r.label);

describe('workbench: completion in a ⇡ Hub blog', function () {
  const window = useWorkbench('completion-hub', HUB_BLOG, 'blog.md');

  beforeEach(async () => window().newParagraphAtEnd());
  afterEach(async () => {
    await window().press('Escape');
    await window().runCommand('File: Revert File');
  });

  it('"[@hennessy 2021" lists the Hennessy 2021 entries, first', async () => {
    const w = window();
    // The bibliography's works by Hennessy from 2021 (no other entry has Hennessy as an author in 2021).
    const expected = bibKeys(HUB_BLOG['hub-outputs.bib'], /^hennessy2021/);
    const listed = (s: SuggestState): boolean => expected.every((k) => labels(s).slice(0, expected.length).includes(k));
    await w.type('The strategy is set out in [@hennessy 2021');
    const { state, accepted } = await w.waitForSuggest(listed);
    const shot = await w.screenshot('typed [@hennessy 2021');
    const requested = accepted ? '' : `; with Ctrl+Space: ${describeSuggest(await w.suggestOnRequest())}`;
    expectOnScreen(accepted, `the suggest widget listing ${expected.join(' and ')} as its first ${expected.length} rows`, describeSuggest(state) + requested, shot);
  });

  it('"⇡Selwyn 2016" lists selwyn2016 entries, and the list stays open after the space', async () => {
    const w = window();
    const expected = bibKeys(HUB_BLOG['hub-outputs.bib'], /^selwyn2016/);
    const listsSelwyn2016 = (s: SuggestState): boolean => labels(s).some((k) => expected.includes(k));
    await w.type('Technology is used most by the privileged (⇡Selwyn');
    const name = await w.waitForSuggest(listsSelwyn2016);
    const nameShot = await w.screenshot('typed ⇡Selwyn');
    expectOnScreen(name.accepted, `the suggest widget listing ${expected.join(', ')} after "⇡Selwyn"`, describeSuggest(name.state), nameShot);

    await w.type(' ');
    const space = await w.waitForSuggest(listsSelwyn2016);
    const spaceShot = await w.screenshot('typed ⇡Selwyn and a space');
    expectOnScreen(space.accepted, `the suggest widget still open, listing ${expected.join(', ')}, after the space in "⇡Selwyn "`, describeSuggest(space.state), spaceShot);

    await w.type('2016');
    const year = await w.waitForSuggest((s) => expected.includes(labels(s)[0] ?? ''));
    const yearShot = await w.screenshot('typed ⇡Selwyn 2016');
    expectOnScreen(year.accepted, `the suggest widget listing ${expected.join(', ')} first after "⇡Selwyn 2016"`, describeSuggest(year.state), yearShot);
  });

  it('the list comes back when hits return after a prefix with none ("[@author:hennessy")', async () => {
    const w = window();
    const trace: string[] = [];
    // Key by key, noting what the writer sees after each key (timing-dependent, so only reported).
    const typeKeys = async (keys: string): Promise<void> => {
      for (const key of keys) {
        await w.type(key);
        const now = await w.suggest();
        trace.push(`${key} → ${now.visible ? `${now.rows.length} rows` : 'closed'}`);
      }
    };
    await w.type('The Hub’s strategy ');
    // "[@auth" to "[@author" match nothing; from "[@author:he" on, Hennessy's works come first again.
    await typeKeys('[@author:he');
    const back = await w.waitForSuggest((s) => labels(s)[0]?.startsWith('hennessy') ?? false);
    const backShot = await w.screenshot('typed [@author:he');
    expectOnScreen(back.accepted, 'the suggest widget back at "[@author:he", without Ctrl+Space, a Hennessy entry first',
      `${describeSuggest(back.state)}; key by key: ${trace.join(', ')}`, backShot);

    await typeKeys('nnessy');
    // Hennessy's own works (first author) before works Hennessy co-wrote.
    const byHennessy = bibKeys(HUB_BLOG['hub-outputs.bib'], /^hennessy/);
    const end = await w.waitForSuggest((s) => byHennessy.every((k) => labels(s).slice(0, byHennessy.length).includes(k)));
    const endShot = await w.screenshot('typed [@author:hennessy');
    expectOnScreen(end.accepted, `the suggest widget listing ${byHennessy.join(', ')} first at "[@author:hennessy"`,
      `${describeSuggest(end.state)}; key by key: ${trace.join(', ')}`, endShot);
  });
});

describe('workbench: completion in a Pandoc paper', function () {
  const window = useWorkbench('completion-moderndive', MODERNDIVE, 'paper.md');

  it('"[@R-gg" lists R-ggplot2 first', async () => {
    const w = window();
    await w.newParagraphAtEnd();
    await w.type('Plots are drawn with [@R-gg');
    const { state, accepted } = await w.waitForSuggest((s) => labels(s)[0] === 'R-ggplot2');
    const shot = await w.screenshot('typed [@R-gg');
    const requested = accepted ? '' : `; with Ctrl+Space: ${describeSuggest(await w.suggestOnRequest())}`;
    expectOnScreen(accepted, 'the suggest widget with R-ggplot2 as its first row', describeSuggest(state) + requested, shot);
  });
});
