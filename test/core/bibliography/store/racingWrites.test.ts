import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { parseBibliographyText } from '../../../../src/core/bibliography/formats/parseText';
import { createTextDocument } from '../../../../src/core/document/textDocument';
import { createEvidenceService } from '../../../../src/core/service';
import type { LoadedFile } from '../../../../src/core/types';
import { createNodeWorkspace } from '../../../../src/core/workspace';
import { checkAsyncProperty } from '../../../property/helpers';
import { replicatedLibrary } from '../../../sharedFixtures';
import { contentOf, newCache, newStore } from '../fixtures';

/**
 * A .bib replaced by a rename while it is read (Better BibTeX's auto-export writes a temp file and
 * renames it over the old one), or written in place in two halves with a pause between: the library
 * loaded is never torn, always the old or the new library whole, and in the end the new one. The two
 * libraries are the real 6,239-entry library's entries under two sets of keys (1,500 and 1,800 entries),
 * so each load says which one it read.
 */

const OLD = replicatedLibrary(1500, 'old');
const NEW = replicatedLibrary(1800, 'new');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Replaces `file` by a rename, as Better BibTeX does. */
async function replaceByRename(file: string, text: string): Promise<void> {
  const temp = `${file}.export-${Math.random().toString(36).slice(2)}`;
  await writeFile(temp, text);
  await rename(temp, file);
}

/** Writes `file` in place in two halves (cut inside an entry), `pauseMs` apart; `between` runs after each half. */
async function writeInTwoHalves(file: string, text: string, pauseMs: number, between: () => void): Promise<void> {
  const cut = text.indexOf('title', text.length >> 1);
  const handle = await open(file, 'w');
  try {
    await handle.write(text.slice(0, cut), 0, 'utf8');
    between();
    await sleep(pauseMs);
    await handle.write(text.slice(cut), Buffer.byteLength(text.slice(0, cut)), 'utf8');
  } finally {
    await handle.close();
  }
  between();
}

describe('bibliography/store: a library replaced or written while it is read', function () {
  this.timeout(600_000);
  const slow = process.env.EVIDENCE_SLOW === '1';
  let dir: string;
  let bib: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'racing-writes-'));
    bib = path.join(dir, 'library.bib');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads racing renames of the file see the old or the new library whole, never a mix', async () => {
    const fresh = { old: contentOf(parseBibliographyText(OLD.text, bib)), new: contentOf(parseBibliographyText(NEW.text, bib)) };
    const which = (loaded: LoadedFile): 'old' | 'new' => {
      const version = loaded.entries.length === OLD.keys.length ? 'old' : 'new';
      assert.deepEqual(contentOf(loaded), fresh[version], `a load is the ${version} library, whole`);
      return version;
    };
    writeFileSync(bib, OLD.text);
    const cache = newCache(path.join(dir, 'cache'));
    const store = newStore();
    let writing = true;
    const writer = (async () => {
      for (let i = 0; i < (slow ? 200 : 40); i++) {
        await replaceByRename(bib, i % 2 === 0 ? NEW.text : OLD.text);
        await sleep(Math.random() * 15);
      }
      writing = false;
    })();
    const seen = { old: 0, new: 0 };
    while (writing) {
      // The editor's way (through the cache, splicing onto the last load) and the plain one.
      seen[which((await cache.load(bib)).loaded)]++;
      seen[which(await store.load(bib))]++;
    }
    await writer;
    await cache.flushWrites();
    // eslint-disable-next-line no-console
    console.log(`      ${seen.old} loads saw the old library, ${seen.new} the new one, none anything else`);
    assert.ok(seen.old > 0 && seen.new > 0, 'the loads raced the renames');
  });

  it('the service reloading a file renamed over or written in two halves: always the old or the new library, then the newest', async () => {
    writeFileSync(bib, OLD.text);
    const text = `---\nbibliography: library.bib\n---\n\nAs argued [@${OLD.keys[0]}].\n`;
    const document = createTextDocument(pathToFileURL(path.join(dir, 'report.md')).href, 'markdown', text);
    writeFileSync(path.join(dir, 'report.md'), text);
    const service = createEvidenceService({ workspace: createNodeWorkspace({ folders: [dir], documents: () => [document] }), cacheDir: path.join(dir, 'cache') });
    const entries = (): number | undefined => service.libraryState().files.find((f) => f.file === bib)?.entries;
    try {
      await service.diagnostics(document.uri);
      assert.equal(entries(), OLD.keys.length);
      const seen = new Map<number, number>();
      const watch = setInterval(() => {
        const n = entries();
        if (n !== undefined) seen.set(n, (seen.get(n) ?? 0) + 1);
      }, 10);
      const changed = () => service.filesChanged([{ file: bib, kind: 'changed' }]); // what a file watcher says
      const step = fc.record({
        how: fc.constantFrom('rename' as const, 'halves' as const),
        // Within the reload's debounce, beyond it (the first half read), and beyond the read too.
        pauseMs: fc.constantFrom(0, 100, 450, 900),
        thenMs: fc.constantFrom(0, 200, 700),
      });
      try {
        await checkAsyncProperty(
          'store/racing-writes (service)',
          [fc.array(step, { minLength: slow ? 12 : 5, maxLength: slow ? 12 : 5 })],
          async (steps) => {
            let last = OLD;
            for (const [i, s] of steps.entries()) {
              last = i % 2 === 0 ? NEW : OLD;
              if (s.how === 'rename') {
                await replaceByRename(bib, last.text);
                changed();
              } else {
                await writeInTwoHalves(bib, last.text, s.pauseMs, changed);
              }
              await sleep(s.thenMs);
            }
            // Then the newest: once the reloads (and a half-written file's second look) are done.
            const deadline = Date.now() + 30_000;
            while ((entries() !== last.keys.length || service.libraryState().pendingReloads || service.libraryState().indexing.length > 0) && Date.now() < deadline) await sleep(50);
            assert.equal(entries(), last.keys.length, 'in the end, the newest library');
            writeFileSync(bib, OLD.text); // the next run starts from the old library
            changed();
            while (entries() !== OLD.keys.length && Date.now() < deadline + 30_000) await sleep(50);
          },
          slow ? 5 : 1,
        );
      } finally {
        clearInterval(watch);
      }
      // eslint-disable-next-line no-console
      console.log(`      entries seen while racing: ${[...seen.entries()].map(([n, times]) => `${n} (${times}×)`).join(', ')}`);
      assert.deepEqual([...seen.keys()].filter((n) => n !== OLD.keys.length && n !== NEW.keys.length), [], 'never a torn library');
    } finally {
      service.dispose();
    }
  });
});
