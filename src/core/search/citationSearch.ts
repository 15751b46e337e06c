/**
 * Fuzzy citation search for completion: synchronous and fast enough to run on every keystroke
 * over tens of thousands of entries.
 *
 * Two stages, because fuse.js alone over 10k entries costs ~150 ms a query:
 * 1. Narrow: each query word is looked up in a token index (exact, prefix, or a typo away, see
 *    TokenIndex) and entries get a cheap score (field weight × match quality, summed over words).
 *    Field filters (`author:` `year:` `title:` `key:` `keyword:`) drop entries that fail them.
 * 2. Rank: the best candidates (at least `limit`) are kept; the top FUSE_RANKED are re-scored
 *    with fuse.js over those only (0.75 × cheap + 0.25 × fuse) and the rest follow in narrowing
 *    order. An exact key match always comes first with score 1.
 * A key that starts with what was typed (all of it, punctuation aside: `R-gg`, `rosen`) outranks every
 * other match, and a key with an inner segment that does (`gg` → `R-ggplot2`) outranks the rest; scores
 * never rise down the list. Ties go to the newer entry, then file order. One or two letters match keys
 * and author names only.
 */
import Fuse from 'fuse.js';
import type { BibEntry, EntryColumns, LoadedFile } from '../types';
import type { BibliographyIndex } from '../bibliography/index/bibliographyIndex';
import { ArrayColumns } from '../bibliography/index/entryColumns';
import { foldKey } from './normalise';
import { parseQuery, type ParsedQuery, type QueryField, type QueryTerm } from './parseQuery';
import { buildTokenIndex } from './buildTokenIndex';
import { Field, FIELD_WEIGHT, FieldMask, TokenIndex, namesOf, type FieldId, type MatchOptions } from './tokenIndex';
import { topK } from './topK';

export interface SearchHit {
  readonly entry: BibEntry;
  /** 0..1, higher is better. */
  readonly score: number;
}

/** A hit as the entry's position in the search (see CitationSearch.entryAt): nothing of the entry built. */
export interface PositionHit {
  readonly position: number;
  readonly score: number;
}

/**
 * How many of the best narrowed candidates fuse.js re-ranks. fuse.js costs ~30 µs per candidate
 * and word, so this bounds the query time; candidates beyond it keep their narrowing order.
 */
const FUSE_RANKED = 40;
/** Authors beyond the first few rarely decide which entry a writer meant. */
const FUSE_AUTHORS = 3;
/** Words shorter than this are prefixes being typed; fuse.js has nothing to add for them. */
const FUSE_MIN_LENGTH = 3;

// Read once: these run per posting, and an imported binding is a property read each time.
const KEY = Field.Key;
const KEY_PART = Field.KeyPart;
/** Field weights for the first word typed, and for the others (a first author counts as any author). */
const FIRST_WORD_WEIGHTS = Float64Array.from(FIELD_WEIGHT);
const LATER_WORD_WEIGHTS = Float64Array.from(FIELD_WEIGHT, (w, field) => (field === Field.AuthorFirst ? FIELD_WEIGHT[Field.AuthorOther]! : w));

/** How a key relates to what was typed: it starts with it, an inner segment of it does, or neither. */
const KeyStart = { none: 0, segment: 1, whole: 2 } as const;
const KEY_START_OPTIONS: MatchOptions = { fields: FieldMask.key, prefix: true, typos: false };

interface FuseDoc {
  readonly index: number;
  readonly key: string;
  readonly authors: readonly string[];
  readonly title: string;
  readonly year: string;
  readonly keywords: string;
}

/** How fuse.js weighs an entry's fields; exported so the benchmark's whole-library baseline ranks alike. */
export const FUSE_FIELD_WEIGHTS = [
  { name: 'key', weight: 2 },
  { name: 'authors', weight: 3 },
  { name: 'title', weight: 1.5 },
  { name: 'year', weight: 1 },
  { name: 'keywords', weight: 0.5 },
];

const FUSE_OPTIONS = {
  keys: FUSE_FIELD_WEIGHTS,
  includeScore: true,
  ignoreLocation: true,
  ignoreDiacritics: true,
  threshold: 0.4,
  shouldSort: false,
};

/** One file's token index, and where its entries are in the search (undefined: at the same positions). */
interface SearchSegment {
  readonly index: TokenIndex;
  /** Position in the file → position in the search, or -1 for an entry hidden by an earlier file. */
  readonly globalIds?: Int32Array;
}

export class CitationSearch {
  private readonly columns: EntryColumns;
  private readonly segments: readonly SearchSegment[];
  private readonly years: Int32Array;
  /** Entries newest first (file order within a year): the list for an empty query; built on first use. */
  private recentOrder: number[] | undefined;
  private readonly fuseDocs: (FuseDoc | undefined)[];
  // Per-entry scratch space reused across queries (search is synchronous, so never shared).
  private readonly best: Float32Array;
  private readonly bestStamp: Int32Array;
  private termCount = 0;
  private readonly total: Float32Array;
  private readonly matchedWords: Uint8Array;
  /** How each entry's key relates to what was typed (KeyStart), for the query under way. */
  private readonly keyStart: Uint8Array;

  /**
   * A search over `entries` (their token index built now unless given). `CitationSearch.forIndex`
   * reuses the token index of each file instead (from the disk cache, or built once per file).
   */
  constructor(entries: readonly BibEntry[], index?: TokenIndex);
  constructor(columns: EntryColumns, segments: readonly SearchSegment[]);
  constructor(source: readonly BibEntry[] | EntryColumns, indexOrSegments?: TokenIndex | readonly SearchSegment[]) {
    if (Array.isArray(source)) {
      const entries = source as readonly BibEntry[];
      this.columns = new ArrayColumns(entries);
      this.segments = [{ index: (indexOrSegments as TokenIndex | undefined) ?? TokenIndex.fromParts(buildTokenIndex(entries)) }];
    } else {
      this.columns = source as EntryColumns;
      this.segments = indexOrSegments as readonly SearchSegment[];
    }
    const size = this.columns.size;
    this.years = new Int32Array(size);
    for (let i = 0; i < size; i++) this.years[i] = this.columns.yearAt(i) ?? 0;
    this.fuseDocs = new Array<FuseDoc | undefined>(size);
    this.best = new Float32Array(size);
    this.bestStamp = new Int32Array(size);
    this.total = new Float32Array(size);
    this.matchedWords = new Uint8Array(size);
    this.keyStart = new Uint8Array(size);
  }

  /**
   * The search over a bibliography index, one token index per file: a file read from the disk cache
   * (or from the parsing worker) brings its own (`searchIndex`), others get one built now. Entries a
   * file listed earlier overrides are left out, as in the index.
   */
  static forIndex(bibliography: BibliographyIndex): CitationSearch {
    const only = bibliography.segments.length === 1 && bibliography.segments[0]!.hidden === 0;
    const segments = bibliography.segments.map((segment): SearchSegment => {
      const index = tokenIndexOf(segment.loaded);
      return only ? { index } : { index, globalIds: segment.globalIds };
    });
    return new CitationSearch(bibliography.columns, segments);
  }

  get size(): number {
    return this.columns.size;
  }

  search(query: string, limit = 50): SearchHit[] {
    return this.searchPositions(query, limit).map((hit) => ({ entry: this.columns.entryAt(hit.position), score: hit.score }));
  }

  /**
   * As search, with the entries' positions: for callers that keep many hits (an entry of a pack is
   * built anew each time it is asked for) and build only the entries they show.
   */
  searchPositions(query: string, limit = 50): PositionHit[] {
    if (limit <= 0 || this.columns.size === 0) return [];
    const parsed = parseQuery(query);
    if (parsed.free.length === 0 && parsed.filters.length === 0) return this.recent(limit);

    // Entries passing every filter (undefined = no filters), with their summed filter scores.
    let allowed: Map<number, number> | undefined;
    for (const filter of parsed.filters) {
      const reached = this.scoreTerm(filter, filterOptions(filter.field!));
      const next = new Map<number, number>();
      for (const entry of reached) {
        const score = this.best[entry]!;
        if (!allowed) next.set(entry, score);
        else if (allowed.has(entry)) next.set(entry, allowed.get(entry)! + score);
      }
      allowed = next;
      if (allowed.size === 0) return [];
    }

    const { total, matchedWords, keyStart } = this;
    const touched: number[] = [];
    const keyStarts: number[] = [];
    const noteKeyStart = (entry: number, field: FieldId): void => {
      if (field !== KEY && (field !== KEY_PART || !parsed.oneChunk)) return;
      if (allowed && !allowed.has(entry)) return;
      const how = field === KEY ? KeyStart.whole : KeyStart.segment;
      if (keyStart[entry] === KeyStart.none) keyStarts.push(entry);
      if (how > keyStart[entry]!) keyStart[entry] = how;
    };
    // One word typed is the key text itself: its own visit finds the keys it starts, no second one.
    const wordIsKeyText = parsed.free.length === 1 && parsed.free[0]!.text === parsed.keyText;
    if (parsed.keyText && !wordIsKeyText) this.visitKeyStarts(parsed.keyText, noteKeyStart);
    const onKey = wordIsKeyText ? noteKeyStart : undefined;
    for (const [position, term] of parsed.free.entries()) {
      // Writers name the first author first: "bowers hansen 2009" means Bowers & Hansen, not Hansen & Bowers.
      for (const entry of this.scoreTerm(term, freeOptions(term), position === 0, onKey)) {
        if (allowed && !allowed.has(entry)) continue;
        if (matchedWords[entry] === 0) touched.push(entry);
        total[entry] += this.best[entry]!;
        matchedWords[entry]++;
      }
    }
    try {
      return this.finish(parsed, allowed, touched, keyStarts, limit);
    } finally {
      for (const e of touched) {
        total[e] = 0;
        matchedWords[e] = 0;
      }
      for (const e of keyStarts) keyStart[e] = KeyStart.none;
    }
  }

  /**
   * Reports the entries whose key starts with the typed key text, or (for one chunk typed without a
   * space) an inner segment of whose key does. "leisch 2000" is a name and a year, and should not
   * prefer `dolnicar+leisch:2000` for its segment.
   */
  private visitKeyStarts(keyText: string, note: (entry: number, field: FieldId) => void): void {
    for (const { index, globalIds } of this.segments) {
      index.visit(keyText, KEY_START_OPTIONS, (local, field) => {
        const entry = globalIds ? globalIds[local]! : local;
        if (entry >= 0) note(entry, field);
      });
    }
  }

  private finish(
    parsed: ParsedQuery,
    allowed: Map<number, number> | undefined,
    touched: number[],
    keyStarts: readonly number[],
    limit: number,
  ): PositionHit[] {
    const { total, matchedWords, keyStart } = this;
    // Candidates, with their cheap score (0..1) left in `total` (overwritten in place).
    let candidates: number[];
    if (parsed.free.length === 0) {
      const filterCount = parsed.filters.length;
      candidates = [...allowed!.keys()];
      for (const e of candidates) total[e] = allowed!.get(e)! / filterCount;
      touched.push(...candidates); // so that `total` is reset afterwards
    } else {
      // Every word should match; if none matches all, fall back to those matching the most.
      let most = 0;
      for (const e of touched) if (matchedWords[e]! > most) most = matchedWords[e]!;
      if (most === 0 && keyStarts.length === 0) return [];
      const words = parsed.free.length;
      candidates = [];
      for (const e of touched) {
        // A key starting with what was typed is a candidate even if a word of it matched nothing else.
        if (matchedWords[e] !== most && keyStart[e] === KeyStart.none) continue;
        total[e] = (total[e]! / words) * (matchedWords[e]! / words);
        candidates.push(e);
      }
      for (const e of keyStarts) {
        if (matchedWords[e] !== 0) continue;
        touched.push(e); // so that `total` is reset afterwards
        candidates.push(e);
      }
    }

    const better = (a: number, b: number): boolean =>
      keyStart[a] !== keyStart[b] ? keyStart[a]! > keyStart[b]! : total[a] !== total[b] ? total[a]! > total[b]! : this.earlier(a, b);
    const shortlist = topK(candidates, Math.max(FUSE_RANKED, limit), better).map((entry) => ({ entry, cheap: total[entry]!, start: keyStart[entry]! }));
    return this.rank(shortlist, parsed.free, parsed.keyText).slice(0, limit);
  }

  /**
   * Scores one query word: for each entry it reaches, the best weighted match quality over the
   * entry's fields is left in `this.best`; returns the entries reached. Only a first word gets the
   * first author's weight; later words count a first author as any author.
   */
  private scoreTerm(term: QueryTerm, opts: MatchOptions, firstWord = true, onKey?: (entry: number, field: FieldId) => void): number[] {
    const stamp = ++this.termCount;
    const { best, bestStamp } = this;
    const reached: number[] = [];
    const weights = firstWord ? FIRST_WORD_WEIGHTS : LATER_WORD_WEIGHTS;
    const add = (entry: number, field: FieldId, quality: number, typo: boolean): void => {
      if (onKey && !typo && field <= KEY_PART) onKey(entry, field); // Key and KeyPart are fields 0 and 1
      const score = weights[field]! * quality;
      if (bestStamp[entry] !== stamp) {
        bestStamp[entry] = stamp;
        best[entry] = score;
        reached.push(entry);
      } else if (score > best[entry]!) {
        best[entry] = score;
      }
    };
    for (const { index, globalIds } of this.segments) {
      if (!globalIds) index.visit(term.text, opts, add);
      else
        index.visit(term.text, opts, (local, field, quality, typo) => {
          const entry = globalIds[local]!;
          if (entry >= 0) add(entry, field, quality, typo);
        });
    }
    return reached;
  }

  /** Re-ranks the head of the shortlist with fuse.js (within each KeyStart tier); the tail keeps its order below it. */
  private rank(shortlist: { entry: number; cheap: number; start: number }[], free: readonly QueryTerm[], keyText: string): PositionHit[] {
    const head = shortlist.slice(0, FUSE_RANKED);
    const tail = shortlist.slice(FUSE_RANKED);
    const fuseTerms = free.filter((t) => t.text.length >= FUSE_MIN_LENGTH).slice(0, 4);
    const fuseScore = new Map<number, number>();
    if (fuseTerms.length > 0) {
      const fuse = new Fuse(head.map((c) => this.fuseDoc(c.entry)), FUSE_OPTIONS);
      for (const term of fuseTerms) {
        for (const r of fuse.search(term.text)) {
          const entry = r.item.index;
          fuseScore.set(entry, (fuseScore.get(entry) ?? 0) + (1 - (r.score ?? 1)) / fuseTerms.length);
        }
      }
    }
    const hits = head.map((c) => {
      const exactKey = keyText.length > 0 && foldKey(this.columns.keyAt(c.entry)) === keyText;
      const fuse = fuseTerms.length > 0 ? fuseScore.get(c.entry) ?? 0 : c.cheap;
      const score = exactKey ? 1 : Math.min(0.99, 0.75 * c.cheap + 0.25 * fuse);
      return { entry: c.entry, score, start: c.start };
    });
    hits.sort((a, b) => b.start - a.start || b.score - a.score || (this.earlier(a.entry, b.entry) ? -1 : 1));
    // Scores never rise down the list (a key-start match may score lower than what it outranks).
    let floor = 1;
    const ranked: PositionHit[] = [];
    for (const h of [...hits, ...tail]) {
      floor = Math.min(floor, 'score' in h ? h.score : h.cheap);
      ranked.push({ position: h.entry, score: floor });
    }
    return ranked;
  }

  /** Tie-break: newer first, then file order. */
  private earlier(a: number, b: number): boolean {
    const ya = this.years[a]!;
    const yb = this.years[b]!;
    return ya !== yb ? ya > yb : a < b;
  }

  /** The entry at `position` (of a PositionHit), built now. */
  entryAt(position: number): BibEntry {
    return this.columns.entryAt(position);
  }

  keyAt(position: number): string {
    return this.columns.keyAt(position);
  }

  private recent(limit: number): PositionHit[] {
    this.recentOrder ??= Array.from(this.years, (_, i) => i).sort((a, b) => this.years[b]! - this.years[a]! || a - b);
    const count = Math.min(limit, this.recentOrder.length);
    const hits: PositionHit[] = [];
    for (let k = 0; k < count; k++) {
      // Scores fall gently with position so callers sorting by score keep this order.
      hits.push({ position: this.recentOrder[k]!, score: 1 - k / (2 * count) });
    }
    return hits;
  }

  private fuseDoc(i: number): FuseDoc {
    let doc = this.fuseDocs[i];
    if (!doc) {
      const e = this.columns.entryAt(i);
      doc = {
        index: i,
        key: e.key,
        authors: namesOf(e).slice(0, FUSE_AUTHORS),
        title: e.title ?? '',
        year: e.yearLabel ?? (e.year !== undefined ? String(e.year) : ''),
        keywords: e.keywords.join(' '),
      };
      this.fuseDocs[i] = doc;
    }
    return doc;
  }
}

/** The token index of a loaded file: from the parts it came with, else built now. */
function tokenIndexOf(loaded: LoadedFile): TokenIndex {
  return TokenIndex.fromParts(loaded.searchIndex ?? buildTokenIndex(loaded.entries));
}

function freeOptions(term: QueryTerm): MatchOptions {
  // One or two letters are the start of a name or key being typed, not a title word.
  const fields = term.text.length <= 2 ? FieldMask.names : FieldMask.all;
  return { fields, prefix: true, typos: true };
}

function filterOptions(field: QueryField): MatchOptions {
  switch (field) {
    case 'author': return { fields: FieldMask.author, prefix: true, typos: true };
    case 'title': return { fields: FieldMask.title, prefix: true, typos: true };
    case 'keyword': return { fields: FieldMask.keyword, prefix: true, typos: true };
    case 'key': return { fields: FieldMask.key, prefix: true, typos: false };
    case 'year': return { fields: FieldMask.year, prefix: true, typos: false };
  }
}
