/**
 * EdTech Hub evidence-library links: `https://docs.edtechhub.org/lib/ABCD1234` as a bare URL or
 * as the target of a Markdown link, and Hub DOIs (`10.53832/edtechhub.0176`). The citation's span
 * is the URL only, so an author-year citation written as the link's text stays a separate citation.
 */
import type { Citation } from '../types';

const HUB_LIBRARY_URL = /(?:https?:\/\/)?docs\.edtechhub\.org\/lib\/(?<key>[A-Za-z0-9]{8})(?![A-Za-z0-9])(?:[/?#][^\s)\]<>"'`]*)?/g;
const HUB_DOI = /(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)?10\.53832\/(?<suffix>edtechhub\.[A-Za-z0-9._-]*[A-Za-z0-9])/gi;

/**
 * False when `text` cannot hold a Hub link (neither the library path nor the Hub DOI prefix occurs),
 * so callers can skip preparing text for findHubLinkCitations. Masking only blanks characters, so
 * the answer for a text holds for every masked copy of it.
 */
export function mayContainHubLinks(text: string): boolean {
  return text.includes('docs.edtechhub.org/lib/') || text.includes('10.53832/');
}

export function findHubLinkCitations(masked: string): Citation[] {
  const citations: Citation[] = [];
  for (const m of masked.matchAll(HUB_LIBRARY_URL)) {
    const key = m.groups?.key ?? '';
    const keyStart = m.index + m[0].indexOf('/lib/') + 5;
    citations.push({
      syntax: 'hub-link',
      span: { start: m.index, end: m.index + m[0].length },
      items: [{ text: key, span: { start: keyStart, end: keyStart + key.length }, hubKey: key.toUpperCase() }],
    });
  }
  for (const m of masked.matchAll(HUB_DOI)) {
    const suffix = m.groups?.suffix ?? '';
    const start = m.index + m[0].length - suffix.length;
    citations.push({
      syntax: 'hub-link',
      span: { start: m.index, end: m.index + m[0].length },
      items: [{ text: suffix, span: { start, end: start + suffix.length }, hubKey: suffix.toLowerCase() }],
    });
  }
  return citations.sort((a, b) => a.span.start - b.span.start);
}
