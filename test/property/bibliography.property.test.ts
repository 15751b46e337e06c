/**
 * Properties of the bibliography loaders (BibTeX, CSL-JSON, CSL-YAML, RIS) over random text and
 * mutated real files: never throw or hang, never fall into the "bug in a parser" safety net, report
 * every problem and entry at a real line of the file, keep keys unique and as written, recover
 * entry by entry, and count lines right whatever the line endings.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { stringify as toYaml } from 'yaml';
import { parseBibliographyText } from '../../src/core/bibliography/formats/parseText';
import { splitBibtex } from '../../src/core/bibliography/formats/bibtex/splitBibtex';
import type { BibFormat, LoadedFile } from '../../src/core/types';
import { checkProperty, editorLineCount, mutated, mutatedExcerpt, REAL, syntaxText, withinTime } from './helpers';

const FILE_OF: Record<BibFormat, string> = { bibtex: 'refs.bib', 'csl-json': 'refs.json', 'csl-yaml': 'refs.yaml', ris: 'refs.ris' };
const FORMATS = Object.keys(FILE_OF) as BibFormat[];

/** Real inputs per format; CSL-YAML is the real CSL-JSON written as YAML (as Pandoc users keep it). */
const REAL_BY_FORMAT: Record<BibFormat, string[]> = {
  bibtex: [...REAL.bibs, REAL.hubBib],
  'csl-json': [REAL.hubJson],
  'csl-yaml': [toYaml({ references: JSON.parse(REAL.hubJson) })],
  ris: [REAL.ris],
};

/** Everything a LoadedFile promises, checked for one text. */
function checkLoaded(text: string, file: string, loaded: LoadedFile): void {
  const lines = editorLineCount(text.replace(/^\uFEFF/, '')); // CRLF, LF and lone CR are line breaks, as in VS Code
  assert.equal(loaded.file, file);
  for (const p of loaded.problems) {
    assert.doesNotMatch(p.message, /^could not read this /, `a parser threw (caught by the safety net): ${p.message}`);
    assert.equal(p.location.file, file);
    assert.ok(p.message.length > 0);
    assert.ok(Number.isInteger(p.location.line) && p.location.line >= 1 && p.location.line <= lines, `problem at line ${p.location.line} of a ${lines}-line file: ${p.message}`);
    assert.ok(Number.isInteger(p.location.column) && p.location.column >= 1, `problem at column ${p.location.column}`);
  }
  const keys = new Set<string>();
  for (const e of loaded.entries) {
    assert.ok(typeof e.key === 'string' && e.key.trim().length > 0, `entry without a key: ${JSON.stringify(e.key)}`);
    assert.ok(!keys.has(e.key), `key '${e.key}' returned twice`);
    keys.add(e.key);
    assert.equal(e.location.file, file);
    assert.ok(e.location.line >= 1 && e.location.line <= lines, `entry '${e.key}' at line ${e.location.line} of a ${lines}-line file`);
    if (e.location.endLine !== undefined) assert.ok(e.location.endLine >= e.location.line && e.location.endLine <= lines, `entry '${e.key}' ends at ${e.location.endLine}`);
    assert.ok(Array.isArray(e.authors) && Array.isArray(e.keywords));
    if (e.year !== undefined) assert.ok(Number.isInteger(e.year), `year ${e.year}`);
    assert.equal(typeof e.type, 'string');
  }
}

function check(text: string, format: BibFormat, explicit: boolean): void {
  const file = FILE_OF[format];
  const loaded = withinTime(`parseBibliographyText (${format}, ${text.length} chars)`, () => parseBibliographyText(text, file, explicit ? format : undefined));
  checkLoaded(text, file, loaded);
  const again = parseBibliographyText(text, file, explicit ? format : undefined);
  assert.deepEqual(
    again.entries.map((e) => [e.key, e.location.line]),
    loaded.entries.map((e) => [e.key, e.location.line]),
    'not deterministic',
  );
  assert.equal(again.problems.length, loaded.problems.length, 'not deterministic (problems)');
}

const format = fc.constantFrom(...FORMATS);

describe('property: bibliography parsing', () => {
  it('random syntax-rich text in every format (explicit and detected)', () => {
    checkProperty('bibliography/random-syntax', [syntaxText(60), format, fc.boolean()], check, 1500);
  });

  for (const f of FORMATS) {
    it(`mutated excerpts of real ${f}`, () => {
      checkProperty(`bibliography/mutated-excerpts-${f}`, [mutatedExcerpt(REAL_BY_FORMAT[f], 3000), fc.constant(f), fc.boolean()], check, f === 'bibtex' ? 150 : 100);
    });
  }

  it('whole real files with random mutations (all formats)', () => {
    const whole = fc.constantFrom(...FORMATS).chain((f) => fc.tuple(mutated(REAL_BY_FORMAT[f], 6), fc.constant(f)));
    checkProperty('bibliography/mutated-files', [whole], ([text, f]) => check(text, f, true), 24);
  });

  it('BibTeX recovers entry by entry: deleting a slice loses only the entries it touches', () => {
    const source = REAL.bibs[1];
    const { chunks } = splitBibtex(source);
    const original = chunks.filter((c) => c.kind === 'entry');
    const all = new Set(parseBibliographyText(source, 'refs.bib').entries.map((e) => e.key));
    assert.ok(all.size >= 10, `only ${all.size} entries in the real file`);
    checkProperty(
      'bibliography/bibtex-recovery',
      [fc.nat({ max: source.length - 1 }), fc.integer({ min: 1, max: 120 })],
      (at, length) => {
        const text = source.slice(0, at) + source.slice(at + length);
        const loaded = parseBibliographyText(text, 'refs.bib');
        const got = new Set(loaded.entries.map((e) => e.key));
        const duplicates = new Set(loaded.problems.filter((p) => p.code === 'duplicate-key').map((p) => p.key));
        for (const c of original) {
          // Untouched: ends before the cut, or starts after it and still at the start of a line (a cut
          // that joins an entry onto the line of an unclosed one lets that one swallow it, by design).
          const newStart = c.start - length;
          const atLineStart = /(?:^|\n)[ \t]*$/.test(text.slice(Math.max(0, newStart - 200), newStart));
          const untouched = c.end <= at || (c.start >= at + length && atLineStart);
          if (!untouched || duplicates.has(c.key) || !all.has(c.key)) continue;
          assert.ok(got.has(c.key), `entry '${c.key}' lost after deleting [${at}, ${at + length}): ${JSON.stringify(source.slice(at, at + length))}`);
        }
      },
      200,
    );
  });

  it('line numbers stay right with LF, CRLF, lone CR and mixed line endings (BibTeX and RIS)', () => {
    const sources: Array<[BibFormat, string]> = [
      ['bibtex', REAL.bibs[0]],
      ['bibtex', REAL.bibs[2]],
      ['bibtex', REAL.hubBib.split('\n').slice(0, 300).join('\n')],
      ['ris', REAL.ris.split(/\r?\n/).slice(0, 400).join('\n')],
    ];
    checkProperty(
      'bibliography/line-endings',
      [fc.constantFrom(...sources), fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 1, maxLength: 64 })],
      ([f, source], endings) => {
        const lines = source.replace(/\r\n/g, '\n').split('\n');
        // A lone CR then an empty line ending in LF would read as one CRLF: such a LF becomes a CR.
        const ends = lines.map((_, i) => endings[i % endings.length]);
        for (let i = 1; i < ends.length; i++) if (ends[i] === '\n' && ends[i - 1] === '\r' && lines[i] === '') ends[i] = '\r';
        const text = lines.map((l, i) => l + (i < lines.length - 1 ? ends[i] : '')).join('');
        const loaded = parseBibliographyText(text, FILE_OF[f], f);
        const lf = parseBibliographyText(lines.join('\n'), FILE_OF[f], f);
        assert.ok(lf.entries.length >= 3, `only ${lf.entries.length} entries`);
        assert.deepEqual(loaded.entries.map((e) => e.key), lf.entries.map((e) => e.key), 'line endings changed which entries load');
        for (const e of loaded.entries) {
          const line = lines[e.location.line - 1];
          if (f === 'bibtex') assert.match(line, new RegExp(`^\\s*@\\w+\\s*[{(]\\s*${e.key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*,`), `entry '${e.key}' reported at line ${e.location.line}: ${line}`);
          else assert.match(line, /^\s*TY {2}-/, `RIS record reported at line ${e.location.line}: ${line}`);
        }
      },
      40,
    );
  });

  it('keys and names in right-to-left scripts and with combining marks are kept exactly as written', () => {
    const keys = fc.constantFrom('cafe\u0301', 'café', 'عبدالله2020', 'שלום2019', 'naïve:2021', 'Ωmega_1', 'ke\u0301y\u0308');
    const names = fc.constantFrom('عبد الله', 'כהן', 'Dvořák', 'Nguyễn', 'Mu\u0308ller', 'O’Brien');
    checkProperty(
      'bibliography/unicode-keys-names',
      [keys, names, fc.constantFrom('bibtex', 'csl-json', 'csl-yaml') as fc.Arbitrary<BibFormat>],
      (key, family, f) => {
        const text =
          f === 'bibtex'
            ? `% a comment line\n@article{${key},\n  author = {${family}, Ahmad},\n  title = {A study},\n  year = {2020}\n}\n`
            : f === 'csl-json'
              ? JSON.stringify([{ id: key, type: 'article-journal', title: 'A study', author: [{ family, given: 'Ahmad' }], issued: { 'date-parts': [[2020]] } }], null, 1)
              : toYaml([{ id: key, type: 'article-journal', title: 'A study', author: [{ family, given: 'Ahmad' }], issued: 2020 }]);
        const loaded = parseBibliographyText(text, FILE_OF[f]);
        assert.deepEqual(loaded.problems, []);
        assert.equal(loaded.entries.length, 1);
        const [e] = loaded.entries;
        assert.equal(e.key, key, 'key changed');
        assert.equal(e.authors[0]?.family, family, 'family name changed');
        assert.equal(e.year, 2020);
        assert.equal(e.location.line, f === 'bibtex' ? 2 : f === 'csl-json' ? 3 : 1);
      },
      60,
    );
  });
});
