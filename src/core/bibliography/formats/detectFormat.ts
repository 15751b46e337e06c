import type { BibFormat } from '../../types';

const FORMAT_BY_EXTENSION: Record<string, BibFormat> = {
  '.bib': 'bibtex',
  '.bibtex': 'bibtex',
  '.biblatex': 'bibtex',
  '.json': 'csl-json',
  '.csljson': 'csl-json',
  '.yaml': 'csl-yaml',
  '.yml': 'csl-yaml',
  '.ris': 'ris',
};

/** The bibliography format of a file from its extension, else by looking at its text; undefined if neither tells. */
export function detectFormat(file: string, text: string): BibFormat | undefined {
  const dot = file.lastIndexOf('.');
  const byExtension = dot < 0 ? undefined : FORMAT_BY_EXTENSION[file.slice(dot).toLowerCase()];
  return byExtension ?? sniffFormat(text);
}

/** Guesses a format from content alone. */
export function sniffFormat(text: string): BibFormat | undefined {
  const head = text.slice(0, 64 * 1024).replace(/^\uFEFF/, '');
  const first = head.trimStart()[0];
  if (first === '[' || first === '{') return 'csl-json';
  if (/^\s*TY {2}- /m.test(head)) return 'ris';
  if (/^\s*@[A-Za-z]+\s*[{(]/m.test(head)) return 'bibtex';
  if (/^(---\s*\n)?\s*(references\s*:|-\s+id\s*:)/m.test(head)) return 'csl-yaml';
  return undefined;
}
