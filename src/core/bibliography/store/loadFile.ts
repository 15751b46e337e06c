import { readFile, stat } from 'node:fs/promises';
import type { BibFormat, BibProblem, LoadedFile } from '../../types';
import { decodeBibliographyBytes, MAX_BIBLIOGRAPHY_BYTES, tooLarge, utf8BomLength } from '../formats/decodeBytes';
import { detectFormat } from '../formats/detectFormat';
import { bibtexSplitOf } from '../formats/bibtex/parseBibtex';
import { parseBibliographyText } from '../formats/parseText';
import { rememberSourceMap, sourceMapOfSplit } from './sourceMap';
import { bibProblem, shortReason } from '../formats/problems';

/** Reads and parses one bibliography file. Never throws. */
export async function loadBibliographyFile(path: string): Promise<LoadedFile> {
  return fromDecoded(await readBibliographyText(path), path);
}

/**
 * Parses a bibliography file's bytes (already read) as `path`. Never throws. A BibTeX file read as
 * plain UTF-8 gets a source map (see store/sourceMap), so that its next edit can be re-read by bytes.
 */
export function loadBibliographyBytes(bytes: Uint8Array, path: string): LoadedFile {
  const decoded = decodeBibliographyBytes(bytes, path);
  const loaded = fromDecoded(decoded, path);
  const split = bibtexSplitOf(loaded.entries);
  if (split && loaded.format === 'bibtex' && decoded.problems.length === 0 && decoded.text === split.text && isPlainUtf8(bytes, split.text)) {
    rememberSourceMap(loaded.entries, () => {
      const bom = utf8BomLength(bytes);
      // The map counts bytes from the text: only right if the text is exactly the bytes decoded.
      if (Buffer.byteLength(split.text, 'utf8') !== bytes.length - bom) return undefined;
      const rows = new Map(split.entryChunks.map((chunk, row) => [chunk, row]));
      return sourceMapOfSplit(split.text, bom, split.chunks, (chunk) => rows.get(chunk) ?? -1, split.macros);
    });
  }
  return loaded;
}

/** UTF-8 (not UTF-16), with no lone CR (which parsing reads as a line break, and the map would not). */
function isPlainUtf8(bytes: Uint8Array, text: string): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return false;
  return text.charCodeAt(0) !== 0xfeff && !(text.includes('\r') && /\r(?!\n)/.test(text));
}

function fromDecoded(read: { text?: string; problems: BibProblem[] }, path: string): LoadedFile {
  if (read.text === undefined) return { file: path, format: formatGuess(path), entries: [], problems: read.problems };
  const loaded = parseBibliographyText(read.text, path);
  return read.problems.length ? { ...loaded, problems: [...read.problems, ...loaded.problems] } : loaded;
}

/** Reads a bibliography file's text, refusing huge, binary and unreadable files with a problem. */
export async function readBibliographyText(path: string): Promise<{ text?: string; problems: BibProblem[] }> {
  try {
    const info = await stat(path);
    if (!info.isFile()) {
      return { problems: [bibProblem('unreadable-file', 'error', path, 'cannot read the bibliography: it is not a file')] };
    }
    if (info.size > MAX_BIBLIOGRAPHY_BYTES) return { problems: [tooLarge(path, info.size)] };
    return decodeBibliographyBytes(await readFile(path), path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'the file does not exist' : code === 'EACCES' ? 'permission denied' : shortReason(error);
    return { problems: [bibProblem('unreadable-file', 'error', path, `cannot read the bibliography: ${why}`)] };
  }
}

function formatGuess(path: string): BibFormat {
  return detectFormat(path, '') ?? 'bibtex';
}
