/** The source map of a BibTeX file's bytes (src/core/bibliography/store/sourceMap.ts). */
import * as assert from 'node:assert/strict';
import { setImmediate as nextJob } from 'node:timers/promises';
import { garbageCollector } from '../../../../src/core/memory/garbageCollector';
import { splitBibtex } from '../../../../src/core/bibliography/formats/bibtex/splitBibtex';
import { chunkAt, chunkCount, sourceMapOfSplit, type BibtexSourceMap } from '../../../../src/core/bibliography/store/sourceMap';

describe('bibliography/store/sourceMap', () => {
  it('keeps none of the text it was made from: its keys and macros are copies, not slices of it', async () => {
    const collect = garbageCollector();
    const entries = 50_000;
    const mapOf = (): { map: BibtexSourceMap; textChars: number } => {
      // Long keys and a long macro (V8 slices strings of 13 characters or more), long titles, and a
      // curly quote, so the text is a two-byte string: ~23 MB of it.
      const macro = `@string{organisation = {A Long Organisation Name ’}}\n`;
      let text = macro;
      for (let i = 0; i < entries; i++) text += `@misc{averylongcitationkey${i},\n  title = {${'A title word '.repeat(16)}},\n}\n`;
      const split = splitBibtex(text);
      const macros = split.chunks.filter((c) => c.kind === 'string').map((c) => c.text);
      const rows = new Map(split.chunks.filter((c) => c.kind === 'entry').map((c, row) => [c, row]));
      const map = sourceMapOfSplit(text, 0, split.chunks, (c) => rows.get(c) ?? -1, macros)!;
      return { map, textChars: text.length };
    };
    collect();
    const before = process.memoryUsage().heapUsed;
    const { map, textChars } = mapOf();
    // (V8 keeps the subject of the last regular expression match, RegExp.lastMatch: a match on a
    // string of our own lets the text go, so only what the map holds counts.)
    /x/.exec('x');
    await nextJob();
    collect();
    const held = process.memoryUsage().heapUsed - before;
    assert.equal(chunkCount(map), entries + 1);
    assert.equal(map.keys[entries], `averylongcitationkey${entries - 1}`);
    assert.equal(chunkAt(map, entries).line, 3 * entries - 1);
    assert.ok(map.macros[0]!.startsWith('@string{organisation'));
    // The keys themselves are ~2 MB; the text was twice its length in bytes.
    assert.ok(held < (2 * textChars) / 4, `the map holds ${(held / 2 ** 20).toFixed(1)} MB of heap after the ${((2 * textChars) / 2 ** 20).toFixed(0)} MB text was let go`);
  });
});
