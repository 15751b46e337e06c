/**
 * The Evidence panel's message protocol, and its validation. The webview is treated as untrusted:
 * every message is checked for shape and types, then against the state the panel last showed
 * (an offset must be one the panel offered, a key one it listed, a URL one it linked to).
 *
 * Webview → extension:
 *   {type:'ready'}                                     the page (re)loaded
 *   {type:'reveal', offset, version?}                  select and reveal the claim / citation at offset
 *   {type:'insert', offset, keys, version?}            cite `keys` at a claim's insertion point
 *   {type:'openEntry', key}                            open the entry in its bibliography file
 *   {type:'openExternal', url}                         open an entry's DOI / URL in the browser
 * Extension → webview:
 *   {type:'render', html}                              replace the panel's content
 */
import { safeExternalUrl } from './escapeHtml';
import type { EntryView, PanelState } from './panelModel';
import type { Span } from '../types';

export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'reveal'; readonly offset: number; readonly version?: number }
  | { readonly type: 'insert'; readonly offset: number; readonly keys: readonly string[]; readonly version?: number }
  | { readonly type: 'openEntry'; readonly key: string }
  | { readonly type: 'openExternal'; readonly url: string };

export type ParsedMessage = { readonly ok: true; readonly message: WebviewMessage } | { readonly ok: false; readonly reason: string };

const MAX_KEY_LENGTH = 300;
const MAX_KEYS = 10;
const MAX_URL_LENGTH = 2048;

/** Checks a raw message's shape and field types; never throws. */
export function parseWebviewMessage(raw: unknown): ParsedMessage {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('message is not an object');
  const m = raw as Record<string, unknown>;
  const version = m.version;
  if (version !== undefined && !isOffset(version)) return fail('version is not a non-negative integer');
  switch (m.type) {
    case 'ready':
      return ok({ type: 'ready' });
    case 'reveal':
      if (!isOffset(m.offset)) return fail('offset is not a non-negative integer');
      return ok({ type: 'reveal', offset: m.offset, version: version as number | undefined });
    case 'insert': {
      if (!isOffset(m.offset)) return fail('offset is not a non-negative integer');
      const keys = m.keys;
      if (!Array.isArray(keys) || keys.length === 0 || keys.length > MAX_KEYS) return fail(`keys is not a list of 1 to ${MAX_KEYS} keys`);
      if (!keys.every(isKey)) return fail('keys contains something that is not a citation key');
      return ok({ type: 'insert', offset: m.offset, keys: [...keys], version: version as number | undefined });
    }
    case 'openEntry':
      if (!isKey(m.key)) return fail('key is not a citation key');
      return ok({ type: 'openEntry', key: m.key });
    case 'openExternal':
      if (typeof m.url !== 'string' || m.url.length > MAX_URL_LENGTH) return fail('url is not a string');
      return ok({ type: 'openExternal', url: m.url });
    default:
      return fail(`unknown message type ${JSON.stringify(String(m.type)).slice(0, 40)}`);
  }
}

/** What the extension should do for a message, once checked against the panel's state. */
export type PanelAction =
  | { readonly kind: 'ready' }
  | { readonly kind: 'reveal'; readonly span: Span }
  | { readonly kind: 'insert'; readonly offset: number; readonly keys: readonly string[] }
  | { readonly kind: 'openEntry'; readonly entry: EntryView }
  | { readonly kind: 'openExternal'; readonly url: string };

export type CheckedAction = { readonly ok: true; readonly action: PanelAction } | { readonly ok: false; readonly reason: string };

/**
 * Checks a parsed message against the state the panel showed. `state` undefined means the panel
 * shows no document, so only 'ready' is acceptable.
 */
export function actionForMessage(message: WebviewMessage, state: PanelState | undefined): CheckedAction {
  if (message.type === 'ready') return { ok: true, action: { kind: 'ready' } };
  if (!state) return { ok: false, reason: 'the panel shows no document' };
  switch (message.type) {
    case 'reveal': {
      const span = revealTargets(state).get(message.offset);
      if (!span) return { ok: false, reason: `offset ${message.offset} is not a claim or citation the panel listed` };
      return { ok: true, action: { kind: 'reveal', span } };
    }
    case 'insert': {
      if (message.version !== undefined && message.version !== state.document.version) {
        return { ok: false, reason: 'the document changed since the panel was drawn' };
      }
      const claim = state.uncited.find((c) => c.insertOffset === message.offset);
      if (!claim) return { ok: false, reason: `offset ${message.offset} is not an uncited claim's insertion point` };
      const offered = new Set(claim.suggestions.map((s) => s.key));
      const unknown = message.keys.filter((k) => !offered.has(k));
      if (unknown.length) return { ok: false, reason: `key ${unknown[0]} was not suggested for this claim` };
      return { ok: true, action: { kind: 'insert', offset: claim.insertOffset, keys: message.keys } };
    }
    case 'openEntry': {
      const entry = entriesOf(state).get(message.key);
      if (!entry) return { ok: false, reason: `key ${message.key} is not an entry the panel listed` };
      return { ok: true, action: { kind: 'openEntry', entry } };
    }
    case 'openExternal': {
      const url = safeExternalUrl(message.url);
      if (!url || !linksOf(state).has(url)) return { ok: false, reason: 'url is not a link the panel showed' };
      return { ok: true, action: { kind: 'openExternal', url } };
    }
  }
}

/** Offsets the panel offers to reveal (claims and citation occurrences) with the span to select. */
function revealTargets(state: PanelState): Map<number, Span> {
  const targets = new Map<number, Span>();
  for (const work of state.cited) for (const span of work.occurrences) targets.set(span.start, span);
  for (const c of state.leastRelated) targets.set(c.span.start, c.span);
  for (const claim of state.weaklySupported) targets.set(claim.span.start, claim.span);
  // Claims win over citations starting at the same offset: they are what the user clicked on more often.
  for (const claim of state.uncited) targets.set(claim.span.start, claim.span);
  return targets;
}

/** Every entry the panel shows (suggestions, cited works, ambiguous candidates), by key. */
export function entriesOf(state: PanelState): Map<string, EntryView> {
  const entries = new Map<string, EntryView>();
  for (const claim of state.uncited) for (const e of claim.suggestions) entries.set(e.key, e);
  for (const work of state.cited) {
    if (work.entry) entries.set(work.entry.key, work.entry);
    for (const e of work.candidates ?? []) entries.set(e.key, e);
  }
  return entries;
}

function linksOf(state: PanelState): Set<string> {
  const links = new Set<string>();
  for (const entry of entriesOf(state).values()) {
    for (const url of [safeExternalUrl(entry.doiUrl), safeExternalUrl(entry.url)]) if (url) links.add(url);
  }
  return links;
}

function isOffset(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isKey(value: unknown): value is string {
  // Keys are printable (a CSL-JSON id may in principle contain a space, so that is allowed).
  return typeof value === 'string' && value.trim().length > 0 && value.length <= MAX_KEY_LENGTH && !/[\u0000-\u001F\u007F]/.test(value);
}

function ok(message: WebviewMessage): ParsedMessage {
  return { ok: true, message };
}

function fail(reason: string): ParsedMessage {
  return { ok: false, reason };
}
