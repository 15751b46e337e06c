import { readFile, stat } from 'node:fs/promises';
import type { BibEntry, BibFormat, BibProblem, LoadedFile } from '../types';
import { decodeBibliographyBytes, MAX_BIBLIOGRAPHY_BYTES, tooLarge } from './decodeBytes';
import { detectFormat, sniffFormat } from './detectFormat';
import { bibtexSplitOf, parseBibtexText } from './parseBibtex';
import { rememberSourceMap, sourceMapOfSplit } from './store/sourceMap';
import { parseCslJsonText, parseCslYamlText } from './parseCsl';
import { parseRisText } from './parseRis';
import { bibProblem, shortReason } from './problems';

export { HUB_LIBRARY_URL, hubKeyOf, hubDoiSuffixOf } from './hubKeys';
export { MAX_BIBLIOGRAPHY_BYTES } from './decodeBytes';

/**
 * Parses bibliography text. The format comes from `format`, else the file's extension, else the text.
 * Never throws: every failure is a BibProblem naming the file and, where it applies, the line.
 */
export function parseBibliographyText(text: string, file: string, format?: BibFormat): LoadedFile {
  // A lone CR is a line break (old Mac files; VS Code counts it so): made LF, offsets unchanged, so
  // every parser counts lines like the editor and a `%` line no longer hides the rest of the file.
  // (Most files have no CR at all: then the 12 MB regex scan is skipped.)
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const body = withoutBom.includes('\r') ? withoutBom.replace(/\r(?!\n)/g, '\n') : withoutBom;
  const resolved = format ?? detectFormat(file, body);
  if (resolved === undefined) {
    return {
      file,
      format: 'bibtex',
      entries: [],
      problems: [
        bibProblem('unsupported-format', 'error', file, 'not a bibliography format Evidence Writer reads (BibTeX/BibLaTeX .bib, CSL-JSON .json, CSL-YAML .yaml, RIS .ris)'),
      ],
    };
  }
  try {
    const parsed = parserFor(resolved)(body, file);
    if (!format && parsed.entries.length === 0 && parsed.problems.length === 0 && body.trim() !== '') {
      // Nothing found in the format the extension promised: a CSL-JSON or RIS file saved as .bib, say.
      const sniffed = sniffFormat(body);
      if (sniffed && sniffed !== resolved) {
        const retried = parserFor(sniffed)(body, file);
        return { file, format: sniffed, entries: retried.entries, problems: retried.problems };
      }
      if (resolved === 'bibtex' && !body.includes('@') && /^[ \t]*[^%\s]/m.test(body)) {
        // Text outside entries is a comment to BibTeX, but a .bib with text and not one `@` is the wrong file.
        const problem = bibProblem('bib-parse-error', 'warning', file, "no BibTeX entries found (no '@type{key, …}' in the file): is this a bibliography?", 1, 1);
        return { file, format: resolved, entries: [], problems: [problem] };
      }
    }
    return { file, format: resolved, entries: parsed.entries, problems: parsed.problems };
  } catch (error) {
    // A bug in a parser or in citation-js must not take the editor down with it.
    return {
      file,
      format: resolved,
      entries: [],
      problems: [bibProblem('bib-parse-error', 'error', file, `could not read this ${resolved} file: ${shortReason(error)}`)],
    };
  }
}

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

export function utf8BomLength(bytes: Uint8Array): number {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
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

function parserFor(format: BibFormat): (text: string, file: string) => { entries: BibEntry[]; problems: BibProblem[] } {
  switch (format) {
    case 'bibtex':
      return parseBibtexText;
    case 'csl-json':
      return parseCslJsonText;
    case 'csl-yaml':
      return parseCslYamlText;
    case 'ris':
      return parseRisText;
  }
}

function formatGuess(path: string): BibFormat {
  return detectFormat(path, '') ?? 'bibtex';
}
