import type { BibFormat, LoadedFile } from '../../types';
import { parseBibtexText, type BibtexSplit } from './bibtex/parseBibtex';
import { parseCslJsonText } from './cslJson';
import { parseCslYamlText } from './cslYaml';
import { detectFormat, sniffFormat } from './detectFormat';
import { bibProblem, shortReason } from './problems';
import { parseRisText } from './ris';

/** A file as a parser read it: a BibTeX parse also keeps its split (what a source map is made from). */
export interface ParsedFile extends LoadedFile {
  readonly bibtexSplit?: BibtexSplit;
}

/** What one format's parser makes of a file's text (without BOM, lone CRs made LF). */
export type FormatParser = (text: string, file: string) => Omit<ParsedFile, 'file' | 'format'>;

export interface ParseOptions {
  /** Reads BibTeX instead of a fresh parseBibtexText (the store's re-parse, which reuses unchanged entries). */
  readonly bibtex?: FormatParser;
}

/**
 * Whether `text` holds a lone CR (not followed by LF), which parsing reads as a line break (see
 * parseBibliographyText). Most files have no CR at all: then the regex scan (~30 ms over 31 MB) is skipped.
 */
export function hasLoneCarriageReturn(text: string): boolean {
  return text.includes('\r') && /\r(?!\n)/.test(text);
}

/**
 * Parses bibliography text. The format comes from `format`, else the file's extension, else the text.
 * Never throws: every failure is a BibProblem naming the file and, where it applies, the line.
 */
export function parseBibliographyText(text: string, file: string, format?: BibFormat, { bibtex = parseBibtexText }: ParseOptions = {}): ParsedFile {
  const parserFor = (f: BibFormat): FormatParser => (f === 'bibtex' ? bibtex : PARSERS[f]);
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
        return { ...parserFor(sniffed)(body, file), file, format: sniffed };
      }
      if (resolved === 'bibtex' && !body.includes('@') && /^[ \t]*[^%\s]/m.test(body)) {
        // Text outside entries is a comment to BibTeX, but a .bib with text and not one `@` is the wrong file.
        const problem = bibProblem('bib-parse-error', 'warning', file, "no BibTeX entries found (no '@type{key, …}' in the file): is this a bibliography?", 1, 1);
        return { file, format: resolved, entries: [], problems: [problem] };
      }
    }
    return { ...parsed, file, format: resolved };
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

const PARSERS: Readonly<Record<Exclude<BibFormat, 'bibtex'>, FormatParser>> = {
  'csl-json': parseCslJsonText,
  'csl-yaml': parseCslYamlText,
  ris: parseRisText,
};
