import * as assert from 'node:assert/strict';
import { parseQuery } from '../../../src/core/search/parseQuery';

describe('parseQuery', () => {
  it('splits free words and folds them', () => {
    const q = parseQuery('Haßler  2020');
    assert.deepEqual(q.free.map((t) => t.text), ['hassler', '2020']);
    assert.deepEqual(q.filters, []);
    assert.equal(q.keyText, 'hassler2020');
  });
  it('reads field filters, aliases and quoted phrases', () => {
    const q = parseQuery('author:Hennessy y:2021 title:"teacher development" kw:AI rest');
    assert.deepEqual(q.filters, [
      { text: 'hennessy', field: 'author' },
      { text: '2021', field: 'year' },
      { text: 'teacher', field: 'title' },
      { text: 'development', field: 'title' },
      { text: 'ai', field: 'keyword' },
    ]);
    assert.deepEqual(q.free.map((t) => t.text), ['rest']);
  });
  it('treats an unknown prefix as text (keys may contain colons) and drops a leading @', () => {
    const q = parseQuery('@mitcstevraym:1998');
    assert.deepEqual(q.free.map((t) => t.text), ['mitcstevraym', '1998']);
    assert.equal(q.keyText, 'mitcstevraym1998');
  });
  it('keeps a key typed with punctuation as one key text', () => {
    assert.equal(parseQuery('edtechhub-2025_obs').keyText, 'edtechhub2025obs');
  });
});
