/**
 * Library entries ranked by how many of a claim's content words they match (one citation search per
 * word): the first suggestions of "Cite evidence…" and of the Evidence panel.
 */
import type { CitationSearch, PositionHit } from '../search/citationSearch';
import type { BibEntry } from '../types';

const STOP_WORDS: ReadonlySet<string> = new Set(
  ('a about above after again against all also am an and any are as at be because been before being below between both but by can could did do does ' +
    'doing down during each few for from further had has have having he her here hers him his how i if in into is it its itself just me more most my ' +
    'no nor not now of off on once only or other our ours out over own same she should so some such than that the their theirs them then there these ' +
    'they this those through to too under until up very was we were what when where which while who whom why will with would you your yours many much ' +
    'shows show shown showed found finds study studies research evidence data results suggests suggest suggested clear clearly well').split(' '),
);
const MAX_WORDS = 20;
const HITS_PER_WORD = 30;

/** Each word's hits on one search, shared across the claims of a document (they share most words). */
export class WordHits {
  /** As positions: a document's thousands of words would otherwise keep ~30 built entries each. */
  private readonly hits = new Map<string, readonly PositionHit[]>();

  constructor(readonly search: CitationSearch) {}

  of(word: string): readonly PositionHit[] {
    let hits = this.hits.get(word);
    if (!hits) {
      if (this.hits.size > 20_000) this.hits.clear();
      hits = this.search.searchPositions(word, HITS_PER_WORD);
      this.hits.set(word, hits);
    }
    return hits;
  }
}

/** Entries matching the sentence's words, best first (only those: never the library's first entries). */
export function relevantEntries(sentence: string, hits: WordHits, limit = 50): BibEntry[] {
  const words = [...new Set((sentence.toLowerCase().match(/\p{L}[\p{L}\p{N}'’-]{2,}/gu) ?? []).filter((w) => !STOP_WORDS.has(w)))];
  const scores = new Map<string, { position: number; score: number }>();
  for (const word of words.slice(0, MAX_WORDS)) {
    for (const hit of hits.of(word)) {
      const key = hits.search.keyAt(hit.position);
      const current = scores.get(key) ?? { position: hit.position, score: 0 };
      current.score += hit.score;
      scores.set(key, current);
    }
  }
  return [...scores.values()]
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((s) => hits.search.entryAt(s.position));
}
