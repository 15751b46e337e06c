import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentLanguage, TextDocumentLike } from '../types';

/**
 * An in-memory text document for the CLI and tests; VS Code's own TextDocument fits the same
 * TextDocumentLike interface, so the core never knows which one it has.
 */
export function createTextDocument(uri: string, languageId: string, text: string, version = 1): TextDocumentLike {
  return TextDocument.create(uri, languageId, version, text);
}

const LANGUAGE_BY_EXTENSION: Record<string, DocumentLanguage> = {
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.qmd': 'quarto',
  '.rmd': 'rmd',
  '.tex': 'latex',
  '.latex': 'latex',
  '.ltx': 'latex',
  '.txt': 'plaintext',
};

/** The language of a file from its extension; undefined for files evidence-lint does not read. */
export function languageOfPath(path: string): DocumentLanguage | undefined {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? undefined : LANGUAGE_BY_EXTENSION[path.slice(dot).toLowerCase()];
}

/** Maps a VS Code / LSP languageId to the core's language families. */
export function normaliseLanguage(languageId: string): DocumentLanguage {
  switch (languageId) {
    case 'quarto':
    case 'rmd':
    case 'latex':
    case 'plaintext':
    case 'markdown':
      return languageId;
    case 'tex':
    case 'bibtex-style':
      return 'latex';
    case 'rmarkdown':
      return 'rmd';
    default:
      return 'markdown';
  }
}
