/**
 * Parses what a writer types into the completion box: free words, plus optional field filters
 * `author:hennessy year:2021 title:leapfrog key:edtechhub2025 keyword:ai` (`title:"two words"` quoted).
 * Citation wording between names is not searched for: "Haßler et al. 2019", "Major and Francis 2020"
 * (a last "and" is kept: it may be the start of "Anderson").
 */
import { foldLetters } from '../text/foldLetters';
import { tokenize } from './normalise';

export type QueryField = 'author' | 'title' | 'year' | 'key' | 'keyword';

export interface QueryTerm {
  /** Folded token (lowercase, accents removed). */
  readonly text: string;
  /** Set for field filters: the term must match in that field. */
  readonly field?: QueryField;
}

export interface ParsedQuery {
  /** Free words: ranked, every one should match somewhere. */
  readonly free: readonly QueryTerm[];
  /** Field filters: an entry that fails one is dropped. */
  readonly filters: readonly QueryTerm[];
  /** The free part folded as a key would be ("edtechhub2025obs"), for the exact-key boost. */
  readonly keyText: string;
  /** The free part is one chunk with no space ("R-gg", "gg"): it may be typed from inside a key. */
  readonly oneChunk: boolean;
}

const FIELD_ALIASES: Readonly<Record<string, QueryField>> = {
  author: 'author', au: 'author', a: 'author',
  title: 'title', ti: 'title', t: 'title',
  year: 'year', y: 'year',
  key: 'key', id: 'key', k: 'key',
  keyword: 'keyword', keywords: 'keyword', kw: 'keyword', tag: 'keyword',
};

// A field prefix followed by a quoted phrase or a bare word; anything else is a free chunk.
const CHUNK_RE = /([A-Za-z]+):(?:"([^"]*)"?|(\S*))|"([^"]*)"?|(\S+)/g;

const MAX_WORDS = 8;

export function parseQuery(query: string): ParsedQuery {
  const free: QueryTerm[] = [];
  const filters: QueryTerm[] = [];
  const freeChunks: string[] = [];
  for (const m of query.matchAll(CHUNK_RE)) {
    const [, fieldName, quotedValue, bareValue, quotedFree, bareFree] = m;
    const field = fieldName ? FIELD_ALIASES[fieldName.toLowerCase()] : undefined;
    if (fieldName !== undefined && field) {
      for (const text of tokenize(quotedValue ?? bareValue ?? '')) filters.push({ text, field });
      continue;
    }
    // Unknown "prefix:" is ordinary text (keys may contain colons); a leading @ or \cite{ is typing noise.
    freeChunks.push((fieldName !== undefined ? m[0] : quotedFree ?? bareFree ?? '').replace(/^@/, ''));
  }
  const words = withoutCitationWording(freeChunks);
  for (const chunk of words) for (const text of tokenize(chunk)) free.push({ text });
  // Nobody types more than a handful of words into a completion box; cap the work.
  return { free: free.slice(0, MAX_WORDS), filters: filters.slice(0, MAX_WORDS), keyText: foldLetters(words.join('')).replace(/[^a-z0-9]/g, ''), oneChunk: words.length === 1 };
}

/** The chunks without "et al." and without an "and" that joins two names. */
function withoutCitationWording(chunks: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < chunks.length; i++) {
    const word = chunks[i]!.toLowerCase().replace(/[.,;]+$/, '');
    if (word === 'et' && /^al\b/i.test(chunks[i + 1] ?? '')) {
      i++;
      continue;
    }
    if (word === 'etal' || (word === 'and' && i < chunks.length - 1 && kept.length > 0)) continue;
    kept.push(chunks[i]!);
  }
  return kept;
}
