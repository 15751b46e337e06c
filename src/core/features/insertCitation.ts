/**
 * Edits that cite chosen entries in a document, in the document's own form (Pandoc, LaTeX, the Hub's ⇡
 * author-year or its library links; see citations/insertText.ts): at a place (Insert Citation), or in
 * a claim sentence, before its final punctuation ("Cite evidence…", the Evidence panel).
 */
import { citationInsertion } from '../citations/insertText';
import { normaliseLanguage } from '../document/textDocument';
import type { BibEntry, Range, TextDocumentLike } from '../types';
import type { TextEdit } from './codeActions';

/** The edit citing `entries` at `offset` (replacing a ⇡ item being typed there, if any). */
export function insertionEdit(document: TextDocumentLike, offset: number, entries: readonly BibEntry[]): TextEdit {
  const { start, end, insert } = citationInsertion(entries, { text: document.getText(), language: normaliseLanguage(document.languageId), offset });
  return { range: { start: document.positionAt(start), end: document.positionAt(end) }, newText: insert };
}

/** The edit citing `entries` in a claim sentence: before its final punctuation (and closing quotes). */
export function citeInSentenceEdit(document: TextDocumentLike, sentence: Range, entries: readonly BibEntry[]): TextEdit {
  const start = document.offsetAt(sentence.start);
  const text = document.getText().slice(start, document.offsetAt(sentence.end));
  return insertionEdit(document, start + citationOffset(text), entries);
}

/** Where in a sentence a citation goes: before its final punctuation (and closing quotes). */
export function citationOffset(sentence: string): number {
  const trimmed = sentence.replace(/\s+$/u, '');
  const match = /[.!?…]+["'”’)\]]*$/u.exec(trimmed);
  return match ? match.index : trimmed.length;
}
