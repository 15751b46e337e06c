import type { SplitResult } from '../formats/bibtex/splitBibtex';
import type { EntryColumns } from '../index/entryColumns';
import type { PackedColumns } from './packedFile';
import type { BibtexSourceMap } from './sourceMap';

/**
 * Remembers, per bibliography file, its last text, how it was split, and the entry parsed from each
 * entry's exact source text, so that re-reading a file after an edit re-splits only the edited stretch
 * and sends only new or changed entries through citation-js (the slow part: about 0.1 ms per entry).
 * A remembered entry is reused only when its text is identical and the file's @string macros are
 * unchanged; entries whose result depends on other entries (crossref) and entries that needed repair
 * are never remembered. Each file's memo holds only its latest parse, and only the most recently
 * parsed files are kept. The result is always what a fresh parse gives (see incremental.test.ts).
 */

export interface FileMemo {
  readonly text: string;
  readonly split: SplitResult;
  readonly macros: string;
  /** Entry source text → the entry's position in `source` (where it has the location it had then). */
  readonly rows: ReadonlyMap<string, number>;
  /**
   * The entries of that parse: the parsed list's columns, or, once the parsing worker has packed the
   * list, the pack's (same positions), so that unchanged entries are reused as rows of the pack.
   */
  source: EntryColumns;
}

const MAX_FILES = 6;

/** A memo, or a way to build one when it is first needed (after a warm start from the disk cache). */
type Stored = FileMemo | (() => FileMemo | undefined);

const memos = new Map<string, Stored>();

/** What was remembered from the last parse of `file`. */
export function recallFile(file: string): FileMemo | undefined {
  const stored = memos.get(file);
  if (stored === undefined) return undefined;
  memos.delete(file);
  const memo = typeof stored === 'function' ? stored() : stored;
  // Map order is the recency order: the file goes to the end.
  if (memo) memos.set(file, memo);
  return memo;
}

/** Replaces what is remembered for `file` with its latest parse, or with a way to rebuild it. */
export function rememberFile(file: string, memo: Stored): void {
  memos.delete(file);
  memos.set(file, memo);
  while (memos.size > MAX_FILES) memos.delete(memos.keys().next().value as string);
}

/**
 * Points the memo of `file` at the pack made from its latest parse (the same entries, in the same
 * positions), so that the next parse reuses its rows instead of the built entries.
 */
export function rememberPackedSource(file: string, parsed: EntryColumns, packed: EntryColumns): void {
  const stored = memos.get(file);
  if (stored && typeof stored !== 'function' && stored.source === parsed && packed.size === parsed.size) stored.source = packed;
}

/**
 * The bytes a file was last read from and the pack made from them (opened when first needed): what
 * the next edit of the file is spliced onto (see spliceBibtex). Kept for as few files as the memos.
 */
export interface LastBytes {
  readonly bytes: Uint8Array;
  readonly pack: () => PackedColumns | undefined;
  /** The pack's source map, when it was made here (else read from the pack). */
  readonly map?: BibtexSourceMap;
}

const lastBytes = new Map<string, LastBytes>();

export function rememberLastBytes(file: string, last: LastBytes): void {
  lastBytes.delete(file);
  lastBytes.set(file, last);
  while (lastBytes.size > MAX_FILES) lastBytes.delete(lastBytes.keys().next().value as string);
}

export function recallLastBytes(file: string): LastBytes | undefined {
  return lastBytes.get(file);
}

/** Forgets everything (for benchmarks measuring a cold parse, and tests). */
export function forgetAllEntries(): void {
  memos.clear();
  lastBytes.clear();
}
