import { strict as assert } from 'node:assert';
import { isDeepStrictEqual } from 'node:util';
import { parseBibtexSyntax } from '../../../../src/core/bibliography/formats/citationJs';
import type { BibliographyStore } from '../../../../src/core/bibliography/store/bibliographyStore';
import { defaultMacros, readBibtexEntry, readStringDefinition } from '../../../../src/core/bibliography/formats/bibtex/fastBibtexSyntax';
import { parseBibliographyText } from '../../../../src/core/bibliography/formats/parseText';
import { splitBibtex } from '../../../../src/core/bibliography/formats/bibtex/splitBibtex';
import type { BibEntry, LoadedFile } from '../../../../src/core/types';
import { contentOf, fixtureText, hubFixture, newStore, paperBibs } from '../fixtures';
import { readFileSync } from 'node:fs';

/**
 * Re-parsing a file after an edit reuses the entries whose text did not change (entryMemo) and
 * reads well-formed entries with the fast syntax reader. Both must be invisible: every result must
 * equal a fresh parse by citation-js alone.
 */

const FILE = '/library/sample.bib';

/** Real text: the big library's @string macros, 300 of its entries, a crossref pair and a lone-$ entry. */
function sampleText(): string {
  const big = fixtureText('big', 'gsa_oes_matching_guide_big.bib');
  const chunks = splitBibtex(big).chunks;
  const macros = chunks.filter((c) => c.kind === 'string').map((c) => c.text);
  const entries = chunks.filter((c) => c.kind === 'entry');
  // (The lone-$ entry comes from the broken fixture, so the big library's copy of it is left out.)
  const picked = [...entries.slice(0, 300).filter((c) => c.key !== 'ackerman01062013'), ...entries.filter((c) => c.key === 'constant' || c.key === 'constant1819lib' || c.key === 'bowers:hans:2008')];
  return [...macros, ...picked.map((c) => c.text), fixtureText('broken', 'stray-dollar.bib')].join('\n\n');
}

/** A fresh parse (no memory of earlier ones), as plain content. */
function fresh(text: string): ReturnType<typeof contentOf> {
  return contentOf(parseBibliographyText(text, FILE));
}

function entry(loaded: LoadedFile, key: string): BibEntry {
  const found = loaded.entries.find((e) => e.key === key);
  assert.ok(found, key);
  return found;
}

describe('bibliography: incremental re-parse (entry memo)', () => {
  const text = sampleText();
  let store: BibliographyStore;
  let first: LoadedFile;

  beforeEach(() => {
    store = newStore();
    first = store.parseText(text, FILE);
  });

  it('re-parsing unchanged text equals a fresh parse and reuses every plain entry', () => {
    const again = store.parseText(text, FILE);
    assert.deepEqual(contentOf(again), fresh(text));
    assert.ok(first.entries.length > 300);
    const reused = again.entries.filter((e, i) => e.csl === first.entries[i].csl).map((e) => e.key);
    // Everything but the crossref child and the repaired lone-$ entry is reused.
    assert.deepEqual(
      again.entries.filter((e) => !reused.includes(e.key)).map((e) => e.key),
      ['constant1819lib', 'ackerman01062013'],
    );
  });

  it('after an edit only the edited entry is new, locations move, and the result equals a fresh parse', () => {
    const edited = text.replace(/(@incollection\{constant1819lib,[^@]*?\ttitle = \{)/, '$1Edited: ').replace('@book{constant,', '\n\n@book{constant,');
    assert.notEqual(edited, text);
    const again = store.parseText(edited, FILE);
    assert.deepEqual(contentOf(again), fresh(edited));
    assert.match(entry(again, 'constant1819lib').title ?? '', /^Edited: The Liberty/);
    // The parent was reused (no raw fields remembered), yet the child still inherits from it.
    assert.equal(entry(again, 'constant1819lib').publisher, 'Cambridge University Press');
    assert.equal(entry(again, 'constant').location.line, entry(first, 'constant').location.line + 2);
    const renewed = again.entries.filter((e, i) => e.csl !== first.entries[i].csl).map((e) => e.key);
    assert.deepEqual(renewed, ['constant1819lib', 'ackerman01062013']);
  });

  it('an edited crossref parent reaches its (never remembered) child', () => {
    store.parseText(text, FILE);
    const edited = text.replace(/(@book\{constant,[^@]*?publisher = \{)Cambridge University Press/, '$1Other Press');
    assert.notEqual(edited, text);
    const again = store.parseText(edited, FILE);
    assert.equal(entry(again, 'constant1819lib').publisher, 'Other Press');
    assert.deepEqual(contentOf(again), fresh(edited));
  });

  it('a changed @string macro invalidates the remembered entries', () => {
    assert.equal(entry(first, 'bowers:hans:2008').container, 'Journal of the American Statistical Association');
    const edited = text.replace(/(@string\{jasa\s*=\s*\{)Journal of the American Statistical Association/i, '$1J. Am. Stat. Assoc.');
    assert.notEqual(edited, text);
    const again = store.parseText(edited, FILE);
    assert.equal(entry(again, 'bowers:hans:2008').container, 'J. Am. Stat. Assoc.');
    assert.deepEqual(contentOf(again), fresh(edited));
  });

  it('a repaired entry keeps its warning on every parse', () => {
    const warning = (l: LoadedFile) => l.problems.filter((p) => p.key === 'ackerman01062013').map((p) => p.code);
    assert.deepEqual(warning(first), ['bib-parse-error']);
    assert.deepEqual(warning(store.parseText(text, FILE)), ['bib-parse-error']);
  });

  it('each store remembers only its own parses: another store parses afresh, to the same result', () => {
    const other = newStore().parseText(text, FILE);
    assert.notEqual(other.entries[0].csl, first.entries[0].csl);
    assert.deepEqual(contentOf(other), contentOf(first));
  });

  it('remembers per file: the same text under another path is parsed afresh, with its own locations', () => {
    const other = store.parseText(text, '/elsewhere/sample.bib');
    assert.equal(other.entries[0].location.file, '/elsewhere/sample.bib');
    assert.notEqual(other.entries[0].csl, first.entries[0].csl);
  });
});

describe('bibliography: the fast BibTeX syntax reader', () => {
  it('reads every entry of the real fixture libraries exactly as citation-js does (or leaves it to it)', function () {
    this.timeout(60_000);
    const files = [...paperBibs(), 'big/gsa_oes_matching_guide_big.bib', hubFixture('hub-outputs.bib'), 'broken/field-errors.bib', 'broken/stray-dollar.bib'];
    let compared = 0;
    for (const f of files) {
      const text = (f.startsWith('/') ? readFileSync(f, 'utf8') : fixtureText(...f.split('/'))).replace(/^\uFEFF/, '');
      const chunks = splitBibtex(text).chunks;
      const strings = chunks.filter((c) => c.kind === 'string');
      const macros = defaultMacros();
      if (!strings.every((c) => readStringDefinition(c.text, macros))) continue;
      const prefix = strings.map((c) => c.text).join('\n');
      for (const chunk of chunks) {
        if (chunk.kind !== 'entry') continue;
        const fast = readBibtexEntry(chunk.text, macros);
        if (fast === undefined) continue;
        const slow = parseBibtexSyntax(`${prefix}\n${chunk.text}`);
        assert.equal(slow.length, 1, `${f}:${chunk.line}`);
        assert.ok(isDeepStrictEqual(fast, slow[0]), `${f}:${chunk.line}: ${JSON.stringify(fast).slice(0, 200)}`);
        assert.deepEqual(Object.keys(fast.properties), Object.keys(slow[0].properties));
        compared++;
      }
    }
    assert.ok(compared > 6800, `compared ${compared}`);
  });

  it('mirrors citation-js on the tricky cases and leaves malformed ones to it', () => {
    const cases = [
      '@misc{a, title = "x {y} \\{ z", year = 2020 # "b", note = jan # { and } # feb, author+an = {1=x}, title+an:foo = {q}}',
      '@misc(a, title = {x}, % a comment\n  year = {1}, )',
      '@Misc { a ,\n TITLE = {X} }',
      '@misc{a, title={x\\}y}}',
      '@misc{a, title="x\\{y"}',
      '@misc{a, title = -12, note = 0 # x, other = unknownmacro}',
    ];
    for (const text of cases) {
      const fast = readBibtexEntry(text, defaultMacros());
      assert.ok(fast, text);
      assert.deepEqual(fast, parseBibtexSyntax(text)[0], text);
    }
    for (const text of ['@misc{a, title = {x}y}', '@misc{a,title={x},,}', '@misc{a, title = constructor}', '@misc{a, title = {x}', '@misc{a title = {x}}']) {
      assert.equal(readBibtexEntry(text, defaultMacros()), undefined, text);
    }
  });
});

describe('bibliography: re-splitting only what an edit changed', () => {
  const base = sampleText();
  // Edits that move, merge, break and add entries: the re-split must equal a full split every time.
  const inserts = ['}', '{', '"', '%', '\n', '\n@misc{inserted2024, title = {Inserted}}\n', '\n% @book{commented,\n', ' = {x}', '@', 'x'];
  let seed = 7;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };

  it('equals a full split after 300 random edits of a real library (each edit on the previous text)', function () {
    this.timeout(60_000);
    let text = base;
    let split = splitBibtex(text);
    for (let i = 0; i < 300; i++) {
      const at = random(text.length);
      const cut = random(4) === 0 ? random(200) : 0;
      const next = text.slice(0, at) + (random(3) === 0 ? '' : inserts[random(inserts.length)]) + text.slice(at + cut);
      const again = splitBibtex(next, { text, split });
      assert.deepEqual(again, splitBibtex(next), `edit ${i} at ${at}`);
      // Start over from the clean text now and then, so edits also land in a split without issues.
      [text, split] = random(5) === 0 ? [base, splitBibtex(base)] : [next, again];
    }
  });

  it('keeps the chunks before and after a one-line edit, shifted when lines are added', () => {
    const split = splitBibtex(base);
    const middle = split.chunks[150];
    // Two blank lines after the entry's first line ("@type{key,").
    const at = base.indexOf('\n', middle.start) + 1;
    const edited = base.slice(0, at) + '\n\n' + base.slice(at);
    const again = splitBibtex(edited, { text: base, split });
    assert.equal(again.chunks[10], split.chunks[10], 'a chunk before the edit is the same object');
    assert.equal(again.chunks[200].line, split.chunks[200].line + 2);
    assert.equal(again.chunks[200].text, split.chunks[200].text);
    assert.deepEqual(again, splitBibtex(edited));
  });
});
