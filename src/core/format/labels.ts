/**
 * Short, CSL-free labels for an entry, as EdTech Hub writes them: one name ("Selwyn"), two joined by
 * "&" ("Major & Francis"), three listed ("Hennessy, Jordan & Wagner"), "et al." from four ("Webb et
 * al."), corporate authors as written ("World Bank"), the year label with its suffix letter ("2016b").
 * The three-name rule is the Hub's, not APA 7's (which writes "Hennessy et al." from three): its own
 * three-author position paper is cited "⇡Hennessy, Jordan & Wagner (2021)", its four-author review
 * "⇡Webb et al., 2020" (the published cites in the Hub bibliography's notes; the one exception is a
 * third-party work, "⇡Liyanagunawardena, et al., 2013"). One place for the completion list, the picker,
 * the panel, lint messages, quick fixes, inserted citations and the plain-reference fallback.
 */
import type { BibEntry, Person } from '../types';

/** "Hennessy, Jordan & Wagner"; editors when there are no authors; '' when there is neither. */
export function authorNames(entry: BibEntry): string {
  const people: readonly Person[] = entry.authors.length > 0 ? entry.authors : entry.editors ?? [];
  const names = people.map((p) => p.family ?? p.literal ?? p.given ?? '').filter(Boolean);
  if (names.length === 0) return '';
  if (names.length === 1) return names[0]!;
  if (names.length <= 3) return `${names.slice(0, -1).join(', ')} & ${names[names.length - 1]}`;
  return `${names[0]} et al.`;
}

/** "2016b", "2021", or "n.d." when the entry has no date. */
export function yearLabelOf(entry: BibEntry): string {
  return entry.yearLabel ?? (entry.year !== undefined ? String(entry.year) : 'n.d.');
}

/** Who to name for an entry: its authors, else the first words of its title, else its key. */
function citedName(entry: BibEntry): string {
  return authorNames(entry) || shortTitle(entry.title) || entry.key;
}

/** "Hennessy, Jordan & Wagner (2021)": the label of an entry in lists, hovers and the panel. */
export function citationLabel(entry: BibEntry): string {
  return `${citedName(entry)} (${yearLabelOf(entry)})`;
}

/** "Hennessy, Jordan & Wagner, 2021": the text the Hub writes after its ⇡ marker. */
export function hubCitationText(entry: BibEntry): string {
  return `${citedName(entry)}, ${yearLabelOf(entry)}`;
}

/** "Hennessy, Jordan & Wagner (2021). Title. Container. Publisher." — when no CSL engine is at hand. */
export function plainReference(entry: BibEntry): string {
  return [citationLabel(entry), entry.title, entry.container, entry.publisher]
    .filter((part): part is string => Boolean(part))
    .map((part) => part.replace(/[.\s]+$/u, ''))
    .join('. ') + '.';
}

/** A title's first four words, with an ellipsis when cut: for entries that have no author. */
export function shortTitle(title: string | undefined): string | undefined {
  const words = title?.split(/\s+/).filter(Boolean) ?? [];
  if (words.length === 0) return undefined;
  return words.length <= 4 ? words.join(' ') : `${words.slice(0, 4).join(' ').replace(/[,:;.–-]+$/u, '')}…`;
}
