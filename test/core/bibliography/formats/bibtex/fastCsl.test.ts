/**
 * The fast BibTeX → CSL path against citation-js, entry by entry: on every entry of the real libraries
 * (the 6k BibDesk library, the 31 papers' bibs, the Hub's bib), on hand-written entries of the shapes it
 * must take, and on random mutations of real entries. The invariant everywhere: the fast path gives
 * exactly citation-js's CSL item (same fields, values and key order; so the same BibEntry), or it
 * declines — never a different answer, and never an item where citation-js fails.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { bibtexEntriesToCsl, parseBibtexSyntax, type CslItem, type RawBibtexEntry } from '../../../../../src/core/bibliography/formats/citationJs';
import { defaultMacros, readBibtexEntry, readStringDefinition } from '../../../../../src/core/bibliography/formats/bibtex/fastBibtexSyntax';
import { DECLINED, fastBibtexToCsl } from '../../../../../src/core/bibliography/formats/bibtex/fastCsl';
import { normaliseCslItem } from '../../../../../src/core/bibliography/formats/normaliseEntry';
import { isBookkeeping, parseBibtexText, withoutBookkeeping } from '../../../../../src/core/bibliography/formats/bibtex/parseBibtex';
import { splitBibtex } from '../../../../../src/core/bibliography/formats/bibtex/splitBibtex';
import type { BibEntry } from '../../../../../src/core/types';
import { checkProperty, report } from '../../../../property/helpers';
import { fixture, fixtureText, hubText, paperBibs } from '../../fixtures';

const LOCATION = { file: 'refs.bib', line: 1, column: 1 };

/** A file's entries by key, as the parser hands them to citation-js (crossref parents are found here). */
type EntryOf = (key: string) => RawBibtexEntry | undefined;

/**
 * citation-js's item for one entry, or 'error' when it throws. As the parser calls it: with the
 * entry's crossref parents (and theirs) in the same call, found by the key as written.
 */
function citationJsItem(raw: RawBibtexEntry, entryOf?: EntryOf): CslItem | 'error' {
  const withParents = [raw];
  for (let k = 0; k < withParents.length; k++) {
    const key = withParents[k].properties.crossref;
    const parent = typeof key === 'string' && !withParents.some((e) => e.label === key) ? entryOf?.(key) : undefined;
    if (parent) withParents.push(parent);
  }
  try {
    return bibtexEntriesToCsl(withParents)[0];
  } catch {
    return 'error';
  }
}

function byKey(entries: readonly RawBibtexEntry[]): EntryOf {
  const map = new Map(entries.map((e) => [e.label, e]));
  return (key) => map.get(key);
}

/**
 * The invariant for one raw entry. Returns whether the fast path took it. Checks the CSL item (deep
 * equality and the same JSON, key order included: packs store it as JSON) and the BibEntry made of it.
 */
function checkAgainstCitationJs(raw: RawBibtexEntry, entryOf?: EntryOf): boolean {
  const fast = fastBibtexToCsl(raw, entryOf);
  if (fast === DECLINED) return false;
  const reference = citationJsItem(raw, entryOf);
  assert.notEqual(reference, 'error', `fast path gave an item where citation-js fails: ${JSON.stringify(raw)}`);
  assert.deepStrictEqual(fast, reference, `different item for ${JSON.stringify(raw)}`);
  assert.equal(JSON.stringify(fast), JSON.stringify(reference), `different key order for ${raw.label}`);
  assert.deepStrictEqual(normaliseCslItem(fast, raw.label, LOCATION, raw), normaliseCslItem(reference as CslItem, raw.label, LOCATION, raw));
  return true;
}

/** Raw entries as the parser reads them: @string macros applied, the fast syntax reader else citation-js's grammar. */
function rawEntriesOf(text: string): RawBibtexEntry[] {
  const { chunks } = splitBibtex(text);
  const strings = chunks.filter((c) => c.kind === 'string').map((c) => c.text);
  const macros = defaultMacros();
  const prefix = strings.join('\n');
  const macrosReadable = strings.every((s) => readStringDefinition(s, macros));
  const entries: RawBibtexEntry[] = [];
  for (const chunk of chunks) {
    if (chunk.kind !== 'entry' || chunk.key === '') continue;
    let raw = macrosReadable ? readBibtexEntry(chunk.text, macros) : undefined;
    if (!raw) {
      try {
        raw = parseBibtexSyntax(prefix + '\n' + chunk.text)[0];
      } catch {
        continue; // a syntax error: reported by the parser, never mapped
      }
    }
    if (raw) entries.push(raw);
  }
  return entries;
}

const LIBRARIES: readonly { name: string; texts: () => string[]; minShare: number }[] = [
  { name: 'the 6k BibDesk library', texts: () => [fixtureText('big', 'gsa_oes_matching_guide_big.bib')], minShare: 0.95 },
  { name: "the 31 papers' bibs", texts: () => paperBibs().map((f) => readFileSync(f, 'utf8')), minShare: 0.95 },
  { name: "the Hub's bib", texts: () => [hubText('hub-outputs.bib')], minShare: 0.95 },
];

/** Abstracts are converted apart from the mapping (parseBibtex's addAbstract), alike on both paths. */
function withoutAbstract(entry: BibEntry): object {
  const { abstract: _abstract, csl, ...rest } = entry;
  const { abstract: _cslAbstract, ...cslRest } = csl as CslItem;
  return { ...rest, csl: cslRest };
}

describe('bibliography/formats/bibtex: the fast CSL path gives citation-js\'s item or declines', () => {
  const realEntries: RawBibtexEntry[] = [];

  for (const library of LIBRARIES) {
    it(`every entry of ${library.name}, as mapped (bookkeeping fields left out) and whole`, function () {
      this.timeout(120_000);
      const entries = library.texts().flatMap(rawEntriesOf);
      realEntries.push(...entries);
      assert.ok(entries.length > 100, `${entries.length} entries`);
      const mapped = entries.map(withoutBookkeeping);
      const mappedOf = byKey(mapped);
      let taken = 0;
      for (const raw of mapped) if (checkAgainstCitationJs(raw, mappedOf)) taken++;
      // How the parser maps an entry without crossref: its bookkeeping fields skipped, not copied away.
      for (const raw of entries) {
        const skipping = fastBibtexToCsl(raw, undefined, isBookkeeping);
        const fromCopy = fastBibtexToCsl(withoutBookkeeping(raw));
        assert.deepStrictEqual(skipping, fromCopy, raw.label);
        assert.equal(JSON.stringify(skipping), JSON.stringify(fromCopy), raw.label);
      }
      // Whole entries too (abstracts, BibDesk fields): more LaTeX, the same invariant.
      const wholeOf = byKey(entries);
      let takenWhole = 0;
      for (const raw of entries) if (checkAgainstCitationJs(raw, wholeOf)) takenWhole++;
      const share = taken / entries.length;
      report(`fast CSL path, ${library.name}: takes ${taken}/${entries.length} entries (${(100 * share).toFixed(2)}%), with abstracts and bookkeeping ${takenWhole}/${entries.length}`);
      assert.ok(share >= library.minShare, `fast path takes only ${(100 * share).toFixed(1)}%`);
    });
  }

  it('the parser uses it: every entry of the 6k library is what citation-js makes of it', function () {
    this.timeout(120_000);
    const text = fixtureText('big', 'gsa_oes_matching_guide_big.bib');
    const { entries } = parseBibtexText(text, fixture('big', 'fast-csl-wiring.bib'));
    const raws = new Map(rawEntriesOf(text).map((r) => [r.label, r]));
    const mappedOf = byKey([...raws.values()].map(withoutBookkeeping));
    let compared = 0;
    for (const entry of entries) {
      const raw = mappedOf(entry.key)!;
      const reference = normaliseCslItem(citationJsItem(raw, mappedOf) as CslItem, entry.key, entry.location, raws.get(entry.key));
      assert.deepStrictEqual(withoutAbstract(entry), withoutAbstract(reference), entry.key);
      compared++;
    }
    assert.equal(compared, 6239);
  });

  describe('hand-written entries of the shapes it takes (each must be taken, and equal citation-js)', () => {
    const cases: Record<string, string> = {
      'braced and quoted fields, numbers': '@article{a, title = {A Title}, journal = "Some Journal", year = 2020, volume = 3, number = {2}, pages = {1--10}}',
      'accents in every spelling': `@book{b, author = {M{\\"u}ller, J{\\"o}rg and Garc\\'ia, Mar{\\'\\i}a and \\c{C}elik, {\\.I}smail and Dvo\\v{r}\\'ak, Anton\\'in}, title = {{\\AA}ngstr\\"om \\ss \\o\\ \\textendash\\ caf\\'e}, publisher = {Ed. \\'Ecole}, year = {1999}}`,
      'corporate, von, Jr and others': '@report{c, author = {{World Bank} and {{EdTech Hub}} and van der Berg, Servaas and Ludwig van Beethoven and King, Jr., Martin Luther and de la Fontaine, Jean and others}, title = {T}, institution = {Institute}, year = {2021}, type = {Working Paper}}',
      'months, days and dates': '@misc{d, title = {T}, year = {2019}, month = may, note = {n}, urldate = {2020-03-04}, howpublished = {\\url{https://example.org/a_b}}}',
      'a biblatex date and a range': '@online{e, title = {T}, date = {2020-01-01/2020-02-01}, url = {https://example.org/x y}, eventdate = {2019-05}}',
      'a day and a month name': '@inproceedings{f, title = {T}, booktitle = {Proc.}, year = {2018}, month = {June}, day = {3}, number = {7}, organization = {ACM}, address = {New York and London}}',
      'thesis types and genre': '@phdthesis{g, author = {A, B}, title = {T}, school = {MIT}, year = {2010}}',
      'text commands, formatting, ligatures': "@article{h, title = {\\emph{Emph} and {\\em em} and \\textbf{bold} ``quoted'' -- --- \\& 50\\% \\$ \\# \\_ a~b}, journal = {J}, year = {2001}}",
      'math, scripts, greek': '@article{i, title = {A $p$-value for $N=1$ and $\\alpha$-investing, \\alpha, $L_1$, $x^2$, $x^{ab}$, $\\sp{3}$}, journal = {J}, year = {2002}, doi = {10.1/$x$}}',
      'keywords, language, DOI, ISBN': '@book{j, title = {T}, keywords = {one, two,three}, language = {english}, doi = {10.1000/a\\_b}, isbn = {978-3-16-148410-0}, edition = {2}, series = {S}, year = {2003}, publisher = {P and Q}}',
      'unknown commands stay as written': '@article{k, title = {Using \\LaTeX\\ and \\foo{bar}}, journal = {J}, year = {2004}}',
      'an unknown entry type': '@blogpost{l, title = {T}, author = {X, Y}, year = {2005}}',
      'hyphenated and lower-case names': '@article{m, author = {Jean-Paul Sartre and {\\relax Ch}ristopher Lee and d\'Artagnan, Charles and al-Khwarizmi, Muhammad}, title = {T}, journal = {J}, year = {2006}}',
    };
    for (const [name, text] of Object.entries(cases)) {
      it(name, () => {
        const [raw] = rawEntriesOf(text);
        assert.ok(raw, 'read');
        assert.notEqual(fastBibtexToCsl(raw), DECLINED, 'declined');
        assert.ok(checkAgainstCitationJs(raw));
      });
    }
  });

  it('declines annotations, environments, crossref cycles and crossrefs it is not given the file for', () => {
    for (const text of [
      '@article{a, author = {X, Y}, author+an = {1=corresponding}, title = {T}}',
      '@article{a, title = {\\begin{em}x\\end{em}}}',
      '@article{a, title = {$x^$}}',
    ]) {
      const [raw] = rawEntriesOf(text);
      assert.equal(fastBibtexToCsl(raw), DECLINED, text);
    }
    const cycle = rawEntriesOf('@inbook{a, crossref = {b}, title = {A}}\n@book{b, crossref = {a}, title = {B}}');
    assert.equal(fastBibtexToCsl(cycle[0], byKey(cycle)), DECLINED);
    assert.equal(fastBibtexToCsl(cycle[0]), DECLINED, 'no file to find the parent in');
  });

  it('inherits through crossref as citation-js does (book parts, collections, proceedings, chains, missing parents)', () => {
    const file = rawEntriesOf(`
      @mvbook{mv, title = {Collected Works}, author = {Weber, Max}, publisher = {Mohr}, year = {1990}}
      @book{b, crossref = {mv}, title = {Political Writings}, subtitle = {Essays}, editor = {Lassman, Peter}, volume = {2}}
      @inbook{c, crossref = {b}, title = {The Profession and Vocation of Politics}, pages = {309--369}}
      @incollection{d, crossref = {coll}, title = {A Chapter}, author = {Smith, J.}}
      @collection{coll, title = {Edited Volume}, editor = {Jones, K.}, publisher = {P}, year = {2001}, shorttitle = {Vol}}
      @inproceedings{e, crossref = {proc}, title = {A Paper}, author = {Doe, A.}}
      @proceedings{proc, title = {Proceedings of X}, year = {2010}, organization = {ACM}}
      @article{f, crossref = {per}, title = {An Article}}
      @periodical{per, title = {The Journal}, subtitle = {Of Things}, year = {2011}}
      @inbook{g, crossref = {nobody}, title = {Orphan}, year = {2000}}
      @inbook{h, crossref = {h}, title = {Itself}}
    `);
    const entryOf = byKey(file);
    for (const raw of file) {
      assert.notEqual(fastBibtexToCsl(raw, entryOf), DECLINED, raw.label);
      assert.ok(checkAgainstCitationJs(raw, entryOf), raw.label);
    }
  });

  it('declines where citation-js fails (an unbalanced brace, an unclosed $, \\textit without its argument)', () => {
    for (const value of ['a } b', 'unclosed $math', '\\textit x', 'trailing \\', '\\url x']) {
      const raw: RawBibtexEntry = { type: 'article', label: 'a', properties: { title: value } };
      assert.equal(citationJsItem(raw), 'error', value);
      assert.equal(fastBibtexToCsl(raw), DECLINED, value);
    }
  });

  describe('random mutations of real entries', () => {
    /** LaTeX and BibTeX pieces that change what citation-js makes of a value. */
    const SNIPPETS = [
      "\\'e", "\\'{e}", "{\\'e}", '\\"{o}', '\\"o', '\\c{c}', '\\c c', '\\v{s}', '\\u{g}', '\\H{o}', '\\k{a}', '\\r{a}', '\\t{oo}', '\\=a', '\\.z',
      '\\~n', '\\^o', '\\`a', '{\\i}', "\\'\\i", '\\"{\\i}', '\\ss', '\\o', '\\O', '\\ae', '\\l', '\\AA', '\\textendash', '\\textemdash', '\\copyright',
      '\\textcommabelow{s}', '\\ldots', '\\&', '\\%', '\\$', '\\#', '\\_', '\\{', '\\}', '--', '---', '~', '``', "''", '\\textit{x}', '\\emph{y}',
      '\\textbf{z}', '{\\em w}', '{\\bf v}', '\\textsc{u}', '\\textsuperscript{2}', '\\textrm{r}', '$x$', '$\\alpha$', '$x^2$', '$L_1$', '$\\mathrm{d}$',
      '\\url{http://a.b/c}', '\\href{http://x}{y}', '\\url {u}', '\\unknowncmd', '\\unknown{arg}', '\\\\', '{', '}', '\\', '$', ',', ' and ', ' AND ',
      ' and others', 'von ', 'van der ', ', Jr', ', Jr.,', '{World Bank}', '{{Corp Name}}', '=', '-', '\\begin{x}y\\end{x}', '\\ElsevierGlyph{2212}',
      '  ', '\n', '\t', '\u00A0', '%', '#', '"', '2020', 'ß', 'İ', '\uD83D\uDE00', 'constructor', '\\constructor', '{}', '{{}}', '\\ ', '\\\n', 'http://',
      '\\"', "\\'", '\\^{}', '\\relax ', 'jan', 'May', '/', '..', 'Y', 'X', '?', 'T', 'pubmed', 'page', 'section', 'patent',
    ];
    const FIELDS = [
      'title', 'subtitle', 'titleaddon', 'author', 'editor', 'bookauthor', 'translator', 'journal', 'journaltitle', 'booktitle', 'maintitle',
      'mainsubtitle', 'issuetitle', 'eventtitle', 'eventtitleaddon', 'shortjournal', 'series', 'year', 'month', 'day', 'date', 'urldate', 'eventdate',
      'origdate', 'pages', 'bookpagination', 'number', 'issue', 'volume', 'volumes', 'edition', 'publisher', 'organization', 'institution', 'school',
      'address', 'location', 'howpublished', 'url', 'doi', 'eprint', 'eprinttype', 'archiveprefix', 'pmid', 'pmcid', 'isbn', 'issn', 'isan', 'keywords',
      'language', 'langid', 'note', 'addendum', 'annote', 'annotation', 'type', 'entrysubtype', 'pubstate', 'shorttitle', 'library', 'chapter', 'eid',
      'pagetotal', 'numpages', 'part', 'venue', 'version', 'origlocation', 'origpublisher', 'origtitle', 's2id', 'shortseries', 'abstract', 'unknownfield',
      'holder', 'ids',
    ];
    const TYPES = ['article', 'book', 'inbook', 'incollection', 'inproceedings', 'misc', 'online', 'patent', 'periodical', 'phdthesis', 'mastersthesis', 'report', 'techreport', 'thesis', 'unpublished', 'manual', 'blogpost', 'constructor'];

    type Mutation =
      | { kind: 'insert'; field: number; at: number; snippet: string }
      | { kind: 'set'; field: string; value: string }
      | { kind: 'wrap'; field: number; at: number; length: number }
      | { kind: 'delete'; field: number }
      | { kind: 'type'; type: string };

    const snippet = fc.constantFrom(...SNIPPETS);
    const value = fc.array(fc.oneof(snippet, fc.constantFrom('Smith', 'J.', 'de', 'Le Roux', 'Ng', '1999', 'a', 'B')), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));
    const mutation: fc.Arbitrary<Mutation> = fc.oneof(
      fc.record({ kind: fc.constant('insert' as const), field: fc.nat(), at: fc.nat(), snippet }),
      fc.record({ kind: fc.constant('set' as const), field: fc.constantFrom(...FIELDS), value }),
      fc.record({ kind: fc.constant('wrap' as const), field: fc.nat(), at: fc.nat(), length: fc.nat({ max: 12 }) }),
      fc.record({ kind: fc.constant('delete' as const), field: fc.nat() }),
      fc.record({ kind: fc.constant('type' as const), type: fc.constantFrom(...TYPES) }),
    );

    function mutate(raw: RawBibtexEntry, mutations: readonly Mutation[]): RawBibtexEntry {
      const properties: Record<string, string | number> = { ...raw.properties };
      let { type } = raw;
      for (const m of mutations) {
        const names = Object.keys(properties);
        const name = names.length > 0 && m.kind !== 'set' && m.kind !== 'type' ? names[m.field % names.length] : undefined;
        const old = name === undefined ? '' : String(properties[name]);
        if (m.kind === 'insert' && name !== undefined) {
          const at = m.at % (old.length + 1);
          properties[name] = old.slice(0, at) + m.snippet + old.slice(at);
        } else if (m.kind === 'wrap' && name !== undefined) {
          const at = m.at % (old.length + 1);
          properties[name] = `${old.slice(0, at)}{${old.slice(at, at + m.length)}}${old.slice(at + m.length)}`;
        } else if (m.kind === 'delete' && name !== undefined) {
          delete properties[name];
        } else if (m.kind === 'set') {
          properties[m.field] = m.value;
        } else if (m.kind === 'type') {
          type = m.type;
        }
      }
      return { type, label: raw.label, properties };
    }

    it('mutated field values, fields and types: citation-js\'s item or a decline', function () {
      this.timeout(120_000);
      if (realEntries.length === 0) for (const library of LIBRARIES) realEntries.push(...library.texts().flatMap(rawEntriesOf));
      const entry = fc.nat({ max: realEntries.length - 1 }).map((i) => withoutBookkeeping(realEntries[i]));
      let taken = 0;
      let runs = 0;
      checkProperty(
        'fast CSL path/mutated real entries',
        [entry, fc.array(mutation, { minLength: 1, maxLength: 5 })],
        (raw, mutations) => {
          runs++;
          if (checkAgainstCitationJs(mutate(raw, mutations))) taken++;
        },
        3000,
      );
      report(`fast CSL path/mutated real entries: ${taken} of ${runs} mutated entries taken, the rest declined`);
      assert.ok(taken > runs / 4, 'the mutations should not make the fast path decline nearly everything');
    });

    it('random LaTeX in each kind of field (text, names, lists, keywords, verbatim, URL, dates): citation-js\'s item or a decline', function () {
      this.timeout(60_000);
      const token = fc.constantFrom(
        ...'{}\\$~,-=^_ .\'"`aAzZé1/\n\t\u00A0ı'.split(''),
        ' and ', ' AND ', 'and', 'von', 'Van', 'de la', 'Jr', 'others', '\\"', "\\'", '\\c', '\\i', '\\ss', '\\em', '\\textit', '\\url', '\\url{x}',
        '\\href', '\\alpha', '\\LaTeX', '\\begin', '\\end', '--', '---', '``', "''", '\\\\', '\\{', '\\}', '{}', '\\textcommabelow', '\\mathrm', '\\sp',
        'jan', 'May', '2020', '2020-05-17', '..', 'T10:00',
      );
      let taken = 0;
      let runs = 0;
      const field = fc.constantFrom('title', 'author', 'editor', 'publisher', 'address', 'keywords', 'doi', 'url', 'year', 'month', 'day', 'date', 'urldate', 'pages', 'language', 'note', 'unknownfield');
      checkProperty(
        'fast CSL path/random LaTeX values',
        [fc.constantFrom(...TYPES), fc.array(fc.record({ field, value: fc.array(token, { minLength: 1, maxLength: 12 }).map((t) => t.join('')) }), { minLength: 1, maxLength: 4 })],
        (type, fields) => {
          runs++;
          const properties: Record<string, string> = {};
          for (const f of fields) properties[f.field] = f.value;
          if (checkAgainstCitationJs({ type, label: 'key1', properties })) taken++;
        },
        3000,
      );
      report(`fast CSL path/random LaTeX values: ${taken} of ${runs} entries taken, the rest declined`);
      assert.ok(taken > runs / 10, 'random values should not make the fast path decline nearly everything');
    });

    it('files of entries linked by crossref (chains, cycles, missing and odd keys): citation-js\'s item or a decline', function () {
      this.timeout(60_000);
      let taken = 0;
      let runs = 0;
      const labels = ['a', 'b', 'c', 'd'];
      const crossrefTypes = ['book', 'mvbook', 'inbook', 'bookinbook', 'collection', 'mvcollection', 'incollection', 'reference', 'inreference', 'proceedings', 'inproceedings', 'periodical', 'article', 'misc', 'constructor'];
      const fieldName = fc.constantFrom('title', 'subtitle', 'titleaddon', 'shorttitle', 'author', 'editor', 'bookauthor', 'booktitle', 'maintitle', 'journal', 'journaltitle', 'ids', 'entrysubtype', 'sortkey', 'year', 'publisher', 'pages', 'number', 'volume', 'language');
      const crossref = fc.oneof(fc.constantFrom(...labels), fc.constantFrom('missing', 'a--b', '{a}', 'constructor', ''));
      const entry = fc.record({
        type: fc.constantFrom(...crossrefTypes),
        crossref: fc.option(crossref),
        fields: fc.array(fc.record({ name: fieldName, value: fc.oneof(value, fc.constant('')) }), { maxLength: 5 }),
      });
      checkProperty(
        'fast CSL path/crossref files',
        [fc.array(entry, { minLength: 1, maxLength: 4 })],
        (entries) => {
          const file: RawBibtexEntry[] = entries.map((e, i) => {
            const properties: Record<string, string> = {};
            for (const f of e.fields) properties[f.name] = f.value;
            if (e.crossref !== null) properties.crossref = e.crossref;
            return { type: e.type, label: labels[i], properties };
          });
          const entryOf = byKey(file);
          for (const raw of file) {
            runs++;
            if (checkAgainstCitationJs(raw, entryOf)) taken++;
          }
        },
        1500,
      );
      report(`fast CSL path/crossref files: ${taken} of ${runs} entries taken, the rest declined`);
      assert.ok(taken > runs / 4, 'crossref files should mostly be taken');
    });

    it('entries written with @string macros and # concatenation: citation-js\'s item or a decline', function () {
      this.timeout(60_000);
      const macroName = fc.constantFrom('jasa', 'pub', 'amer', 'jan', 'may', 'cacm', 'ed');
      const part = fc.oneof(
        macroName,
        value.map((v) => `{${v}}`),
        value.filter((v) => !v.includes('"')).map((v) => `"${v}"`),
        fc.integer({ min: 0, max: 3000 }).map(String),
      );
      const field = fc.record({ name: fc.constantFrom(...FIELDS), parts: fc.array(part, { minLength: 1, maxLength: 3 }) });
      const macro = fc.record({ name: macroName, value: value.map((v) => `{${v}}`) });
      checkProperty(
        'fast CSL path/macros and concatenation',
        [fc.array(macro, { maxLength: 3 }), fc.constantFrom(...TYPES), fc.array(field, { minLength: 1, maxLength: 6 })],
        (macros, type, fields) => {
          const strings = macros.map((m) => `@string{${m.name} = ${m.value}}`).join('\n');
          const text = `${strings}\n@${type}{key1,\n${fields.map((f) => `  ${f.name} = ${f.parts.join(' # ')}`).join(',\n')}\n}\n`;
          for (const raw of rawEntriesOf(text)) checkAgainstCitationJs(withoutBookkeeping(raw));
        },
        1500,
      );
    });
  });
});
