import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { BibliographyCache, type CacheFiles } from '../../../../src/core/bibliography/store/bibliographyCache';
import { loadBibliographyFile } from '../../../../src/core/bibliography/store/loadFile';
import { contentOf, hubFixture, newCache, newStore } from '../fixtures';
import { collectingLog } from '../../collectingLog';

/**
 * A cache that cannot be written (its folder read-only or blocked, the disk full half-way through a
 * slot) must not fail a load or leave part of a slot behind: loads go on without it, and the log says
 * so once. (Tests run as root, for whom a read-only mode does not stop writes: the failures are a file
 * where the folder should be, and the cache's file-writing seam failing as the file system would.)
 */

/** Writes as the file system does, except for files `fails` picks: half of the bytes, then ENOSPC (a disk that filled up). */
function diskFullWhile(fails: (file: string) => boolean): CacheFiles & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async writeFile(file, chunks) {
      calls.push(file);
      if (!fails(file)) return writeFile(file, chunks);
      const all = Buffer.concat([...chunks]);
      await writeFile(file, all.subarray(0, all.length >> 1));
      throw Object.assign(new Error(`ENOSPC: no space left on device, write '${file}'`), { code: 'ENOSPC' });
    },
  };
}

/** Fails every write at once, as a read-only file system does. */
const readOnly: CacheFiles = {
  writeFile: (file) => Promise.reject(Object.assign(new Error(`EROFS: read-only file system, open '${file}'`), { code: 'EROFS' })),
};

describe('bibliography/store: a cache that cannot be written', () => {
  let dir: string;
  let bib: string;
  let cacheDir: string;
  let text: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cache-write-'));
    bib = path.join(dir, 'hub-outputs.bib');
    cacheDir = path.join(dir, 'cache');
    copyFileSync(hubFixture('hub-outputs.bib'), bib);
    text = readFileSync(bib, 'utf8');
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const edit = (i: number): void => writeFileSync(bib, text.replace('Randomised Controlled Trial', `Trial ${i}`));
  const cacheLines = (lines: string[]): string[] => lines.filter((l) => /Cannot write the bibliography cache/.test(l));

  it('a file where the cache folder should be: every load works, the log says so once', async () => {
    const blocked = path.join(dir, 'blocked');
    writeFileSync(blocked, 'not a folder');
    const lines: string[] = [];
    const cache = new BibliographyCache(path.join(blocked, 'cache'), newStore(), { log: collectingLog(lines) });
    for (let i = 0; i < 3; i++) {
      edit(i);
      const { loaded, fromCache } = await cache.load(bib);
      await cache.flushWrites();
      assert.equal(fromCache, false);
      assert.deepEqual(contentOf(loaded), contentOf(await loadBibliographyFile(bib)));
    }
    assert.equal(cacheLines(lines).length, 1, lines.join(' | '));
    assert.match(cacheLines(lines)[0]!, /blocked.cache \((ENOTDIR|EEXIST)\): working without it/);
  });

  it('a read-only cache folder: loads work, nothing is left in it, the log says so once and no write is tried again', async () => {
    const lines: string[] = [];
    const tried: string[] = [];
    const cache = new BibliographyCache(cacheDir, newStore(), { log: collectingLog(lines), files: { writeFile: (file, chunks) => (tried.push(file), readOnly.writeFile(file, chunks)) } });
    for (let i = 0; i < 3; i++) {
      edit(i);
      assert.equal((await cache.load(bib)).loaded.entries.length, 161);
      await cache.flushWrites();
    }
    assert.equal(cacheLines(lines).length, 1, lines.join(' | '));
    assert.match(cacheLines(lines)[0]!, /\(EROFS\)/);
    assert.equal(tried.length, 1, 'after the first failure the cache is not written again');
    assert.deepEqual(readdirSync(cacheDir), []);
  });

  it('the disk full half-way through a first slot: no partial slot, temp file or copy is left; the load equals a fresh parse', async () => {
    const lines: string[] = [];
    const files = diskFullWhile((file) => /\.pack\.\d+\.\d+\.tmp$/.test(file));
    const cache = new BibliographyCache(cacheDir, newStore(), { log: collectingLog(lines), files });
    const { loaded } = await cache.load(bib);
    await cache.flushWrites();
    assert.deepEqual(contentOf(loaded), contentOf(await loadBibliographyFile(bib)));
    assert.equal(files.calls.length, 2, 'the copy of the bytes, then the slot, were written');
    assert.deepEqual(readdirSync(cacheDir), [], 'nothing of the failed slot is left');
    assert.equal(cacheLines(lines).length, 1);
    assert.match(cacheLines(lines)[0]!, /\(ENOSPC\)/);
    edit(1);
    assert.equal((await cache.load(bib)).loaded.entries.length, 161);
    await cache.flushWrites();
    assert.equal(cacheLines(lines).length, 1, 'said once');
  });

  it('the disk full half-way through rewriting a slot after an edit: the old slot is left whole, and still serves the old bytes', async () => {
    const first = newCache(cacheDir);
    await first.load(bib);
    await first.flushWrites();
    const slotName = readdirSync(cacheDir).find((f) => f.endsWith('.pack'))!;
    const slotBefore = readFileSync(path.join(cacheDir, slotName));
    const lines: string[] = [];
    const cache = new BibliographyCache(cacheDir, newStore(), { log: collectingLog(lines), files: diskFullWhile((file) => file.includes('.pack.') && !file.includes('.source.')) });
    edit(1);
    const { loaded } = await cache.load(bib);
    await cache.flushWrites(); // the rewrite happens after the load returned
    assert.deepEqual(contentOf(loaded), contentOf(await loadBibliographyFile(bib)));
    assert.equal(cacheLines(lines).length, 1, lines.join(' | '));
    assert.deepEqual(readdirSync(cacheDir), [slotName], 'no temp file, and no copy of bytes the slot was not made from');
    assert.ok(readFileSync(path.join(cacheDir, slotName)).equals(slotBefore), 'the old slot is untouched');
    writeFileSync(bib, text);
    const again = await newCache(cacheDir).load(bib);
    assert.equal(again.fromCache, true, 'the old slot still serves the bytes it was made from');
    assert.deepEqual(contentOf(again.loaded), contentOf(await loadBibliographyFile(bib)));
  });

  it('a write interrupted earlier (a worker killed mid-write): its old temp file is removed before the next write, a young one is left to its writer', async () => {
    mkdirSync(cacheDir, { recursive: true });
    const interrupted = path.join(cacheDir, '4199424f5abce5d130afc150b3d6140f529b090d.pack.4242.1764633600000.tmp');
    const underWay = path.join(cacheDir, '4199424f5abce5d130afc150b3d6140f529b090d.pack.4343.1764640000000.tmp');
    const notOurs = path.join(cacheDir, 'notes.tmp');
    for (const f of [interrupted, underWay, notOurs]) writeFileSync(f, 'half a slot');
    const anHourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(interrupted, anHourAgo, anHourAgo);
    utimesSync(notOurs, anHourAgo, anHourAgo);
    const lines: string[] = [];
    const cache = new BibliographyCache(cacheDir, newStore(), { log: collectingLog(lines) });
    const { loaded } = await cache.load(bib);
    await cache.flushWrites();
    assert.deepEqual(contentOf(loaded), contentOf(await loadBibliographyFile(bib)));
    const left = readdirSync(cacheDir);
    assert.ok(!left.includes(path.basename(interrupted)), `the old temp file is gone: ${left.join(', ')}`);
    assert.ok(left.includes(path.basename(underWay)) && left.includes('notes.tmp'), `a young temp file and a file not of ours stay: ${left.join(', ')}`);
    assert.ok(left.some((f) => f.endsWith('.pack')), 'the slot is written');
    assert.deepEqual(lines.filter((l) => /interrupted write/.test(l)).length, 1, lines.join(' | '));
  });
});
