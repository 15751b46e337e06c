import { strict as assert } from 'node:assert';
import { buildPanelState, type PanelLintResult } from '../../../src/core/panel/panelModel';
import { createNonce, renderPanel, renderPanelBody } from '../../../src/core/panel/renderPanel';
import { lintExample, loadCslEntries, readFixture } from './panelFixtures';
import { HUB_JSON } from '../../sharedFixtures';

const entries = loadCslEntries(HUB_JSON);
const [hostile] = loadCslEntries('hostile-entry.json');
const byKey = new Map(entries.map((e) => [e.key, e]));
const OPTIONS = {
  // What VS Code and code-server give as webview.cspSource.
  cspSource: "'self' https://*.vscode-cdn.net",
  nonce: 'bm9uY2Utbm9uY2Utbm9uY2U=',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/panel.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/panel.css',
};

/** example.md with hostile document text too: a heading and a claim carrying markup. */
const text = readFixture('example.md').replace('# Evidence use', '# Evidence <img src=x onerror=alert(1)> use') +
  '\nTeachers said "<script>alert(1)</script>" is always true.\n';

function hostileState() {
  const lint = lintExample(text, [...entries, hostile]);
  // The hostile entry is also cited, so it shows as a cited work with its detail.
  const cited: PanelLintResult['citations'][number] = {
    citation: { syntax: 'pandoc', span: { start: 0, end: 5 }, items: [{ text: hostile.key, key: hostile.key, span: { start: 1, end: 4 } }] },
    resolved: [[hostile]],
  };
  return buildPanelState({
    document: { uri: 'file:///w/<b>doc</b>.md', name: '<b>doc</b>.md', version: 1, text },
    lint: { ...lint, citations: [...lint.citations, cited] },
    suggest: (_claim, limit) => [hostile, byKey.get('hennessy2022')!, byKey.get('rahman2021')!].slice(0, limit),
    format: (e) => `${e.title} — formatted`,
  });
}

/** The text between tags, decoded the way a browser would (enough for our entities). */
function textContent(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#96;/g, '`')
    .replace(/&amp;/g, '&');
}

describe('panel rendering', () => {
  const html = renderPanel(hostileState(), OPTIONS);

  it('has a strict CSP: nothing by default, our stylesheet, and one nonce-tagged script', () => {
    const csp = textContent(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '');
    assert.ok(csp, 'CSP meta tag present');
    const directives = csp!.split(';').map((d) => d.trim());
    assert.ok(directives.includes("default-src 'none'"));
    assert.ok(directives.includes(`script-src 'nonce-${OPTIONS.nonce}'`));
    assert.ok(directives.includes(`style-src ${OPTIONS.cspSource}`));
    assert.ok(!/unsafe-inline|unsafe-eval|\*(?!\.)/.test(csp!), csp);
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.deepEqual(scripts, [`<script nonce="${OPTIONS.nonce}" src="${OPTIONS.scriptUri}">`]);
    assert.ok(/<script[^>]*><\/script>/.test(html), 'the script element has no inline code');
  });

  it('loads nothing but its own stylesheet and script', () => {
    const loaded = [...html.matchAll(/<(?:script|link|img|iframe|embed|object|source|video|audio)\b[^>]*(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
    assert.deepEqual(loaded.sort(), [OPTIONS.scriptUri, OPTIONS.styleUri].sort());
  });

  it('renders an HTML-laden bibliography entry and document text as text', () => {
    // No element other than the page's own appears; every tag in the page is one the renderer writes.
    const tags = new Set([...html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1].toLowerCase()));
    const allowed = ['html', 'head', 'meta', 'link', 'title', 'body', 'div', 'main', 'h1', 'h2', 'h3', 'p', 'span', 'section', 'dl', 'dt', 'dd', 'ul', 'ol', 'li', 'button', 'svg', 'rect', 'details', 'summary', 'a', 'code', 'script'];
    assert.deepEqual([...tags].filter((t) => !allowed.includes(t)), []);
    assert.ok(!/<img|<iframe|<style|<b>|<b /i.test(html));
    const tagsWithoutValues = [...html.matchAll(/<[a-zA-Z][^>]*>/g)].map((m) => m[0].replace(/"[^"]*"/g, '""'));
    assert.ok(tagsWithoutValues.every((t) => !/\son[a-z]+=/i.test(t)), 'no event-handler attribute in any tag');
    assert.ok(!/href="javascript:/i.test(html));
    // …and the text reads as written.
    const visible = textContent(html);
    assert.ok(visible.includes(hostile.title!), 'hostile title shown as text');
    assert.ok(visible.includes('Evidence <img src=x onerror=alert(1)> use'));
    assert.ok(visible.includes('Teachers said "<script>alert(1)</script>" is always true.'));
    assert.ok(visible.includes('javascript:alert(document.domain)'), 'a non-http URL is shown as plain text');
    assert.ok(html.includes('&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;'));
  });

  it('keeps attribute values inside their quotes', () => {
    // Every data-key attribute decodes back to a key of the state.
    const keys = [...html.matchAll(/data-key="([^"]*)"/g)].map((m) => textContent(m[1]));
    assert.ok(keys.includes(hostile.key));
    assert.ok(keys.every((k) => k === hostile.key || byKey.has(k)), keys.join(','));
  });

  it('shows the coverage figures, section bars and the uncited claims', () => {
    const state = hostileState();
    const body = renderPanelBody(state);
    assert.ok(body.includes(`<dd data-stat="claims">${state.summary.claims}</dd>`));
    assert.ok(body.includes(`<dd data-stat="supported">${state.summary.supported}</dd>`));
    assert.ok(body.includes(`<dd data-stat="coverage">${state.summary.coverage}%</dd>`));
    assert.equal([...body.matchAll(/<svg class="bar"/g)].length, state.sections.length);
    for (const s of state.sections) assert.ok(body.includes(`<rect class="bar-fill" x="0" y="0" width="${s.coverage}" height="6">`));
    assert.equal([...body.matchAll(/class="badge weakest"/g)].length, state.sections.filter((s) => s.weakest).length);
    for (const c of state.uncited) {
      assert.ok(body.includes(`data-action="reveal" data-offset="${c.span.start}"`));
      assert.equal([...body.matchAll(new RegExp(`data-action="insert" data-offset="${c.insertOffset}"`, 'g'))].length, c.suggestions.length);
    }
    assert.ok(body.includes('unknown key'));
  });

  it('makes every control focusable and labelled', () => {
    const body = renderPanelBody(hostileState());
    const controls = [...body.matchAll(/<(button|a)\b([^>]*)>/g)];
    assert.ok(controls.length > 10);
    for (const [, tag, attrs] of controls) {
      if (tag === 'button') assert.match(attrs, /type="button"/);
      else assert.match(attrs, /href="https?:/);
      assert.doesNotMatch(attrs, /tabindex="-1"/);
    }
    assert.ok(body.includes('aria-label="Go to claim: '));
    assert.ok(body.includes('aria-label="Insert citation of '));
  });

  it('renders messages and empty lists', () => {
    const body = renderPanelBody({ kind: 'message', text: 'Open a <b>document</b>' });
    assert.equal(body, '<main class="empty"><p class="message">Open a &lt;b&gt;document&lt;/b&gt;</p></main>');
    const empty = renderPanelBody(
      buildPanelState({ document: { uri: 'u', name: 'n', version: 1, text: '' }, lint: { claims: [], citations: [] }, suggest: () => [], format: () => '' }),
    );
    assert.ok(empty.includes('No claims found.'));
    assert.ok(empty.includes('Every claim cites evidence.'));
    assert.ok(empty.includes('The document cites no works yet.'));
  });

  it('uses a fresh nonce each time', () => {
    const nonces = new Set(Array.from({ length: 20 }, () => createNonce()));
    assert.equal(nonces.size, 20);
    for (const n of nonces) assert.match(n, /^[A-Za-z0-9+/]{22}==$/);
  });
});
