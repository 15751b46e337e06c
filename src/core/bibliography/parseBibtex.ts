import type { BibEntry, BibProblem, LoadedFile } from '../types';
import { bibtexEntriesToCsl, KNOWN_BIBTEX_TYPES, parseBibtexSyntax, type CslItem, type RawBibtexEntry } from './citationJs';
import { defaultMacros, readBibtexEntry, readStringDefinition, type MacroTable } from './fastBibtexSyntax';
import { DECLINED, fastBibtexToCsl } from './formats/bibtex/fastCsl';
import { latexToUnicode } from './latexToUnicode';
import { normaliseCslItem } from './normaliseEntry';
import { bibProblem, shortReason } from './problems';
import { recallFile, rememberFile } from './entryMemo';
import { relocated } from './lazyCsl';
import { columnsOf } from './store/entryColumns';
import { composedEntryList, PackedColumns, type ComposedPart } from './store/packedFile';
import { splitBibtex, type BibtexChunk, type SplitIssue } from './splitBibtex';
import type { EntryColumns } from './store/entryColumns';

/**
 * Entries handed to citation-js at once. Batches keep the per-call overhead low; when a batch fails,
 * its entries are retried one by one so a bad entry costs only itself.
 */
const BATCH_SIZE = 100;

interface Candidate {
  readonly chunk: BibtexChunk;
  raw?: RawBibtexEntry;
  /** The position, in the earlier parse's entries, of the entry parsed from the same text (see entryMemo). */
  remembered?: number;
}

/** Parses BibTeX/BibLaTeX text with per-entry recovery. Never throws. */
export function parseBibtexText(text: string, file: string): { entries: BibEntry[]; problems: BibProblem[] } {
  const problems: BibProblem[] = [];
  const previous = recallFile(file);
  const split = splitBibtex(text, previous);
  problems.push(...splitProblems(split.issues, file));
  const macros = split.chunks.filter((c) => c.kind === 'string').map((c) => c.text);
  const macroPrefix = macros.join('\n');
  const memo = previous?.macros === macroPrefix ? previous : undefined;
  const reuse = memo && { source: memo.source, rowOf: (chunk: BibtexChunk) => memo.rows.get(chunk.text) };
  const parsed = parseEntryChunks(split.chunks, macros, file, problems, reuse);

  const remember = new Map<string, number>();
  parsed.chunks.forEach((chunk, i) => {
    if (parsed.rememberable[i]) remember.set(chunk.text, i);
  });
  // Unchanged entries are reused as rows of the earlier parse's pack (in the parsing worker), else as objects.
  const entries = memo?.source instanceof PackedColumns ? composedEntryList(parsed.parts) : parsed.parts.map((p) => (p as { entry: BibEntry }).entry);
  rememberFile(file, { text, split, macros: macroPrefix, rows: remember, source: columnsOf(entries) });
  rememberBibtexSplit(entries, { text, chunks: split.chunks, entryChunks: parsed.chunks, macros });
  problems.sort(byPosition);
  return { entries: entries as BibEntry[], problems };
}

/** A parse's split, kept with its entries: what the file's source map is made from if it is packed. */
export interface BibtexSplitRecord {
  readonly text: string;
  readonly chunks: readonly BibtexChunk[];
  /** The chunk each entry was read from, in entry order. */
  readonly entryChunks: readonly BibtexChunk[];
  readonly macros: readonly string[];
}

const splits = new WeakMap<readonly BibEntry[], BibtexSplitRecord>();

function rememberBibtexSplit(entries: readonly BibEntry[], record: BibtexSplitRecord): void {
  splits.set(entries, record);
}

export function bibtexSplitOf(entries: readonly BibEntry[]): BibtexSplitRecord | undefined {
  return splits.get(entries);
}

/** Problems in file order (as the Problems panel lists them). */
export function byPosition(a: BibProblem, b: BibProblem): number {
  return a.location.line - b.location.line || a.location.column - b.location.column;
}

export function splitProblems(issues: readonly SplitIssue[], file: string): BibProblem[] {
  return issues.map((issue) => bibProblem('bib-parse-error', issue.kind === 'unclosed' ? 'error' : 'warning', file, issue.message, issue.line, issue.column, issue.key));
}

/** How a re-parse reuses entries of an earlier parse: the row in `source` of the entry read from the same text. */
export interface ChunkReuse {
  readonly source: EntryColumns;
  rowOf(chunk: BibtexChunk): number | undefined;
}

export interface ParsedChunks {
  /** The file's entries, in order: new ones, or rows of the earlier parse (moved to their chunk's location). */
  readonly parts: ComposedPart[];
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
export function parseEntryChunks(chunks: readonly BibtexChunk[], macros: readonly string[], file: string, problems: BibProblem[], reuse?: ChunkReuse): ParsedChunks {
  // @string macros must be visible to every entry: their text is prefixed to each citation-js call.
  const macroPrefix = macros.join('\n');
  // Each parsed text is `prefix + '\n' + entries`, so entries start on this (1-based) line of it.
  const entriesStartLine = macroPrefix.split('\n').length + 1;

  const candidates: Candidate[] = [];
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
    if (!KNOWN_BIBTEX_TYPES.has(chunk.type)) {
      problems.push(
        bibProblem('unknown-entry-type', 'warning', file, `unknown entry type @${chunk.type} for '${chunk.key}'; read it as a generic document`, chunk.line, chunk.column, chunk.key),
      );
    }
    candidates.push({ chunk, remembered: reuse?.rowOf(chunk) });
  }

  syntaxParse(
    candidates.filter((c) => c.remembered === undefined),
    macros,
    macroPrefix,
    entriesStartLine,
    file,
    problems,
  );
  readCrossrefParents(candidates, macros, macroPrefix);
  const parsed = candidates.filter((c) => c.raw !== undefined || c.remembered !== undefined);
  const { items, repaired } = mapToCsl(parsed, file, problems);

  const result: ParsedChunks = { parts: [], chunks: [], rememberable: [] };
  const fromPack = reuse?.source instanceof PackedColumns ? reuse.source : undefined;
  for (const candidate of parsed) {
    const { chunk } = candidate;
    const location = { file, line: chunk.line, column: chunk.column, endLine: chunk.endLine };
    const row = candidate.remembered;
    if (row !== undefined) {
      if (fromPack) {
        result.parts.push({ from: fromPack, row, location });
      } else {
        const was = reuse!.source.entryAt(row);
        const moved = was.location.line !== chunk.line || was.location.column !== chunk.column || was.location.endLine !== chunk.endLine;
        result.parts.push({ entry: moved ? relocated(was, location) : was });
      }
      result.chunks.push(chunk);
      result.rememberable.push(true);
      continue;
    }
    const item = items.get(candidate);
    if (!item || !candidate.raw) continue;
    result.parts.push({ entry: normaliseCslItem(addAbstract(item, candidate.raw), chunk.key, location, candidate.raw) });
    result.chunks.push(chunk);
    result.rememberable.push(candidate.raw.properties.crossref === undefined && !repaired.has(candidate));
  }
  return result;
}

/**
 * After a warm start from the disk cache nothing was parsed, so an edit would re-parse the whole file.
 * This remembers the cached entries against the text they came from, lazily (the split costs a few
 * hundred ms at 50,000 entries, and is paid only when the file is next parsed). Entries are matched to
 * their source by line; crossref children and entries with a problem are left to be parsed again.
 */
export function rememberLoadedBibtex(file: string, open: () => LoadedFile | undefined, readText: () => string | undefined): void {
  rememberFile(file, () => {
    const loaded = open();
    if (!loaded || loaded.format !== 'bibtex' || loaded.entries.length === 0) return undefined;
    const raw = readText();
    if (raw === undefined) return undefined;
    const text = raw.replace(/^\uFEFF/, '');
    const split = splitBibtex(text);
    const troubled = new Set(loaded.problems.map((p) => p.key));
    // From the columns: a library opened from the cache is not built for this.
    const source = columnsOf(loaded.entries);
    const atLine = new Map<string, number>();
    for (let i = 0; i < source.size; i++) {
      const { line, column } = source.locationAt(i);
      atLine.set(`${line}:${column}`, i);
    }
    const rows = new Map<string, number>();
    for (const chunk of split.chunks) {
      if (chunk.kind !== 'entry') continue;
      const row = atLine.get(`${chunk.line}:${chunk.column}`);
      if (row === undefined || source.keyAt(row) !== chunk.key || source.locationAt(row).endLine !== chunk.endLine || troubled.has(chunk.key) || /crossref/i.test(chunk.text)) continue;
      rows.set(chunk.text, row);
    }
    const macros = split.chunks
      .filter((c) => c.kind === 'string')
      .map((c) => c.text)
      .join('\n');
    return { text, split, macros, rows, source };
  });
}

/**
 * Fills `raw` for each candidate whose syntax citation-js accepts; reports the others. Well-formed
 * entries are read by the fast reader; the rest (and all, if an @string is unusual) go to citation-js.
 */
function syntaxParse(allCandidates: Candidate[], macroTexts: readonly string[], prefix: string, entriesStartLine: number, file: string, problems: BibProblem[]): void {
  const macros = readMacros(macroTexts);
  const candidates = macros ? allCandidates.filter((c) => !readFast(c, macros)) : allCandidates;
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

function readFast(candidate: Candidate, macros: MacroTable): boolean {
  const raw = readBibtexEntry(candidate.chunk.text, macros);
  if (raw?.label !== candidate.chunk.key) return false;
  candidate.raw = raw;
  return true;
}

/**
 * Remembered entries have no raw fields; a crossref parent needs them, to be inherited by a child
 * that is parsed now. (Parents with a crossref of their own are never remembered, so one level is enough.)
 */
function readCrossrefParents(candidates: readonly Candidate[], macroTexts: readonly string[], prefix: string): void {
  const wanted = new Set<string>();
  for (const c of candidates) {
    const parent = c.raw?.properties.crossref;
    if (typeof parent === 'string') wanted.add(parent);
  }
  if (wanted.size === 0) return;
  const parents = candidates.filter((c) => c.remembered && !c.raw && wanted.has(c.chunk.key));
  const macros = readMacros(macroTexts);
  for (const parent of parents) {
    if (macros && readFast(parent, macros)) continue;
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

export function withoutBookkeeping(entry: RawBibtexEntry): RawBibtexEntry {
  const names = Object.keys(entry.properties);
  if (!names.some((name) => BOOKKEEPING.test(name))) return entry;
  // A new object rather than a copy with fields deleted: deleting turns an object into a slow dictionary.
  const properties: Record<string, string | number> = {};
  for (const name of names) if (!BOOKKEEPING.test(name)) properties[name] = entry.properties[name];
  return { ...entry, properties };
}

function addAbstract(item: CslItem, raw: RawBibtexEntry): CslItem {
  const abstract = raw.properties.abstract;
  if (abstract === undefined || String(abstract).trim() === '') return item;
  return { ...item, abstract: latexToUnicode(String(abstract)) };
}
