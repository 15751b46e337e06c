import type { BibProblem } from '../../types';
import { bibProblem } from './problems';

/**
 * Largest bibliography file we read: 64 MiB. Real libraries are far smaller (a 6,000-entry BibDesk
 * library is 4 MB); anything larger is almost certainly not a bibliography and would stall the editor.
 */
export const MAX_BIBLIOGRAPHY_BYTES = 64 * 1024 * 1024;

export interface DecodedText {
  /** The text, or undefined when the file was refused. */
  readonly text?: string;
  readonly problems: BibProblem[];
}

/**
 * Turns a file's bytes into text the way a person would expect: UTF-8 (BOM stripped), UTF-16 with a
 * BOM, and — when the bytes are not valid UTF-8 — Windows-1252/Latin-1 with a warning, because old
 * BibTeX files are often saved that way. Files with NUL bytes (and no UTF-16 BOM) are refused as binary.
 */
export function decodeBibliographyBytes(bytes: Uint8Array, file: string): DecodedText {
  if (bytes.length > MAX_BIBLIOGRAPHY_BYTES) {
    return { problems: [tooLarge(file, bytes.length)] };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), problems: [] };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), problems: [] };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    return {
      problems: [
        bibProblem('binary-file', 'error', file, `not a text file (it contains NUL bytes, first at byte ${nul}); not read as a bibliography`),
      ],
    };
  }
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), problems: [] };
  } catch {
    const line = lineOfFirstInvalidUtf8(body);
    return {
      text: new TextDecoder('windows-1252').decode(body),
      problems: [
        bibProblem(
          'wrong-encoding',
          'warning',
          file,
          `file is not valid UTF-8 (first bad byte on line ${line}); read it as Windows-1252/Latin-1 — save it as UTF-8 so accents are read correctly`,
          line,
        ),
      ],
    };
  }
}

export function tooLarge(file: string, size: number): BibProblem {
  const mb = (n: number) => (n / (1024 * 1024)).toFixed(1);
  return bibProblem(
    'file-too-large',
    'error',
    file,
    `file is ${mb(size)} MB, larger than the ${mb(MAX_BIBLIOGRAPHY_BYTES)} MB limit for a bibliography; not read`,
  );
}

/** 1-based line of the first byte sequence that is not valid UTF-8. */
function lineOfFirstInvalidUtf8(bytes: Uint8Array): number {
  let line = 1;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b === 0x0a) line++;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return line;
    for (let k = 1; k < length; k++) {
      if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return line;
    }
    i += length;
  }
  return line;
}

/** Bytes of a UTF-8 byte-order mark at the start of `bytes` (3 or 0). */
export function utf8BomLength(bytes: Uint8Array): number {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
}
