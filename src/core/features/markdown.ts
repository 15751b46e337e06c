/**
 * Markdown for hovers and completion details, built as text (no editor's MarkdownString): prose from
 * bibliographies is escaped where Markdown would read it as syntax, and spaces stay spaces, so
 * references wrap and screen readers read them as written.
 */
import { HUB_LIBRARY_URL } from '../bibliography/formats/hubKeys';
import { evidenceLabel, evidenceProfile } from '../evidence/evidenceKind';
import type { BibEntry } from '../types';

/** Escapes the characters Markdown would read as emphasis, links, HTML, code or tables. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~]/g, '\\$&')
    .replace(/^(\s*)([#+-]|\d+\.)(?=\s)/gm, '$1\\$2')
    .replace(/\r?\n/g, '  \n');
}

/** Links a reader can follow: DOI, URL and the Hub evidence library page. */
export function entryLinks(entry: BibEntry): { label: string; url: string }[] {
  const links: { label: string; url: string }[] = [];
  if (entry.doi) links.push({ label: `doi:${entry.doi}`, url: `https://doi.org/${entry.doi}` });
  if (entry.url && !links.some((l) => l.url === entry.url)) links.push({ label: 'Link', url: entry.url });
  if (entry.hubKey) links.push({ label: 'EdTech Hub library', url: `${HUB_LIBRARY_URL}${entry.hubKey}` });
  return links;
}

export interface EntryMarkdownOptions {
  /** Show the abstract (completion details). */
  readonly abstract?: boolean;
  /** How the entry fits the sentence citing it (hover): the words they share. */
  readonly fit?: { readonly shared: readonly string[] };
  /** The year "how old" is counted from (tests fix it). */
  readonly currentYear?: number;
}

/** One entry: its key, what kind of evidence it is, its formatted reference, links; optionally its fit and abstract. */
export function entryMarkdown(entry: BibEntry, reference: string, options: EntryMarkdownOptions = {}): string {
  const parts = [`**${codeSpan(entry.key)}** · ${escapeMarkdown(evidenceLabel(evidenceProfile(entry, options.currentYear)))}`, escapeMarkdown(reference)];
  if (options.fit) parts.push(fitLine(options.fit.shared));
  const links = entryLinks(entry);
  if (links.length > 0) parts.push(links.map((l) => `[${escapeLinkLabel(l.label)}](${safeUrl(l.url)})`).join(' · '));
  if (options.abstract && entry.abstract) {
    parts.push('---', escapeMarkdown(entry.abstract.length > 1200 ? `${entry.abstract.slice(0, 1200)}…` : entry.abstract));
  }
  return parts.join('\n\n');
}

/** What the entry shares with the sentence that cites it (a reviewer's "does it say that?"). */
function fitLine(shared: readonly string[]): string {
  if (shared.length === 0) return '⚠ *Shares no word with the sentence citing it: does it support the claim?*';
  return `*Shares with the sentence:* ${shared.slice(0, 5).map((w) => escapeMarkdown(w)).join(', ')}`;
}

/** `text` as inline code, with enough backticks around it that none inside ends it. */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return longest > 0 ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}

function escapeLinkLabel(label: string): string {
  return label.replace(/[[\]\\]/g, '\\$&');
}

/** URLs from bibliographies can hold spaces or stray characters; keep the Markdown link intact. */
function safeUrl(url: string): string {
  try {
    return encodeURI(decodeURI(url)).replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'));
  } catch {
    return encodeURI(url);
  }
}
