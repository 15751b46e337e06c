/** ambiguous-citation: an author-year citation that matches several entries (a reader cannot tell which). */
import { citationLabel } from '../../format/labels';
import type { DocumentRule, RuleFinding } from './rule';

const LISTED = 5;

export const ambiguousCitation: DocumentRule = {
  id: 'ambiguous-citation',
  description: 'An author-year citation matches several bibliography entries.',
  defaultLevel: 'warning',
  scope: 'document',
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const { citation, resolved } of ctx.citations) {
      citation.items.forEach((item, i) => {
        const entries = resolved[i] ?? [];
        if (entries.length < 2) return;
        const listed = entries.slice(0, LISTED).map((e) => `${e.key} (${citationLabel(e)}${e.title ? `: ${shorten(e.title)}` : ''})`);
        const more = entries.length > LISTED ? `, and ${entries.length - LISTED} more` : '';
        const year = item.authorYear?.year.replace(/[a-z]$/, '') ?? 'the year';
        findings.push({
          message: `"${item.text}" matches ${entries.length} entries: ${listed.join('; ')}${more}. Add a year suffix (${year}a, ${year}b) or cite by key`,
          file: ctx.file,
          range: ctx.rangeOf(item.span.start, item.span.end),
          offset: item.span.start,
          suggestions: entries.map((e) => e.key),
        });
      });
    }
    return findings;
  },
};

function shorten(title: string): string {
  return title.length > 60 ? `${title.slice(0, 57)}…` : title;
}
