/**
 * The vocabulary of a token index while it is built: each distinct folded token once, with an id in
 * order of first sight. Tokens are found from the text they occur in (a stretch of a title, a name, a
 * key), hashed and compared character by character, so a token seen before costs no string: building
 * the index of 50,000 entries meets ~2 million tokens and ~150,000 distinct ones.
 *
 * Folding is that of search/normalise (lowercase; a token is a run of [a-z0-9]); the caller hands
 * ASCII text as written (A–Z are folded here) and other text folded already (foldLetters).
 */

const EMPTY = 0;

export class TokenTable {
  readonly tokens: string[] = [];
  /** Open addressing: id + 1 per slot (EMPTY: free); the table is kept at most half full. */
  private slots: Int32Array = new Int32Array(1 << 12);
  private hashes: Int32Array = new Int32Array(1 << 10);

  /** The id of the token `text[start, end)` (A–Z read as a–z), added if new. */
  idOfSlice(text: string, start: number, end: number): number {
    const hash = hashOf(text, start, end);
    const slot = this.slotOf(text, start, end, hash);
    const held = this.slots[slot]!;
    return held === EMPTY ? this.add(text.slice(start, end).toLowerCase(), hash, slot) : held - 1;
  }

  /** Whether the token `text[start, end)` (A–Z read as a–z) is in the table. */
  hasSlice(text: string, start: number, end: number): boolean {
    return this.slots[this.slotOf(text, start, end, hashOf(text, start, end))] !== EMPTY;
  }

  /** The slot holding the token, or the free slot where it would go. */
  private slotOf(text: string, start: number, end: number, hash: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const held = this.slots[slot]!;
      if (held === EMPTY || (this.hashes[held - 1] === hash && sameToken(this.tokens[held - 1]!, text, start, end))) return slot;
    }
  }

  /** The id of a folded token, added if new. */
  idOf(token: string): number {
    return this.idOfSlice(token, 0, token.length);
  }

  /** The id of a folded token, or -1. */
  find(token: string): number {
    return this.slots[this.slotOf(token, 0, token.length, hashOf(token, 0, token.length))]! - 1;
  }

  get size(): number {
    return this.tokens.length;
  }

  private add(token: string, hash: number, slot: number): number {
    const id = this.tokens.length;
    this.tokens.push(token);
    if (id === this.hashes.length) this.hashes = grown(this.hashes);
    this.hashes[id] = hash;
    this.slots[slot] = id + 1;
    if (2 * this.tokens.length > this.slots.length) this.rehash();
    return id;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.tokens.length; id++) {
      let slot = this.hashes[id]! & mask;
      while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    }
    this.slots = slots;
  }
}

/** FNV-1a over the folded characters. */
function hashOf(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ fold(text.charCodeAt(i)), 0x01000193);
  return hash;
}

/** A–Z as a–z; every other code as it is. */
function fold(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

function sameToken(token: string, text: string, start: number, end: number): boolean {
  if (token.length !== end - start) return false;
  for (let k = 0; k < token.length; k++) if (token.charCodeAt(k) !== fold(text.charCodeAt(start + k))) return false;
  return true;
}

/** The array, twice as long, its values kept. */
export function grown(values: Int32Array): Int32Array<ArrayBuffer> {
  const out = new Int32Array(values.length * 2);
  out.set(values);
  return out;
}
