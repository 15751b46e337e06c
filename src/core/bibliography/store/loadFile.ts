/**
 * Reading bibliography files: bytes on disk → text → entries. The parse is `parseBibliographyText`
 * unless the caller passes its own (a BibliographyStore passes its re-parse, which reuses entries).
 */
import { stat } from 'node:fs/promises';
import { readSettled } from '../../io/readHashed';
import type { BibFormat, BibProblem, LoadedFile } from '../../types';
import { decodeBibliographyBytes, MAX_BIBLIOGRAPHY_BYTES, tooLarge, utf8BomLength } from '../formats/decodeBytes';
import { detectFormat } from '../formats/detectFormat';
import { hasLoneCarriageReturn, parseBibliographyText, type ParsedFile } from '../formats/parseText';
import { bibProblem, shortReason } from '../formats/problems';
import type { BibtexChunk } from '../formats/bibtex/splitBibtex';
import { sourceMapOfSplit, type BibtexSourceMap } from './sourceMap';

/** Parses a file's text as the file at `path`. */
export type TextParser = (text: string, path: string) => ParsedFile;

/** Reads and parses one bibliography file. Never throws. */
export async function loadBibliographyFile(path: string, parse: TextParser = parseBibliographyText): Promise<LoadedFile> {
  return withoutSplit(fromDecoded(await readBibliographyText(path), path, parse));
}

/** A file parsed from its bytes, and where each BibTeX chunk sits in them (when they are plain UTF-8). */
export interface ReadBytes {
  readonly loaded: LoadedFile;
  readonly sourceMap?: BibtexSourceMap;
}

/**
 * Parses a bibliography file's bytes (already read) as `path`. Never throws. A BibTeX file read as
 * plain UTF-8 gets a source map (see store/sourceMap), so that its next edit can be re-read by bytes,
 * unless `sourceMap` is false (a file read once, never edited: the CLI without a cache).
 */
export function loadBibliographyBytes(bytes: Uint8Array, path: string, parse: TextParser = parseBibliographyText, { sourceMap = true }: { readonly sourceMap?: boolean } = {}): ReadBytes {
  const decoded = decodeBibliographyBytes(bytes, path);
  const parsed = fromDecoded(decoded, path, parse);
  const loaded = withoutSplit(parsed);
  const split = parsed.bibtexSplit;
  if (!sourceMap || !split || parsed.format !== 'bibtex' || decoded.problems.length !== 0 || decoded.text !== split.text) return { loaded };
  const map = bibtexSourceMap(bytes, split.text, split.split.chunks, split.entryChunks, split.macros);
  return map ? { loaded, sourceMap: map } : { loaded };
}

/**
 * The source map of a BibTeX file's bytes, decoded as `text` and split into `chunks` (`entryChunks`
 * those that became entries, in entry order): undefined unless the bytes are plain UTF-8.
 */
export function bibtexSourceMap(bytes: Uint8Array, text: string, chunks: readonly BibtexChunk[], entryChunks: readonly BibtexChunk[], macros: readonly string[]): BibtexSourceMap | undefined {
  if (!isPlainUtf8(bytes, text)) return undefined;
  const bom = utf8BomLength(bytes);
  // The map counts bytes from the text: only right if the text is exactly the bytes decoded.
  if (Buffer.byteLength(text, 'utf8') !== bytes.length - bom) return undefined;
  const rows = new Map(entryChunks.map((chunk, row) => [chunk, row]));
  return sourceMapOfSplit(text, bom, chunks, (chunk) => rows.get(chunk) ?? -1, macros);
}

/** UTF-8 (not UTF-16), with no lone CR (which parsing reads as a line break, and the map would not). */
function isPlainUtf8(bytes: Uint8Array, text: string): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return false;
  return text.charCodeAt(0) !== 0xfeff && !hasLoneCarriageReturn(text);
}

function fromDecoded(read: { text?: string; problems: BibProblem[] }, path: string, parse: TextParser): ParsedFile {
  if (read.text === undefined) return { file: path, format: formatGuess(path), entries: [], problems: read.problems };
  const parsed = parse(read.text, path);
  return read.problems.length ? { ...parsed, problems: [...read.problems, ...parsed.problems] } : parsed;
}

/** The file without its BibTeX split (the text and its chunks: hundreds of MB at 50,000 entries). */
function withoutSplit({ bibtexSplit: _split, ...loaded }: ParsedFile): LoadedFile {
  return loaded;
}

/** Reads a bibliography file's text, refusing huge, binary and unreadable files with a problem. */
export async function readBibliographyText(path: string): Promise<{ text?: string; problems: BibProblem[] }> {
  try {
    const info = await stat(path);
    if (!info.isFile()) {
      return { problems: [bibProblem('unreadable-file', 'error', path, 'cannot read the bibliography: it is not a file')] };
    }
    if (info.size > MAX_BIBLIOGRAPHY_BYTES) return { problems: [tooLarge(path, info.size)] };
    // One version of the file, never half of one and half of the next (see readSettled).
    const { bytes } = await readSettled(path);
    if (bytes.length > MAX_BIBLIOGRAPHY_BYTES) return { problems: [tooLarge(path, bytes.length)] };
    return decodeBibliographyBytes(bytes, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'the file does not exist' : code === 'EACCES' ? 'permission denied' : shortReason(error);
    return { problems: [bibProblem('unreadable-file', 'error', path, `cannot read the bibliography: ${why}`)] };
  }
}

function formatGuess(path: string): BibFormat {
  return detectFormat(path, '') ?? 'bibtex';
}
