import type { BibEntry } from '../../types';

/**
 * Entries read back from the disk cache carry their CSL item as a JSON string, parsed the first time
 * something reads `entry.csl` (formatting a reference, posting the entry to another thread). A warm
 * start of 50,000 entries then builds 50,000 strings instead of ~1.5 million small objects, and
 * libraries that are only searched never pay for CSL items at all (time and memory).
 *
 * `csl` stays an own, enumerable property (an accessor that replaces itself with the parsed value), so
 * spreading, deepEqual and structured cloning (postMessage) see the same object as a fresh parse.
 */

/** The JSON a lazy entry was built from (non-enumerable: invisible to spreads, deepEqual and cloning). */
const CSL_JSON = Symbol('cslJson');

/** One getter shared by every lazy entry (no closure per entry): parses, then becomes a plain value. */
function parseCslOnce(this: { [CSL_JSON]?: string }): Record<string, unknown> {
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(this[CSL_JSON] ?? '{}') as Record<string, unknown>;
  } catch {
    value = {}; // a corrupt slot is rejected when read; this only guards against a broken invariant
  }
  Object.defineProperty(this, 'csl', { value, enumerable: true, configurable: true, writable: false });
  return value;
}

/** Gives `entry` a `csl` property parsed from `json` on first read. Returns the entry. */
export function attachLazyCsl<T extends object>(entry: T, json: string): T {
  Object.defineProperty(entry, CSL_JSON, { value: json, enumerable: false });
  Object.defineProperty(entry, 'csl', { configurable: true, enumerable: true, get: parseCslOnce });
  return entry;
}

/** The CSL item of `entry` as JSON, without parsing a lazy one. */
export function cslJsonOf(entry: BibEntry): string {
  return (entry as { [CSL_JSON]?: string })[CSL_JSON] ?? JSON.stringify(entry.csl ?? {});
}

/** True while `entry.csl` has not been read (for tests and the benchmark). */
export function cslIsPending(entry: BibEntry): boolean {
  const descriptor = Object.getOwnPropertyDescriptor(entry, 'csl');
  return descriptor !== undefined && descriptor.get !== undefined;
}

/** The entry at another location, its CSL item still unparsed if it was (a spread would parse it). */
export function relocated(entry: BibEntry, location: BibEntry['location']): BibEntry {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(entry)) if (key !== 'csl') copy[key] = (entry as unknown as Record<string, unknown>)[key];
  copy.location = location;
  if (!cslIsPending(entry)) return { ...copy, csl: entry.csl } as unknown as BibEntry;
  return attachLazyCsl(copy, cslJsonOf(entry)) as unknown as BibEntry;
}
