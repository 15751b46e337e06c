import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { BibliographyIndex } from '../../../src/core/bibliography/index/bibliographyIndex';
import { zoteroItemOf, zoteroItemOfShortId } from '../../../src/core/bibliography/formats/hubKeys';
import { parseBibliographyText } from '../../../src/core/bibliography/formats/parseText';
import { BibliographyStore } from '../../../src/core/bibliography/store/bibliographyStore';
import { searchIndexer } from '../../../src/core/search/searchIndexer';

const ZOTERO = path.join(__dirname, '../../fixtures/zotero');
const load = (name: string) => parseBibliographyText(readFileSync(path.join(ZOTERO, name), 'utf8'), path.join(ZOTERO, name));

describe('Zotero item keys of entries', () => {
  it('a Zotero CSL-JSON id (zotero.org URI) gives every entry its item key', () => {
    const loaded = load('hub-zotero.json');
    assert.equal(loaded.entries.length, 21);
    for (const e of loaded.entries) assert.equal(e.zoteroKey, e.key.slice(-8), e.key);
    const index = BibliographyIndex.fromFiles([loaded]);
    assert.equal(index.byZoteroKey('ia9pl99d')?.title, 'EdTech and COVID-19 response');
  });

  it('a personal library’s fields give it: a zotero://select note, a zotero.org user URI, a zotero-key field', () => {
    const byKey = Object.fromEntries(load('personal.bib').entries.map((e) => [e.key, e.zoteroKey]));
    assert.deepEqual(byKey, { hassler2020: 'IA9PL99D', watson2020: 'BVXSZ7G4', damani2020: 'YMWE6FR6' });
  });

  it('a Hub entry is found by its library key as a Zotero key; a link in running text names another item', () => {
    const hub = BibliographyIndex.fromFiles([load('hub-outputs.bib')]);
    assert.equal(hub.byZoteroKey('CZBRW85R')?.key, 'webb2020');
    assert.equal(hub.byZoteroKey('ZZZZZZZZ'), undefined);
    const text = '@misc{a, title = {A}, note = {cited in zotero://select/items/1_ABCD2345 by others}}\n@misc{b, title = {B}, extra = {Zotero: zotero://select/items/1_WXYZ6789}}\n';
    const [a, b] = parseBibliographyText(text, 'x.bib').entries;
    assert.equal(a!.zoteroKey, undefined);
    assert.equal(b!.zoteroKey, 'WXYZ6789');
  });

  it('survives packing: a cached library still finds entries by Zotero key', () => {
    const loaded = load('personal.bib');
    const store = new BibliographyStore({ searchIndexer });
    const opened = store.openPack(store.pack(loaded).pack, loaded.file);
    const index = BibliographyIndex.fromFiles([opened]);
    assert.equal(index.byZoteroKey('BVXSZ7G4')?.key, 'watson2020');
    assert.equal(index.get('damani2020')?.zoteroKey, 'YMWE6FR6');
  });

  it('reads short ids and URIs', () => {
    assert.deepEqual(zoteroItemOfShortId('zg:2405685:ia9pl99d'), { itemKey: 'IA9PL99D', library: { kind: 'group', id: '2405685' } });
    assert.deepEqual(zoteroItemOfShortId('zu:local:IA9PL99D'), { itemKey: 'IA9PL99D', library: { kind: 'user', id: '0' } });
    assert.equal(zoteroItemOfShortId('zg:2405685:IA9PL99'), undefined);
    assert.equal(zoteroItemOf('no uri here'), undefined);
    assert.deepEqual(zoteroItemOf('x zotero://select/items/IA9PL99D y'), { itemKey: 'IA9PL99D' });
  });
});
