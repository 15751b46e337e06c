import { LineIndex } from '../problems';

/**
 * Splits a BibTeX/BibLaTeX file into its entries before anything parses them, so one malformed entry
 * can be reported and skipped instead of failing the whole file (citation-js rejects a file at its
 * first error).
 *
 * Rules, following BibTeX and citation-js's lexer:
 * - An entry starts at `@type{` or `@type(`; text between entries is ignored, as are lines starting
 *   with `%` outside entries (commented-out entries are common).
 * - Inside an entry, braces nest; `\{`, `\}` and `\\` are escapes (as citation-js reads them); a `"`
 *   at the top level opens a quoted value; `%` at the top level starts a comment to the end of line.
 * - A line that starts with `@type{` while an entry is still open means that entry lost a closing
 *   brace: it is reported as unclosed and scanning restarts at the new entry, so only it is lost.
 */

export type ChunkKind = 'entry' | 'string' | 'preamble' | 'comment';

export interface BibtexChunk {
  readonly kind: ChunkKind;
  /** Entry type, lower-cased ('article', 'string', …). */
  readonly type: string;
  /** Citation key for entries; '' when it is missing. */
  readonly key: string;
  /** Raw text from `@` to the closing delimiter. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** 1-based line and column of the `@`. */
  readonly line: number;
  readonly column: number;
  /** 1-based line of the closing delimiter. */
  readonly endLine: number;
}

export interface SplitIssue {
  readonly kind: 'unclosed' | 'stray-text';
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly key?: string;
}

export interface SplitResult {
  readonly chunks: BibtexChunk[];
  readonly issues: SplitIssue[];
  readonly lines: LineIndex;
}

const ENTRY_START = /@[ \t]*([A-Za-z][\w:-]*)[ \t\r\n]*([{(])/y;
const ENTRY_AT_LINE_START = /[ \t]*@[ \t]*[A-Za-z][\w:-]*[ \t]*[{(]/y;
const FIELD_LIKE = /^[ \t]*[A-Za-z][\w:-]*[ \t]*=[ \t]*[{"\d]/m;

/** A file's previous text and its split, for re-splitting only what an edit changed. */
export interface PreviousSplit {
  readonly text: string;
  readonly split: SplitResult;
}

export function splitBibtex(text: string, previous?: PreviousSplit): SplitResult {
  const lines = new LineIndex(text);
  const again = previous ? resplit(text, lines, previous) : undefined;
  if (again) return again;
  const chunks: BibtexChunk[] = [];
  const issues: SplitIssue[] = [];
  scan(text, lines, 0, chunks, issues);
  return { chunks, issues, lines };
}

/**
 * Splits a stretch of a file: `text` starts at a line start of the file (its line `firstLine`), and
 * scanning starts at `from`, a position between entries. Stops after the first chunk for which
 * `resync` (given the chunk's end and the text's line index) returns true; says whether one did.
 */
export function splitStretch(text: string, firstLine: number, from: number, resync: (end: number, lines: LineIndex) => boolean): SplitResult & { readonly resynced: boolean } {
  const lines = new LineIndex(text, firstLine);
  const chunks: BibtexChunk[] = [];
  const issues: SplitIssue[] = [];
  const resynced = scan(text, lines, from, chunks, issues, (end) => resync(end, lines));
  return { chunks, issues, lines, resynced };
}

/**
 * Scans from `from` (a position between entries) to the end, or until `resync` says the chunk just
 * found ends where the previous split continues unchanged; returns whether it stopped there.
 */
function scan(text: string, lines: LineIndex, from: number, chunks: BibtexChunk[], issues: SplitIssue[], resync?: (end: number) => boolean): boolean {
  let pos = from;
  let gapStart = from;

  while (pos < text.length) {
    const at = nextEntryAt(text, pos, lines);
    if (at < 0) break;
    ENTRY_START.lastIndex = at;
    const head = ENTRY_START.exec(text);
    if (!head) {
      pos = at + 1;
      continue;
    }
    checkGap(text, gapStart, at, lines, issues);
    const type = head[1].toLowerCase();
    const open = head[2];
    const bodyStart = at + head[0].length;
    const kind: ChunkKind = type === 'comment' ? 'comment' : type === 'string' ? 'string' : type === 'preamble' ? 'preamble' : 'entry';
    const close = kind === 'comment' ? scanComment(text, bodyStart, open) : scanEntry(text, bodyStart, open);
    if (close.end < 0) {
      const key = kind === 'entry' ? readKey(text, bodyStart, close.stop) : '';
      if (kind === 'comment') {
        // An unbalanced @comment is treated as a one-line comment, as citation-js does.
        pos = lineEnd(text, at);
      } else {
        issues.push({
          kind: 'unclosed',
          line: lines.lineOf(at),
          column: lines.columnOf(at),
          key: key || undefined,
          message: `entry ${key ? `'${key}' ` : ''}starting at line ${lines.lineOf(at)} has an unclosed brace (no matching '${open === '(' ? ')' : '}'}' before ${close.stop >= text.length ? 'the end of the file' : `the next entry at line ${lines.lineOf(close.stop)}`}); skipped it`,
        });
        pos = close.stop;
      }
      gapStart = pos;
      continue;
    }
    const end = close.end;
    const key = kind === 'entry' ? readKey(text, bodyStart, end - 1) : '';
    chunks.push({
      kind,
      type,
      key,
      text: text.slice(at, end),
      start: at,
      end,
      line: lines.lineOf(at),
      column: lines.columnOf(at),
      endLine: lines.lineOf(end - 1),
    });
    pos = end;
    gapStart = end;
    if (resync?.(end)) return true;
  }
  checkGap(text, gapStart, text.length, lines, issues);
  return false;
}

/**
 * The split of `text` from the previous split of a text that differs from it in one stretch (an
 * edit): chunks wholly before the change are kept, scanning restarts at the end of the last of them,
 * and stops as soon as a chunk ends where an old chunk ended, inside the unchanged tail, on a line
 * wholly in that tail; the old chunks after it are kept, shifted. The scanner's state between entries
 * is only its position, and all it looks back at is the current line, so the result is what a full
 * split gives. Used only when the previous split had no issues (their messages hold line numbers);
 * returns undefined then.
 */
function resplit(text: string, lines: LineIndex, previous: PreviousSplit): SplitResult | undefined {
  const { text: old, split } = previous;
  if (split.issues.length > 0) return undefined;
  if (old === text) return split;
  const prefix = commonPrefix(old, text);
  const suffix = commonSuffix(old, text, Math.min(old.length, text.length) - prefix);
  const oldChunks = split.chunks;
  // Old chunks that end inside the unchanged head are kept as they are.
  let kept = 0;
  while (kept < oldChunks.length && oldChunks[kept].end <= prefix) kept++;
  const chunks = oldChunks.slice(0, kept);
  const issues: SplitIssue[] = [];
  const delta = text.length - old.length;
  const tailStart = text.length - suffix;
  const oldEnds = new Map<number, number>();
  for (let i = kept; i < oldChunks.length; i++) oldEnds.set(oldChunks[i].end, i);
  let resumeAt = -1;
  const resynced = scan(text, lines, kept > 0 ? oldChunks[kept - 1].end : 0, chunks, issues, (end) => {
    if (end < tailStart || lines.startOf(lines.lineOf(end)) < tailStart) return false;
    const at = oldEnds.get(end - delta);
    if (at === undefined) return false;
    resumeAt = at + 1;
    return true;
  });
  if (resynced) {
    const lineDelta = lines.lineCount - split.lines.lineCount;
    for (let i = resumeAt; i < oldChunks.length; i++) {
      const c = oldChunks[i];
      chunks.push(delta === 0 && lineDelta === 0 ? c : { ...c, start: c.start + delta, end: c.end + delta, line: c.line + lineDelta, endLine: c.endLine + lineDelta });
    }
  }
  return { chunks, issues, lines };
}

/** Length of the common start of two strings (compared in blocks, then by character). */
function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let n = 0;
  for (let block = 65536; block >= 1; block >>= 4) {
    while (n + block <= max && a.slice(n, n + block) === b.slice(n, n + block)) n += block;
  }
  return n;
}

/** Length of the common end of two strings, at most `max`. */
function commonSuffix(a: string, b: string, max: number): number {
  let n = 0;
  for (let block = 65536; block >= 1; block >>= 4) {
    while (n + block <= max && a.slice(a.length - n - block, a.length - n) === b.slice(b.length - n - block, b.length - n)) n += block;
  }
  return n;
}

/** A line that starts (after spaces) with `%`: sticky, so it is tested at a line start in place. */
const COMMENT_LINE_START = /[ \t]*%/y;

/**
 * Next `@` that is not on a `%` comment line; -1 if none. The line start comes from the line index
 * and the test runs in place: scanning back and slicing the line per `@` was quadratic on a
 * one-line file (a 4 MB single-line .bib took 12 s).
 */
function nextEntryAt(text: string, from: number, lines: LineIndex): number {
  let at = text.indexOf('@', from);
  while (at >= 0) {
    COMMENT_LINE_START.lastIndex = lines.startOf(lines.lineOf(at));
    if (!COMMENT_LINE_START.test(text)) return at;
    at = text.indexOf('@', lineEnd(text, at));
  }
  return -1;
}

function lineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 ? text.length : nl + 1;
}

interface ScanResult {
  /** Offset just past the closing delimiter, or -1 when the entry never closes. */
  readonly end: number;
  /** Where scanning stopped when the entry did not close: the next entry's line start, or the end. */
  readonly stop: number;
}

function scanEntry(text: string, from: number, open: string): ScanResult {
  // Character codes, not one-character strings: this loop reads every character of the file.
  const closeParen = open === '(';
  let depth = 0;
  let inQuote = false;
  for (let i = from; i < text.length; i++) {
    switch (text.charCodeAt(i)) {
      case 92 /* \ */: {
        const next = text.charCodeAt(i + 1);
        if (next === 123 || next === 125 || next === 92) i++;
        break;
      }
      case 123 /* { */:
        depth++;
        break;
      case 125 /* } */:
        if (depth > 0) depth--;
        else if (!inQuote) return { end: i + 1, stop: i + 1 };
        break;
      case 41 /* ) */:
        if (depth === 0 && !inQuote && closeParen) return { end: i + 1, stop: i + 1 };
        break;
      case 34 /* " */:
        if (depth === 0) inQuote = !inQuote;
        break;
      case 37 /* % */:
        if (depth === 0 && !inQuote && text.charCodeAt(i - 1) !== 92) {
          // A comment to the end of the line: go on from the line break (none: the file ends here).
          const nl = text.indexOf('\n', i);
          i = nl < 0 ? text.length : nl - 1;
        }
        break;
      case 10 /* \n */: {
        const next = i + 1;
        if (!mayStartEntry(text, next)) break;
        ENTRY_AT_LINE_START.lastIndex = next;
        if (ENTRY_AT_LINE_START.test(text)) return { end: -1, stop: next };
        break;
      }
    }
  }
  return { end: -1, stop: text.length };
}

/** Cheap pre-check for ENTRY_AT_LINE_START: the line starts with '@' after spaces or tabs. */
function mayStartEntry(text: string, at: number): boolean {
  let c = text.charCodeAt(at);
  while (c === 32 || c === 9) c = text.charCodeAt(++at);
  return c === 64;
}

/** @comment{…}: balanced braces, no quote or escape handling (its content is arbitrary). */
function scanComment(text: string, from: number, open: string): ScanResult {
  const closer = open === '(' ? ')' : '}';
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === open) depth++;
    else if (c === closer) {
      if (depth === 0) return { end: i + 1, stop: i + 1 };
      depth--;
    }
  }
  return { end: -1, stop: text.length };
}

/**
 * The citation key right after `@type{`: up to the first comma; '' when absent or not a key. Within
 * the first 2,000 characters before `limit`: spaces, the key (no `,{}()"=#%` or space), spaces, `,`.
 */
function readKey(text: string, from: number, limit: number): string {
  const end = Math.min(limit, from + 2000, text.length);
  let i = from;
  while (i < end && isSpace(text.charCodeAt(i))) i++;
  const start = i;
  while (i < end && isKeyChar(text.charCodeAt(i))) i++;
  const keyEnd = i;
  while (i < end && isSpace(text.charCodeAt(i))) i++;
  return i < end && text.charCodeAt(i) === 44 /* , */ ? text.slice(start, keyEnd) : '';
}

function isKeyChar(c: number): boolean {
  switch (c) {
    case 44 /* , */:
    case 123 /* { */:
    case 125 /* } */:
    case 40 /* ( */:
    case 41 /* ) */:
    case 34 /* " */:
    case 61 /* = */:
    case 35 /* # */:
    case 37 /* % */:
      return false;
    default:
      return !isSpace(c);
  }
}

/** JavaScript's `\s`. */
function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    (c >= 0xa0 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff))
  );
}

/** Warns about text between entries that looks like fields: the usual sign of an extra closing brace. */
function checkGap(text: string, start: number, end: number, lines: LineIndex, issues: SplitIssue[]): void {
  if (end - start < 3) return;
  const gap = text.slice(start, end);
  const match = FIELD_LIKE.exec(gap);
  if (!match) return;
  const offset = start + match.index + (match[0].length - match[0].trimStart().length);
  const lineText = text.slice(lines.startOf(lines.lineOf(offset)), lineEnd(text, offset)).trimStart();
  if (lineText.startsWith('%')) return;
  issues.push({
    kind: 'stray-text',
    line: lines.lineOf(offset),
    column: lines.columnOf(offset),
    message: `text at line ${lines.lineOf(offset)} looks like a field but is outside any entry (an extra closing brace in the entry above?); ignored`,
  });
}
