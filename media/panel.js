// Evidence panel script (runs inside the webview; loaded with the page's CSP nonce).
// Turns clicks on [data-action] elements into messages for the extension, and swaps in new content
// when the extension sends it, keeping focus and open details where they were.
// Messages sent: {type:'ready'} | {type:'reveal', offset, version} | {type:'insert', offset, keys, version}
//                | {type:'openEntry', key} | {type:'openExternal', url}
// Message received: {type:'render', html}
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const content = document.getElementById('content');

  function currentVersion() {
    const main = content && content.querySelector('main[data-version]');
    return main ? Number(main.getAttribute('data-version')) : undefined;
  }

  function messageFor(el) {
    const action = el.getAttribute('data-action');
    const offset = Number(el.getAttribute('data-offset'));
    switch (action) {
      case 'reveal':
        return { type: 'reveal', offset: offset, version: currentVersion() };
      case 'insert':
        return { type: 'insert', offset: offset, keys: [el.getAttribute('data-key')], version: currentVersion() };
      case 'openEntry':
        return { type: 'openEntry', key: el.getAttribute('data-key') };
      case 'openExternal':
        return { type: 'openExternal', url: el.getAttribute('data-url') };
      default:
        return undefined;
    }
  }

  // Buttons and links fire 'click' for Enter (and Space on buttons), so one handler covers the keyboard too.
  document.addEventListener('click', function (event) {
    const target = event.target instanceof Element ? event.target.closest('[data-action]') : null;
    if (!target) return;
    const message = messageFor(target);
    if (!message) return;
    event.preventDefault();
    vscode.postMessage(message);
  });

  function openDetailIds() {
    return Array.from(content.querySelectorAll('details[open][data-focus-id]')).map(function (d) {
      return d.getAttribute('data-focus-id');
    });
  }

  function findByFocusId(id) {
    return Array.from(content.querySelectorAll('[data-focus-id]')).find(function (el) {
      return el.getAttribute('data-focus-id') === id;
    });
  }

  function restoreOpenDetails(ids) {
    (ids || []).forEach(function (id) {
      const el = findByFocusId(id);
      if (el && el.tagName === 'DETAILS') el.open = true;
    });
  }

  function rememberState() {
    vscode.setState({ open: openDetailIds() });
  }

  content.addEventListener('toggle', rememberState, true);

  window.addEventListener('message', function (event) {
    const message = event.data;
    if (!message || message.type !== 'render' || typeof message.html !== 'string') return;
    const active = document.activeElement;
    const focusId = active && content.contains(active) ? active.getAttribute('data-focus-id') : null;
    const open = openDetailIds();
    const scrollY = window.scrollY;
    // The HTML comes from the extension's renderer, which escapes all document and bibliography
    // text; the CSP forbids inline scripts and handlers in any case.
    content.innerHTML = message.html;
    restoreOpenDetails(open);
    if (focusId) {
      const el = findByFocusId(focusId);
      if (el && typeof el.focus === 'function') el.focus();
    }
    window.scrollTo(0, scrollY);
    rememberState();
  });

  const saved = vscode.getState();
  if (saved && Array.isArray(saved.open)) restoreOpenDetails(saved.open);
  vscode.postMessage({ type: 'ready' });
})();
