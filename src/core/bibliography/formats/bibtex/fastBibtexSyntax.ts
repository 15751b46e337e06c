import type { RawBibtexEntry } from '../citationJs';

/**
 * A fast reader for the syntax of one BibTeX entry, giving exactly what citation-js's grammar
 * (plugin-bibtex lib/input/file.js) gives for it — a third of all load time went into that grammar's
 * generic lexer. It covers the well-formed cases only: on anything unusual it returns undefined and the
 * caller falls back to citation-js, which then also produces the error message. Its output is checked
 * against citation-js's on real libraries in the tests.
 *
 * What it mirrors: lower-cased type and field names; values are the text between the outer delimiters,
 * verbatim; `#` concatenates; a bare number is a number (a string once concatenated); a macro name is
 * replaced by its @string value (or '' when unknown); later duplicate fields overwrite earlier ones;
 * `field+an` / `field+an:name` fields are annotations; `%` starts a comment between fields.
 */

/** citation-js's month and journal abbreviations, the macros every file starts with. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const DEFAULT_STRINGS = (require('@citation-js/plugin-bibtex/lib/input/constants.js') as { defaultStrings: Record<string, string> }).defaultStrings;

export type MacroTable = Map<string, string | number>;

const ANNOTATION = '+an';

/** The macro table to start from: citation-js's defaults. */
export function defaultMacros(): MacroTable {
  return new Map(Object.entries(DEFAULT_STRINGS));
}

// Character classes of citation-js's grammar, tested by code (regular expressions allocate a match per token).
function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `[a-zA-Z0-9_:+-]`, the rest of an identifier. */
function isIdentifierChar(c: number): boolean {
  return isLetter(c) || isDigit(c) || c === 95 || c === 58 || c === 43 || c === 45;
}

/** JavaScript's `\s`. */
function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    (c >= 0xa0 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff))
  );
}

/** Where `.` stops. */
function isLineTerminator(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

class Reader {
  pos = 0;
  /** The field readField read last (kept here rather than returned as a pair: one per field of the file). */
  fieldName = '';
  fieldValue: string | number = '';
  constructor(readonly text: string) {}

  /** Whitespace and `%` comments (to the end of the line). */
  skip(): void {
    const { text } = this;
    let i = this.pos;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (isSpace(c)) i++;
      else if (c === 37 /* % */) {
        i++;
        while (i < text.length && !isLineTerminator(text.charCodeAt(i))) i++;
      } else break;
    }
    this.pos = i;
  }

  /** `[a-zA-Z_][a-zA-Z0-9_:+-]*` */
  identifier(): string | undefined {
    const { text } = this;
    const start = this.pos;
    const first = text.charCodeAt(start);
    if (!isLetter(first) && first !== 95) return undefined;
    let end = start + 1;
    while (end < text.length && isIdentifierChar(text.charCodeAt(end))) end++;
    this.pos = end;
    return text.slice(start, end);
  }

  /** `-?\d+` */
  number(): string | undefined {
    const { text } = this;
    const start = this.pos;
    let end = text.charCodeAt(start) === 45 ? start + 1 : start;
    const digits = end;
    while (end < text.length && isDigit(text.charCodeAt(end))) end++;
    if (end === digits) return undefined;
    this.pos = end;
    return text.slice(start, end);
  }

  /** `[^,\s]+`, an entry's key. */
  label(): string | undefined {
    const { text } = this;
    const start = this.pos;
    let end = start;
    while (end < text.length) {
      const c = text.charCodeAt(end);
      if (c === 44 || isSpace(c)) break;
      end++;
    }
    if (end === start) return undefined;
    this.pos = end;
    return text.slice(start, end);
  }

  /** `string`, in any case (ASCII only, as the `i` flag of a non-Unicode expression). */
  stringKeyword(): string | undefined {
    const start = this.pos;
    for (let k = 0; k < 6; k++) if ((this.text.charCodeAt(start + k) | 32) !== 'string'.charCodeAt(k)) return undefined;
    this.pos = start + 6;
    return this.text.slice(start, start + 6);
  }
}

/** Reads `@string{name = value}` into `macros`. Returns false when it is not plainly well-formed. */
export function readStringDefinition(text: string, macros: MacroTable): boolean {
  const r = new Reader(text);
  if (readHead(r, () => r.stringKeyword()) === undefined) return false;
  r.skip();
  if (!readField(r, macros)) return false;
  r.skip();
  if (!/[})]/.test(r.text[r.pos] ?? '') || r.pos !== text.length - 1) return false;
  macros.set(r.fieldName, r.fieldValue);
  return true;
}

/** Reads one data entry (`@type{key, field = value, …}`); undefined when citation-js should decide. */
export function readBibtexEntry(text: string, macros: MacroTable): RawBibtexEntry | undefined {
  const r = new Reader(text);
  const type = readHead(r, () => r.identifier())?.toLowerCase();
  if (type === undefined) return undefined;
  // citation-js reads `@strings…` / `@preamble…` prefixes as those special entries: leave them to it.
  if (/^(string|preamble)/.test(type)) return undefined;
  r.skip();
  const label = r.label();
  if (label === undefined || /[{(%]/.test(label[0])) return undefined;
  r.skip();
  if (text[r.pos] !== ',') return undefined;
  r.pos++;
  r.skip();
  const entry: RawBibtexEntry = { type, label, properties: {} };
  for (;;) {
    const next = text.charCodeAt(r.pos);
    if (!isLetter(next) && next !== 95) break;
    if (!readField(r, macros)) return undefined;
    const name = r.fieldName;
    const value = r.fieldValue;
    const annotation = annotationOf(name);
    if (annotation) {
      entry.annotations ??= {};
      entry.annotations[annotation[0]] ??= {};
      if (typeof value !== 'string') return undefined;
      entry.annotations[annotation[0]][annotation[1]] = value;
    } else {
      entry.properties[name] = value;
    }
    r.skip();
    if (text[r.pos] !== ',') break;
    r.pos++;
    r.skip();
  }
  r.skip();
  // The closing delimiter must be the last character: the splitter cut the entry there.
  if (r.pos !== text.length - 1 || !/[})]/.test(text[r.pos])) return undefined;
  return entry;
}

/** `@` type `{`/`(`: returns the type as written and leaves the reader after the opening delimiter. */
function readHead(r: Reader, readType: () => string | undefined): string | undefined {
  if (r.text[r.pos] !== '@') return undefined;
  r.pos++;
  r.skip();
  const type = readType();
  if (type === undefined) return undefined;
  r.skip();
  const open = r.text[r.pos];
  if (open !== '{' && open !== '(') return undefined;
  r.pos++;
  r.skip();
  return type;
}

/** Reads `name = value` into the reader's fieldName and fieldValue; false when it is not plainly well-formed. */
function readField(r: Reader, macros: MacroTable): boolean {
  const name = r.identifier();
  if (name === undefined) return false;
  r.skip();
  if (r.text[r.pos] !== '=') return false;
  r.pos++;
  r.skip();
  let value = readPart(r, macros);
  if (value === undefined) return false;
  r.skip();
  while (r.text[r.pos] === '#') {
    r.pos++;
    r.skip();
    const part = readPart(r, macros);
    if (part === undefined) return false;
    value = `${value}${part}`;
    r.skip();
  }
  r.fieldName = name.toLowerCase();
  r.fieldValue = value;
  return true;
}

function readPart(r: Reader, macros: MacroTable): string | number | undefined {
  const c = r.text[r.pos];
  if (c === '"' || c === '{') return readDelimited(r);
  const name = r.identifier();
  if (name !== undefined) {
    const lower = name.toLowerCase();
    const value = macros.get(lower);
    // citation-js looks names up in a plain object: `constructor` and friends would find Object's.
    if (value === undefined && lower in Object.prototype) return undefined;
    return value === undefined || value === '' || value === 0 ? '' : value;
  }
  const number = r.number();
  if (number !== undefined) return parseInt(number, 10);
  return undefined;
}

/**
 * A `{…}` or `"…"` value, verbatim between its delimiters. Inside braces `\{`, `\}` and `\\` are
 * escapes; inside quotes only `\{` and `\\` are (citation-js's lexer rules), and braces nest.
 */
function readDelimited(r: Reader): string | undefined {
  const { text } = r;
  const quoted = text[r.pos] === '"';
  const start = r.pos + 1;
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) {
      const next = text[i + 1];
      if (next === '\\' || next === '{' || (next === '}' && (depth > 0 || !quoted))) i++;
    } else if (c === 123 /* { */) {
      depth++;
    } else if (c === 125 /* } */) {
      if (depth === 0) {
        if (quoted) continue;
        r.pos = i + 1;
        return text.slice(start, i);
      }
      depth--;
    } else if (c === 34 /* " */ && quoted && depth === 0) {
      r.pos = i + 1;
      return text.slice(start, i);
    }
  }
  return undefined;
}

function annotationOf(name: string): [string, string] | undefined {
  if (!name.includes('+')) return undefined; // (most names: both tests below need a '+')
  if (name.endsWith(ANNOTATION)) return [name.slice(0, -ANNOTATION.length), 'default'];
  const at = name.indexOf(`${ANNOTATION}:`);
  if (at < 0) return undefined;
  // citation-js splits on every '+an:'; more than one is too odd to mirror.
  const parts = name.split(`${ANNOTATION}:`);
  return parts.length === 2 ? [parts[0], parts[1]] : undefined;
}
