/**
 * Every bracketed `[@key]` citation in the 31 real papers must be recognised. The expected keys
 * come from a deliberately simple, separate regex on the text with code stripped, so the test does
 * not share logic with the recogniser it checks.
 */
import { strict as assert } from 'node:assert';
import { findCitations } from '../../../src/core/citations/findCitations';
import type { Citation } from '../../../src/core/types';
import { paperNames, readFixture } from './helpers';

/** Blank out fenced code blocks and inline code spans, keeping offsets. */
function stripCode(text: string): string {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  return text.replace(/^[ \t]*(`{3,})[^\n]*\n[\s\S]*?^[ \t]*\1[ \t]*$/gm, blank).replace(/(`+)[^`\n][^\n]*?\1(?!`)/g, blank);
}

/** Offsets of the keys of every `[ … @key … ]` group that is not a link `[…](…)`. */
function expectedBracketedKeys(text: string): Array<{ key: string; at: number }> {
  const code = stripCode(text);
  const out: Array<{ key: string; at: number }> = [];
  for (const group of code.matchAll(/\[([^\[\]\n]*@[^\[\]\n]*)\](?!\()/g)) {
    for (const k of group[1].matchAll(/(?:^|[\s;])-?@([\p{L}\p{N}_][\p{L}\p{N}_:.\-/]*[\p{L}\p{N}_]|[\p{L}\p{N}_])/gu)) {
      const at = group.index + 1 + k.index + k[0].indexOf('@') + 1;
      out.push({ key: k[1], at });
    }
  }
  return out;
}

function assertWellFormed(name: string, text: string, citations: readonly Citation[]): void {
  for (let i = 0; i < citations.length; i++) {
    const c = citations[i];
    if (i > 0) assert.ok(citations[i - 1].span.end <= c.span.start, `${name}: citations overlap at ${c.span.start}`);
    for (const item of c.items) {
      assert.ok(c.span.start <= item.span.start && item.span.end <= c.span.end, `${name}: item outside its citation`);
      if (item.key !== undefined) assert.equal(text.slice(item.span.start, item.span.end), item.key, name);
    }
  }
}

describe('findCitations over the 31 real papers', () => {
  const names = paperNames();
  const counts: Record<string, Record<string, number>> = {};

  it('has all 31 papers', () => assert.equal(names.length, 31));

  for (const name of names) {
    it(`${name}: recognises every bracketed citation key`, () => {
      const text = readFixture('papers', name, 'paper.md');
      const citations = findCitations(text, 'markdown');
      assertWellFormed(name, text, citations);
      const found = new Map<number, string>();
      for (const c of citations) if (c.syntax === 'pandoc' && !c.narrative) for (const i of c.items) found.set(i.span.start, i.key ?? '');
      const expected = expectedBracketedKeys(text);
      assert.ok(expected.length > 0, `${name}: the paper cites something`);
      const missing = expected.filter((e) => found.get(e.at) !== e.key);
      assert.deepEqual(missing, [], `${name}: keys not recognised`);
      // …and nothing bracketed beyond them (each recognised bracketed key was expected).
      assert.equal(found.size, expected.length, `${name}: unexpected bracketed keys`);
      counts[name] = {};
      for (const c of citations) {
        const kind = c.syntax + (c.narrative ? ' narrative' : '');
        counts[name][kind] = (counts[name][kind] ?? 0) + 1;
      }
    });
  }

  it('finds no citations in code or front matter of the papers (e.g. the JOSS template’s `@author:2001`)', () => {
    const text = readFixture('papers', '59-pyRISM', 'paper.md');
    const keys = findCitations(text, 'markdown').flatMap((c) => c.items.map((i) => i.key));
    assert.ok(!keys.includes('author:2001'));
    assert.ok(!keys.includes('author1:2001'));
    assert.ok(keys.includes('fidgit'), 'the template’s real narrative citation is found');
    const moderndive = readFixture('papers', '01-moderndive', 'paper.md');
    assert.ok(!findCitations(moderndive, 'markdown').some((c) => c.items.some((i) => i.key === 'smetzer180')), 'escaped \\@ handle');
  });

  after(() => {
    if (process.env.CITATION_COUNTS) console.log(JSON.stringify(counts, null, 1));
  });
});
