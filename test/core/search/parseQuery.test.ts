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
  it('leaves out the wording of a citation between names: et al., and', () => {
    assert.deepEqual(parseQuery('Haßler et al. 2019').free.map((t) => t.text), ['hassler', '2019']);
    assert.deepEqual(parseQuery('Castillo, et al., 2015').free.map((t) => t.text), ['castillo', '2015']);
    assert.deepEqual(parseQuery('Major and Francis 2020').free.map((t) => t.text), ['major', 'francis', '2020']);
    assert.equal(parseQuery('Haßler et al. 2019').keyText, 'hassler2019');
    assert.deepEqual(parseQuery('and').free.map((t) => t.text), ['and'], 'alone, "and" may start Anderson');
    assert.deepEqual(parseQuery('smith and').free.map((t) => t.text), ['smith', 'and'], 'last, too');
    assert.deepEqual(parseQuery('et').free.map((t) => t.text), ['et']);
  });
  it('says whether the free part is one chunk, as a key is typed', () => {
    assert.equal(parseQuery('R-gg').oneChunk, true);
    assert.equal(parseQuery('leisch 2000').oneChunk, false);
    assert.equal(parseQuery('gg year:2019').oneChunk, true);
  });
});
