import { strict as assert } from 'node:assert';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseBibliographyText } from '../../../../src/core/bibliography/formats/parseText';
import { BibliographyIndex } from '../../../../src/core/bibliography/index/bibliographyIndex';
import { OpenPackFiles, packSeal } from '../../../../src/core/bibliography/store/binaryPack';
import type { BibliographyStore } from '../../../../src/core/bibliography/store/bibliographyStore';
import { parsedAnew } from '../../../../src/core/bibliography/store/composedColumns';
import { openPackedFile, openPackFile, PackedColumns, readPackHeader, type PackSource } from '../../../../src/core/bibliography/store/packedFile';
import { CitationSearch } from '../../../../src/core/search/citationSearch';
import { TokenIndex } from '../../../../src/core/search/tokenIndex';
import type { LoadedFile } from '../../../../src/core/types';
import { contentOf, fixture, fixtureText, hubFixture, hubText, newStore } from '../fixtures';

/**
 * A pack must be invisible: what is read back equals what was packed (entries, problems, search
 * results), whether the pack is in memory or read from a file a piece at a time, and a pack made
 * incrementally after an edit equals one made from a fresh parse.
 */

const HUB = hubFixture('hub-outputs.bib');

/** A fresh parse (no memory of earlier ones). */
function fresh(text: string, file: string): LoadedFile {
  return contentOf(parseBibliographyText(text, file));
}

/** The search over a file with the search index it came with. */
function searchOf(loaded: LoadedFile): CitationSearch {
  assert.ok(loaded.searchIndex, 'the file comes with its search index');
  return new CitationSearch(loaded.entries, TokenIndex.fromParts(loaded.searchIndex));
}

/** Search results as keys, for comparing two searches over the same entries. */
function results(search: CitationSearch, queries: readonly string[]): string[][] {
  return queries.map((q) => search.search(q, 10).map((h) => h.entry.key));
}

const QUERIES = ['hen', 'selwyn', 'digitl', 'teacher 2021', 'edtech hub', 'author:hennessy', 'year:2023', 'title:learning', 'zz'];

describe('bibliography/store/packedFile', () => {
  let dir: string;
  let store: BibliographyStore;
  const pack = (loaded: LoadedFile, source?: PackSource): Buffer => store.pack(loaded, { source }).pack;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pack-'));
    store = newStore();
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('a packed real library reads back as the same entries, problems and search results', () => {
    const loaded = fresh(hubText('hub-outputs.bib'), HUB);
    const opened = openPackedFile(pack(loaded), HUB).loaded;
    assert.ok(opened.columns instanceof PackedColumns, 'entries are built on demand, from the columns of the pack');
    assert.equal(opened.entries.length, 161);
    assert.deepEqual(contentOf(opened), loaded);
    const a = new CitationSearch(loaded.entries);
    const b = searchOf(opened);
    assert.deepEqual(results(b, QUERIES), results(a, QUERIES));
    assert.ok(results(a, QUERIES).flat().length > 20, 'the queries find something');
  });

  it('keeps problems and relabels them with the path the pack is opened as', () => {
    const broken = fixture('broken', 'stray-dollar.bib');
    const loaded = fresh(fixtureText('broken', 'stray-dollar.bib'), broken);
    assert.ok(loaded.problems.length > 0);
    const opened = openPackedFile(pack(loaded), '/elsewhere/refs.bib').loaded;
    assert.deepEqual(
      opened.problems.map((p) => [p.location.file, p.location.line, p.message]),
      loaded.problems.map((p) => ['/elsewhere/refs.bib', p.location.line, p.message]),
    );
    assert.ok(opened.entries.every((e) => e.location.file === '/elsewhere/refs.bib'));
  });

  it('a pack file is opened by its head; entry details are read from the file when used', () => {
    const loaded = fresh(hubText('hub-outputs.bib'), HUB);
    const packed = pack(loaded, { path: HUB, size: 1, mtimeMs: 2, sha1: 'abc' });
    const slot = path.join(dir, 'hub.pack');
    writeFileSync(slot, Buffer.concat([packed, packSeal(packed)]));
    assert.equal(readPackHeader(packed)?.source?.sha1, 'abc');
    const files = new OpenPackFiles();
    assert.equal(openPackFile(files, slot, HUB, (h) => h.source?.sha1 === 'other'), undefined, 'a refused header reads nothing more');
    const opened = openPackFile(files, slot, HUB)!.loaded;
    rmSync(slot); // an open file keeps its contents: entries are still read from it
    assert.deepEqual(contentOf(opened), loaded);
  });

  it('closeAll closes the files held open once: a tail closed after it does not close the file that got its descriptor since', async () => {
    const packed = pack(fresh(hubText('hub-outputs.bib'), HUB));
    const slot = path.join(dir, 'held.pack');
    writeFileSync(slot, Buffer.concat([packed, packSeal(packed)]));
    const files = new OpenPackFiles();
    const read = await files.readAsync(slot);
    assert.ok(read, 'the slot is read');
    files.closeAll();
    const other = path.join(dir, 'other.txt');
    writeFileSync(other, 'still open');
    const fd = openSync(other, 'r'); // most likely the descriptor the slot had
    try {
      read.close(); // the tail's own close, after closeAll
      await new Promise((resolve) => setTimeout(resolve, 50)); // (a close may run on the thread pool)
      const buffer = Buffer.alloc(10);
      assert.equal(readSync(fd, buffer, 0, 10, 0), 10, 'the other file is still open');
      assert.equal(buffer.toString(), 'still open');
    } finally {
      closeSync(fd);
    }
  });

  it('a truncated or foreign file is refused, not half read', () => {
    const loaded = fresh(hubText('hub-outputs.bib'), HUB);
    const packed = pack(loaded);
    const files = new OpenPackFiles();
    const cut = path.join(dir, 'cut.pack');
    const sealed = Buffer.concat([packed, packSeal(packed)]);
    writeFileSync(cut, sealed.subarray(0, sealed.length - 10));
    assert.throws(() => openPackFile(files, cut, HUB), /cut short/);
    // A bit flipped in the head: the seal no longer matches.
    const flipped = Buffer.from(sealed);
    flipped[flipped.length >> 3]! ^= 0x10;
    writeFileSync(cut, flipped);
    assert.throws(() => openPackFile(files, cut, HUB), /damaged/);
    const foreign = path.join(dir, 'foreign.pack');
    writeFileSync(foreign, '@book{x, title = {not a pack}}');
    assert.throws(() => openPackFile(files, foreign, HUB), /not an Evidence Writer pack/);
    assert.throws(() => openPackedFile(packed.subarray(0, 100), HUB));
  });

  it('after an edit, the pack reuses the other rows and equals a pack of a fresh parse', () => {
    const file = path.join(dir, 'big.bib');
    const big = fixtureText('big', 'gsa_oes_matching_guide_big.bib');
    // Packing the first parse points the store's memory of it at the pack's rows.
    const first = store.parseText(big, file);
    pack(first);

    // One title edited, and two lines added above it (so later entries move).
    const edited = big.replace(/(@\w+\{imbens2015causal,[^@]*?title\s*=\s*\{)/i, '$1Edited: ').replace(/\n@/, '\n\n\n@');
    assert.notEqual(edited, big);
    const again = store.parseText(edited, file);
    const renewed = parsedAnew(again);
    assert.ok(renewed && renewed.includes('imbens2015causal'), 'the edited entry is parsed anew');
    assert.ok(renewed.length < 30, `only the edited entry and never-remembered ones are parsed anew (${renewed.length})`);
    const incremental = openPackedFile(pack(again), file).loaded;

    const reference = fresh(edited, file);
    assert.deepEqual(contentOf(incremental), reference);
    assert.match(incremental.entries.find((e) => e.key === 'imbens2015causal')?.title ?? '', /^Edited: /);
    const a = new CitationSearch(reference.entries);
    const b = searchOf(incremental);
    const queries = [...QUERIES, 'imbens', 'edited causal', 'rubin 1974', 'randomiz', 'causl infrence'];
    assert.deepEqual(results(b, queries), results(a, queries));
  });
});

describe('search/CitationSearch.forIndex (one token index per file)', () => {
  it('over several packed files, a key defined twice is found once, from the first file', () => {
    const store = newStore();
    const hubJson = hubFixture('hub-outputs.json');
    const json = openPackedFile(store.pack(fresh(hubText('hub-outputs.json'), hubJson)).pack, hubJson).loaded;
    const bib = openPackedFile(store.pack(fresh(hubText('hub-outputs.bib'), HUB)).pack, HUB).loaded;
    const index = BibliographyIndex.fromFiles([json, bib]);
    assert.ok(index.problems.some((p) => p.code === 'duplicate-key' && p.location.file === HUB));
    const plain = BibliographyIndex.fromFiles([fresh(hubText('hub-outputs.json'), hubJson), fresh(hubText('hub-outputs.bib'), HUB)]);
    assert.equal(index.size, plain.size);
    const search = CitationSearch.forIndex(index);
    const reference = new CitationSearch(plain.entries);
    for (const q of QUERIES) {
      const hits = search.search(q, 20);
      assert.equal(new Set(hits.map((h) => h.entry.key)).size, hits.length, `no key twice for ${q}`);
      assert.deepEqual(hits.map((h) => [h.entry.key, h.entry.location.file]), reference.search(q, 20).map((h) => [h.entry.key, h.entry.location.file]), q);
    }
  });
});
