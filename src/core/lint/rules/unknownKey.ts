/**
 * unknown-key: a citation item that resolves to no bibliography entry — a key missing from the
 * bibliography, an author-year citation no entry matches, or a Hub link to an unknown library key.
 */
import type { BibEntry, CitationItem } from '../../types';
import { runAtOnce, type Steps } from '../../scheduling/timeSlices';
import { entryLabel, suggestByAuthor, suggestKeys } from '../suggest';
import type { DocumentContext, DocumentRule, RuleFinding } from './rule';

export const unknownKey: DocumentRule = {
  id: 'unknown-key',
  description: 'A citation names a key (or author and year) that is not in the bibliography.',
  defaultLevel: 'error',
  scope: 'document',
  check(ctx) {
    return runAtOnce(unknownKeySteps(ctx));
  },
  steps: unknownKeySteps,
};

/** Suggestions search the whole library: for hundreds of unknown keys, in steps that may pause. */
function* unknownKeySteps(ctx: DocumentContext): Steps<RuleFinding[]> {
  const findings: RuleFinding[] = [];
  // In a document that cites by key, "Smith (2019)" without ⇡ is prose (Pandoc and LaTeX do not
  // treat it as a citation either), so only ⇡-marked author-year text must match an entry.
  const citesByKey = ctx.citations.some(({ citation }) => citation.syntax === 'pandoc' || citation.syntax === 'latex');
  let prepared = false;
  for (const { citation, resolved } of ctx.citations) {
    for (const [i, item] of citation.items.entries()) {
      if ((resolved[i]?.length ?? 0) > 0) continue;
      if (item.authorYear && citesByKey && !isHubMarked(ctx.text, item.span.start)) continue;
      if (!prepared) {
        yield* ctx.bib.prepareSuggestions();
        prepared = true;
      }
      findings.push(findingFor(ctx, item));
      yield;
    }
  }
  return findings;
}

function findingFor(ctx: DocumentContext, item: CitationItem): RuleFinding {
  const base = { file: ctx.file, range: ctx.rangeOf(item.span.start, item.span.end), offset: item.span.start };
  if (item.authorYear) {
    const { names, year, etAl } = item.authorYear;
    const near = suggestByAuthor(names[0] ?? '', year, ctx.bib);
    const written = `${names.join(', ')}${etAl ? ' et al.' : ''}, ${year}`;
    return {
      ...base,
      message: `No bibliography entry matches "${written}"${didYouMean(near)}`,
      suggestions: near.map((e) => e.key),
    };
  }
  if (item.hubKey && !item.key) {
    const what = item.hubKey.includes('.') ? `DOI "10.53832/${item.hubKey}"` : `library key "${item.hubKey}"`;
    return { ...base, message: `No bibliography entry has the EdTech Hub ${what}` };
  }
  const key = item.key ?? item.text;
  const near = suggestKeys(key, ctx.bib);
  const entries = near.map((k) => ctx.bib.get(k)).filter((e): e is BibEntry => !!e);
  return {
    ...base,
    message: `Citation key "${key}" is not in the bibliography${didYouMean(entries)}`,
    suggestions: near,
  };
}

/** Whether the author-year item is written with the Hub's ⇡ marker just before it. */
function isHubMarked(text: string, itemStart: number): boolean {
  return /⇡\s*$/.test(text.slice(Math.max(0, itemStart - 3), itemStart));
}

function didYouMean(entries: readonly BibEntry[]): string {
  if (!entries.length) return '';
  return `; did you mean ${entries.map((e) => `${e.key} (${entryLabel(e)})`).join(', ')}?`;
}
