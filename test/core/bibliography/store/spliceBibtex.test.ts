import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { splitBibtex } from '../../../../src/core/bibliography/formats/bibtex/splitBibtex';
import { parsedAnew } from '../../../../src/core/bibliography/store/composedColumns';
import { loadBibliographyBytes, type ReadBytes } from '../../../../src/core/bibliography/store/loadFile';
import { openPackedFile, PackedColumns } from '../../../../src/core/bibliography/store/packedFile';
import type { BibtexSourceMap } from '../../../../src/core/bibliography/store/sourceMap';
import { SplicePoint, spliceBibtexEdit, type Splice } from '../../../../src/core/bibliography/store/spliceBibtex';
import { contentOf, fixtureText, newStore } from '../fixtures';

/**
 * Re-reading a .bib from the bytes an edit changed must be invisible: whenever the splice answers,
 * its entries, problems and source map equal a fresh parse of the new bytes; when it cannot promise
 * that (an @string edited, a key that moves between copies, lines added above a problem), it declines.
 */

const FILE = '/library/sample.bib';

/** A crossref parent and entries that name it (the big library's own). */
const CROSSREF_KEYS = ['constant', 'constant1819lib', 'bowers:hans:2008'];

/** Real text: the big library's @string macros, 120 of its entries and a crossref parent with two children. */
function sampleText(): string {
  const chunks = splitBibtex(fixtureText('big', 'gsa_oes_matching_guide_big.bib')).chunks;
  const macros = chunks.filter((c) => c.kind === 'string').map((c) => c.text);
  const entries = chunks.filter((c) => c.kind === 'entry');
  const crossref = entries.filter((c) => CROSSREF_KEYS.includes(c.key));
  const picked = entries.slice(0, 120).filter((c) => !crossref.includes(c));
  return [...macros, ...picked.slice(0, 60), ...crossref, ...picked.slice(60)].map((c) => (typeof c === 'string' ? c : c.text)).join('\n\n') + '\n';
}

/** A fresh parse of `bytes` (no memory of earlier ones), with its source map. */
function fresh(bytes: Buffer): ReadBytes {
  return loadBibliographyBytes(bytes, FILE);
}

const store = newStore();

/** Packs a parse, and opens the pack as the file (what the extension host reads). */
function packAndOpen(read: ReadBytes): ReturnType<typeof openPackedFile>['loaded'] {
  return openPackedFile(store.pack(read.loaded, { sourceMap: read.sourceMap }).pack, FILE).loaded;
}

/** What the editor's worker keeps after reading `bytes`: the bytes, the pack made from them, its source map and key counts. */
function packed(read: ReadBytes, bytes: Buffer, keyCounts?: Map<string, number>): SplicePoint {
  const pack = packAndOpen(read).columns;
  assert.ok(pack instanceof PackedColumns);
  return new SplicePoint(bytes, () => pack, read.sourceMap, keyCounts);
}

/** How often each key occurs in a source map (what a splice carries over to the next). */
function keyCountsOf(map: BibtexSourceMap | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of map?.keys ?? []) if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

function edit(text: string, at: number, remove: number, insert: string): string {
  return text.slice(0, at) + insert + text.slice(at + remove);
}

/** Splices `after` onto the parse of `before`; checks it against a fresh parse. Returns the splice (or undefined). */
function check(before: SplicePoint, after: string): Splice | undefined {
  const bytes = Buffer.from(after, 'utf8');
  const spliced = spliceBibtexEdit(before, bytes, FILE);
  if (!spliced) return undefined;
  const expected = fresh(bytes);
  assert.deepEqual(contentOf(spliced.file), contentOf(expected.loaded));
  assert.deepEqual(spliced.sourceMap, expected.sourceMap, 'source map');
  assert.deepEqual(spliced.keyCounts, keyCountsOf(expected.sourceMap), 'key counts');
  // And once packed (rows copied from the old pack, postings renumbered), it reads back the same.
  assert.deepEqual(contentOf(packAndOpen({ loaded: spliced.file, sourceMap: spliced.sourceMap })), contentOf(expected.loaded));
  return spliced;
}

/** One edit of a chain: `next` spliced onto `previous` (checked), and what the edit after it is spliced onto. */
function step(previous: SplicePoint, next: string): { spliced: boolean; point: SplicePoint } {
  const spliced = check(previous, next);
  const bytes = Buffer.from(next, 'utf8');
  return { spliced: spliced !== undefined, point: spliced ? packed({ loaded: spliced.file, sourceMap: spliced.sourceMap }, bytes, spliced.keyCounts) : packed(fresh(bytes), bytes) };
}

describe('bibliography/spliceBibtex', () => {
  const text = sampleText();
  const bytes = Buffer.from(text, 'utf8');
  let base: SplicePoint;
  before(() => {
    base = packed(fresh(bytes), bytes);
  });

  it('a fresh parse of plain UTF-8 BibTeX has a source map: every chunk at its bytes', () => {
    const map = base.pack()?.sourceMap();
    assert.ok(map);
    const chunks = splitBibtex(text).chunks;
    assert.equal(map.keys.length, chunks.length);
    chunks.forEach((chunk, i) => {
      const [start, end] = [map.table[i * 7]!, map.table[i * 7 + 1]!];
      assert.equal(bytes.toString('utf8', start, end), chunk.text);
    });
  });

  it('a title edited in the middle re-reads one entry; the rest are rows of the old pack', () => {
    const at = text.indexOf('title', text.length / 2);
    const spliced = check(base, edit(text, at + 9, 0, 'Revised '));
    assert.ok(spliced, 'the splice answered');
    assert.equal(parsedAnew(spliced.file)?.length, 1);
  });

  it("BibDesk's header, rewritten at every save before the @string definitions, is spliced: no entry read again", () => {
    // (As the real library's first lines read: BibDesk rewrites the time each time it saves.)
    const header = (time: string): string => `%% This BibTeX bibliography file was created using BibDesk.\n%% https://bibdesk.sourceforge.io/\n\n%% Created for JacobWBowers at 2024-12-06 ${time} -0600 \n\n\n`;
    const saved = header('21:26:13') + text;
    const savedBytes = Buffer.from(saved, 'utf8');
    const point = packed(fresh(savedBytes), savedBytes);
    const resaved = check(point, header('21:30:02') + text);
    assert.ok(resaved, 'the splice declined a change of the header alone');
    assert.equal(parsedAnew(resaved.file)?.length, 0);
    // The header and a title at once, and a header that gains a line (every line below moves).
    const title = saved.indexOf('title', saved.length / 2) + 9;
    const both = check(point, edit(header('21:30:02') + text, title, 0, 'Revised '));
    assert.ok(both, 'the splice declined the header and a title');
    assert.equal(parsedAnew(both.file)?.length, 1);
    assert.ok(check(point, `%% One line more\n${saved}`), 'the splice declined a line added at the top');
    // The header and an entry far down: spliced as two edits (the header apart), every row below moved.
    const last = saved.lastIndexOf('title') + 9;
    const added = '%% One line more\n';
    const far = check(point, edit(`${added}${header('21:30:02')}${text}`, last + added.length, 0, 'Far '));
    assert.ok(far, 'the splice declined the header and an entry far down');
    assert.equal(parsedAnew(far.file)?.length, 1);
    // An entry near the top whose key recurs at the end: were the header and a middle entry one stretch,
    // the key would meet its copy outside it, and the splice would decline.
    const firstEntry = splitBibtex(text).chunks.find((c) => c.kind === 'entry')!;
    const withCopy = `${text}\n${firstEntry.text}\n`;
    const copyBytes = Buffer.from(header('21:26:13') + withCopy, 'utf8');
    const middle = withCopy.indexOf('title', withCopy.length / 2) + 9;
    const apart = check(packed(fresh(copyBytes), copyBytes), header('21:30:02') + edit(withCopy, middle, 0, 'Middle '));
    assert.ok(apart, 'the header and a middle entry were spliced as one stretch');
    assert.equal(parsedAnew(apart.file)?.length, 1);
  });

  it('random edits below a header whose time changes at every save: every answer equals a fresh parse', function () {
    this.timeout(120_000);
    const header = (n: number): string => `%% Created for someone at 2024-12-06 21:26:${String(n % 60).padStart(2, '0')} -0600 \n${n % 3 === 0 ? '%% and a line more\n' : ''}\n`;
    const snippets = ['}', '{', '\n', '@article{k1,\n title = {T},\n}\n', 'title = {', 'é', '%', '@string{x = "y"}', 'year = 2021,'];
    let answered = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.nat(20), fc.constantFrom(...snippets), fc.nat(100)), { minLength: 1, maxLength: 3 }), (edits) => {
        let body = text;
        const first = Buffer.from(header(0) + body, 'utf8');
        let previous = packed(fresh(first), first);
        for (const [where, remove, insert, time] of edits) {
          body = edit(body, where % body.length, remove, insert);
          const { spliced, point } = step(previous, header(time + 1) + body);
          if (spliced) answered++;
          previous = point;
        }
      }),
      { numRuns: Number(process.env.RUNS ?? 15), endOnFailure: true },
    );
    assert.ok(answered > 0, 'no edit below a changed header was spliced');
  });

  it('an entry added (lines added), deleted, or given an unclosed brace, near the start and the end', () => {
    const entries = splitBibtex(text).chunks.filter((c) => c.kind === 'entry' && !CROSSREF_KEYS.includes(c.key));
    for (const chunk of [entries[0]!, entries[60]!, entries[entries.length - 1]!]) {
      const added = `@article{new-${chunk.key},\n  author = {Hennessy, Sara},\n  title = {A new {é}ntry},\n  year = {2024}\n}\n\n`;
      assert.ok(check(base, edit(text, chunk.start, 0, added)), `added before ${chunk.key}`);
      assert.ok(check(base, edit(text, chunk.start, chunk.end - chunk.start, '')), `deleted ${chunk.key}`);
      const unclosed = check(base, edit(text, chunk.end - 1, 1, ''));
      assert.ok(unclosed, `unclosed ${chunk.key}`);
      assert.ok(unclosed.file.problems.some((p) => p.message.includes('unclosed')));
    }
  });

  it('declines an @string edit, a key that meets a copy outside the edit, and lines added above a problem', () => {
    const macro = splitBibtex(text).chunks.find((c) => c.kind === 'string')!;
    assert.equal(spliceBibtexEdit(base, Buffer.from(edit(text, macro.end - 2, 0, 'x'), 'utf8'), FILE), undefined);
    const [a, b] = splitBibtex(text).chunks.filter((c) => c.kind === 'entry');
    const duplicate = edit(text, b!.start, 0, a!.text + '\n');
    assert.equal(spliceBibtexEdit(base, Buffer.from(duplicate, 'utf8'), FILE), undefined);
    // The duplicate's warning names a line: adding a line above it must re-parse.
    const withProblem = Buffer.from(duplicate, 'utf8');
    const parsedWithProblem = packed(fresh(withProblem), withProblem);
    assert.ok(parsedWithProblem.pack()?.problems.some((p) => p.code === 'duplicate-key'));
    assert.equal(spliceBibtexEdit(parsedWithProblem, Buffer.from(edit(duplicate, 0, 0, '\n'), 'utf8'), FILE), undefined);
    // An edit of a crossref parent re-parses (its children inherit from it); one beside it does not.
    const parent = text.indexOf('@', text.indexOf('{constant,') - 20);
    assert.equal(spliceBibtexEdit(base, Buffer.from(edit(text, text.indexOf('title', parent) + 9, 0, 'New '), 'utf8'), FILE), undefined);
    const entryBefore = text.lastIndexOf('\n@', parent - 2) + 1;
    assert.ok(check(base, edit(text, entryBefore, 0, '@misc{beside,\n  title = {Beside}\n}\n\n')));
    // … while an edit that keeps the line count does not.
    assert.ok(check(parsedWithProblem, edit(duplicate, duplicate.indexOf('title', duplicate.length - 3000) + 9, 0, 'Very ')));
  });

  it('a file saved on Windows (CRLF, byte-order mark) is spliced the same way', () => {
    const windows = '\uFEFF' + text.replace(/\n/g, '\r\n');
    const windowsBytes = Buffer.from(windows, 'utf8');
    const parsed = packed(fresh(windowsBytes), windowsBytes);
    assert.ok(parsed.pack()?.sourceMap(), 'CRLF and a BOM keep the source map');
    const at = windows.indexOf('title', windows.length / 3);
    const spliced = check(parsed, edit(windows, at + 9, 0, 'Revised\r\nacross lines '));
    assert.ok(spliced);
    assert.equal(parsedAnew(spliced.file)?.length, 1);
    // A lone CR (an old Mac line break) is read as a line break by the parser: not spliced.
    assert.equal(spliceBibtexEdit(parsed, Buffer.from(edit(windows, at + 9, 0, 'a\rb'), 'utf8'), FILE), undefined);
  });

  it('random edits, one after another: every answer equals a fresh parse', function () {
    this.timeout(120_000);
    const snippets = ['}', '{', '\n', '@article{k1,\n title = {T},\n}\n', '@misc{', 'title = {', 'é', '%', '"', ',', '$', '@string{x = "y"}', '\r\n', 'year = 2021,'];
    let answered = 0;
    let tried = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.nat(40), fc.constantFrom(...snippets)), { minLength: 1, maxLength: 4 }), (edits) => {
        let current = text;
        let previous = base;
        for (const [where, remove, insert] of edits) {
          const next = edit(current, where % current.length, remove, insert);
          tried++;
          const { spliced, point } = step(previous, next);
          if (spliced) answered++;
          previous = point;
          current = next;
        }
      }),
      { numRuns: Number(process.env.RUNS ?? 25), endOnFailure: true },
    );
    assert.ok(answered > tried / 3, `the splice answered ${answered} of ${tried} edits`);
  });
});
