import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { ComposedColumns } from '../../../../src/core/bibliography/store/composedColumns';
import { packStretch, parsePacked, type StretchParser } from '../../../../src/core/bibliography/store/packedParse';
import { searchIndexer } from '../../../../src/core/search/searchIndexer';
import type { LoadedFile } from '../../../../src/core/types';
import { fixture, hubFixture, newStore } from '../fixtures';

/**
 * A file packed as it is parsed, in one piece or in two halves, must be the file parsed whole: the
 * same pack, byte for byte (entries, problems, search index), and the same source map. The other
 * thread is stood in for here by the very function it runs, with the request and the answer cloned
 * as a thread's messages are.
 */

const inThisThread: StretchParser = async (request) => structuredClone(packStretch(structuredClone(request), searchIndexer));

const BIG = fixture('big', 'gsa_oes_matching_guide_big.bib');

async function halves(bytes: Uint8Array, file: string, elsewhere: StretchParser = inThisThread) {
  return parsePacked(bytes, file, searchIndexer, { elsewhere, minBytes: 0, halvesMinBytes: 0 });
}

/** The pack a store makes of a parse (its bytes are the whole of what a parse gives). */
function packOf(loaded: LoadedFile): Buffer {
  return newStore().pack(loaded).pack;
}

function assertSameAsWhole(bytes: Uint8Array, file: string, read: NonNullable<Awaited<ReturnType<typeof halves>>>): void {
  const whole = newStore().parseBytes(bytes, file);
  assert.deepEqual(read.loaded.problems, whole.loaded.problems);
  assert.equal(read.loaded.entries.length, whole.loaded.entries.length);
  assert.ok(packOf(read.loaded).equals(packOf(whole.loaded)), 'the same pack as the parse of the whole file');
  assert.deepEqual(read.sourceMap, whole.sourceMap);
  // A file parsed in one piece comes with its own pack: the one a store makes of the whole parse, with its source map.
  if (read.pack) assert.ok(read.pack.equals(newStore().pack(whole.loaded, { sourceMap: whole.sourceMap }).pack), "the piece's pack is the file's, source map and all");
}

describe('parsePacked', () => {
  it('gives the parse of the whole file, in one piece or in halves, for the 6k BibDesk library and the Hub bibliography', async () => {
    for (const file of [BIG, hubFixture('hub-outputs.bib')]) {
      const bytes = readFileSync(file);
      for (const read of [await halves(bytes, file), await parsePacked(bytes, file, searchIndexer, { minBytes: 0 })]) {
        assert.ok(read, `${file} is packed as it is parsed`);
        assert.ok(read.sourceMap, 'with its source map');
        assert.equal(read.pack !== undefined, read.loaded.columns?.size !== undefined && !(read.loaded.columns instanceof ComposedColumns), 'a pack of its own when parsed in one piece');
        assertSameAsWhole(bytes, file, read);
      }
    }
  });

  it('reports broken entries of either half at their lines, as the whole parse does', async () => {
    const broken = ['unclosed-brace.bib', 'missing-key.bib', 'field-errors.bib', 'stray-dollar.bib'].map((name) => readFileSync(fixture('broken', name), 'utf8'));
    const good = readFileSync(hubFixture('hub-outputs.bib'), 'utf8');
    // (Keys renamed: the fixtures share some with each other and the Hub's, and a key in both halves is declined.)
    const renamed = (text: string, n: number): string => text.replace(/^(@\w+\{)([^,\s]+)/gm, `$1$2-${n}`);
    const text = [renamed(broken[0]!, 0), renamed(broken[1]!, 1), good, renamed(broken[2]!, 2), renamed(broken[3]!, 3)].join('\n');
    const bytes = Buffer.from(text);
    const read = await halves(bytes, 'mixed.bib');
    assert.ok(read);
    assert.ok(read.loaded.problems.length >= 4, `problems from both halves: ${read.loaded.problems.length}`);
    const lastLine = text.split('\n').length;
    assert.ok(read.loaded.problems.some((p) => p.location.line > lastLine / 2), 'one in the second half, at its line in the file');
    assertSameAsWhole(bytes, 'mixed.bib', read);
  });

  it('parses the second half here when the other thread cannot (it failed, or its split disagreed)', async () => {
    const bytes = readFileSync(BIG);
    const failing: StretchParser = () => Promise.reject(new Error('the thread died'));
    const disagreeing: StretchParser = async (request) => packStretch({ ...request, chunks: request.chunks + 1 }, searchIndexer);
    for (const elsewhere of [failing, disagreeing]) {
      const read = await halves(bytes, BIG, elsewhere);
      assert.ok(read);
      assertSameAsWhole(bytes, BIG, read);
    }
  });

  it('reads an entry whose crossref names one in the other half with a copy of it (and its own parent)', async () => {
    const good = readFileSync(hubFixture('hub-outputs.bib'), 'utf8');
    const parents = [
      '@book{grandparent, title = {The Series}, publisher = {Hub Press}, year = {2020}, author = {Hennessy, Sara}}',
      '@book{early-parent, title = {The Early Book}, crossref = {grandparent}}',
    ].join('\n');
    const children = [
      '@inbook{late-child, title = {A Late Chapter}, crossref = {early-parent}, pages = {1--9}}',
      '@inbook{late-child-2, title = {Another Chapter}, crossref = {late-parent}}',
      '@book{late-parent, title = {The Late Book}, author = {Wagner, Daniel}, year = {2021}}',
    ].join('\n');
    const early = '@incollection{early-child, title = {An Early Part}, crossref = {late-parent}}';
    // (Enough entries between them for parents and children to be in other batches of the parse, too.)
    const filler = Array.from({ length: 2500 }, (_, i) => `@misc{filler-${i}, title = {Filler ${i}}, year = {2000}}`).join('\n');
    const text = `${parents}\n${early}\n${good}\n${filler}\n${children}\n`;
    const read = await halves(Buffer.from(text), 'crossref.bib');
    assert.ok(read, 'parsed in halves');
    const entries = new Map(read.loaded.entries.map((entry) => [entry.key, entry]));
    assert.equal(entries.get('late-child')?.csl?.publisher, 'Hub Press', 'inherited through the first half\'s parent from its parent');
    assert.equal(entries.get('early-child')?.year, 2021, 'a first-half child of a second-half parent');
    assertSameAsWhole(Buffer.from(text), 'crossref.bib', read);
  });

  it('parses in one thread where the halves cannot be read apart (a key in both), and declines a crossref that is not a key', async () => {
    const good = readFileSync(hubFixture('hub-outputs.bib'), 'utf8');
    const key = /@\w+\{([^,]+),/.exec(good)![1]!;
    const twice = Buffer.from(`${good}\n@misc{${key.toUpperCase()}, title = {The same key again}}\n`);
    const asked: unknown[] = [];
    const read = await halves(twice, 'twice.bib', async (request) => {
      asked.push(request);
      return inThisThread(request);
    });
    assert.ok(read);
    assert.equal(asked.length, 0, 'no half sent to the other thread');
    assertSameAsWhole(twice, 'twice.bib', read);
    const byMacro = `@string{parent = "${key}"}\n${good}\n@incollection{part, title = {A part}, crossref = parent}\n`;
    assert.equal(await halves(Buffer.from(byMacro), 'dependent.bib'), undefined);
  });

  it('declines small files, and files that are not BibTeX', async () => {
    const bytes = readFileSync(hubFixture('hub-outputs.bib'));
    assert.equal(await parsePacked(bytes, 'hub.bib', searchIndexer, { elsewhere: inThisThread }), undefined, 'under 1 MB: parsed whole');
    assert.equal(await halves(readFileSync(hubFixture('hub-outputs.json')), 'hub.json'), undefined);
  });
});
