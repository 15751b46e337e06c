/**
 * The content words of a sentence or an entry, as the relevance score compares them: folded
 * (accents, case), stop words dropped, stemmed (Porter 2, so "punishers" meets "punishment"),
 * camelCase and hyphenated names split as well as kept whole ("AeroAcoustics" → aeroacoust,
 * aero, acoust), and the initialisms a text spells ("heart rate variability" → hrv), so that an
 * acronym in the sentence meets the words it stands for in the entry.
 */
import stemWord = require('wink-porter2-stemmer');
import { foldLetters } from '../text/foldLetters';

/** What one text contributes to a comparison. */
export interface Terms {
  /** Stem → the word as first written (for "shared words" in hovers). */
  readonly stems: ReadonlyMap<string, string>;
  /** Acronyms written in the text (2–6 capitals: "HRV", "CNNs"), folded, without a plural s. */
  readonly acronyms: ReadonlySet<string>;
  /** Initialisms of runs of 2–6 consecutive content words (empty when not asked for). */
  readonly initialisms: ReadonlySet<string>;
}

/** Common English function words and citation filler; they say nothing about a topic. */
const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above across after again against all almost along already also although always am among an and another any are ' +
    'around as at be became because become been before being below between both but by can cannot could did do does doing done ' +
    'down during each either else enough especially etc even ever every few for from further had has have having he her here ' +
    'hers him his how however i if in into is it its itself just less like made make many may me might more most much must my ' +
    'neither no nor not now of off often on once one only onto or other others otherwise our ours out over own per perhaps ' +
    'rather same several shall she should since so some such than that the their theirs them themselves then there therefore ' +
    'these they this those though through thus to too toward towards two under until up upon us very via was we well were what ' +
    'whatever when where whereas whether which while who whom whose why will with within without would yet you your ' +
    'e g eg ie i.e et al cf see also fig figure table section eq equation ref refs'
  ).split(' '),
);

const WORD = /[\p{L}\p{N}]+/gu;
const CAMEL_BOUNDARY = /(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u;
const HAS_INNER_CAPITAL = /.\p{Lu}/u;
const ACRONYM = /^\p{Lu}{2,6}s?$/u;
const NONE: ReadonlySet<string> = new Set();
const MAX_INITIALISM_WORDS = 6;

/** Reads Terms from texts; remembers stems, which the same words need again and again. */
export class TermReader {
  private readonly stemmed = new Map<string, string>();

  /** The terms of `text`; `withInitialisms: false` skips the initialisms (counting words needs none). */
  read(text: string, withInitialisms = true): Terms {
    const stems = new Map<string, string>();
    const acronyms = new Set<string>();
    const contentWords: string[] = [];
    for (const match of text.matchAll(WORD)) {
      const written = match[0];
      if (ACRONYM.test(written)) acronyms.add(foldLetters(written.replace(/s$/, '')));
      const folded = foldLetters(written);
      if (!this.isContent(folded, written)) continue;
      contentWords.push(folded);
      this.add(stems, folded, written);
      const parts = HAS_INNER_CAPITAL.test(written) ? written.split(CAMEL_BOUNDARY) : [];
      if (parts.length > 1) {
        for (const part of parts) {
          const p = foldLetters(part);
          if (p.length > 2 && this.isContent(p, part)) this.add(stems, p, part);
        }
      }
    }
    return { stems, acronyms, initialisms: withInitialisms ? initialismsOf(contentWords) : NONE };
  }

  private add(stems: Map<string, string>, folded: string, written: string): void {
    const stem = this.stem(folded);
    if (!stems.has(stem)) stems.set(stem, written);
  }

  stem(folded: string): string {
    let s = this.stemmed.get(folded);
    if (s === undefined) {
      s = /^[a-z]+$/.test(folded) ? stemWord(folded) : folded;
      this.stemmed.set(folded, s);
    }
    return s;
  }

  /**
   * Numbers, identifiers of few letters (DOI parts such as "s41598") and lone lower-case letters are not
   * content; names with digits ("ggplot2", "CO2", "3D") and "R" and "C" are.
   */
  private isContent(folded: string, written: string): boolean {
    if (STOP_WORDS.has(folded)) return false;
    if (/\d/.test(folded)) return /\p{L}/u.test(folded) && (folded.length <= 4 || (folded.match(/\p{L}/gu)?.length ?? 0) >= 3);
    return folded.length > 1 || written !== folded;
  }
}

function initialismsOf(words: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    let initials = words[i]![0]!;
    for (let n = 2; n <= MAX_INITIALISM_WORDS && i + n <= words.length; n++) {
      initials += words[i + n - 1]![0]!;
      out.add(initials);
    }
  }
  return out;
}
