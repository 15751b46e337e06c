/**
 * A Hub draft with the Hub Zotero plugin's tagged cites (⟦zg:2405685:KEY|Author, Year⟧), as a writer
 * meets it: the hover names the work and what kind of evidence it is, and Convert Citations… turns
 * every Zotero form into the Hub's published ⇡ form, linked to its library page, as one edit that one
 * Undo takes back; Insert Reference List writes the works cited, formatted.
 */
import { fixtureText, ZOTERO_DRAFT } from './fixtures';
import { expectOnScreen, useWorkbench } from './harness/suite';
import { lineColumnAt } from './harness/workbench';
import { waitUntil } from './harness/waitUntil';

describe('workbench: a draft with Zotero citations', function () {
  const window = useWorkbench('zotero-draft', ZOTERO_DRAFT, 'draft.md');
  const text = fixtureText(ZOTERO_DRAFT['draft.md']);

  it('hovers a tagged cite with its reference and the kind of evidence', async () => {
    const w = window();
    const { line, column } = lineColumnAt(text, text.indexOf('zg:2405685:BVXSZ7G4|Watson') + 4);
    await w.goTo(line, column);
    const hover = await w.hoverAtCursor();
    const shot = await w.screenshot('hover on a tagged cite');
    expectOnScreen(hover !== undefined && /Watson/.test(hover) && /McIntyre/.test(hover) && /EdTech Hub output/i.test(hover),
      'a hover naming Watson & McIntyre (2020) and saying it is an EdTech Hub output', hover === undefined ? 'no hover' : JSON.stringify(hover), shot);
    await w.press('Escape');
  });

  it('Convert Citations… → the Hub form: tagged cites become linked ⇡ citations, and one Undo restores the draft', async () => {
    const w = window();
    const narrative = 'show, educational';
    const grouped = 'Radio and television reached';
    const messaging = 'Messaging apps kept';
    const before = await w.lineContaining(narrative);
    expectOnScreen(before?.includes('⟦zg:2405685:BVXSZ7G4') === true, 'the narrative tagged cite as written', JSON.stringify(before), await w.screenshot('before converting'));
    await w.runCommand('Evidence: Convert Citations…');
    await w.quickInputReady();
    await waitUntil('the targets to be offered', async () => (await w.quickInputRows()).some((r) => r.startsWith('To the Hub form')));
    await w.type('Hub form');
    await w.press('Enter');
    const converted = await waitUntil('the tagged cite converted', async () => {
      const l = await w.lineContaining(narrative);
      return l && !l.includes('⟦') ? l : undefined;
    }, 10_000).catch(() => w.lineContaining(narrative));
    const shot = await w.screenshot('converted to the Hub form');
    expectOnScreen(converted?.includes('As [⇡Watson & McIntyre (2020)](https://docs.edtechhub.org/lib/BVXSZ7G4) show') === true,
      'the narrative cite as the Hub publishes it: "As [⇡Watson & McIntyre (2020)](https://docs.edtechhub.org/lib/BVXSZ7G4) show"', JSON.stringify(converted), shot);
    const group = await w.lineContaining(grouped);
    expectOnScreen(group?.includes('([⇡Haßler, et al., 2020](https://docs.edtechhub.org/lib/IA9PL99D);') === true && group.includes('lib/YMWE6FR6') && !group.includes(narrative),
      'the grouped cite converted too, each work linked to its library page: "([⇡Haßler, et al., 2020](https://docs.edtechhub.org/lib/IA9PL99D); …"', JSON.stringify(group), shot);

    await w.press('Control+Z');
    const undone = await waitUntil('one Undo to restore the tagged cites', async () => {
      const l = await w.lineContaining(narrative);
      const m = await w.lineContaining(messaging);
      return l?.includes('⟦zg:2405685:BVXSZ7G4') && m?.includes('⟦zg:2405685:XHBPFYVC') ? l : undefined;
    }, 5_000).catch(() => undefined);
    expectOnScreen(undone !== undefined, 'the tagged cites of both lines back as written after one Undo (the conversion is one edit)',
      `${JSON.stringify(await w.lineContaining(narrative))} / ${JSON.stringify(await w.lineContaining(messaging))}`, await w.screenshot('after one undo'));
  });

  it('Insert Reference List puts the cited works, formatted, at the cursor between marker comments', async () => {
    const w = window();
    await w.newParagraphAtEnd();
    await w.runCommand('Evidence: Insert Reference List');
    const start = await waitUntil('the list\'s opening marker', async () => w.lineContaining('<!-- evidence-lint-references -->'), 10_000).catch(() => undefined);
    await w.press('Control+End');
    const end = await waitUntil('the list\'s closing marker', async () => w.lineContaining('<!-- /evidence-lint-references -->'), 5_000).catch(() => undefined);
    expectOnScreen(start !== undefined && end !== undefined, 'the list between its marker comments (so that it is refreshed in place next time)',
      `start ${JSON.stringify(start)}, end ${JSON.stringify(end)}`, await w.screenshot('reference list inserted'));
    // Find (Ctrl+F) scrolls the editor to the entry, as a writer would look for it.
    await w.press('Control+F');
    await w.type('Watson, J., & McIntyre');
    await w.press('Enter');
    await w.press('Escape');
    const entry = await waitUntil('the reference of Watson & McIntyre (2020) on screen', async () => w.lineContaining('Watson, J., & McIntyre, N. (2020)'), 5_000).catch(() => undefined);
    expectOnScreen(entry !== undefined && /Educational Television/i.test(entry), 'an APA reference "Watson, J., & McIntyre, N. (2020). Educational Television…"', JSON.stringify(entry), await w.screenshot('the Watson reference'));
  });
});
