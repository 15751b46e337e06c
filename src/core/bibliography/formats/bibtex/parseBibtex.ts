import type { BibEntry, BibProblem, SourceLocation } from '../../../types';
import { bibtexEntriesToCsl, KNOWN_BIBTEX_TYPES, parseBibtexSyntax, type CslItem, type RawBibtexEntry } from '../citationJs';
import { defaultMacros, readBibtexEntry, readStringDefinition, type MacroTable } from './fastBibtexSyntax';
import { DECLINED, fastBibtexToCsl } from './fastCsl';
import { latexToUnicode } from '../latexToUnicode';
import { normaliseOwnCslItem } from '../normaliseEntry';
import { bibProblem, shortReason } from '../problems';
import { splitBibtex, type BibtexChunk, type PreviousSplit, type SplitIssue, type SplitResult } from './splitBibtex';

/**
 * Entries handed to citation-js at once. Batches keep the per-call overhead low; when a batch fails,
 * its entries are retried one by one so a bad entry costs only itself.
 */
const BATCH_SIZE = 100;

interface Candidate {
  readonly chunk: BibtexChunk;
  raw?: RawBibtexEntry;
  /** The entry, when it was read, mapped and built at once (see readEach). */
  entry?: BibEntry;
  /** The position, among the earlier parse's entries, of the entry parsed from the same text (see ChunkReuse). */
  remembered?: number;
}

/** Parses BibTeX/BibLaTeX text with per-entry recovery (and keeps its split). Never throws. */
export function parseBibtexText(text: string, file: string): { entries: BibEntry[]; problems: BibProblem[]; bibtexSplit: BibtexSplit } {
  const parsed = parseBibtexChunks(text, file);
  const entries = parsed.parts.map((part) => (part as { entry: BibEntry }).entry);
  return { entries, problems: parsed.problems, bibtexSplit: parsed.split };
}

/**
 * A parse's split, kept with its entries: what the file's source map is made from if it is packed,
 * and what the next parse of the file re-splits only where the text changed.
 */
export interface BibtexSplit {
  readonly text: string;
  readonly split: SplitResult;
  /** The chunk each entry (or reused row) was read from, in entry order. */
  readonly entryChunks: readonly BibtexChunk[];
  /** The file's @string definitions, in order. */
  readonly macros: readonly string[];
}

/** An earlier parse of the same file, for a re-parse to reuse (see store/entryMemo). */
export interface EarlierParse extends PreviousSplit {
  /** Its @string definitions joined by newlines: its entries are reused only if they are unchanged. */
  readonly macros: string;
  /** The row, among its entries, of the entry parsed from exactly this chunk text. */
  rowOf(chunk: BibtexChunk): number | undefined;
}

export interface BibtexParse extends ParsedChunks {
  readonly problems: BibProblem[];
  readonly split: BibtexSplit;
  /** Whether `parts` refer to rows of the earlier parse (its @string definitions were the same). */
  readonly reusedEarlier: boolean;
}

/**
 * Splits and parses a whole file; with an earlier parse of it, only changed text is split again and
 * only entries whose text changed are read (the others are parts naming the earlier row).
 */
export function parseBibtexChunks(text: string, file: string, earlier?: EarlierParse, detach = false): BibtexParse {
  const problems: BibProblem[] = [];
  const split = splitBibtex(text, earlier);
  problems.push(...splitProblems(split.issues, file));
  const macros = split.chunks.filter((c) => c.kind === 'string').map((c) => c.text);
  const reuse = earlier?.macros === macros.join('\n') ? earlier : undefined;
  const parsed = parseEntryChunks(split.chunks, macros, file, problems, reuse, detach);
  problems.sort(byPosition);
  if (detach) problems.forEach((p, i) => (problems[i] = { ...p, message: ownText(p.message), ...(p.key !== undefined ? { key: ownText(p.key) } : {}) }));
  return { ...parsed, problems, split: { text, split, entryChunks: parsed.chunks, macros }, reusedEarlier: reuse !== undefined };
}

/** Problems in file order (as the Problems panel lists them). */
export function byPosition(a: BibProblem, b: BibProblem): number {
  return a.location.line - b.location.line || a.location.column - b.location.column;
}

export function splitProblems(issues: readonly SplitIssue[], file: string): BibProblem[] {
  return issues.map((issue) => bibProblem('bib-parse-error', issue.kind === 'unclosed' ? 'error' : 'warning', file, issue.message, issue.line, issue.column, issue.key));
}

/** How a re-parse reuses entries of an earlier parse: the row of the entry read from the same text. */
export interface ChunkReuse {
  rowOf(chunk: BibtexChunk): number | undefined;
}

/** An entry of a parse: read now, or the earlier parse's entry at `row`, now at `location`. */
export type ParsedPart = { readonly entry: BibEntry } | { readonly row: number; readonly location: SourceLocation };

export interface ParsedChunks {
  /** The file's entries, in order: new ones, or rows of the earlier parse (moved to their chunk's location). */
  readonly parts: ParsedPart[];
  /** The chunk each part was read from. */
  readonly chunks: BibtexChunk[];
  /** Whether each part may be reused for the same text later (no crossref, no repair). */
  readonly rememberable: boolean[];
}

/**
 * Reads the entries of a file's chunks (all of them, or the stretch an edit changed): checks keys and
 * types, reads each entry (fast reader, else citation-js), maps it to CSL and normalises it. Problems
 * are added to `problems`. Chunks that `reuse` knows are not read again.
 */
export function parseEntryChunks(chunks: readonly BibtexChunk[], macros: readonly string[], file: string, problems: BibProblem[], reuse?: ChunkReuse, detach = false): ParsedChunks {
  // @string macros must be visible to every entry: their text is prefixed to each citation-js call.
  const macroPrefix = macros.join('\n');
  // Each parsed text is `prefix + '\n' + entries`, so entries start on this (1-based) line of it.
  const entriesStartLine = macroPrefix.split('\n').length + 1;

  const candidates: Candidate[] = [];
  for (const chunk of keyedEntryChunks(chunks, file, problems)) {
    if (!KNOWN_BIBTEX_TYPES.has(chunk.type)) {
      problems.push(
        bibProblem('unknown-entry-type', 'warning', file, `unknown entry type @${chunk.type} for '${chunk.key}'; read it as a generic document`, chunk.line, chunk.column, chunk.key),
      );
    }
    candidates.push({ chunk, remembered: reuse?.rowOf(chunk) });
  }

  // (With `detach`, macro values are read from their own copies too: fields are made of them.)
  const macroTable = readMacros(detach ? macros.map(ownText) : macros);
  // An entry without crossref that no crossref names depends on no other entry and none on it: it
  // is read, mapped and built in one go, so that what it was read from dies young (a 50,000-entry
  // file otherwise keeps every raw entry until the last is mapped, and the collector copies them all).
  const mentioning = macroTable ? new Set(candidates.filter((c) => CROSSREF.test(c.chunk.text))) : undefined;
  const parents = mentioning && crossrefParents([...mentioning].map((c) => c.chunk));
  if (macroTable && parents) readEach(candidates.filter((c) => !mentioning.has(c) && (parents.size === 0 || !parents.has(c.chunk.key.toLowerCase()))), macroTable, file, detach);
  syntaxParse(
    candidates.filter((c) => c.remembered === undefined && c.entry === undefined),
    macros,
    macroPrefix,
    entriesStartLine,
    file,
    problems,
    detach,
  );
  readCrossrefParents(candidates, macros, macroPrefix, detach);
  const parsed = candidates.filter((c) => c.raw !== undefined || c.remembered !== undefined || c.entry !== undefined);
  const { items, repaired } = mapToCsl(
    parsed.filter((c) => c.entry === undefined),
    file,
    problems,
  );

  const result: ParsedChunks = { parts: [], chunks: [], rememberable: [] };
  for (const candidate of parsed) {
    const { chunk } = candidate;
    const row = candidate.remembered;
    if (row !== undefined) {
      result.parts.push({ row, location: locationOf(chunk, file) });
      result.chunks.push(chunk);
      result.rememberable.push(true);
      continue;
    }
    if (candidate.entry) {
      result.parts.push({ entry: candidate.entry });
      result.chunks.push(chunk);
      result.rememberable.push(true);
      continue;
    }
    const item = items.get(candidate);
    if (!item || !candidate.raw) continue;
    result.parts.push({ entry: normaliseOwnCslItem(item, detach ? ownText(chunk.key) : chunk.key, locationOf(chunk, file), candidate.raw, abstractOf(candidate.raw)) });
    result.chunks.push(chunk);
    result.rememberable.push(candidate.raw.properties.crossref === undefined && !repaired.has(candidate));
  }
  return result;
}

/**
 * The entry chunks with a key of their own: a chunk without a key, or with the key of an earlier
 * chunk (the first is the one used), is reported in `problems` and left out.
 */
export function keyedEntryChunks(chunks: readonly BibtexChunk[], file: string, problems: BibProblem[]): BibtexChunk[] {
  const keyed: BibtexChunk[] = [];
  const firstByKey = new Map<string, BibtexChunk>();
  for (const chunk of chunks) {
    if (chunk.kind !== 'entry') continue;
    if (chunk.key === '') {
      problems.push(
        bibProblem('missing-key', 'error', file, `@${chunk.type} entry at line ${chunk.line} has no citation key (expected "@${chunk.type}{key, …"); skipped it`, chunk.line, chunk.column),
      );
      continue;
    }
    const earlier = firstByKey.get(chunk.key);
    if (earlier) {
      problems.push(
        bibProblem('duplicate-key', 'warning', file, `duplicate key '${chunk.key}': already defined at line ${earlier.line} of this file, which is the one used`, chunk.line, chunk.column, chunk.key),
      );
      continue;
    }
    firstByKey.set(chunk.key, chunk);
    keyed.push(chunk);
  }
  return keyed;
}

/** Where a chunk's entry is in its file. */
function locationOf(chunk: BibtexChunk, file: string): SourceLocation {
  return { file, line: chunk.line, column: chunk.column, endLine: chunk.endLine };
}

/** Text that may hold a crossref field (the fast reader lower-cases field names). */
const CROSSREF = /crossref/i;
const CROSSREF_FIELD = /(?:^|[\s,{])crossref\s*=\s*/i;
const BRACED_OR_QUOTED_KEY = /^(?:\{\s*([^{}\s,]+)\s*\}|"\s*([^"{}\s,]+)\s*")/;

/**
 * The keys (lower-cased) the crossref fields of the chunks name, or undefined when one is not a key in
 * braces or quotes (a macro, or unreadable): then which entries depend on which is left to the parse.
 */
function crossrefParents(chunks: Iterable<BibtexChunk>): Set<string> | undefined {
  const parents = new Set<string>();
  for (const chunk of chunks) {
    const key = crossrefParentOf(chunk);
    if (key === null) return undefined;
    if (key !== undefined) parents.add(key);
  }
  return parents;
}

/** The key (lower-cased) a chunk's crossref field names: undefined if it has none, null if it is not a key in braces or quotes. */
export function crossrefParentOf(chunk: BibtexChunk): string | null | undefined {
  if (!CROSSREF.test(chunk.text)) return undefined;
  const field = CROSSREF_FIELD.exec(chunk.text);
  if (!field) return undefined;
  const value = BRACED_OR_QUOTED_KEY.exec(chunk.text.slice(field.index + field[0].length));
  return (value?.[1] ?? value?.[2])?.toLowerCase() ?? null;
}

/**
 * Reads, maps and builds each candidate that the fast reader and the fast CSL path take, in a file
 * without crossref (so the mapping needs no other entry); the others keep their raw entry, or none,
 * for citation-js.
 */
function readEach(candidates: readonly Candidate[], macros: MacroTable, file: string, detach: boolean): void {
  for (const candidate of candidates) {
    if (candidate.remembered !== undefined || !readFast(candidate, macros, detach)) continue;
    const raw = candidate.raw!;
    const item = fastBibtexToCsl(raw, undefined, isBookkeeping);
    if (item === DECLINED) continue;
    // (The key as read: with `detach`, from the entry's own copy of its text.)
    candidate.entry = normaliseOwnCslItem(item, raw.label, locationOf(candidate.chunk, file), raw, abstractOf(raw));
    candidate.raw = undefined;
  }
}

/** Characters a one-byte string cannot hold: a file with one is a two-byte string, and so is each slice of it. */
const WIDE = /[^\x00-\xff]/;

/**
 * The chunk's text as a string of its own (one-byte where it can be), so that what is read from it
 * does not keep the whole file's text alive: for entries that outlive the parse (the CLI keeps them;
 * a 50,000-entry file with one curly quote is 63 MB of two-byte text).
 */
function ownText(text: string): string {
  return WIDE.test(text) ? Buffer.from(text, 'utf16le').toString('utf16le') : Buffer.from(text, 'latin1').toString('latin1');
}

/**
 * Fills `raw` for each candidate whose syntax citation-js accepts; reports the others. Well-formed
 * entries are read by the fast reader; the rest (and all, if an @string is unusual) go to citation-js.
 */
function syntaxParse(allCandidates: Candidate[], macroTexts: readonly string[], prefix: string, entriesStartLine: number, file: string, problems: BibProblem[], detach: boolean): void {
  const macros = readMacros(detach ? macroTexts.map(ownText) : macroTexts);
  const candidates = macros ? allCandidates.filter((c) => !readFast(c, macros, detach)) : allCandidates;
  for (let i = 0; i < candidates.length; i += BATCH_SIZE) {
    const batch = candidates.slice(i, i + BATCH_SIZE);
    const raws = tryParse(prefix + '\n' + batch.map((c) => c.chunk.text).join('\n'));
    if (raws && raws.length === batch.length && raws.every((r, k) => r.label === batch[k].chunk.key)) {
      batch.forEach((c, k) => (c.raw = raws[k]));
      continue;
    }
    for (const candidate of batch) {
      try {
        const one = parseBibtexSyntax(prefix + '\n' + candidate.chunk.text);
        if (one.length === 1) candidate.raw = one[0];
        else throw new Error('could not find the entry');
      } catch (error) {
        const { chunk } = candidate;
        const where = errorLine(error, chunk.line, entriesStartLine);
        problems.push(
          bibProblem('bib-parse-error', 'error', file, `entry '${chunk.key}' starting at line ${chunk.line} could not be read (${describeSyntaxError(error)}${where !== chunk.line ? `, near line ${where}` : ''}); skipped it`, chunk.line, chunk.column, chunk.key),
        );
      }
    }
  }
}

function readFast(candidate: Candidate, macros: MacroTable, detach = false): boolean {
  const raw = readBibtexEntry(detach ? ownText(candidate.chunk.text) : candidate.chunk.text, macros);
  if (raw?.label !== candidate.chunk.key) return false;
  candidate.raw = raw;
  return true;
}

/**
 * Remembered entries have no raw fields; a crossref parent needs them, to be inherited by a child
 * that is parsed now. (Parents with a crossref of their own are never remembered, so one level is enough.)
 */
function readCrossrefParents(candidates: readonly Candidate[], macroTexts: readonly string[], prefix: string, detach: boolean): void {
  const wanted = new Set<string>();
  for (const c of candidates) {
    const parent = c.raw?.properties.crossref;
    if (typeof parent === 'string') wanted.add(parent);
  }
  if (wanted.size === 0) return;
  const parents = candidates.filter((c) => c.remembered && !c.raw && wanted.has(c.chunk.key));
  const macros = readMacros(detach ? macroTexts.map(ownText) : macroTexts);
  for (const parent of parents) {
    if (macros && readFast(parent, macros, detach)) continue;
    const raws = tryParse(prefix + '\n' + parent.chunk.text);
    // The same text parsed before with the same macros, so this cannot fail; if it did, the child
    // would just inherit nothing.
    if (raws?.length === 1) parent.raw = raws[0];
  }
}

/** The file's macros, or undefined when one @string is beyond the fast reader. */
function readMacros(macroTexts: readonly string[]): MacroTable | undefined {
  const macros = defaultMacros();
  return macroTexts.every((text) => readStringDefinition(text, macros)) ? macros : undefined;
}

function tryParse(text: string): RawBibtexEntry[] | undefined {
  try {
    return parseBibtexSyntax(text);
  } catch {
    return undefined;
  }
}

/** Turns citation-js's grammar message ("expected "rbrace", got "number" at line 3 col 2") into plain words. */
function describeSyntaxError(error: unknown): string {
  const reason = shortReason(error);
  const m = /expected "?(\w+)"?, got "?(\w+)"?/.exec(reason);
  if (!m) return reason.replace(/ at line \d+ col \d+:?.*$/, '');
  const [, expected, found] = m;
  if (expected === 'rbrace') return "a field value is not followed by ',' or the closing '}' — a missing comma, or a value with spaces or '-' that needs braces";
  if (expected === 'equals') return "a field name is not followed by '='";
  if (expected === 'comma' && found === 'label') return "the key is not followed by ','";
  if (expected === 'text' && found === 'EOF') return 'a quoted value is not closed';
  if (expected === 'lbrace' || expected === 'quote') return "'#' or '=' is not followed by a value";
  return `expected ${expected} but found ${found}`;
}

/** File line of a citation-js grammar error (its lines are 1-based within the parsed text). */
function errorLine(error: unknown, entryLine: number, firstEntryTextLine: number): number {
  const m = /at line (\d+)/.exec(error instanceof Error ? error.message : '');
  if (!m) return entryLine;
  const line = Number(m[1]);
  return line >= firstEntryTextLine ? entryLine + (line - firstEntryTextLine) : entryLine;
}

/**
 * Maps raw entries to CSL in batches. Crossref parents are added to each batch (and their results
 * dropped) so inheritance works across the whole file. A failing entry is retried alone, then once more
 * with stray `$` escaped (a lone `$` is the commonest real-world cause); if that fails too it is reported.
 */
function mapToCsl(candidates: readonly Candidate[], file: string, problems: BibProblem[]): { items: Map<Candidate, CslItem>; repaired: Set<Candidate> } {
  const byKey = new Map<string, RawBibtexEntry>();
  for (const c of candidates) if (c.raw) byKey.set(c.raw.label, withoutBookkeeping(c.raw));
  const parsed = candidates.filter((c) => !c.remembered && c.raw).map((c) => ({ candidate: c, chunk: c.chunk, raw: byKey.get(c.raw!.label)! }));
  const items = new Map<Candidate, CslItem>();
  const repaired = new Set<Candidate>();
  // The fast path maps the common entries; citation-js gets only those it declines.
  const declined = parsed.filter(({ candidate, raw }) => {
    const item = fastBibtexToCsl(raw, (key) => byKey.get(key));
    if (item === DECLINED) return true;
    items.set(candidate, item);
    return false;
  });
  for (let i = 0; i < declined.length; i += BATCH_SIZE) {
    const batch = declined.slice(i, i + BATCH_SIZE);
    const mapped = tryMap(batch.map((c) => c.raw), byKey);
    if (mapped) {
      mapped.forEach((item, k) => items.set(batch[k].candidate, item));
      continue;
    }
    batch.forEach((candidate) => {
      const alone = tryMap([candidate.raw], byKey);
      if (alone) {
        items.set(candidate.candidate, alone[0]);
        return;
      }
      const { chunk } = candidate;
      const escaped = escapeStrayDollars(candidate.raw);
      const salvaged = escaped ? tryMap([escaped.entry], byKey) : undefined;
      if (salvaged && escaped) {
        items.set(candidate.candidate, salvaged[0]);
        repaired.add(candidate.candidate);
        problems.push(
          bibProblem('bib-parse-error', 'warning', file, `entry '${chunk.key}' starting at line ${chunk.line}: unbalanced '$' in ${escaped.fields.join(', ')}; read it as a literal dollar sign`, chunk.line, chunk.column, chunk.key),
        );
        return;
      }
      let reason = 'unknown error';
      try {
        bibtexEntriesToCsl([candidate.raw]);
      } catch (error) {
        reason = shortReason(error).replace(/ at line \d+ col \d+:?.*$/, '');
      }
      problems.push(
        bibProblem('bib-parse-error', 'error', file, `entry '${chunk.key}' starting at line ${chunk.line} has a field citation-js cannot read (${reason}); skipped it`, chunk.line, chunk.column, chunk.key),
      );
    });
  }
  return { items, repaired };
}

function tryMap(entries: RawBibtexEntry[], byKey: Map<string, RawBibtexEntry>): CslItem[] | undefined {
  const withParents = [...entries];
  const included = new Set(entries.map((e) => e.label));
  for (let k = 0; k < withParents.length; k++) {
    const parentKey = withParents[k].properties.crossref;
    if (typeof parentKey !== 'string' || included.has(parentKey)) continue;
    const parent = byKey.get(parentKey);
    if (parent) {
      withParents.push(parent);
      included.add(parentKey);
    }
  }
  try {
    return bibtexEntriesToCsl(withParents).slice(0, entries.length);
  } catch {
    return undefined;
  }
}

/** A copy of the entry with `$` escaped in fields holding an odd number of unescaped `$`. */
function escapeStrayDollars(entry: RawBibtexEntry): { entry: RawBibtexEntry; fields: string[] } | undefined {
  const fields: string[] = [];
  const properties: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(entry.properties)) {
    if (typeof value === 'string' && (value.match(/(?<!\\)\$/g)?.length ?? 0) % 2 === 1) {
      properties[name] = value.replace(/(?<!\\)\$/g, '\\$');
      fields.push(name);
    } else {
      properties[name] = value;
    }
  }
  return fields.length ? { entry: { ...entry, properties }, fields } : undefined;
}

/**
 * Reference managers' bookkeeping fields (BibDesk dates and file links, JabRef owners, CiteULike ids…)
 * mean nothing to CSL but cost citation-js a LaTeX parse each — a sixth of all fields in a real
 * BibDesk library. They are left out of the CSL item (the raw entry still has them).
 * Abstracts are left out too: they are display-only, and citation-js's LaTeX grammar spends about
 * half of its time on them; `addAbstract` converts them with the much cheaper latexToUnicode.
 */
const BOOKKEEPING = /^(abstract$|date-added|date-modified|bdsk-|local-url$|file$|timestamp$|owner$|priority$|citeulike-|__markedentry$|mendeley-|opt[a-z]+$|groups$|readstatus$|qualityassured$|ranking$|relevance$)/;

export function isBookkeeping(field: string): boolean {
  return BOOKKEEPING.test(field);
}

export function withoutBookkeeping(entry: RawBibtexEntry): RawBibtexEntry {
  // A new object rather than a copy with fields deleted (deleting turns an object into a slow
  // dictionary), made at the first bookkeeping field.
  let properties: Record<string, string | number> | undefined;
  const names = Object.keys(entry.properties);
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    if (!isBookkeeping(name)) {
      if (properties) properties[name] = entry.properties[name]!;
    } else if (!properties) {
      properties = {};
      for (let k = 0; k < i; k++) properties[names[k]!] = entry.properties[names[k]!]!;
    }
  }
  return properties ? { ...entry, properties } : entry;
}

/** The entry's abstract as display text (citation-js is not asked: see BOOKKEEPING). */
function abstractOf(raw: RawBibtexEntry): string | undefined {
  const abstract = raw.properties.abstract;
  if (abstract === undefined || String(abstract).trim() === '') return undefined;
  return latexToUnicode(String(abstract));
}
