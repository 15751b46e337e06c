import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseBibliographyText } from '../../../src/core/bibliography/formats/parseText';
import { buildTokenIndex, remapTokenIndex } from '../../../src/core/search/buildTokenIndex';
import { foldKey, keySegmentTails, tokenize } from '../../../src/core/search/normalise';
import { Field, namesOf, TokenIndex, trigramsOf, type TokenIndexParts } from '../../../src/core/search/tokenIndex';
import type { BibEntry } from '../../../src/core/types';

/**
 * After an edit the index is renumbered from the old one (remapTokenIndex) instead of rebuilt:
 * it must hold exactly the postings a fresh build over the new entry list holds.
 */

const HUB = path.resolve(__dirname, '../../fixtures/hub/hub-outputs.bib');
const BIG = path.resolve(__dirname, '../../fixtures/bibliography/big/gsa_oes_matching_guide_big.bib');

const TITLE_STOPWORDS = new Set('a an the of and in on for to with by at from is are as or its it into via vs de la le el et und der die das'.split(' '));

/**
 * The postings the index's rules give, spelt out with the normalise functions (what the search folds
 * a query with): token → sorted `entry << 3 | field`, each (entry, token, field) once.
 */
function referencePostings(entries: readonly BibEntry[]): Map<string, number[]> {
  const byToken = new Map<string, Set<number>>();
  const add = (token: string, field: number, entry: number): void => {
    if (!token) return;
    const set = byToken.get(token) ?? new Set<number>();
    set.add((entry << 3) | field);
    byToken.set(token, set);
  };
  entries.forEach((e, i) => {
    const key = foldKey(e.key);
    add(key, Field.Key, i);
    for (const tail of keySegmentTails(e.key, key)) add(tail, Field.KeyPart, i);
    namesOf(e).forEach((name, n) => {
      const words = tokenize(name);
      for (const w of words) add(w, n === 0 ? Field.AuthorFirst : Field.AuthorOther, i);
      if (words.length > 1) add(words.join(''), n === 0 ? Field.AuthorFirst : Field.AuthorOther, i);
    });
    if (e.yearLabel) add(e.yearLabel.toLowerCase(), Field.Year, i);
    if (e.year !== undefined) add(String(e.year), Field.Year, i);
    for (const w of tokenize(e.title ?? '')) if (!TITLE_STOPWORDS.has(w)) add(w, Field.Title, i);
    for (const k of e.keywords) for (const w of tokenize(k)) add(w, Field.Keyword, i);
  });
  return new Map([...byToken].map(([token, set]) => [token, [...set].sort((a, b) => a - b)]));
}

/** Token → its postings, leaving out tokens no entry uses (a renumbered index may keep them). */
function postingsByToken(parts: TokenIndexParts): Map<string, number[]> {
  const byToken = new Map<string, number[]>();
  parts.tokens.forEach((token, id) => {
    const list = [...parts.postings.subarray(parts.offsets[id]!, parts.offsets[id + 1]!)];
    if (list.length) byToken.set(token, list);
  });
  return byToken;
}

/** Applies an edit to a list: entries removed at `removed` positions, `added` inserted before old position `at`. */
function renumber(old: readonly BibEntry[], removed: Set<number>, at: number, added: BibEntry[]) {
  const entries: BibEntry[] = [];
  const oldToNew = new Int32Array(old.length).fill(-1);
  const placed: { entry: BibEntry; position: number }[] = [];
  old.forEach((entry, i) => {
    if (i === at) for (const a of added) placed.push({ entry: a, position: entries.push(a) - 1 });
    if (!removed.has(i)) oldToNew[i] = entries.push(entry) - 1;
  });
  return { entries, oldToNew, placed };
}

describe('search/tokenIndex', () => {
  it('holds exactly the postings of the folding rules, a sorted vocabulary and every word\'s trigrams (real 6k library, non-ASCII names and titles)', () => {
    const big = parseBibliographyText(readFileSync(BIG, 'utf8'), BIG).entries;
    const odd: BibEntry = { ...big[0]!, key: 'Çetinkaya-Rundel:2021ä', title: 'Über die Straße — ÆON İstanbul ﬁnal Ⅻ of the', authors: [{ family: 'Ødegård Bjørn' }, { literal: 'ΣΧΟΛΕΙΟ Ελλάδα' }], keywords: ['naïve café', 'K-12'] };
    const entries = [...big, odd, { ...odd, key: 'plain2020', title: 'Plain ASCII then Ünïcode' }];
    const parts = buildTokenIndex(entries);
    assert.deepEqual(postingsByToken(parts), referencePostings(entries));
    assert.equal(new Set(parts.tokens).size, parts.tokens.length, 'each token once');
    const sorted = Array.from(parts.sorted, (id) => parts.tokens[id]!);
    assert.deepEqual(sorted, [...parts.tokens].sort());
    // A word of three letters or more (not a key or key segment only) is found by each of its trigrams.
    const index = TokenIndex.fromParts(parts);
    const word = 'stratified';
    const id = parts.tokens.indexOf(word);
    for (const tri of trigramsOf(word)) {
      const t = parts.trigrams.indexOf(tri);
      assert.ok(parts.trigramIds.subarray(parts.trigramOffsets[t]!, parts.trigramOffsets[t + 1]!).includes(id), tri);
    }
    const hits: number[] = [];
    index.visit('stratifeid', { fields: 0b1111111, prefix: false, typos: true }, (entry) => hits.push(entry));
    assert.ok(hits.length > 0, 'a swapped pair of letters is a typo away');
  });

  const hub = parseBibliographyText(readFileSync(HUB, 'utf8'), HUB).entries;
  const old = buildTokenIndex(hub);

  it('renumbered after entries are replaced, removed and inserted (order kept) equals a fresh build', () => {
    const replaced = { ...hub[40]!, title: 'Zanzibar tablets and teacher coaching', key: 'edited2024' };
    const extra = { ...hub[3]!, key: 'inserted2025', title: 'A new word: qwertyuiopish' };
    const { entries, oldToNew, placed } = renumber(hub, new Set([40, 41, 100]), 40, [replaced, extra]);
    const remapped = TokenIndex.fromParts(remapTokenIndex(old, oldToNew, placed));
    assert.deepEqual(postingsByToken(remapped.toParts()), postingsByToken(buildTokenIndex(entries)));
    // The new words are searchable, prefix and typo alike.
    const found = (term: string): number[] => {
      const hits: number[] = [];
      remapped.visit(term, { fields: 0b1111111, prefix: true, typos: true }, (entry: number) => hits.push(entry));
      return hits;
    };
    assert.ok(found('zanzibar').includes(placed[0]!.position));
    assert.ok(found('qwertyuiopsh').includes(placed[1]!.position), 'a typo finds a word added by the edit');
  });

  it('renumbered when entries change order (a sorted export) equals a fresh build', () => {
    const reversed = [...hub].reverse();
    const oldToNew = Int32Array.from(hub, (_, i) => hub.length - 1 - i);
    const remapped = remapTokenIndex(old, oldToNew, []);
    assert.deepEqual(postingsByToken(remapped), postingsByToken(buildTokenIndex(reversed)));
  });
});
