import { strict as assert } from 'node:assert';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { BibliographyCache } from '../../../../src/core/bibliography/store/bibliographyCache';
import { parsedAnew } from '../../../../src/core/bibliography/store/composedColumns';
import { loadBibliographyFile } from '../../../../src/core/bibliography/store/loadFile';
import type { LoadedFile } from '../../../../src/core/types';
import { contentOf, hubFixture, newCache } from '../fixtures';
import { BIG_BIB } from '../../../sharedFixtures';

/** A loaded file as plain objects, labelled with `file` (to compare loads of two paths). */
function asFile(loaded: LoadedFile, file: string): unknown {
  return {
    format: loaded.format,
    entries: loaded.entries.map((e) => ({ ...e, location: { ...e.location, file } })),
    problems: loaded.problems.map((p) => ({ ...p, location: { ...p.location, file } })),
  };
}

describe('bibliography/bibliographyCache', () => {
  let dir: string;
  let cacheDir: string;
  let bib: string;
  let cache: BibliographyCache;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'bib-cache-'));
    cacheDir = path.join(dir, 'cache');
    bib = path.join(dir, 'hub-outputs.bib');
    copyFileSync(hubFixture('hub-outputs.bib'), bib);
    cache = newCache(cacheDir);
  });
  afterEach(async () => {
    await cache.flushWrites();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the second load comes from the cache and equals a fresh parse', async () => {
    const first = await cache.load(bib);
    assert.equal(first.fromCache, false);
    // One slot, and beside it a copy of the bytes it was made from (for splicing a later change).
    const files = readdirSync(cacheDir).sort();
    assert.equal(files.length, 2);
    assert.match(files[0]!, /^[0-9a-f]{40}\.pack$/);
    assert.equal(files[1], `${files[0]}.source`);
    assert.deepEqual(readFileSync(path.join(cacheDir, files[1]!)), readFileSync(bib));
    const second = await cache.load(bib);
    assert.equal(second.fromCache, true);
    assert.deepEqual(contentOf(second.loaded), contentOf(await loadBibliographyFile(bib)));
    assert.equal(second.loaded.entries.length, 161);
  });

  it('a content change is seen even when size and mtime stay the same', async () => {
    (await cache.load(bib)).loaded;
    const { mtime, atime } = statSync(bib);
    const text = readFileSync(bib, 'utf8');
    // Same length: rename one key letter for letter.
    const edited = text.replace('@techreport{major2023,', '@techreport{majer2023,');
    assert.equal(edited.length, text.length);
    writeFileSync(bib, edited);
    utimesSync(bib, atime, mtime);
    const after = await cache.load(bib);
    assert.equal(after.fromCache, false);
    assert.ok(after.loaded.entries.some((e) => e.key === 'majer2023'));
    assert.ok(!after.loaded.entries.some((e) => e.key === 'major2023'));
    assert.equal((await cache.load(bib)).fromCache, true, 'the slot was rewritten');
  });

  it('a size change invalidates; a touched but unchanged file still hits', async () => {
    (await cache.load(bib)).loaded;
    const now = new Date();
    utimesSync(bib, now, new Date(now.getTime() + 60_000));
    assert.equal((await cache.load(bib)).fromCache, true);
    writeFileSync(bib, readFileSync(bib, 'utf8') + '\n@misc{added2024, title = {Added}, year = {2024}}\n');
    const after = await cache.load(bib);
    assert.equal(after.fromCache, false);
    assert.equal(after.loaded.entries.length, 162);
  });

  it('a corrupt cache slot is ignored, and an unwritable cache dir does not fail the load', async () => {
    (await cache.load(bib)).loaded;
    const [slot] = readdirSync(cacheDir);
    writeFileSync(path.join(cacheDir, slot), '{ not json');
    const again = await cache.load(bib);
    assert.equal(again.fromCache, false);
    assert.equal(again.loaded.entries.length, 161);
    // A file where the cache directory should be.
    const blocked = path.join(dir, 'blocked');
    writeFileSync(blocked, 'x');
    const loaded = (await newCache(path.join(blocked, 'cache')).load(bib)).loaded;
    assert.equal(loaded.entries.length, 161);
  });

  it('missing files are reported, not thrown', async () => {
    const { loaded } = await cache.load(path.join(dir, 'nope.bib'));
    assert.equal(loaded.problems[0].code, 'unreadable-file');
  });
});

describe('bibliography/bibliographyCache: editing after a warm start', () => {
  let dir: string;
  let cacheDir: string;
  let bib: string;
  let cache: BibliographyCache;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'bib-cache-edit-'));
    cacheDir = path.join(dir, 'cache');
    bib = path.join(dir, 'hub-outputs.bib');
    copyFileSync(hubFixture('hub-outputs.bib'), bib);
    cache = newCache(cacheDir);
  });
  /** As if the editor restarted: the slot rewrites done, a new cache and store. */
  const restart = async (): Promise<void> => {
    await cache.flushWrites();
    cache = newCache(cacheDir);
  };
  afterEach(async () => {
    await cache.flushWrites();
    rmSync(dir, { recursive: true, force: true });
  });

  it('re-parses only the edited entry, equals a fresh parse, and rewrites the slot before the next load reads it', async () => {
    await cache.load(bib);
    await restart();
    const warm = await cache.load(bib);
    assert.equal(warm.fromCache, true);
    const text = readFileSync(bib, 'utf8');
    const edited = text.replace('title = {{Randomised Controlled Trial Protocol:', 'title = {{Edited Trial Protocol:');
    assert.notEqual(edited, text);
    writeFileSync(bib, edited);
    const after = await cache.load(bib);
    assert.equal(after.fromCache, false);
    // The other 160 entries are rows of the warm start's pack, copied without being parsed or built.
    assert.deepEqual(parsedAnew(after.loaded), ['major2023']);
    assert.match(after.loaded.entries.find((e) => e.key === 'major2023')?.title ?? '', /^Edited Trial Protocol:/);
    assert.deepEqual(contentOf(after.loaded), contentOf(await loadBibliographyFile(bib)));
    // The slot is rewritten after returning; the next load waits for it and hits.
    const again = await cache.load(bib);
    assert.equal(again.fromCache, true);
    assert.deepEqual(contentOf(again.loaded), contentOf(after.loaded));
  });

  it('edits one after another are read from the bytes that changed; an @string edit is parsed whole; each equals a fresh parse', async () => {
    await cache.load(bib);
    const text = readFileSync(bib, 'utf8');
    const at = text.indexOf('@', text.length / 2);
    const steps = [
      text.slice(0, at) + '@misc{added2024,\n  title = {An Added Entry},\n  year = {2024}\n}\n\n' + text.slice(at),
      text.slice(0, at) + '@misc{added2024,\n  title = {An Added Entry, Retitled},\n  year = {2024}\n}\n\n' + text.slice(at),
      '@string{hub = {EdTech Hub}}\n' + text,
    ];
    const anew: (string[] | undefined)[] = [];
    for (const step of steps) {
      writeFileSync(bib, step);
      const loaded = (await cache.load(bib)).loaded;
      anew.push(parsedAnew(loaded));
      // A fresh parse, of a copy (the parser's memory of this path is what is being tested).
      const copy = path.join(dir, 'copy.bib');
      writeFileSync(copy, step);
      assert.deepEqual(asFile(loaded, bib), asFile(await loadBibliographyFile(copy), bib));
    }
    assert.deepEqual(anew.slice(0, 2), [['added2024'], ['added2024']]);
    // Every entry may use a new @string: the file is parsed whole (a plain list, not rows of a pack).
    assert.equal(anew[2], undefined);
  });

  it('a slot head read ahead and not used (the file changed) is closed at once, not when collected', async function () {
    if (!existsSync('/proc/self/fd')) this.skip(); // counts open files the Linux way
    await cache.load(bib);
    const text = readFileSync(bib, 'utf8');
    const openFiles = (): number => readdirSync('/proc/self/fd').length;
    const before = openFiles();
    for (let i = 0; i < 8; i++) {
      writeFileSync(bib, text.replace('Randomised Controlled Trial', `Trial ${i}`));
      await cache.flushWrites(); // each edit's slot is written, so the next read-ahead finds a (stale) slot
      assert.equal((await cache.load(bib)).fromCache, false);
    }
    assert.ok(openFiles() - before < 4, `${openFiles() - before} more files open after 8 edits`);
  });

  it('a first parse names the slot it wrote (another thread opens that instead of holding the pack); a rewrite does not', async () => {
    const first = await cache.locateOrPack(bib);
    assert.equal(first.kind, 'pack');
    const slot = first.kind === 'pack' ? first.slot : undefined;
    assert.equal(slot?.slotPath, cache.slotPathFor(bib));
    assert.deepEqual(contentOf(cache.openSlot(slot!, bib)!), contentOf(await loadBibliographyFile(bib)));
    writeFileSync(bib, `@string{added = {A}}\n${readFileSync(bib, 'utf8')}`); // parsed whole: every entry may use it
    const rewritten = await cache.locateOrPack(bib);
    assert.ok(rewritten.kind === 'pack' && rewritten.slot === undefined, 'a slot rewritten later must not be named before it is written');
  });

  it('with firstSlotLater, a first parse is used from memory while its slot is written, then its details are read from the slot', async () => {
    const first = await cache.locateOrPack(bib, { firstSlotLater: true });
    assert.ok(first.kind === 'pack' && first.slotPending && !first.slot, 'the slot should be named pending, not written');
    assert.equal(first.slotPending.slotPath, cache.slotPathFor(bib));
    const fresh = contentOf(await loadBibliographyFile(bib));
    const server = newCache(cacheDir); // another thread's cache
    assert.deepEqual(contentOf(server.openBeforeSlot(first.pack, bib).loaded), fresh);
    await cache.flushWrites();
    const opened = server.openBeforeSlot(first.pack, bib);
    assert.equal(opened.moveToSlot(first.slotPending), true);
    assert.equal(opened.moveToSlot({ ...first.slotPending, seal: '0'.repeat(16) }), false, 'moved to a slot of another seal');
    // Nothing is read from the pack's memory any more: wiped, the entries still read the same (from the slot).
    first.pack.fill(0);
    assert.deepEqual(contentOf(opened.loaded), fresh);
    assert.equal((await newCache(cacheDir).locateOrPack(bib)).kind, 'slot');
  });

  it('a fresh store takes a file over from its valid slot without parsing: the next edit is spliced onto it', async () => {
    await cache.load(bib);
    await restart(); // a fresh parsing worker
    assert.equal(await cache.rememberSlot(bib), true);
    writeFileSync(bib, readFileSync(bib, 'utf8').replace('title = {{Randomised Controlled Trial Protocol:', 'title = {{Taken Over Trial Protocol:'));
    const after = await cache.locateOrPack(bib);
    assert.equal(after.kind, 'pack');
    assert.deepEqual(after.kind === 'pack' ? parsedAnew(after.loaded) : undefined, ['major2023']);
    // A slot that no longer holds the file is not taken over (the next load splices onto it as a stale slot).
    await restart();
    writeFileSync(bib, readFileSync(bib, 'utf8').replace('Taken Over', 'Changed Again'));
    assert.equal(await cache.rememberSlot(bib), false);
    assert.equal(await cache.rememberSlot(path.join(dir, 'missing.bib')), false);
  });

  it('an @string changed while the editor was closed (no splice) in a big file: parsed whole, correctly', async function () {
    this.timeout(60_000);
    // (Over 1 MB, the file is parsed packed: the stale slot, which that parse does not reuse, is let go.)
    const big = path.join(dir, 'big.bib');
    writeFileSync(big, `@string{run = {One}}\n${readFileSync(BIG_BIB, 'utf8')}`);
    await cache.load(big);
    await restart(); // closed
    writeFileSync(big, `@string{run = {Two}}\n${readFileSync(BIG_BIB, 'utf8')}`);
    const after = await cache.load(big);
    assert.equal(after.fromCache, false);
    assert.equal(parsedAnew(after.loaded), undefined, 'a changed @string is not spliced');
    assert.deepEqual(contentOf(after.loaded), contentOf(await loadBibliographyFile(big)));
  });

  it('a change made while the editor was closed is spliced onto the stale slot; a wrong copy of its bytes is not used', async () => {
    await cache.load(bib);
    const text = readFileSync(bib, 'utf8');
    const edited = text.replace('title = {{Randomised Controlled Trial Protocol:', 'title = {{Offline Trial Protocol:');
    await restart(); // closed
    writeFileSync(bib, edited);
    const after = await cache.load(bib);
    assert.equal(after.fromCache, false);
    assert.deepEqual(parsedAnew(after.loaded), ['major2023'], 'one entry parsed, the rest are rows of the stale slot');
    await cache.flushWrites();
    assert.deepEqual(contentOf(after.loaded), contentOf(await loadBibliographyFile(bib)));
    // The copy no longer matches its slot's hash (damaged, or from another slot): the file is parsed whole, correctly.
    const copy = readdirSync(cacheDir).find((f) => f.endsWith('.source'))!;
    writeFileSync(path.join(cacheDir, copy), text);
    await restart();
    writeFileSync(bib, text);
    const whole = await cache.load(bib);
    assert.equal(parsedAnew(whole.loaded), undefined);
    assert.deepEqual(contentOf(whole.loaded), contentOf(await loadBibliographyFile(bib)));
  });
});
