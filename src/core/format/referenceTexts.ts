/**
 * Formatted references for hovers, completion details and the panel: formatted once per entry and
 * style (the CSL engine takes seconds to start and ~1 ms an entry after), remembered until the
 * bibliography changes, and never waited for long: a plain reference stands in meanwhile.
 */
import type { BibEntry } from '../types';
import type { CitationStyle } from './formatReference';
import { plainReference } from './labels';
import type { Log } from '../log';

/** Formats one reference as plain text (in this thread, or in a worker). */
export type FormatReference = (entry: BibEntry, style: CitationStyle) => Promise<string>;

/** How long a hover or completion detail waits for the CSL engine before showing the plain reference. */
const FORMAT_WAIT_MS = 1500;
const MAX_REMEMBERED = 20_000;

export class ReferenceTexts {
  private readonly formatted = new Map<string, string>();

  constructor(
    private readonly formatter: FormatReference,
    private readonly log: Log,
  ) {}

  /** The reference in `style`; the plain one if formatting fails or takes too long (the late result is kept for next time). */
  async text(entry: BibEntry, style: CitationStyle): Promise<string> {
    const id = idOf(entry, style);
    const known = this.formatted.get(id);
    if (known !== undefined) return known;
    const fallback = plainReference(entry);
    const formatting = this.formatter(entry, style).then(
      (text) => {
        const result = text.trim() || fallback;
        this.remember(id, result);
        return result;
      },
      (error: unknown) => {
        this.log.warn(`Could not format ${entry.key}: ${String(error)}`);
        return fallback;
      },
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve(fallback), FORMAT_WAIT_MS);
      timer.unref();
    });
    try {
      return await Promise.race([formatting, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The reference if already formatted, else the plain one: for callers that must not wait. */
  cached(entry: BibEntry, style: CitationStyle): string {
    return this.formatted.get(idOf(entry, style)) ?? plainReference(entry);
  }

  /** The bibliography changed: entries with the same key may now read differently. */
  clear(): void {
    this.formatted.clear();
  }

  private remember(id: string, text: string): void {
    this.formatted.set(id, text);
    if (this.formatted.size > MAX_REMEMBERED) this.formatted.delete(this.formatted.keys().next().value as string);
  }
}

function idOf(entry: BibEntry, style: CitationStyle): string {
  const styleId = typeof style === 'string' ? style : style.cslFile;
  return `${styleId}\u0000${entry.location.file}\u0000${entry.key}`;
}
