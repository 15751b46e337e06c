/**
 * A cold parse of a big BibTeX file on two cores: the file is split into chunks here, the second half
 * of its chunks is parsed and packed by another thread (a StretchParser) while this thread parses and
 * packs the first, and the two packs become one file's columns with one search index. The result is
 * what the parse of the whole file gives: the same entries, problems, source map and search index
 * (packed, the same bytes): an entry whose crossref names one in the other half is read with a copy of
 * it. It declines where a whole parse is needed (a key in both halves, a crossref that is not a plain
 * key) or where the file is read otherwise (not BibTeX, decoding problems, small).
 */
import type { BibEntry, BibProblem, LoadedFile, SearchIndexer } from '../../types';
import { decodeBibliographyBytes } from '../formats/decodeBytes';
import { detectFormat } from '../formats/detectFormat';
import { byPosition, crossrefParentOf, parseEntryChunks, splitProblems } from '../formats/bibtex/parseBibtex';
import { splitBibtex, splitStretch, type BibtexChunk } from '../formats/bibtex/splitBibtex';
import { ArrayColumns, lazyEntryList } from '../index/entryColumns';
import { ComposedColumns } from './composedColumns';
import { bibtexSourceMap, type ReadBytes } from './loadFile';
import { packFile } from './packFile';
import { openPackedFile, PackedColumns } from './packedFile';

/** Smaller files are parsed in one thread: below this, starting a thread costs about what it saves. */
export const HALVES_MIN_BYTES = 1 << 20;

/** The second half of a file's chunks, for another thread to parse and pack. */
export interface StretchRequest {
  readonly file: string;
  /** The file's text from the stretch's first chunk (at a line start) to the end. */
  readonly text: string;
  /** The file's line that `text` starts on. */
  readonly firstLine: number;
  /** All the file's @string definitions: every entry sees all of them, as in a parse of the whole file. */
  readonly macros: readonly string[];
  /** How many chunks the whole file's split found in the stretch (a split of it finding others is not used). */
  readonly chunks: number;
  /** Entries of the other half that the stretch's crossref fields name (directly or not): read with it, not kept. */
  readonly parents: readonly BibtexChunk[];
}

/** A stretch parsed and packed. */
export interface StretchPack {
  /** The pack of its entries (in shared memory: nothing is copied between threads). */
  readonly pack: Uint8Array;
  /** Problems of its entries (the split's are the whole file's split's, reported by the caller). */
  readonly problems: readonly BibProblem[];
  /** The positions, among the stretch's chunks, of those that became entries, in entry order. */
  readonly entryChunks: Int32Array;
}

/** Parses a stretch elsewhere; undefined (or a rejection) when it could not: the caller parses it then. */
export type StretchParser = (request: StretchRequest) => Promise<StretchPack | undefined>;

/**
 * Parses a file's bytes in two halves, the second by `elsewhere` (see the file's comment); undefined
 * where it declines, and for files under `minBytes`. With `sourceMap`, a BibTeX file read as plain UTF-8
 * gets its source map, as with loadBibliographyBytes.
 */
export async function parseInHalves(
  bytes: Uint8Array,
  file: string,
  elsewhere: StretchParser,
  indexer: SearchIndexer,
  { sourceMap = true, minBytes = HALVES_MIN_BYTES }: { readonly sourceMap?: boolean; readonly minBytes?: number } = {},
): Promise<ReadBytes | undefined> {
  if (bytes.length < minBytes) return undefined;
  const decoded = decodeBibliographyBytes(bytes, file);
  if (decoded.text === undefined || decoded.problems.length !== 0) return undefined;
  const text = decoded.text;
  // (What parseBibliographyText parses: a BOM or a lone CR changes the text, and is left to it.)
  if (text.charCodeAt(0) === 0xfeff || /\r(?!\n)/.test(text) || detectFormat(file, text) !== 'bibtex') return undefined;
  const split = splitBibtex(text);
  const middle = middleChunk(split.chunks);
  if (middle < 0) return undefined;
  const first = split.chunks.slice(0, middle);
  const second = split.chunks.slice(middle);
  const parents = crossHalfParents(first, second);
  if (!parents) return undefined;
  const macros = split.chunks.filter((chunk) => chunk.kind === 'string').map((chunk) => chunk.text);
  const at = split.chunks[middle]!;
  // Asked before this thread starts on its half, so that both run at once.
  const away = elsewhere({ file, text: text.slice(at.start), firstLine: at.line, macros, chunks: second.length, parents: parents.ofSecond }).catch(() => undefined);
  const here = packChunks(first, parents.ofFirst, macros, file, indexer);
  const there = (await away) ?? packChunks(second, parents.ofSecond, macros, file, indexer);
  const halves = [openPackedFile(here.pack, file).loaded.columns, openPackedFile(there.pack, file).loaded.columns] as PackedColumns[];
  const columns = new ComposedColumns(halves.map((half) => ({ from: half, row: 0, length: half.size, lineDelta: 0 })));
  const searchIndex = indexer.concat(halves.map((half) => ({ index: half.searchParts(), entries: half.size })));
  const problems = [...splitProblems(split.issues, file), ...here.problems, ...there.problems].sort(byPosition);
  if (columns.size === 0 && problems.length === 0) return undefined; // (the whole parse then looks for another format)
  const loaded: LoadedFile = { file, format: 'bibtex', entries: lazyEntryList(columns), problems, columns, searchIndex };
  if (!sourceMap) return { loaded };
  const entryChunks = [...[...here.entryChunks].map((i) => first[i]!), ...[...there.entryChunks].map((i) => second[i]!)];
  const map = bibtexSourceMap(bytes, text, split.chunks, entryChunks, macros);
  return map ? { loaded, sourceMap: map } : { loaded };
}

/** What the other thread does with a StretchRequest: splits the stretch, parses and packs it. */
export function packStretch(request: StretchRequest, indexer: SearchIndexer): StretchPack | undefined {
  const split = splitStretch(request.text, request.firstLine, 0, () => false);
  if (split.chunks.length !== request.chunks) return undefined;
  return packChunks(split.chunks, request.parents, request.macros, request.file, indexer);
}

/** Parses and packs a half's chunks, read with the other half's entries they name as crossref parents (not kept). */
function packChunks(chunks: readonly BibtexChunk[], parents: readonly BibtexChunk[], macros: readonly string[], file: string, indexer: SearchIndexer): StretchPack {
  const all: BibtexChunk[] = [...chunks, ...parents];
  const position = new Map(all.map((chunk, i) => [chunk, i]));
  const problems: BibProblem[] = [];
  const parsed = parseEntryChunks(all, macros, file, problems);
  const entries: BibEntry[] = [];
  const entryChunks: number[] = [];
  parsed.parts.forEach((part, i) => {
    const at = position.get(parsed.chunks[i]!)!;
    if (at >= chunks.length) return; // a parent's copy: its half keeps it
    // (No earlier parse is given, so every part is an entry read now.)
    entries.push((part as { readonly entry: BibEntry }).entry);
    entryChunks.push(at);
  });
  const pack = packFile({ file, format: 'bibtex', entries, problems: [], columns: new ArrayColumns(entries) }, { searchIndex: indexer.build(entries) });
  // (A parent's own problems are its half's to report.)
  const own = parents.length === 0 ? problems : problems.filter((problem) => !parents.some((p) => problem.location.line >= p.line && problem.location.line <= p.endLine));
  return { pack, problems: own, entryChunks: Int32Array.from(entryChunks) };
}

/**
 * The first half's share of the entries: a little more than half, as the other thread starts later (it
 * is started, is sent its text and splits it while this thread starts on its half).
 */
const FIRST_HALF_SHARE = 0.53;

/**
 * The chunk the second half starts at: the first entry past the first half's share that starts a line
 * (so that a split of the text from there finds the same chunks); -1 if there is none.
 */
function middleChunk(chunks: readonly BibtexChunk[]): number {
  const entries = chunks.reduce((n, chunk) => n + (chunk.kind === 'entry' ? 1 : 0), 0);
  let seen = 0;
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i]!;
    if (chunk.kind !== 'entry') continue;
    if (seen > 0 && seen >= entries * FIRST_HALF_SHARE && chunk.column === 1) return i;
    seen++;
  }
  return -1;
}

/**
 * For each half, the entries of the other half that its crossref fields name, directly or through a
 * parent's own crossref; undefined when the halves cannot be read apart: a key in both halves (the
 * first is the one used; crossref keys match regardless of case), or a crossref that is not a plain key.
 */
function crossHalfParents(first: readonly BibtexChunk[], second: readonly BibtexChunk[]): { ofFirst: BibtexChunk[]; ofSecond: BibtexChunk[] } | undefined {
  const halves = [first, second] as const;
  const byKey = new Map<string, { readonly chunk: BibtexChunk; readonly half: number }>();
  for (const half of [0, 1]) {
    for (const chunk of halves[half]!) {
      if (chunk.kind !== 'entry' || chunk.key === '') continue;
      const key = chunk.key.toLowerCase();
      const seen = byKey.get(key);
      if (seen && seen.half !== half) return undefined;
      if (!seen) byKey.set(key, { chunk, half });
    }
  }
  const needed = [new Set<BibtexChunk>(), new Set<BibtexChunk>()] as const;
  for (const half of [0, 1]) {
    for (const child of halves[half]!) {
      // Up the chain of parents (a cycle ends where it comes back to a parent already needed).
      for (let chunk = child, steps = 0; steps <= byKey.size; steps++) {
        const parentKey = crossrefParentOf(chunk);
        if (parentKey === null) return undefined;
        const parent = parentKey === undefined ? undefined : byKey.get(parentKey);
        if (!parent) break;
        if (parent.half !== half) {
          if (needed[half]!.has(parent.chunk)) break;
          needed[half]!.add(parent.chunk);
        }
        chunk = parent.chunk;
      }
    }
  }
  return { ofFirst: [...needed[0]], ofSecond: [...needed[1]] };
}
