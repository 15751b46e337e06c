import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { actionForMessage, parseWebviewMessage, type WebviewMessage } from '../../../src/core/panel/messages';
import { buildPanelState } from '../../../src/core/panel/panelModel';
import { lintExample, loadCslEntries, readFixture } from './panelFixtures';
import { HUB_JSON } from '../../sharedFixtures';

const entries = loadCslEntries(HUB_JSON);
const byKey = new Map(entries.map((e) => [e.key, e]));
const text = readFixture('example.md');
const state = buildPanelState({
  document: { uri: 'file:///example.md', name: 'example.md', version: 7, text },
  lint: lintExample(text, entries),
  suggest: (_c, limit) => ['hennessy2022', 'chuang2021', 'major2023'].slice(0, limit).map((k) => byKey.get(k)!),
  format: (e) => e.key,
});

function check(raw: unknown) {
  const parsed = parseWebviewMessage(raw);
  return parsed.ok ? actionForMessage(parsed.message, state) : parsed;
}

describe('panel messages', () => {
  it('rejects anything that is not a well-formed message, without throwing', () => {
    const bad: unknown[] = [
      null, 'reveal', 42, [], {}, { type: 'nope' }, { type: 'reveal' }, { type: 'reveal', offset: -1 },
      { type: 'reveal', offset: 1.5 }, { type: 'reveal', offset: '12' }, { type: 'reveal', offset: Number.NaN },
      { type: 'reveal', offset: 2 ** 60 }, { type: 'reveal', offset: 3, version: 'x' },
      { type: 'insert', offset: 10, keys: [] }, { type: 'insert', offset: 10, keys: 'hennessy2022' },
      { type: 'insert', offset: 10, keys: [1] }, { type: 'insert', offset: 10, keys: ['a\nb'] },
      { type: 'insert', offset: 10, keys: Array(11).fill('k') }, { type: 'insert', offset: 10, keys: ['x'.repeat(301)] },
      { type: 'openEntry' }, { type: 'openEntry', key: '' }, { type: 'openEntry', key: {} },
      { type: 'openExternal', url: 5 },
    ];
    for (const raw of bad) assert.equal(parseWebviewMessage(raw).ok, false, JSON.stringify(raw));
    fc.assert(fc.property(fc.anything(), (raw) => { parseWebviewMessage(raw); }), { numRuns: 300 });
  });

  it('reveals only claims and citations the panel listed, selecting their span', () => {
    const claim = state.uncited[1];
    assert.deepEqual(check({ type: 'reveal', offset: claim.span.start }), { ok: true, action: { kind: 'reveal', span: claim.span } });
    const use = state.cited[0].occurrences[0];
    assert.deepEqual(check({ type: 'reveal', offset: use.start }), { ok: true, action: { kind: 'reveal', span: use } });
    assert.equal(check({ type: 'reveal', offset: claim.span.start + 1 }).ok, false);
    assert.equal(check({ type: 'reveal', offset: text.length + 10 }).ok, false);
  });

  it('inserts only suggested keys at a claim insertion point, for the version shown', () => {
    const claim = state.uncited[0];
    const ok = check({ type: 'insert', offset: claim.insertOffset, keys: ['chuang2021'], version: 7 });
    assert.deepEqual(ok, { ok: true, action: { kind: 'insert', offset: claim.insertOffset, keys: ['chuang2021'] } });
    assert.equal(check({ type: 'insert', offset: claim.insertOffset, keys: ['vegas2020'] }).ok, false, 'real key, not suggested');
    assert.equal(check({ type: 'insert', offset: claim.insertOffset, keys: ['nosuchkey'] }).ok, false);
    assert.equal(check({ type: 'insert', offset: claim.insertOffset + 1, keys: ['chuang2021'] }).ok, false);
    const stale = check({ type: 'insert', offset: claim.insertOffset, keys: ['chuang2021'], version: 6 });
    assert.deepEqual(stale, { ok: false, reason: 'the document changed since the panel was drawn' });
  });

  it('opens only entries and links the panel showed', () => {
    const opened = check({ type: 'openEntry', key: 'vegas2020' });
    assert.ok(opened.ok && opened.action.kind === 'openEntry' && opened.action.entry.key === 'vegas2020');
    assert.equal(check({ type: 'openEntry', key: 'hassler2016' }).ok, false, 'in the bibliography but not shown');
    const doi = check({ type: 'openExternal', url: 'https://doi.org/10.5281/zenodo.4140412' });
    assert.deepEqual(doi, { ok: true, action: { kind: 'openExternal', url: 'https://doi.org/10.5281/zenodo.4140412' } });
    assert.equal(check({ type: 'openExternal', url: 'https://evil.example/' }).ok, false);
    assert.equal(check({ type: 'openExternal', url: 'javascript:alert(1)' }).ok, false);
  });

  it('accepts only ready when no document is shown', () => {
    const msgs: WebviewMessage[] = [{ type: 'ready' }, { type: 'reveal', offset: 0 }];
    assert.deepEqual(msgs.map((m) => actionForMessage(m, undefined).ok), [true, false]);
  });
});
