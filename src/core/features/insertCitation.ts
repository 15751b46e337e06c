/**
 * The text that cites chosen entries at a place in a document, in the document's own syntax: keys only
 * inside `[…]` or `\cite{…}`, a whole citation elsewhere; and where "Cite evidence…" puts it in a claim
 * (before the sentence's final punctuation).
 */
import { citationInsertText } from '../citations/insertText';
import { normaliseLanguage } from '../document/textDocument';
import type { Range, TextDocumentLike } from '../types';
import { LATEX_CITE_OPEN } from './completionContext';
import type { TextEdit } from './codeActions';

/** Text to insert for `keys` at `offset`. */
export function insertionText(document: TextDocumentLike, offset: number, keys: readonly string[]): string {
  const language = normaliseLanguage(document.languageId);
  const text = document.getText();
  const before = text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset);
  if (language === 'latex' && LATEX_CITE_OPEN.test(before)) {
    return (/[{,]\s*$/.test(before) ? '' : ',') + keys.join(',');
  }
  const insideBrackets = language !== 'latex' && before.lastIndexOf('[') > before.lastIndexOf(']');
  if (insideBrackets) return (/[[;]\s*$/.test(before) ? '' : '; ') + citationInsertText([...keys], language, { insideBrackets: true });
  return citationInsertText([...keys], language);
}

/** The edit citing `keys` in a claim sentence: before its final punctuation (and closing quotes). */
export function citeInSentenceEdit(document: TextDocumentLike, sentence: Range, keys: readonly string[]): TextEdit {
  const language = normaliseLanguage(document.languageId);
  const text = document.getText().slice(document.offsetAt(sentence.start), document.offsetAt(sentence.end));
  const at = document.positionAt(document.offsetAt(sentence.start) + citationOffset(text));
  return { range: { start: at, end: at }, newText: (language === 'latex' ? '~' : ' ') + citationInsertText([...keys], language) };
}

/** Where in a sentence a citation goes: before its final punctuation (and closing quotes). */
export function citationOffset(sentence: string): number {
  const trimmed = sentence.replace(/\s+$/u, '');
  const match = /[.!?…]+["'”’)\]]*$/u.exec(trimmed);
  return match ? match.index : trimmed.length;
}
