import { foldLetters, isAscii } from '../../text/foldLetters';
import type { BibEntry, Person } from '../../types';

/** Folds a name for comparison (author-year matching): letters as foldLetters folds them; apostrophes, dots and extra spaces do not matter. */
export function foldName(name: string): string {
  return isAscii(name) ? foldAsciiName(name) : foldAnyName(name);
}

/** foldName's steps, for any text: letters folded (foldLetters), then apostrophes and dots dropped, "&" read as "and", separators one space. */
export function foldAnyName(name: string): string {
  return foldLetters(name)
    .replace(/[‘’'`´.]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[\s,\u00A0-]+/g, ' ')
    .trim();
}

/** foldName of an ASCII name in one pass (most names): the same steps, done as the characters are read. */
function foldAsciiName(name: string): string {
  let out = '';
  let space = false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13) || c === 44 /* , */ || c === 45 /* - */) {
      space = out !== '';
    } else if (c === 39 /* ' */ || c === 96 /* ` */ || c === 46 /* . */) {
      // dropped (what was on either side joins)
    } else if (c === 38 /* & */) {
      out += out === '' ? 'and' : ' and';
      space = true;
    } else {
      if (space) out += ' ';
      space = false;
      out += String.fromCharCode(c >= 65 && c <= 90 ? c + 32 : c);
    }
  }
  return out;
}

/**
 * The folded forms under which one person can be cited: the family name with particles
 * ("van der Berg") and without them ("Berg"); the whole name for organisations ("World Bank").
 */
export function citedFormsOf(person: Person): string[] {
  if (person.literal !== undefined) {
    const whole = foldName(person.literal);
    // "The World Bank" is cited as "World Bank" too.
    return whole.startsWith('the ') ? [whole, whole.slice(4)] : [whole];
  }
  if (person.family === undefined) return person.given ? [foldName(person.given)] : [];
  const whole = foldName(person.family);
  const words = person.family.split(/\s+/);
  // Leading lower-case words are particles (van, de, von, da, al-…).
  let i = 0;
  while (i < words.length - 1 && /^\p{Ll}/u.test(words[i])) i++;
  const core = foldName(words.slice(i).join(' '));
  return core && core !== whole ? [whole, core] : [whole];
}

/**
 * The names an entry is cited by in author-year text: its authors; else its editors; else, for
 * works with no person named (CSL-JSON blog posts by the Hub), its publisher as a corporate author.
 */
export function citedNamesOf(entry: BibEntry): readonly Person[] {
  if (entry.authors.length > 0) return entry.authors;
  if (entry.editors && entry.editors.length > 0) return entry.editors;
  return entry.publisher ? [{ literal: entry.publisher }] : [];
}
