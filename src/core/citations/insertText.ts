/**
 * The text to insert for citing `keys`: Pandoc `[@a; @b]` in Markdown-family documents and plain
 * text, `\cite{a,b}` in LaTeX; just the keys when the cursor is already inside the brackets/braces.
 */
import type { DocumentLanguage } from '../types';
import { keyNeedsBraces } from './pandoc';

export { keyNeedsBraces };

export function pandocKeyReference(key: string): string {
  return keyNeedsBraces(key) ? `@{${key}}` : `@${key}`;
}

export function citationInsertText(
  keys: string[],
  language: DocumentLanguage,
  context: { insideBrackets?: boolean } = {},
): string {
  const clean = keys.map((k) => k.trim()).filter((k) => k.length > 0);
  if (clean.length === 0) return '';
  if (language === 'latex') {
    const list = clean.join(',');
    return context.insideBrackets ? list : `\\cite{${list}}`;
  }
  const list = clean.map(pandocKeyReference).join('; ');
  return context.insideBrackets ? list : `[${list}]`;
}
