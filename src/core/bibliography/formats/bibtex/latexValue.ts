import {
  COMMANDS,
  DIACRITICS,
  FORMATTING,
  FORMATTING_COMMANDS,
  FORMATTING_ENVS,
  isPrototypeKey,
  MATH_COMMANDS,
  MATH_SCRIPT_FORMATTING,
  MATH_SCRIPTS,
} from './citationJsTables';
import { orderNamePieces, stringCase, type CslName, type NamePart } from './bibtexNames';

/**
 * Reads one BibTeX field value (macros expanded, still LaTeX) the way citation-js's value grammar
 * (plugin-bibtex lib/input/value.js: a moo lexer with per-field states and a recursive grammar) reads
 * it, without its generic lexer: braces vanish, accents and known commands become Unicode, `--` `~`
 * `` ` `` `'` ligatures apply, whitespace runs become one space, unknown commands stay as written,
 * names are split into given/particle/family/suffix, lists on `and`, keyword lists on `,`.
 *
 * Every method returns undefined where it is not sure to give citation-js's answer — `\begin…\end`,
 * `\ElsevierGlyph`, a script mark right before `$`, biblatex's `family=…` name syntax, nesting over 100
 * deep — and where citation-js would throw (an unbalanced brace, an unclosed `$`, `\textit` without its
 * `{`…): the caller then hands the entry to citation-js. Differential tests (test/core/bibliography/formats/bibtex/)
 * check this against citation-js on real libraries and on mutations of them.
 */

/** citation-js's lexer state for a field: which characters are tokens of their own at the top level. */
const enum Mode {
  /** Plain text (titles, literals, dates): `{ } $ \ ~` and whitespace. */
  Plain,
  /** Inside `{…}`: as Plain, and `}` closes. */
  Braced,
  /** Name lists: also ` and ` (any case), `,`, `-`, `=`. */
  Names,
  /** Literal lists (publisher, address…): also ` and ` (lower case). */
  List,
  /** Comma-separated (keywords): also `,`. */
  Separated,
  /** Inside `$…$`: also `^` and `_`. */
  Math,
}

const BACKSLASH = 92;
const LBRACE = 123;
const RBRACE = 125;
const DOLLAR = 36;
const TILDE = 126;
const COMMA = 44;
const HYPHEN = 45;
const EQUALS = 61;
const CARET = 94;
const UNDERSCORE = 95;
const SPACE = 32;
const QUOTE = 39;
const BACKTICK = 96;

/** JavaScript's `\s`, which citation-js's lexer uses. */
function isSpace(c: number): boolean {
  return (
    c === SPACE ||
    (c >= 9 && c <= 13) ||
    (c >= 0xa0 &&
      (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff))
  );
}

/** What the lexer's `.` does not match. */
function isLineTerminator(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isTextChar(c: number, mode: Mode): boolean {
  if (c === LBRACE || c === RBRACE || c === DOLLAR || c === BACKSLASH || c === TILDE || isSpace(c)) return false;
  switch (mode) {
    case Mode.Names:
      return c !== COMMA && c !== HYPHEN && c !== EQUALS;
    case Mode.Separated:
      return c !== COMMA;
    case Mode.Math:
      return c !== CARET && c !== UNDERSCORE;
    default:
      return true;
  }
}

/**
 * Whether citation-js gives the value back unchanged: printable ASCII (and any non-ASCII letter)
 * without braces, commands, math, `~`, ligatures or runs of spaces — most titles, names and numbers.
 */
function isVerbatimText(value: string): boolean {
  let previous = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 128) {
      if (c < SPACE || c === LBRACE || c === RBRACE || c === DOLLAR || c === BACKSLASH || c === TILDE) return false;
      if (c === previous && (c === SPACE || c === HYPHEN || c === QUOTE || c === BACKTICK)) return false;
    } else if (isSpace(c)) {
      return false;
    }
    previous = c;
  }
  return true;
}

/** citation-js's ligatures, applied to each text token: `---` `--` ``` `` ``` `''`. */
const LIGATURE = /---?|''|``/g;
const LIGATURES: Readonly<Record<string, string>> = { '--': '\u2013', '---': '\u2014', '``': '\u201C', "''": '\u201D' };

function withLigatures(text: string): string {
  return text.includes('-') || text.includes("'") || text.includes('`') ? text.replace(LIGATURE, (l) => LIGATURES[l]) : text;
}

function applyFormatting(text: string, format: string | undefined): string {
  const tags = format === undefined ? undefined : FORMATTING.get(format);
  return tags && text ? tags[0] + text + tags[1] : text;
}

/** A command token: `\` and a run of letters or one other character, then any spaces. */
interface CommandToken {
  /** The name: what follows the backslash, trimmed. */
  readonly name: string;
  /** The token as written, trailing spaces included. */
  readonly text: string;
  readonly end: number;
}

/** Braces, commands, math or `~`: a value without them needs only its spaces and ligatures done. */
const SPECIAL = /[{}$\\~]/;
const SPACES = /\s+/g;
/** Nesting (of groups, math, accents on accents) beyond which a value is left to citation-js. */
const MAX_DEPTH = 100;

export class LatexValueReader {
  private text = '';
  private pos = 0;
  private depth = 0;

  /** A literal, title, date, range or unknown field (citation-js's `String` rule). */
  plain(value: string): string | undefined {
    if (isVerbatimText(value)) return value;
    if (!SPECIAL.test(value)) return withLigatures(value.replace(SPACES, ' '));
    this.start(value);
    let out = '';
    while (this.pos < this.text.length) {
      const part = this.textRun(Mode.Plain);
      if (part === undefined) return undefined;
      out += part;
    }
    return out;
  }

  /** A list of literals (publisher, address, institution, language): one string, or several split on ` and `. */
  list(value: string): string | string[] | undefined {
    this.start(value);
    const list: string[] = [];
    const { text } = this;
    while (this.pos < text.length) {
      let out = '';
      while (this.pos < text.length && this.andEnd(Mode.List) < 0) {
        const part = this.textRun(Mode.List);
        if (part === undefined) return undefined;
        out += part;
      }
      list.push(out);
      const and = this.andEnd(Mode.List);
      if (and >= 0) this.pos = and;
    }
    return list.length === 1 ? list[0] : list;
  }

  /** A comma-separated list (keywords), each item trimmed. */
  separated(value: string): string[] | undefined {
    this.start(value);
    const list: string[] = [];
    const { text } = this;
    while (this.pos < text.length) {
      let out = '';
      while (this.pos < text.length && text.charCodeAt(this.pos) !== COMMA) {
        const part = this.textRun(Mode.Separated);
        if (part === undefined) return undefined;
        out += part;
      }
      list.push(out.trim());
      if (text.charCodeAt(this.pos) === COMMA) this.pos++;
      this.skipWhitespaceToken(Mode.Separated);
    }
    return list;
  }

  /** A verbatim field (doi, eprint): the value as written, provided citation-js's lexer accepts it. */
  verbatim(value: string): string | undefined {
    return lexesAsVerbatim(value) ? value : undefined;
  }

  /** A URL: verbatim, then percent-encoded unless it already is (citation-js's `StringUri`). */
  uri(value: string): string | undefined {
    if (!lexesAsVerbatim(value)) return undefined;
    try {
      return decodeURI(value) === value ? encodeURI(value) : value;
    } catch {
      try {
        return encodeURI(value);
      } catch {
        return undefined; // citation-js throws here (a lone surrogate)
      }
    }
  }

  /** A name list (author, editor…): each name as citation-js orders its parts. */
  names(value: string): CslName[] | undefined {
    this.start(value);
    const { text } = this;
    const list: CslName[] = [];
    for (;;) {
      this.skipWhitespaceToken(Mode.Names);
      const name = this.name();
      if (name === undefined) return undefined;
      list.push(name);
      this.skipWhitespaceToken(Mode.Names);
      if (this.pos >= text.length) return list;
      const and = this.andEnd(Mode.Names);
      if (and < 0) return undefined;
      this.pos = and;
    }
  }

  private start(value: string): void {
    this.text = value;
    this.pos = 0;
    this.depth = 0;
  }

  /** One name: comma-separated pieces ("von Last, Jr, First"), up to ` and ` or the end. */
  private name(): CslName | undefined {
    const { text } = this;
    const pieces: NamePart[][] = [];
    for (;;) {
      const piece = this.namePiece();
      if (piece === undefined) return undefined;
      pieces.push(piece);
      if (this.pos >= text.length || this.andEnd(Mode.Names) >= 0) return orderNamePieces(pieces);
      // A piece ends only at the end, ` and ` or a comma.
      this.pos++;
      this.skipWhitespaceToken(Mode.Names);
    }
  }

  /** The words of one piece, split on whitespace and hyphens. */
  private namePiece(): NamePart[] | undefined {
    const { text } = this;
    const parts: NamePart[] = [];
    for (;;) {
      const part = this.nameToken();
      if (part === undefined) return undefined;
      parts.push(part);
      if (this.pos >= text.length || this.andEnd(Mode.Names) >= 0 || text.charCodeAt(this.pos) === COMMA) return parts;
      while (this.pos < text.length) {
        if (text.charCodeAt(this.pos) === HYPHEN) this.pos++;
        else if (!this.skipWhitespaceToken(Mode.Names)) break;
      }
    }
  }

  /**
   * One word. Its case (which decides given name, particle or family name) is that of its first
   * plain-text run; a word starting with a brace or command takes the case of the text after it.
   */
  private nameToken(): NamePart | undefined {
    const { text } = this;
    let upperCase: boolean | null = null;
    let value = '';
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (upperCase === null && isTextChar(c, Mode.Names)) {
        // The first run is taken as written (no ligatures), as citation-js does.
        const start = this.pos;
        this.pos = this.textRunEnd(Mode.Names);
        const run = text.slice(start, this.pos);
        value += run;
        upperCase = stringCase(run);
      } else if (c === COMMA || c === TILDE || isSpace(c)) {
        break;
      } else if (c === HYPHEN) {
        return { value, upperCase, hyphenated: true };
      } else if (c === EQUALS) {
        return undefined; // biblatex's `family=…, given=…` names: not mirrored
      } else {
        const part = this.textItem(Mode.Names);
        if (part === undefined) return undefined;
        value += part;
      }
    }
    return { value, upperCase, hyphenated: false };
  }

  /**
   * In a loop that concatenates text items: a stretch that citation-js gives back as written (words
   * without ligatures, single spaces) in one slice, else one item. Most of a title is such a stretch.
   */
  private textRun(mode: Mode): string | undefined {
    const end = this.verbatimEnd(mode);
    if (end === this.pos) return this.textItem(mode);
    const run = this.text.slice(this.pos, end);
    this.pos = end;
    return run;
  }

  /** Where the stretch of words and single spaces that need no conversion, starting here, ends. */
  private verbatimEnd(mode: Mode): number {
    const { text } = this;
    let i = this.pos;
    let end = i;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === SPACE) {
        if (isSpace(text.charCodeAt(i + 1)) || this.andEndAt(i, mode) >= 0) break;
        end = ++i;
        continue;
      }
      if (!isTextChar(c, mode)) break;
      // A word: kept as written unless it holds a ligature.
      let previous = 0;
      let j = i;
      for (; j < text.length; j++) {
        const d = text.charCodeAt(j);
        if (!isTextChar(d, mode)) break;
        if (d === previous && (d === HYPHEN || d === QUOTE || d === BACKTICK)) return end;
        previous = d;
      }
      end = i = j;
    }
    return end;
  }

  /**
   * One item of text (citation-js's `Text` rule) at the current position: a braced group, math, a
   * command, whitespace or a run of text. Undefined where citation-js would throw (a token that is not
   * text here: `}` outside braces, a name list's `,` or ` and `) or where it is not mirrored.
   */
  private textItem(mode: Mode): string | undefined {
    // Groups, accents and commands nest by recursion: deep nesting is left to citation-js (which
    // reports it as an error of that entry) rather than overflowing the stack here.
    if (this.depth >= MAX_DEPTH) return undefined;
    this.depth++;
    const item = this.textItemHere(mode);
    this.depth--;
    return item;
  }

  private textItemHere(mode: Mode): string | undefined {
    const { text } = this;
    if (this.pos >= text.length) return undefined; // citation-js expects a token here
    const c = text.charCodeAt(this.pos);
    if (c === LBRACE) return this.braced();
    if (c === DOLLAR) return this.math();
    if (c === BACKSLASH) return this.command(mode);
    if (c === TILDE) {
      this.pos++;
      return '\u00A0';
    }
    if (isSpace(c)) {
      if (this.andEnd(mode) >= 0) return undefined;
      this.skipSpaces();
      return ' ';
    }
    if (!isTextChar(c, mode)) return undefined;
    const start = this.pos;
    this.pos = this.textRunEnd(mode);
    return withLigatures(text.slice(start, this.pos));
  }

  /** `{…}`: its content, braces dropped (case protection means nothing when titles keep their case). */
  private braced(): string | undefined {
    const { text } = this;
    this.pos++;
    let out = '';
    while (this.pos < text.length) {
      if (text.charCodeAt(this.pos) === RBRACE) {
        this.pos++;
        return out;
      }
      const part = this.textRun(Mode.Braced);
      if (part === undefined) return undefined;
      out += part;
    }
    return undefined; // unclosed
  }

  /** `$…$`: its text, `$` dropped; `^`/`_` scripts as Unicode super/subscripts where they all exist, else `<sup>`/`<sub>`. */
  private math(): string | undefined {
    const { text } = this;
    this.pos++;
    let out = '';
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c === DOLLAR) {
        this.pos++;
        return out;
      }
      if (c === CARET || c === UNDERSCORE) {
        const script = this.script(c === CARET ? '^' : '_');
        if (script === undefined) return undefined;
        out += script;
        continue;
      }
      if (c === BACKSLASH) {
        const command = this.commandToken();
        if (command === undefined) return undefined;
        if (MATH_SCRIPT_FORMATTING.has(command.name)) {
          // `\sp{…}`, `\sb{…}`, `\mathrm{…}`, `\^{…}`, `\_{…}`: the argument, formatted.
          this.pos = command.end;
          if (text.charCodeAt(this.pos) !== LBRACE) return undefined;
          const argument = this.braced();
          if (argument === undefined) return undefined;
          out += applyFormatting(argument, MATH_SCRIPT_FORMATTING.get(command.name));
          continue;
        }
      }
      const part = this.textRun(Mode.Math);
      if (part === undefined) return undefined;
      out += part;
    }
    return undefined; // unclosed
  }

  /** A `^` or `_` and the one item of text after it. */
  private script(mark: '^' | '_'): string | undefined {
    const { text } = this;
    this.pos++;
    // Nothing, or math, right after the mark: citation-js throws or starts a new formula; not mirrored.
    if (this.pos >= text.length || text.charCodeAt(this.pos) === DOLLAR) return undefined;
    const argument = this.textItem(Mode.Math);
    if (argument === undefined) return undefined;
    const table = MATH_SCRIPTS.get(mark)!;
    const chars = argument.split('');
    if (chars.every((ch) => table.has(ch))) return chars.map((ch) => table.get(ch)).join('');
    const tags = FORMATTING.get(MATH_SCRIPT_FORMATTING.get(mark)!)!;
    return tags[0] + argument + tags[1];
  }

  private commandToken(): CommandToken | undefined {
    const { text, pos } = this;
    if (text.startsWith('\\begin', pos)) return undefined; // an environment: not mirrored
    let end = pos + 1;
    if (end >= text.length) return undefined; // a lone backslash: citation-js's lexer throws
    const first = text.charCodeAt(end);
    if (isLetter(first)) {
      while (end < text.length && isLetter(text.charCodeAt(end))) end++;
    } else if (isLineTerminator(first)) {
      return undefined;
    } else {
      end++;
    }
    while (text.charCodeAt(end) === SPACE) end++;
    const written = text.slice(pos, end);
    return { name: written.slice(1).trim(), text: written, end };
  }

  /** A command and what it takes (citation-js's `Command` rule, in its order of lookups). */
  private command(mode: Mode): string | undefined {
    const token = this.commandToken();
    if (token === undefined) return undefined;
    const { name } = token;
    if (isPrototypeKey(name)) return undefined;
    this.pos = token.end;
    if (FORMATTING_ENVS.has(name)) {
      const env = this.untilClosingBrace(mode);
      return env === undefined ? undefined : applyFormatting(env, FORMATTING_ENVS.get(name));
    }
    if (FORMATTING_COMMANDS.has(name)) {
      if (this.text.charCodeAt(this.pos) !== LBRACE) return undefined;
      const argument = this.braced();
      return argument === undefined ? undefined : applyFormatting(argument, FORMATTING_COMMANDS.get(name));
    }
    const symbol = COMMANDS.get(name);
    if (symbol !== undefined) return symbol ?? undefined;
    const greek = MATH_COMMANDS.get(name);
    if (greek !== undefined) return greek;
    const accent = DIACRITICS.get(name);
    if (accent !== undefined && this.pos < this.text.length) {
      const base = this.textItem(mode);
      if (base === undefined) return undefined;
      // On an empty argument (`\^{}`) citation-js accents the word "undefined": mirrored, oddity and all.
      return (String(base[0]) + accent).normalize('NFC') + base.slice(1);
    }
    if (name === 'url' || name === 'href') {
      // \url{u} → u; \href{u}{text} → u. Each argument may follow one whitespace token.
      let url: string | undefined;
      for (let k = name === 'url' ? 1 : 2; k > 0; k--) {
        this.skipWhitespaceToken(mode);
        if (this.text.charCodeAt(this.pos) !== LBRACE) return undefined;
        const argument = this.braced();
        if (argument === undefined) return undefined;
        url ??= argument;
      }
      return url;
    }
    if (name === 'ElsevierGlyph') return undefined;
    if (name.length === 1 && '&%$#_{}'.includes(name)) return token.text.slice(1);
    return token.text;
  }

  /** A `{\em …}`-style switch's text: up to the closing brace of its group, or the end. */
  private untilClosingBrace(mode: Mode): string | undefined {
    const { text } = this;
    let out = '';
    while (this.pos < text.length && text.charCodeAt(this.pos) !== RBRACE) {
      const part = this.textRun(mode);
      if (part === undefined) return undefined;
      out += part;
    }
    return out;
  }

  private textRunEnd(mode: Mode): number {
    const { text } = this;
    let end = this.pos + 1;
    while (end < text.length && isTextChar(text.charCodeAt(end), mode)) end++;
    return end;
  }

  private skipSpaces(): void {
    const { text } = this;
    while (this.pos < text.length && isSpace(text.charCodeAt(this.pos))) this.pos++;
  }

  /** Consumes one whitespace token (a run of spaces, or one `~`) unless ` and ` starts here. */
  private skipWhitespaceToken(mode: Mode): boolean {
    const c = this.text.charCodeAt(this.pos);
    if (c === TILDE) {
      this.pos++;
      return true;
    }
    if (!isSpace(c) || this.andEnd(mode) >= 0) return false;
    this.skipSpaces();
    return true;
  }

  /** Where an ` and ` separator starting here ends (name lists: any case; literal lists: lower case), else -1. */
  private andEnd(mode: Mode): number {
    return this.andEndAt(this.pos, mode);
  }

  private andEndAt(start: number, mode: Mode): number {
    if (mode !== Mode.Names && mode !== Mode.List) return -1;
    const { text } = this;
    let i = start;
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    if (i === start || i + 3 >= text.length) return -1;
    // `and`, or in names any case of it (citation-js: /\s+[aA][nN][dD]\s+/ there, /\s+and\s+/ in lists).
    const anyCase = mode === Mode.Names ? 32 : 0;
    if ((text.charCodeAt(i) | anyCase) !== 97 || (text.charCodeAt(i + 1) | anyCase) !== 110 || (text.charCodeAt(i + 2) | anyCase) !== 100) return -1;
    i += 3;
    if (!isSpace(text.charCodeAt(i))) return -1;
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    return i;
  }
}

/**
 * Whether citation-js's lexer reads a verbatim value without error (it then keeps it as written):
 * `{` opens a group that `}` closes, `$` opens math that `$` closes (a `}` inside math, or outside any
 * group, is an error), no backslash at the end or before a line break. Environments (`\begin`) are
 * left to citation-js.
 */
function lexesAsVerbatim(value: string): boolean {
  // The lexer's stack of states, as a string of '{' and '$'; most values never push one.
  let open = '';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === BACKSLASH) {
      const next = value.charCodeAt(i + 1);
      if (i + 1 >= value.length || isLineTerminator(next) || value.startsWith('\\begin', i)) return false;
      i++;
    } else if (c === LBRACE) {
      open += '{';
    } else if (c === RBRACE) {
      if (!open.endsWith('{')) return false;
      open = open.slice(0, -1);
    } else if (c === DOLLAR) {
      open = open.endsWith('$') ? open.slice(0, -1) : open + '$';
    }
  }
  return true;
}
