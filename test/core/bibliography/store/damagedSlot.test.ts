import { strict as assert } from 'node:assert';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { PackReader } from '../../../../src/core/bibliography/store/binaryPack';
import { BibliographyCache } from '../../../../src/core/bibliography/store/bibliographyCache';
import { loadBibliographyFile } from '../../../../src/core/bibliography/store/loadFile';
import { PACK_VERSION } from '../../../../src/core/bibliography/store/packedFile';
import { CitationSearch } from '../../../../src/core/search/citationSearch';
import { TokenIndex } from '../../../../src/core/search/tokenIndex';
import type { LoadedFile } from '../../../../src/core/types';
import { checkAsyncProperty } from '../../../property/helpers';
import { contentOf, fixture, hubFixture, newCache, newStore, paperBib } from '../fixtures';
import { collectingLog } from '../../collectingLog';

/**
 * A cache slot damaged on disk (cut short, zero-filled, bits flipped: a crash before the write reached
 * the disk, a sync tool, a failing disk) must never serve a wrong entry: every load equals a fresh
 * parse, and a damaged slot is said once in the log and rebuilt. The damage is applied to a real slot,
 * made from a real library, at random offsets (biased towards the header and head, where a few bytes
 * decide what everything else means).
 */

type Damage =
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'zero'; readonly at: number; readonly length: number }
  | { readonly kind: 'flip'; readonly bits: readonly { readonly at: number; readonly bit: number }[] };

function damaged(slot: Buffer, damage: Damage): Buffer {
  switch (damage.kind) {
    case 'truncate':
      return Buffer.from(slot.subarray(0, damage.at));
    case 'zero': {
      const out = Buffer.from(slot);
      out.fill(0, damage.at, Math.min(out.length, damage.at + damage.length));
      return out;
    }
    case 'flip': {
      const out = Buffer.from(slot);
      for (const { at, bit } of damage.bits) out[at]! ^= 1 << bit;
      return out;
    }
  }
}

function damages(slot: Buffer): fc.Arbitrary<Damage> {
  const headerEnd = PackReader.headerEnd(slot)!;
  const { layout } = PackReader.readHeader(slot) as { layout: { headLength: number } };
  // Anywhere, in the head (keys, years, the search index), in the header (the section table, the source's hash).
  const offset = fc.oneof(fc.integer({ min: 0, max: slot.length - 1 }), fc.integer({ min: 0, max: layout.headLength - 1 }), fc.integer({ min: 0, max: headerEnd - 1 }));
  return fc.oneof(
    fc.record({ kind: fc.constant('truncate' as const), at: offset }),
    fc.record({ kind: fc.constant('zero' as const), at: offset, length: fc.oneof(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 1, max: 65_536 }), fc.constant(slot.length)) }),
    fc.record({ kind: fc.constant('flip' as const), bits: fc.array(fc.record({ at: offset, bit: fc.integer({ min: 0, max: 7 }) }), { minLength: 1, maxLength: 8 }) }),
  );
}

/** Whether damaged bytes still read as the header of a pack, of another version (such a slot is rebuilt without a word). */
function readsAsAnotherVersion(bytes: Buffer): boolean {
  try {
    const end = PackReader.headerEnd(bytes);
    if (end === undefined || end > bytes.length) return false;
    const header = PackReader.readHeader(bytes) as { version?: unknown } | null;
    return typeof header === 'object' && header !== null && header.version !== PACK_VERSION;
  } catch {
    return false;
  }
}

const QUERIES = ['hen', 'selwyn', 'digitl', 'teacher 2021', 'edtech hub', 'author:hennessy', 'year:2023', 'title:learning', 'model', 'zz'];

function searchResults(loaded: LoadedFile): string[][] {
  const search = loaded.searchIndex ? new CitationSearch(loaded.entries, TokenIndex.fromParts(loaded.searchIndex)) : new CitationSearch(loaded.entries);
  return QUERIES.map((q) => search.search(q, 10).map((h) => h.entry.key));
}

describe('bibliography/store: a damaged cache slot', function () {
  this.timeout(600_000);
  const slow = process.env.EVIDENCE_SLOW === '1';
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'damaged-slot-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  // The Hub library (161 entries, a 250 KB slot) and a paper's (fewer, smaller); with EVIDENCE_SLOW=1
  // also the 6,239-entry library (a 7 MB slot).
  const libraries = [
    { name: 'hub', source: hubFixture('hub-outputs.bib'), runs: slow ? 600 : 60 },
    { name: 'paper', source: paperBib('27-REHO'), runs: slow ? 600 : 100 },
    ...(slow ? [{ name: 'big', source: fixture('big', 'gsa_oes_matching_guide_big.bib'), runs: 60 }] : []),
  ];
  for (const library of libraries) {
    it(`every load of a truncated, zero-filled or bit-flipped slot equals a fresh parse; the damage is logged once and the slot rebuilt (${library.name})`, async () => {
      const bib = path.join(dir, 'library.bib');
      const cacheDir = path.join(dir, 'cache');
      copyFileSync(library.source, bib);
      const first = newCache(cacheDir);
      await first.load(bib);
      await first.flushWrites();
      const slotPath = path.join(cacheDir, readdirSync(cacheDir).find((f) => f.endsWith('.pack'))!);
      const slot = readFileSync(slotPath);
      const fresh = await loadBibliographyFile(bib);
      const reference = contentOf(fresh);
      const referenceResults = searchResults(fresh);
      assert.ok(reference.entries.length > 10);
      const outcomes = { used: 0, rebuilt: 0, silent: 0 };
      await checkAsyncProperty(
        `store/damaged-slot (${library.name}, ${(slot.length / 1024).toFixed(0)} KB slot)`,
        [damages(slot)],
        async (damage) => {
          const bytes = damaged(slot, damage);
          writeFileSync(slotPath, bytes);
          const lines: string[] = [];
          // A restart: a new cache and store, only the slot on disk.
          const cache = new BibliographyCache(cacheDir, newStore(), { log: collectingLog(lines) });
          const { loaded, fromCache } = await cache.load(bib);
          assert.deepEqual(contentOf(loaded), reference, 'a load equals a fresh parse');
          assert.deepEqual(searchResults(loaded), referenceResults, 'and searches as one does');
          await cache.flushWrites();
          if (bytes.equals(slot)) {
            // Flips that cancel out, zeros over zeros: nothing to detect.
            assert.equal(fromCache, true);
            assert.deepEqual(lines, []);
            outcomes.used++;
            return;
          }
          assert.equal(fromCache, false, 'a damaged slot is not used');
          const silent = readsAsAnotherVersion(bytes);
          assert.equal(lines.length, silent ? 0 : 1, `one line for the damage: ${lines.join(' | ')}`);
          if (!silent) assert.match(lines[0]!, /cache slot of .*library\.bib is damaged \(.+\): rebuilding it/);
          assert.ok(readFileSync(slotPath).equals(slot), 'the slot is rebuilt');
          outcomes[silent ? 'silent' : 'rebuilt']++;
        },
        library.runs,
      );
      // eslint-disable-next-line no-console
      console.log(`      ${JSON.stringify(outcomes)} (unchanged bytes / damage detected, logged, rebuilt / read as another version, rebuilt)`);
      assert.ok(outcomes.rebuilt > library.runs / 2, 'most damage is detected and logged');
    });
  }
});
