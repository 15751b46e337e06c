import { strict as assert } from 'node:assert';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { BibliographyCache } from '../../../../src/core/bibliography/store/bibliographyCache';
import { attachLazyCsl, cslIsPending, cslJsonOf } from '../../../../src/core/bibliography/formats/lazyCsl';
import { loadBibliographyFile } from '../../../../src/core/bibliography/store/loadFile';
import type { BibEntry } from '../../../../src/core/types';
import { contentOf, hubFixture, newCache } from '../fixtures';

describe('bibliography/lazyCsl (CSL items parsed on first read after a warm start)', () => {
  let dir: string;
  let cacheDir: string;
  let bib: string;
  let cache: BibliographyCache;
  /** As if the editor restarted: the slot rewrites done, a new cache and store. */
  const restart = async (): Promise<void> => {
    await cache.flushWrites();
    cache = newCache(cacheDir);
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ew-lazycsl-'));
    cacheDir = path.join(dir, 'cache');
    bib = path.join(dir, 'hub.bib');
    copyFileSync(hubFixture('hub-outputs.bib'), bib);
    cache = newCache(cacheDir);
  });

  afterEach(async () => {
    await cache.flushWrites();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a warm load leaves CSL items unparsed until read, then equals a fresh parse', async () => {
    await cache.load(bib);
    await restart();
    const warm = await cache.load(bib);
    assert.equal(warm.fromCache, true);
    assert.ok(warm.loaded.entries.length > 10);
    assert.ok(warm.loaded.entries.every(cslIsPending));
    const fresh = await loadBibliographyFile(bib);
    const first = warm.loaded.entries[0]!;
    assert.deepEqual(first.csl, fresh.entries[0]!.csl);
    assert.equal(cslIsPending(first), false);
    assert.equal(first.csl, first.csl, 'parsed once, then the same object');
    assert.deepEqual(contentOf(warm.loaded), contentOf(fresh));
  });

  it('structured cloning (postMessage to/from the worker) carries the parsed CSL item', async () => {
    await cache.load(bib);
    const warm = await cache.load(bib);
    const entry = warm.loaded.entries.find((e) => e.key === 'major2023') ?? warm.loaded.entries[0]!;
    const cloned = structuredClone(entry);
    assert.deepEqual(cloned.csl, JSON.parse(cslJsonOf(entry)));
    assert.ok(Object.keys(cloned.csl).length > 0);
  });

  it('a slot cut short (its CSL items partly missing) is a miss, not a crash', async () => {
    await cache.load(bib);
    const slot = path.join(cacheDir, readdirSync(cacheDir).find((f) => f.endsWith('.pack'))!);
    const bytes = readFileSync(slot);
    writeFileSync(slot, bytes.subarray(0, bytes.length - 100));
    await restart();
    const again = await cache.load(bib);
    assert.equal(again.fromCache, false);
    assert.deepEqual(contentOf(again.loaded), contentOf(await loadBibliographyFile(bib)));
  });

  it('cslJsonOf gives the source JSON of a lazy entry and serialises an ordinary one', () => {
    const lazy = attachLazyCsl({ key: 'k' } as unknown as BibEntry, '{"title":"T","type":"book"}');
    assert.equal(cslJsonOf(lazy), '{"title":"T","type":"book"}');
    assert.deepEqual(lazy.csl, { title: 'T', type: 'book' });
    const plain = { key: 'p', csl: { title: 'P' } } as unknown as BibEntry;
    assert.equal(cslJsonOf(plain), '{"title":"P"}');
    assert.equal(cslIsPending(plain), false);
  });
});
