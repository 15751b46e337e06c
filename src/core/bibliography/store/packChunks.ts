/**
 * Parses BibTeX chunks and packs their entries as they are made, a batch at a time: each batch's
 * entries go into the pack and its search index and die young, so that a big file's parse never holds
 * all its entries (the collector then copies, marks and promotes far less). A batch is read with the
 * entries its crossref fields name outside it (directly or through a parent's own crossref), which are
 * not kept: the result is what parsing all the chunks at once gives.
 */
import type { BibProblem, SearchIndexer } from '../../types';
import { crossrefParentOf, keyedEntryChunks, parseEntryChunks } from '../formats/bibtex/parseBibtex';
import type { BibtexChunk } from '../formats/bibtex/splitBibtex';
import { PackBuilder, type PackContents } from './packBuilder';

/**
 * Chunks parsed at once: enough to keep the per-call work small, few enough that a batch's entries stay
 * young (a cold 50k parse and pack peaked at 380–390 MB RSS in batches of 50 or 100, 405–434 MB in
 * batches of 200 or 1,000, in the same time).
 */
const BATCH_CHUNKS = 100;

export interface PackedChunks {
  /** The pack of the entries (in shared memory by default: nothing is copied to another thread). */
  readonly pack: Uint8Array;
  /** Problems of the chunks' entries (not of their split). */
  readonly problems: readonly BibProblem[];
  /** The positions, among the chunks, of those that became entries, in entry order. */
  readonly entryChunks: Int32Array;
}

/** An entry chunk by its key, lower-cased as crossref keys are matched (the first of a key). */
export type ChunksByKey = ReadonlyMap<string, BibtexChunk>;

/** The entry chunks by lower-cased key, the first of each key. */
export function chunksByKey(chunks: Iterable<BibtexChunk>): Map<string, BibtexChunk> {
  const byKey = new Map<string, BibtexChunk>();
  for (const chunk of chunks) {
    if (chunk.kind !== 'entry' || chunk.key === '') continue;
    const key = chunk.key.toLowerCase();
    if (!byKey.has(key)) byKey.set(key, chunk);
  }
  return byKey;
}

/**
 * The parents (up the crossref chain) of `children` that `inside` does not hold; undefined if a
 * crossref is not a plain key (which entry it names is then the parse's to find out).
 */
export function parentsOutside(children: Iterable<BibtexChunk>, inside: (chunk: BibtexChunk) => boolean, byKey: ChunksByKey): BibtexChunk[] | undefined {
  const outside = new Set<BibtexChunk>();
  for (const child of children) {
    // Up the chain (a cycle ends where it comes back to a parent already found).
    for (let chunk = child, steps = 0; steps <= byKey.size; steps++) {
      const parentKey = crossrefParentOf(chunk);
      if (parentKey === null) return undefined;
      const parent = parentKey === undefined ? undefined : byKey.get(parentKey);
      if (!parent) break;
      if (!inside(parent)) {
        if (outside.has(parent)) break;
        outside.add(parent);
      }
      chunk = parent;
    }
  }
  return [...outside];
}

/**
 * Parses `chunks` (with `parents`: entries elsewhere that their crossref fields name, read with them,
 * not kept) and packs their entries with their search index; undefined if a crossref is not a plain key.
 */
export function packChunks(chunks: readonly BibtexChunk[], parents: readonly BibtexChunk[], macros: readonly string[], file: string, indexer: SearchIndexer): PackedChunks | undefined {
  const parsed = parseChunksToRows(chunks, parents, macros, file, indexer);
  return parsed && { pack: parsed.finish([], {}), problems: parsed.problems, entryChunks: parsed.entryChunks };
}

/**
 * Chunks parsed into a pack's rows and search index, not yet a pack: a file parsed in one piece is
 * finished once, with everything its pack holds (all its problems, its source map), rather than packed
 * and then packed again.
 */
export interface ParsedRows {
  /** Problems of the chunks' entries (not of their split). */
  readonly problems: readonly BibProblem[];
  /** The positions, among the chunks, of those that became entries, in entry order. */
  readonly entryChunks: Int32Array;
  readonly size: number;
  /** The pack of the rows, with `problems` in its header (the file's, which these are part of). Called once. */
  finish(problems: readonly BibProblem[], contents: Omit<PackContents, 'searchIndex'>): Buffer;
}

/** As packChunks, the rows left for the caller to finish as a pack. */
export function parseChunksToRows(chunks: readonly BibtexChunk[], parents: readonly BibtexChunk[], macros: readonly string[], file: string, indexer: SearchIndexer): ParsedRows | undefined {
  const problems: BibProblem[] = [];
  // Keys are checked over all the chunks at once: a duplicate may be in a later batch than its first.
  const keyed = keyedEntryChunks(chunks, file, problems);
  const byKey = chunksByKey([...keyed, ...parents]);
  const position = new Map(chunks.map((chunk, i) => [chunk, i]));
  const builder = new PackBuilder(keyed.length);
  const index = indexer.start();
  const entryChunks: number[] = [];
  for (let start = 0; start < keyed.length; start += BATCH_CHUNKS) {
    const batch = keyed.slice(start, start + BATCH_CHUNKS);
    const inBatch = new Set(batch);
    const context = parentsOutside(batch, (chunk) => inBatch.has(chunk), byKey);
    if (!context) return undefined;
    const found: BibProblem[] = [];
    const parsed = parseEntryChunks(context.length ? [...batch, ...context] : batch, macros, file, found);
    parsed.parts.forEach((part, i) => {
      const chunk = parsed.chunks[i]!;
      if (!inBatch.has(chunk)) return; // a parent read for its children: its own batch keeps it
      // (No earlier parse is given, so every part is an entry read now.)
      const { entry } = part as Extract<typeof part, { entry: unknown }>;
      builder.add(entry);
      index.add(entry);
      entryChunks.push(position.get(chunk)!);
    });
    // (A parent's own problems are its batch's to report.)
    for (const problem of found) if (!context.some((p) => problem.location.line >= p.line && problem.location.line <= p.endLine)) problems.push(problem);
  }
  return {
    problems,
    entryChunks: Int32Array.from(entryChunks),
    size: builder.size,
    finish: (fileProblems, contents) => builder.finish({ file, format: 'bibtex', problems: fileProblems }, { ...contents, searchIndex: index.finish() }),
  };
}
