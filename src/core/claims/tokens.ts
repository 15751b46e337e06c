/** The words the claim model reads and their hashes: what its features, n-grams, context and word vectors share. */

/** A word: letters, digits and '%', with inner apostrophes and hyphens ("don't", "state-of-the-art"). */
const TOKEN = /[\p{L}\p{N}%](?:[\p{L}\p{N}%'’-]*[\p{L}\p{N}%])?/gu;

/** Lower-case word tokens with digits folded, so '45%' and '12%' share a feature. */
export function tokenise(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(TOKEN)) {
    let t = m[0];
    if (/\d/.test(t)) {
      if (/%$/.test(t)) t = '<pct>';
      else if (/^(?:19|20)\d\d$/.test(t)) t = '<year>';
      else t = '<num>';
    }
    out.push(t);
  }
  return out;
}

/** 32-bit FNV-1a: tiny, fast and identical in every JavaScript engine. */
export function fnv1a(s: string): number {
  return fnv1aFrom(0x811c9dc5, s);
}

/** Continues an FNV-1a hash over more text: fnv1aFrom(fnv1a(a), b) === fnv1a(a + b). */
export function fnv1aFrom(hash: number, s: string): number {
  let h = hash;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
