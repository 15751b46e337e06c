/**
 * Does the cited work's own description fit the sentence that cites it? A lexical score: the content
 * words (stemmed, folded, acronyms matched to the words they stand for) that the sentence shares with
 * the entry's title, abstract, keywords, container and key, each weighted by how telling it is —
 * rare in scientific writing (the shipped generic-word table) and rare across the document's own
 * sentences (a document about conflict mentions "conflict" everywhere). The score (0..1) puts two
 * things together: the overlap against the best overlap any work the document cites has with the
 * same sentence ("how well this work fits, compared with the best-fitting cited work"), and the
 * overlap's own size (one telling word is less than three).
 *
 * Measured by `npm run eval:relevance` (README, "Does the cited work support the sentence?").
 */
import { once } from '../scheduling/once';
import type { BibEntry } from '../types';
import { GenericWordWeights } from './genericWords';
import { TermReader, type Terms } from './terms';

export interface RelevanceScore {
  /** 0..1: 0 when the entry shares no word with the sentence, 1 for the best-fitting cited work. */
  readonly score: number;
  /** The sentence's words that the entry shares, as the sentence writes them, most telling first. */
  readonly shared: readonly string[];
}

export interface RelevanceOptions {
  /** The works the document cites: "the best fit" is the best of these. */
  readonly entries: readonly BibEntry[];
  /** The document's sentences, so that words it uses everywhere count for less. */
  readonly sentences?: readonly string[];
  /** The generic-word table (default: the shipped one). */
  readonly generic?: GenericWordWeights;
  /** A reader kept between documents (its stems are remembered); default a new one. */
  readonly reader?: TermReader;
}

/** The shipped table, read on first use and shared (it is never changed). */
const shippedWeights = once(() => new GenericWordWeights());

/** Title words (and the key, and a URL's path) say what a work is about more surely than its abstract. */
const TITLE_BOOST = 1.5;
/** "transcriptomic" inside "metatranscriptomic": related, but less surely the same thing. */
const CONTAINED_FACTOR = 0.5;
/** Stems this long or longer may match inside longer ones. */
const MIN_CONTAINED_LENGTH = 6;
/** BM25's length normalisation: a long abstract shares more words by chance. */
const LENGTH_NORMALISATION = 0.5;
/** The overlap at which its own size counts half: about one word rare in science and in the document. */
const HALF_OVERLAP = 20;

interface EntryTerms {
  readonly title: Terms;
  readonly body: Terms;
  /** Every stem of the entry, title or body. */
  readonly stems: ReadonlySet<string>;
  /** The stems long enough to be found inside others, as a list and as `|stem|stem|…|` (for containment). */
  readonly longStemList: readonly string[];
  readonly longStems: string;
  readonly size: number;
}

interface SentenceTerms {
  readonly terms: Terms;
  readonly longStems: string;
  /** The best overlap any pool entry has with this sentence. */
  best?: number;
}

/** The scoring state of one document: its cited works and its sentences. Build one per lint. */
export class RelevanceContext {
  private readonly reader: TermReader;
  private readonly generic: GenericWordWeights;
  private readonly pool: readonly BibEntry[];
  private readonly entryTerms = new Map<BibEntry, EntryTerms>();
  private readonly sentenceTerms = new Map<string, SentenceTerms>();
  private readonly inSentences = new Map<string, number>();
  private readonly sentenceCount: number;
  private readonly averageSize: number;

  constructor(options: RelevanceOptions) {
    this.generic = options.generic ?? shippedWeights();
    this.reader = options.reader ?? new TermReader();
    this.pool = [...new Set(options.entries)];
    let sizes = 0;
    for (const entry of this.pool) sizes += this.termsOfEntry(entry).size;
    this.averageSize = this.pool.length ? sizes / this.pool.length : 1;
    const sentences = options.sentences ?? [];
    this.sentenceCount = sentences.length;
    for (const sentence of sentences) {
      const terms = this.reader.read(sentence, false);
      for (const stem of new Set([...terms.stems.keys(), ...terms.acronyms])) this.inSentences.set(stem, (this.inSentences.get(stem) ?? 0) + 1);
    }
  }

  /** How well `entry` fits `sentence` (the sentence's own citations left out by the caller: see proseWithoutCitations). */
  score(sentence: string, entry: BibEntry): RelevanceScore {
    const s = this.termsOfSentence(sentence);
    const { overlap, shared } = this.overlap(s, this.termsOfEntry(entry));
    if (overlap === 0) return { score: 0, shared: [] };
    s.best ??= Math.max(0, ...this.pool.map((e) => this.overlap(s, this.termsOfEntry(e)).overlap));
    const relative = overlap / Math.max(s.best, overlap);
    const absolute = overlap / (overlap + HALF_OVERLAP);
    return { score: round(Math.sqrt(relative * absolute)), shared };
  }

  private overlap(s: SentenceTerms, e: EntryTerms): { overlap: number; shared: string[] } {
    const found: { word: string; weight: number }[] = [];
    for (const [stem, written] of s.terms.stems) {
      if (e.stems.has(stem)) {
        found.push({ word: written, weight: this.weight(stem) * (e.title.stems.has(stem) ? TITLE_BOOST : 1) });
      } else if (stem.length >= MIN_CONTAINED_LENGTH && e.longStems.includes(stem)) {
        found.push({ word: written, weight: this.weight(stem) * CONTAINED_FACTOR });
      }
    }
    // Entry stems inside the sentence's longer ones ("acoustic" of the entry in the sentence's "aeroacoustics").
    for (const stem of e.longStemList) {
      if (s.terms.stems.has(stem) || !s.longStems.includes(stem)) continue;
      const written = [...s.terms.stems].find(([own]) => own.includes(stem))?.[1] ?? stem;
      if (!found.some((f) => f.word === written)) found.push({ word: written, weight: this.weight(stem) * CONTAINED_FACTOR });
    }
    // An acronym on one side spelt out on the other: "HRV" and "heart rate variability".
    for (const acronym of s.terms.acronyms) {
      if (!e.stems.has(acronym) && (e.title.initialisms.has(acronym) || e.body.initialisms.has(acronym))) {
        found.push({ word: acronym.toUpperCase(), weight: this.weight(acronym) });
      }
    }
    for (const acronym of [...e.title.acronyms, ...e.body.acronyms]) {
      if (!s.terms.stems.has(acronym) && s.terms.initialisms.has(acronym) && !found.some((f) => f.word === acronym.toUpperCase())) {
        found.push({ word: acronym.toUpperCase(), weight: this.weight(acronym) });
      }
    }
    if (found.length === 0) return { overlap: 0, shared: [] };
    const lengthFactor = 1 - LENGTH_NORMALISATION + (LENGTH_NORMALISATION * e.size) / this.averageSize;
    const overlap = found.reduce((sum, f) => sum + f.weight, 0) / lengthFactor;
    const shared = [...new Set(found.sort((a, b) => b.weight - a.weight).map((f) => f.word))];
    return { overlap, shared };
  }

  /** Rarity in scientific writing × rarity across the document's sentences. */
  private weight(stem: string): number {
    const sentences = this.sentenceCount ? Math.log((this.sentenceCount + 1) / ((this.inSentences.get(stem) ?? 0) + 0.5)) : 1;
    return this.generic.weight(stem) * Math.max(sentences, 0.1);
  }

  private termsOfSentence(sentence: string): SentenceTerms {
    let terms = this.sentenceTerms.get(sentence);
    if (!terms) {
      const read = this.reader.read(sentence);
      terms = { terms: read, longStems: longStemsOf(read.stems.keys()) };
      this.sentenceTerms.set(sentence, terms);
    }
    return terms;
  }

  private termsOfEntry(entry: BibEntry): EntryTerms {
    let terms = this.entryTerms.get(entry);
    if (!terms) {
      const title = this.reader.read([entry.title, keyWords(entry.key), urlWords(entry.url)].filter(Boolean).join(' '));
      const body = this.reader.read([entry.abstract, entry.keywords.join(' '), entry.container].filter(Boolean).join(' '));
      const stems = new Set([...title.stems.keys(), ...body.stems.keys()]);
      const longStemList = [...stems].filter((s) => s.length >= MIN_CONTAINED_LENGTH);
      terms = { title, body, stems, longStemList, longStems: longStemList.length ? `|${longStemList.join('|')}|` : '', size: stems.size };
      this.entryTerms.set(entry, terms);
    }
    return terms;
  }
}

/** Whether the entry says what it is about (a title, abstract or keywords): without any, no score means anything. */
export function hasDescription(entry: BibEntry): boolean {
  return Boolean(entry.title?.trim() || entry.abstract?.trim() || entry.keywords.length > 0);
}

/**
 * One sentence and one entry with no document at hand: the sentence's own words against the entry's,
 * with no document-wide weights and no other works to compare with (so any shared word scores above 0).
 */
export function relevanceOf(sentence: string, entry: BibEntry): RelevanceScore {
  return new RelevanceContext({ entries: [entry] }).score(sentence, entry);
}

/** `harris2020array` → "harris array": a key often holds the title's first word. */
function keyWords(key: string): string {
  return key.replace(/[\d_:\-]+/g, ' ');
}

/** The path of a work's URL ("github.com/numpy/numpy" names the software); DOI links name nothing. */
function urlWords(url: string | undefined): string | undefined {
  if (!url || /doi\.org\//i.test(url)) return undefined;
  return url.replace(/^[a-z]+:\/\/[^/]*/i, '').replace(/[?#].*$/, '');
}

function longStemsOf(stems: Iterable<string>): string {
  const long = [...stems].filter((s) => s.length >= MIN_CONTAINED_LENGTH);
  return long.length ? `|${long.join('|')}|` : '';
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
