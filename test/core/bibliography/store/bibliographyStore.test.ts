import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { BibliographyIndex } from '../../../../src/core/bibliography/index/bibliographyIndex';
import { ComposedColumns, parsedAnew } from '../../../../src/core/bibliography/store/composedColumns';
import { loadBibliographyFile } from '../../../../src/core/bibliography/store/loadFile';
import { PackedColumns } from '../../../../src/core/bibliography/store/packedFile';
import { CitationSearch } from '../../../../src/core/search/citationSearch';
import type { LoadedFile } from '../../../../src/core/types';
import { BibliographyStore } from '../../../../src/core/bibliography/store/bibliographyStore';
import { garbageCollector } from '../../../../src/core/memory/garbageCollector';
import { searchIndexer } from '../../../../src/core/search/searchIndexer';
import { contentOf, hubFixture, newStore } from '../fixtures';

/** A garbage collection now (tests run without --expose-gc). */
const collectGarbage = garbageCollector();

describe('bibliography/store/BibliographyStore', () => {
  let dir: string;
  let bib: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'bib-store-'));
    bib = path.join(dir, 'hub.bib');
    writeFileSync(bib, readFileSync(hubFixture('hub-outputs.bib')));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a loaded file comes with its columns; a copy with other problems keeps them (they are values, not keyed by the entry list)', async () => {
    const loaded = await newStore().load(bib);
    assert.ok(loaded.columns, 'the store sets the columns');
    assert.equal(loaded.columns.size, loaded.entries.length);
    assert.equal(loaded.columns.keyAt(3), loaded.entries[3]!.key);
    const copy: LoadedFile = { ...loaded, problems: [] };
    assert.equal(copy.columns, loaded.columns);
    assert.deepEqual(BibliographyIndex.fromFiles([copy]).entries, BibliographyIndex.fromFiles([loaded]).entries);
  });

  it('a pack opens as the same file, with the pack’s columns and the search index it was packed with', async () => {
    const store = newStore();
    const loaded = await store.load(bib);
    const { pack, loaded: packed } = store.pack(loaded);
    assert.ok(packed.searchIndex, 'packing gives the file its search index');
    const opened = newStore().openPack(pack, bib);
    assert.ok(opened.columns instanceof PackedColumns);
    assert.ok(opened.searchIndex);
    assert.deepEqual(contentOf(opened), contentOf(loaded));
    assert.deepEqual([...opened.searchIndex.tokens], [...packed.searchIndex.tokens]);
    // The search reads the index the file came with (no store needed): same hits as one built anew.
    const fromPack = await CitationSearch.forIndex(BibliographyIndex.fromFiles([opened]));
    const built = new CitationSearch(loaded.entries);
    for (const q of ['hennessy 2021', 'teacher', 'digitl']) assert.deepEqual(fromPack.search(q, 10).map((h) => h.entry.key), built.search(q, 10).map((h) => h.entry.key), q);
  });

  it('after packing, a re-read reuses the pack’s rows and equals a fresh parse; another store knows nothing of it', async () => {
    const store = newStore();
    store.pack(await store.load(bib));
    const text = readFileSync(bib, 'utf8');
    writeFileSync(bib, text.replace('title = {{Randomised Controlled Trial Protocol:', 'title = {{Edited Protocol:'));
    const again = await store.load(bib);
    assert.ok(again.columns instanceof ComposedColumns);
    assert.deepEqual(parsedAnew(again), ['major2023']);
    assert.deepEqual(contentOf(again), contentOf(await loadBibliographyFile(bib)));
    assert.equal(parsedAnew(await newStore().load(bib)), undefined, 'a fresh store parses the whole file');
  });

  it('a store that reads files once (the CLI) gives the same entries and problems, and keeps nothing to re-read them', async () => {
    const big = path.join(__dirname, '../../../fixtures/bibliography/big/gsa_oes_matching_guide_big.bib');
    const once = new BibliographyStore({ searchIndexer, readsOnce: true });
    // The real 6k library has @string macros, a crossref and curly quotes (its text is two-byte), the Hub's none of these.
    for (const file of [big, bib]) {
      const bytes = readFileSync(file);
      assert.deepEqual(contentOf(once.parseBytes(bytes, file).loaded), contentOf(newStore().parseBytes(bytes, file).loaded), file);
    }
    once.pack(await once.load(bib), { bytes: readFileSync(bib) });
    writeFileSync(bib, readFileSync(bib, 'utf8').replace('title = {{Randomised Controlled Trial Protocol:', 'title = {{Edited Protocol:'));
    assert.equal(once.spliceEdit(bib, readFileSync(bib)), undefined, 'nothing to splice onto');
    assert.equal(parsedAnew(await once.load(bib)), undefined, 'the whole file is parsed again');
  });

  it('an edit is spliced onto the last pack made from the file’s bytes, and the next one onto that', () => {
    const store = newStore();
    const bytes = readFileSync(bib);
    const { loaded, sourceMap } = store.parseBytes(bytes, bib);
    assert.ok(sourceMap, 'plain UTF-8 BibTeX has a source map');
    store.pack(loaded, { bytes, sourceMap });
    const text = bytes.toString('utf8');
    const first = Buffer.from(text.replace('title = {{Randomised Controlled Trial Protocol:', 'title = {{Edited Protocol:'));
    const spliced = store.spliceEdit(bib, first);
    assert.ok(spliced);
    assert.deepEqual(parsedAnew(spliced.file), ['major2023']);
    store.pack(spliced.file, { bytes: first, sourceMap: spliced.sourceMap, keyCounts: spliced.keyCounts });
    assert.equal(store.spliceEdit(bib, first), undefined, 'the bytes of the last pack: nothing to splice');
    const second = Buffer.from(first.toString('utf8').replace('Edited Protocol:', 'Edited Twice:'));
    const again = store.spliceEdit(bib, second);
    assert.ok(again);
    assert.deepEqual(parsedAnew(again.file), ['major2023']);
    writeFileSync(bib, second);
    return loadBibliographyFile(bib).then((fresh) => assert.deepEqual(contentOf(again.file), contentOf(fresh)));
  });

  it('remembering a pack does not keep the parse it was made from (50,000 built entries would stay alive)', async () => {
    const store = newStore();
    const bytes = readFileSync(bib);
    const collected = await (async () => {
      const { loaded, sourceMap } = store.parseBytes(bytes, bib);
      store.pack(loaded, { bytes, sourceMap });
      return new WeakRef(loaded.entries);
    })();
    // WeakRefs are kept until the job that made them ends; then a collection must free the entries.
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    assert.equal(collected.deref(), undefined);
    assert.ok(store.splicePoint(bib)?.pack(), 'the pack itself is what is remembered');
  });
});

describe('bibliography/store: entries of an opened pack', () => {
  it('are built when read, the same object while something holds one, and not kept once nothing does', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bib-store-entries-'));
    try {
      const bib = path.join(dir, 'hub.bib');
      writeFileSync(bib, readFileSync(hubFixture('hub-outputs.bib')));
      const store = newStore();
      const opened = store.openPack(store.pack(await store.load(bib)).pack, bib);
      const index = BibliographyIndex.fromFiles([opened]);
      const held = opened.entries[3]!;
      assert.equal(opened.entries[3], held);
      assert.equal(index.get(held.key), held, 'the index gives the object held');
      const dropped = new WeakRef(opened.entries[5]!);
      const key = dropped.deref()!.key;
      await new Promise((resolve) => setImmediate(resolve)); // (a WeakRef keeps its target until the job ends)
      collectGarbage();
      assert.equal(dropped.deref(), undefined, 'an entry nothing holds was kept');
      assert.equal(index.get(key)?.key, key, 'built again when read again');
      assert.equal(opened.entries[3], held);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
