/**
 * The Evidence panel in the real workbench (a webview: an iframe in an iframe): its stylesheet
 * applies, and the browser reports no Content Security Policy violation.
 */
import { HUB_BLOG } from './fixtures';
import { expectOnScreen, useWorkbench } from './harness/suite';

interface StyleCheck {
  readonly element: string;
  readonly property: string;
  readonly styled: string;
  /** The same element with every author style reverted: what the browser alone would show. */
  readonly browserDefault: string;
}

describe('workbench: Evidence panel', function () {
  const window = useWorkbench('panel-hub', HUB_BLOG, 'blog.md');
  let shot = '';

  before(async function () {
    this.timeout(120_000);
    const w = window();
    await w.runCommand('Evidence: Show Evidence Panel');
    await w.webview().locator('button').first().waitFor({ timeout: 30_000 });
    shot = await w.screenshot('Evidence panel');
  });

  it('styles its buttons and coverage bars (not the browser defaults)', async () => {
    const panel = window().webview();
    // Each element beside a clone of itself with `all: revert` (set through the CSSOM, which the CSP allows).
    const compare = (elements: Element[], property: 'backgroundColor' | 'fill'): StyleCheck[] =>
      elements.map((element) => {
        const plain = element.cloneNode(true) as HTMLElement;
        plain.style.setProperty('all', 'revert');
        element.after(plain);
        const result = {
          element: `<${element.tagName.toLowerCase()} class="${element.getAttribute('class') ?? ''}">${(element.textContent ?? '').trim().slice(0, 30)}`,
          property,
          styled: getComputedStyle(element)[property],
          browserDefault: getComputedStyle(plain)[property],
        };
        plain.remove();
        return result;
      });
    const checks: StyleCheck[] = [
      ...(await panel.locator('button').evaluateAll(compare, 'backgroundColor' as const)),
      ...(await panel.locator('svg rect').evaluateAll(compare, 'fill' as const)),
    ];
    const unstyled = checks.filter((c) => c.styled === c.browserDefault);
    expectOnScreen(checks.length > 0 && unstyled.length === 0,
      'every button and coverage bar styled by the panel (its colours differ from the browser defaults)',
      checks.length === 0 ? 'no buttons or bars' : `${unstyled.length} of ${checks.length} unstyled, e.g. ${unstyled.slice(0, 3).map((c) => `${c.element} ${c.property} ${c.styled}`).join('; ')}`, shot);
  });

  it('loads without a Content Security Policy violation in the console', async () => {
    const violations = window().cspViolations();
    expectOnScreen(violations.length === 0, 'no CSP violation reported by any frame', violations.join('\n        ') || 'none', shot);
  });
});
