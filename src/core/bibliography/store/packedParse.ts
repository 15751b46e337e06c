/**
 * A cold parse of a big BibTeX file into packs as it goes (see packChunks: its entries die young, so
 * the parse holds far less), and on two cores for the biggest: the file is split into chunks here, the
 * second half of them is parsed and packed by another thread (a StretchParser) while this thread does
 * the first, and the packs become one file's columns with one search index. The result is what the
 * parse of the whole file gives: the same entries, problems, source map and search index (packed, the
 * same bytes); an entry whose crossref names one in the other half is read with a copy of it. It
 * declines (the whole parse then runs) where the file is read otherwise (not BibTeX, decoding
 * problems, small) or a crossref is not a plain key; it parses in one thread where the halves cannot
 * be read apart (a key in both).
 */
import type { LoadedFile, SearchIndexer } from '../../types';
import { decodeBibliographyBytes } from '../formats/decodeBytes';
import { detectFormat } from '../formats/detectFormat';
import { hasLoneCarriageReturn } from '../formats/parseText';
import { byPosition, splitProblems } from '../formats/bibtex/parseBibtex';
import { splitBibtex, splitStretch, type BibtexChunk } from '../formats/bibtex/splitBibtex';
import { lazyEntryList } from '../index/entryColumns';
import { ComposedColumns } from './composedColumns';
import { bibtexSourceMap, type ReadBytes } from './loadFile';
import type { PackContents } from './packBuilder';
import { chunksByKey, packChunks, parentsOutside, parseChunksToRows, type PackedChunks } from './packChunks';
import { openPackedFile, PackedColumns } from './packedFile';

/** Smaller files are parsed whole: their entries are few enough to keep. */
export const PACKED_PARSE_MIN_BYTES = 1 << 20;

/**
 * Smaller files are parsed in one thread: on the 2-core machine measured, two busy threads each ran
 * ~35% slower than one alone, and a 10k-entry file (6 MB) took 1.2× as long on two cores as in one.
 */
export const HALVES_MIN_BYTES = 16 << 20;

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

/** A stretch parsed and packed (its split's problems are the whole file's split's, reported by the caller). */
export type StretchPack = PackedChunks;

/** Parses a stretch elsewhere; undefined (or a rejection) when it could not: the caller parses it then. */
export type StretchParser = (request: StretchRequest) => Promise<StretchPack | undefined>;

/** A file parsed into packs: in one piece, its own pack too (with its problems and source map). */
export interface PackedRead extends ReadBytes {
  /** The file's pack, when it was parsed in one piece (the packs of two halves are packed as one by the caller). */
  readonly pack?: Buffer;
}

/**
 * Parses a file's bytes into packs (see the file's comment), the second half of a big file by
 * `elsewhere` if given; undefined where it declines, and for files under `minBytes`. With
 * `sourceMap`, a BibTeX file read as plain UTF-8 gets its source map, as with loadBibliographyBytes.
 */
export async function parsePacked(
  bytes: Uint8Array,
  file: string,
  indexer: SearchIndexer,
  { elsewhere, sourceMap = true, minBytes = PACKED_PARSE_MIN_BYTES, halvesMinBytes = HALVES_MIN_BYTES, pack = {} }: PackedParseOptions = {},
): Promise<PackedRead | undefined> {
  if (bytes.length < minBytes) return undefined;
  const decoded = decodeBibliographyBytes(bytes, file);
  if (decoded.text === undefined || decoded.problems.length !== 0) return undefined;
  const text = decoded.text;
  // (What parseBibliographyText parses: a BOM or a lone CR changes the text, and is left to it.)
  if (text.charCodeAt(0) === 0xfeff || hasLoneCarriageReturn(text) || detectFormat(file, text) !== 'bibtex') return undefined;
  const split = splitBibtex(text);
  const macros = split.chunks.filter((chunk) => chunk.kind === 'string').map((chunk) => chunk.text);
  const splitIssues = splitProblems(split.issues, file);
  const mapOf = (entryChunks: readonly BibtexChunk[]) => (sourceMap ? bibtexSourceMap(bytes, text, split.chunks, entryChunks, macros) : undefined);
  const halves = elsewhere && bytes.length >= halvesMinBytes ? await packHalves(text, split.chunks, macros, file, indexer, elsewhere) : undefined;
  if (halves === null) return undefined;
  if (!halves) {
    // One piece: its rows are finished as the file's pack, once.
    const rows = parseChunksToRows(split.chunks, [], macros, file, indexer);
    if (!rows) return undefined;
    const problems = [...splitIssues, ...rows.problems].sort(byPosition);
    if (rows.size === 0 && problems.length === 0) return undefined; // (the whole parse then looks for another format)
    const map = mapOf([...rows.entryChunks].map((i) => split.chunks[i]!));
    const packed = rows.finish(problems, { ...pack, ...(map ? { sourceMap: map } : {}) });
    const { loaded } = openPackedFile(packed, file);
    return map ? { loaded, sourceMap: map, pack: packed } : { loaded, pack: packed };
  }
  const packs = halves.map(({ packed }) => openPackedFile(packed.pack, file).loaded.columns as PackedColumns);
  const columns = new ComposedColumns(packs.map((piece) => ({ from: piece, row: 0, length: piece.size, lineDelta: 0 })));
  const searchIndex = indexer.concat(packs.map((piece) => ({ index: piece.searchParts(), entries: piece.size })));
  const problems = [...splitIssues, ...halves.flatMap(({ packed }) => packed.problems)].sort(byPosition);
  if (columns.size === 0 && problems.length === 0) return undefined;
  const loaded: LoadedFile = { file, format: 'bibtex', entries: lazyEntryList(columns), problems, columns, searchIndex };
  const map = mapOf(halves.flatMap(({ chunks, packed }) => [...packed.entryChunks].map((i) => chunks[i]!)));
  return map ? { loaded, sourceMap: map } : { loaded };
}

export interface PackedParseOptions {
  /** Parses the second half of a file of `halvesMinBytes` or more in another thread. */
  readonly elsewhere?: StretchParser;
  readonly sourceMap?: boolean;
  readonly minBytes?: number;
  readonly halvesMinBytes?: number;
  /** For the pack of a file parsed in one piece: what it was read from, and its memory. */
  readonly pack?: Pick<PackContents, 'source' | 'allocate'>;
}

/**
 * The chunks in two halves, the second parsed and packed `elsewhere`; undefined where they cannot be
 * read apart (or there is no second half): the file is then parsed in one piece; null where a half
 * declined (a crossref that is not a plain key): the whole parse runs then, as for one piece.
 */
async function packHalves(
  text: string,
  chunks: readonly BibtexChunk[],
  macros: readonly string[],
  file: string,
  indexer: SearchIndexer,
  elsewhere: StretchParser,
): Promise<{ readonly chunks: readonly BibtexChunk[]; readonly packed: PackedChunks }[] | null | undefined> {
  const middle = middleChunk(chunks);
  if (middle < 0) return undefined;
  const first = chunks.slice(0, middle);
  const second = chunks.slice(middle);
  const parents = crossHalfParents(first, second);
  if (!parents) return undefined;
  const at = chunks[middle]!;
  // Asked before this thread starts on its half, so that both run at once.
  const away = elsewhere({ file, text: text.slice(at.start), firstLine: at.line, macros, chunks: second.length, parents: parents.ofSecond }).catch(() => undefined);
  const here = packChunks(first, parents.ofFirst, macros, file, indexer);
  const there = (await away) ?? packChunks(second, parents.ofSecond, macros, file, indexer);
  return here && there ? [{ chunks: first, packed: here }, { chunks: second, packed: there }] : null;
}

/** What the other thread does with a StretchRequest: splits the stretch, parses and packs it. */
export function packStretch(request: StretchRequest, indexer: SearchIndexer): StretchPack | undefined {
  const split = splitStretch(request.text, request.firstLine, 0, () => false);
  if (split.chunks.length !== request.chunks) return undefined;
  return packChunks(split.chunks, request.parents, request.macros, request.file, indexer);
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
  const [firstKeys, secondKeys] = [chunksByKey(first), chunksByKey(second)];
  for (const key of secondKeys.keys()) if (firstKeys.has(key)) return undefined;
  const byKey = new Map([...firstKeys, ...secondKeys]);
  const inFirst = new Set(firstKeys.values());
  const ofFirst = parentsOutside(first, (chunk) => inFirst.has(chunk), byKey);
  const ofSecond = parentsOutside(second, (chunk) => !inFirst.has(chunk), byKey);
  return ofFirst && ofSecond ? { ofFirst, ofSecond } : undefined;
}
