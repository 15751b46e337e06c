import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseBibliographyText } from '../../../src/core/bibliography/formats/parseText';
import { TokenIndex, type TokenIndexParts } from '../../../src/core/search/tokenIndex';
import type { BibEntry } from '../../../src/core/types';

/**
 * After an edit the index is renumbered from the old one (TokenIndex.remapped) instead of rebuilt:
 * it must hold exactly the postings a fresh build over the new entry list holds.
 */

const HUB = path.resolve(__dirname, '../../fixtures/hub/hub-outputs.bib');

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
  const hub = parseBibliographyText(readFileSync(HUB, 'utf8'), HUB).entries;
  const old = new TokenIndex(hub);

  it('renumbered after entries are replaced, removed and inserted (order kept) equals a fresh build', () => {
    const replaced = { ...hub[40]!, title: 'Zanzibar tablets and teacher coaching', key: 'edited2024' };
    const extra = { ...hub[3]!, key: 'inserted2025', title: 'A new word: qwertyuiopish' };
    const { entries, oldToNew, placed } = renumber(hub, new Set([40, 41, 100]), 40, [replaced, extra]);
    const remapped = TokenIndex.remapped(old.toParts(), oldToNew, placed);
    assert.deepEqual(postingsByToken(remapped.toParts()), postingsByToken(new TokenIndex(entries).toParts()));
    // The new words are searchable, prefix and typo alike.
    const found = (term: string): number[] => {
      const hits: number[] = [];
      remapped.visit(term, { fields: 0b1111111, prefix: true, typos: true }, (entry) => hits.push(entry));
      return hits;
    };
    assert.ok(found('zanzibar').includes(placed[0]!.position));
    assert.ok(found('qwertyuiopsh').includes(placed[1]!.position), 'a typo finds a word added by the edit');
  });

  it('renumbered when entries change order (a sorted export) equals a fresh build', () => {
    const reversed = [...hub].reverse();
    const oldToNew = Int32Array.from(hub, (_, i) => hub.length - 1 - i);
    const remapped = TokenIndex.remapped(old.toParts(), oldToNew, []);
    assert.deepEqual(postingsByToken(remapped.toParts()), postingsByToken(new TokenIndex(reversed).toParts()));
  });
});
