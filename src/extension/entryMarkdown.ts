/**
 * How one bibliography entry is shown in hovers, completion documentation and pickers.
 */
import * as vscode from 'vscode';
import type { CitationStyle } from '../core/format/formatReference';
import type { BibEntry } from '../core/types';
import { formatWorker } from './coreWorkerClient';
import { log } from './log';

import { HUB_LIBRARY_URL } from '../core/bibliography/formats/hubKeys';
import { plainReference } from '../core/format/labels';

const formatted = new WeakMap<BibEntry, Map<string, string>>();
/** How long a hover or completion detail waits for the CSL engine before showing the plain reference. */
const FORMAT_WAIT_MS = 1500;

/**
 * The formatted reference in the chosen style (formatted in the worker thread, then cached), or a plain
 * fallback if formatting fails or is still warming up; the late result is cached for next time.
 */
export async function referenceText(entry: BibEntry, style: CitationStyle): Promise<string> {
  const styleKey = typeof style === 'string' ? style : style.cslFile;
  const cached = formatted.get(entry)?.get(styleKey);
  if (cached) return cached;
  const fallback = plainReference(entry);
  const formatting = formatWorker()
    .formatReference(entry, style)
    .then((text) => {
      const result = text.trim() || fallback;
      const byStyle = formatted.get(entry) ?? new Map<string, string>();
      byStyle.set(styleKey, result);
      formatted.set(entry, byStyle);
      return result;
    })
    .catch((error: unknown) => {
      log().warn(`Could not format ${entry.key}: ${String(error)}`);
      return fallback;
    });
  const timeout = new Promise<string>((resolve) => setTimeout(() => resolve(fallback), FORMAT_WAIT_MS).unref());
  return Promise.race([formatting, timeout]);
}

/** The reference already formatted in this style, if any: for callers that must not wait (the panel). */
export function cachedReferenceText(entry: BibEntry, style: CitationStyle): string | undefined {
  return formatted.get(entry)?.get(typeof style === 'string' ? style : style.cslFile);
}

/** Links a reader can follow: DOI, URL and the Hub evidence library page. */
export function entryLinks(entry: BibEntry): { label: string; url: string }[] {
  const links: { label: string; url: string }[] = [];
  if (entry.doi) links.push({ label: `doi:${entry.doi}`, url: `https://doi.org/${entry.doi}` });
  if (entry.url && !links.some((l) => l.url === entry.url)) links.push({ label: 'Link', url: entry.url });
  if (entry.hubKey) links.push({ label: 'EdTech Hub library', url: `${HUB_LIBRARY_URL}${entry.hubKey}` });
  return links;
}

/** Markdown for one entry: key, formatted reference, links, and optionally the abstract. */
export async function entryMarkdown(entry: BibEntry, style: CitationStyle, options: { abstract?: boolean } = {}): Promise<vscode.MarkdownString> {
  const md = new vscode.MarkdownString();
  appendEntry(md, entry, await referenceText(entry, style), options);
  return md;
}

export function appendEntry(md: vscode.MarkdownString, entry: BibEntry, reference: string, options: { abstract?: boolean } = {}): void {
  md.appendMarkdown(`**\`${entry.key}\`**\n\n`);
  md.appendText(reference);
  const links = entryLinks(entry);
  if (links.length > 0) {
    md.appendMarkdown('\n\n' + links.map((l) => `[${escapeLinkLabel(l.label)}](${safeUrl(l.url)})`).join(' · '));
  }
  if (options.abstract && entry.abstract) {
    md.appendMarkdown('\n\n---\n\n');
    md.appendText(entry.abstract.length > 1200 ? `${entry.abstract.slice(0, 1200)}…` : entry.abstract);
  }
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
