import type { EntryColumns, LoadedFile } from '../../types';
import { splitBibtex, type SplitResult } from '../formats/bibtex/splitBibtex';
import type { SplicePoint } from './spliceBibtex';

/**
 * What a bibliography store remembers of the files it parsed, so that re-reading a file after an edit
 * costs only the edit:
 * - per file, its last text, how it was split, and the entry parsed from each entry's exact source
 *   text (a FileMemo), so that a re-parse re-splits only the edited stretch and sends only new or
 *   changed entries through citation-js (the slow part: about 0.1 ms per entry). A remembered entry
 *   is reused only when its text is identical and the file's @string macros are unchanged; entries
 *   whose result depends on other entries (crossref) and entries that needed repair are never
 *   remembered. The result is always what a fresh parse gives (see incremental.test.ts);
 * - per file, the bytes it was last read from and the pack made from them (a SplicePoint): what the
 *   next edit of the file is spliced onto (see spliceBibtex).
 * Each holds only the latest parse of a file, and only for the most recently parsed files.
 */
export interface FileMemo {
  readonly text: string;
  readonly split: SplitResult;
  readonly macros: string;
  /**
   * Entry source text → the entry's position in `source` (where it has the location it had then).
   * Made when first asked (hashing 31 MB of entry texts is wasted on a parse that no re-parse uses).
   */
  readonly rows: () => ReadonlyMap<string, number>;
  /**
   * The entries of that parse: the parsed file's columns, or, once the file has been packed, the
   * pack's (same positions), so that unchanged entries are reused as rows of the pack.
   */
  source: EntryColumns;
}

/** How many files' parses a memo keeps by default. */
export const REMEMBERED_FILES = 6;

/** A memo, or a way to build one when it is first needed (after a warm start from the disk cache). */
type Stored = FileMemo | (() => FileMemo | undefined);

export class ParseMemo {
  /** Map order is the recency order: the most recently parsed file is last. */
  private readonly memos = new Map<string, Stored>();
  private readonly splicePoints = new Map<string, SplicePoint>();

  /** `files`: how many files' last parses are kept (0: none, for files read once). */
  constructor(private readonly files = REMEMBERED_FILES) {}

  /** What was remembered from the last parse of `file`. */
  recall(file: string): FileMemo | undefined {
    const stored = this.memos.get(file);
    if (stored === undefined) return undefined;
    this.memos.delete(file);
    const memo = typeof stored === 'function' ? stored() : stored;
    if (memo) this.memos.set(file, memo);
    return memo;
  }

  /** Replaces what is remembered for `file` with its latest parse, or with a way to rebuild it. */
  remember(file: string, memo: Stored): void {
    remember(this.memos, file, memo, this.files);
  }

  /**
   * Points the memo of `file` at the pack made from its latest parse (the same entries, in the same
   * positions), so that the next parse reuses its rows instead of the built entries.
   */
  repoint(file: string, parsed: EntryColumns | undefined, packed: () => EntryColumns): void {
    const stored = this.memos.get(file);
    if (stored && typeof stored !== 'function' && stored.source === parsed) {
      const columns = packed();
      if (columns.size === parsed.size) stored.source = columns;
    }
  }

  /** What the next edit of the file at `absolutePath` is spliced onto. */
  splicePoint(absolutePath: string): SplicePoint | undefined {
    return this.splicePoints.get(absolutePath);
  }

  rememberSplicePoint(absolutePath: string, point: SplicePoint): void {
    remember(this.splicePoints, absolutePath, point, this.files);
  }

  forgetSplicePoint(absolutePath: string): void {
    this.splicePoints.delete(absolutePath);
  }
}

function remember<T>(map: Map<string, T>, key: string, value: T, limit: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > limit) map.delete(map.keys().next().value as string);
}

/**
 * A memo of a BibTeX file that was opened rather than parsed (from the disk cache, or a pack made
 * from a splice), built when the file is next parsed: its entries matched to the text they came from
 * (the split costs a few hundred ms at 50,000 entries, paid only then). Entries are matched to their
 * source by line; crossref children and entries with a problem are left to be parsed again.
 */
export function memoOfOpenedFile(open: () => LoadedFile | undefined, readText: () => string | undefined): () => FileMemo | undefined {
  return () => {
    const loaded = open();
    if (!loaded?.columns || loaded.format !== 'bibtex' || loaded.entries.length === 0) return undefined;
    const raw = readText();
    if (raw === undefined) return undefined;
    const text = raw.replace(/^\uFEFF/, '');
    const split = splitBibtex(text);
    const troubled = new Set(loaded.problems.map((p) => p.key));
    // From the columns: a library opened from the cache is not built for this.
    const source = loaded.columns;
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
    const kept = (): ReadonlyMap<string, number> => rows;
    const macros = split.chunks
      .filter((c) => c.kind === 'string')
      .map((c) => c.text)
      .join('\n');
    return { text, split, macros, rows: kept, source };
  };
}
