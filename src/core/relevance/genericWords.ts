/**
 * How generic a word is in scientific writing: an inverse document frequency from the shipped table
 * (model/generic-words.json, made by `npm run train:relevance`). A word the table does not list was
 * seen in fewer than three of its documents and gets the highest weight.
 */
import committed from './model/generic-words.json';

export interface GenericWords {
  readonly about: string;
  /** How many documents (sentences, titles, abstracts) were counted. */
  readonly documents: number;
  /** Stem → how many documents hold it. */
  readonly frequencies: Readonly<Record<string, number>>;
}

export class GenericWordWeights {
  private readonly frequencies: ReadonlyMap<string, number>;
  private readonly documents: number;

  constructor(table: GenericWords = committed) {
    this.frequencies = new Map(Object.entries(table.frequencies));
    this.documents = table.documents;
  }

  /** ln((N + 1) / (df + 1)): ~0.5 for "data", ~9.5 for a word never counted. */
  weight(stem: string): number {
    return Math.log((this.documents + 1) / ((this.frequencies.get(stem) ?? 0) + 1));
  }
}
