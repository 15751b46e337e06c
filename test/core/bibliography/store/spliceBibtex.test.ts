import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { forgetAllEntries } from '../../../../src/core/bibliography/store/entryMemo';
import { loadBibliographyBytes } from '../../../../src/core/bibliography/store/loadFile';
import { spliceBibtexEdit, type ParsedBytes } from '../../../../src/core/bibliography/store/spliceBibtex';
import { splitBibtex } from '../../../../src/core/bibliography/formats/bibtex/splitBibtex';
import { columnsOf } from '../../../../src/core/bibliography/index/entryColumns';
import { openPackedFile, packLoadedFile, parsedAnew, PackedColumns } from '../../../../src/core/bibliography/store/packedFile';
import { sourceMapOf } from '../../../../src/core/bibliography/store/sourceMap';
import type { LoadedFile } from '../../../../src/core/types';
import { fixtureText } from '../fixtures';

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

function fresh(bytes: Buffer): LoadedFile {
  forgetAllEntries();
  return loadBibliographyBytes(bytes, FILE);
}

/** What the editor keeps after reading `bytes`: the bytes and the pack made from them. */
function packed(loaded: LoadedFile, bytes: Buffer): ParsedBytes {
  const pack = columnsOf(openPackedFile(packLoadedFile(loaded), FILE).loaded.entries);
  assert.ok(pack instanceof PackedColumns);
  return { bytes, pack };
}

function edit(text: string, at: number, remove: number, insert: string): string {
  return text.slice(0, at) + insert + text.slice(at + remove);
}

/** Splices `after` onto the parse of `before`; checks it against a fresh parse. Returns the splice (or undefined). */
function check(before: ParsedBytes, after: string): LoadedFile | undefined {
  const bytes = Buffer.from(after, 'utf8');
  const spliced = spliceBibtexEdit(before, bytes, FILE);
  if (!spliced) return undefined;
  const expected = fresh(bytes);
  assert.deepEqual(spliced, expected);
  assert.deepEqual(sourceMapOf(spliced.entries), sourceMapOf(expected.entries), 'source map');
  // And once packed (rows copied from the old pack, postings renumbered), it reads back the same.
  assert.deepEqual(openPackedFile(packLoadedFile(spliced), FILE).loaded, expected);
  return spliced;
}

describe('bibliography/spliceBibtex', () => {
  const text = sampleText();
  const bytes = Buffer.from(text, 'utf8');
  let base: ParsedBytes;
  before(() => {
    base = packed(fresh(bytes), bytes);
  });
  after(() => forgetAllEntries());

  it('a fresh parse of plain UTF-8 BibTeX has a source map: every chunk at its bytes', () => {
    const map = base.pack.sourceMap();
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
    assert.equal(parsedAnew(spliced.entries)?.length, 1);
  });

  it('an entry added (lines added), deleted, or given an unclosed brace, near the start and the end', () => {
    const entries = splitBibtex(text).chunks.filter((c) => c.kind === 'entry' && !CROSSREF_KEYS.includes(c.key));
    for (const chunk of [entries[0]!, entries[60]!, entries[entries.length - 1]!]) {
      const added = `@article{new-${chunk.key},\n  author = {Hennessy, Sara},\n  title = {A new {é}ntry},\n  year = {2024}\n}\n\n`;
      assert.ok(check(base, edit(text, chunk.start, 0, added)), `added before ${chunk.key}`);
      assert.ok(check(base, edit(text, chunk.start, chunk.end - chunk.start, '')), `deleted ${chunk.key}`);
      const unclosed = check(base, edit(text, chunk.end - 1, 1, ''));
      assert.ok(unclosed, `unclosed ${chunk.key}`);
      assert.ok(unclosed.problems.some((p) => p.message.includes('unclosed')));
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
    assert.ok(parsedWithProblem.pack.problems.some((p) => p.code === 'duplicate-key'));
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
    assert.ok(parsed.pack.sourceMap(), 'CRLF and a BOM keep the source map');
    const at = windows.indexOf('title', windows.length / 3);
    const spliced = check(parsed, edit(windows, at + 9, 0, 'Revised\r\nacross lines '));
    assert.ok(spliced);
    assert.equal(parsedAnew(spliced.entries)?.length, 1);
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
          if (process.env.DBG) require('fs').writeFileSync('/tmp/lastedit.json', JSON.stringify({ current, next, where: where % current.length, remove, insert }));
          const spliced = check(previous, next);
          const nextBytes = Buffer.from(next, 'utf8');
          if (spliced) answered++;
          else if (process.env.DBG) console.log('declined', JSON.stringify(insert), remove, where % current.length);
          previous = packed(spliced ?? fresh(nextBytes), nextBytes);
          current = next;
        }
      }),
      { numRuns: Number(process.env.RUNS ?? 25), endOnFailure: true },
    );
    assert.ok(answered > tried / 3, `the splice answered ${answered} of ${tried} edits`);
  });
});
