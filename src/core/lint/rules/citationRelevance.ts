/**
 * citation-relevance (opt-in): a cited work whose own description — title, abstract, keywords,
 * container — shares no telling word with the sentence that cites it (works with no title, abstract or
 * keywords are not judged). Often the citation is right and
 * the entry says little (a title-only software entry), so this is information for a reviewer, off by
 * default; `npm run eval:relevance` gives its precision.
 */
import { citationLabel } from '../../format/labels';
import { hasDescription } from '../../relevance/citationRelevance';
import { scoreCitations } from '../../relevance/citedSentences';
import type { DocumentRule, RuleFinding } from './rule';

/**
 * A citation is flagged when its relevance score is at most this. 0 means "shares no word": on the
 * benchmark it flags 8% of real citations and 46% of random ones (precision 0.847); thresholds up to
 * 0.15 gave about the same precision (0.850), so the rule keeps the plainest meaning.
 */
export const RELEVANCE_THRESHOLD = 0;

export const citationRelevance: DocumentRule = {
  id: 'citation-relevance',
  description: "A cited work's title, abstract and keywords share no word with the sentence citing it.",
  defaultLevel: 'off',
  scope: 'document',
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const c of scoreCitations(ctx.text, ctx)) {
      // An entry with no title, abstract or keywords cannot share a word: nothing to judge.
      if (c.score > RELEVANCE_THRESHOLD || !hasDescription(c.entry)) continue;
      const title = c.entry.title ? `: "${shorten(c.entry.title)}"` : '';
      findings.push({
        message: `${citationLabel(c.entry)}${title} shares no word with the sentence that cites it; does it support the claim?`,
        file: ctx.file,
        range: ctx.rangeOf(c.item.span.start, c.item.span.end),
        offset: c.item.span.start,
      });
    }
    return findings;
  },
};

function shorten(title: string): string {
  return title.length > 80 ? `${title.slice(0, 77)}…` : title;
}
