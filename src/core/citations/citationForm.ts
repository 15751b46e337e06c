/**
 * Which citation form a document uses, so an inserted citation fits it: the form most of its
 * citations take, else the language's own.
 *  - 'hub': EdTech Hub author-year after ⇡, `(⇡Vegas, 2020; ⇡World Bank, 2016)`;
 *  - 'hub-link': the same as Markdown links to the Hub's library, `[⇡Vegas, 2020](https://docs.edtechhub.org/lib/KEY)`;
 *  - 'pandoc': `[@vegas2020]` (Markdown, Quarto, R Markdown and plain text by default);
 *  - 'latex': `\cite{vegas2020}` (LaTeX by default).
 */
import type { Citation, DocumentLanguage } from '../types';
import { findCitations } from './findCitations';

export type CitationForm = 'hub' | 'hub-link' | 'pandoc' | 'latex';

/** Ties go to the language's own form, then in this order. */
const TIE_ORDER: readonly CitationForm[] = ['hub-link', 'hub', 'pandoc', 'latex'];

export function documentCitationForm(
  text: string,
  language: DocumentLanguage,
  citations: readonly Citation[] = findCitations(text, language),
): CitationForm {
  const votes = new Map<CitationForm, number>();
  const vote = (form: CitationForm): void => void votes.set(form, (votes.get(form) ?? 0) + 1);
  // The text of each Markdown link to the Hub's library: its ⇡ author-year is part of the link form.
  const linkTexts: [number, number][] = [];
  for (const c of citations) {
    if (c.syntax !== 'hub-link') continue;
    const textStart = markdownLinkTextStart(text, c.span.start);
    if (textStart === undefined) continue;
    linkTexts.push([textStart, c.span.start]);
    vote('hub-link');
  }
  for (const c of citations) {
    if (c.syntax === 'pandoc' || c.syntax === 'latex') vote(c.syntax);
    else if (c.syntax === 'author-year' && c.items.some((item) => isHubMarked(text, item.span.start) && !linkTexts.some(([s, e]) => item.span.start >= s && item.span.start < e))) {
      vote('hub');
    }
  }
  const own: CitationForm = language === 'latex' ? 'latex' : 'pandoc';
  let best: CitationForm = own;
  for (const form of [own, ...TIE_ORDER]) if ((votes.get(form) ?? 0) > (votes.get(best) ?? 0)) best = form;
  return best;
}

/** Whether an item is written right after the Hub's ⇡ marker. */
export function isHubMarked(text: string, itemStart: number): boolean {
  return /⇡\s*$/.test(text.slice(Math.max(0, itemStart - 3), itemStart));
}

/** Where the `[text]` of a Markdown link whose target starts at `urlStart` begins, if it is one. */
function markdownLinkTextStart(text: string, urlStart: number): number | undefined {
  if (text.slice(urlStart - 2, urlStart) !== '](') return undefined;
  const open = text.lastIndexOf('[', urlStart - 2);
  return open >= 0 && !text.slice(open, urlStart - 2).includes('\n\n') ? open : undefined;
}
