/**
 * Entries as they cross a thread boundary (postMessage). A structured clone of 50,000 full entries
 * was ~85 MB and took the receiving thread ~1.7 s to read in one go; without their CSL items (sent
 * as JSON strings, parsed only when read, see lazyCsl) and in batches, each message is read in tens
 * of milliseconds and the receiver stays responsive.
 */
import type { BibEntry } from '../types';
import { attachLazyCsl, cslJsonOf } from './lazyCsl';

/** A BibEntry with its CSL item as a JSON string. */
export type TransferEntry = Omit<BibEntry, 'csl'> & { readonly cslJson: string };

/** Entries per message: small enough to read in ~25 ms, few enough that messaging costs nothing. */
export const TRANSFER_BATCH = 2_000;

/** The entry without its CSL object (not parsed if still lazy). */
export function toTransferEntry(entry: BibEntry): TransferEntry {
  const copy: Record<string, unknown> = {};
  // Own keys, reading every value but `csl`: reading it would parse a lazy item.
  for (const key of Object.keys(entry)) if (key !== 'csl') copy[key] = (entry as unknown as Record<string, unknown>)[key];
  copy.cslJson = cslJsonOf(entry);
  return copy as TransferEntry;
}

/** The entry back, its CSL item parsed on first read. */
export function fromTransferEntry(transfer: TransferEntry): BibEntry {
  const { cslJson, ...entry } = transfer;
  return attachLazyCsl(entry, cslJson) as unknown as BibEntry;
}

/** `entries` in batches of `size` for separate messages. */
export function* transferBatches(entries: readonly BibEntry[], size = TRANSFER_BATCH): Generator<TransferEntry[]> {
  for (let start = 0; start < entries.length; start += size) yield entries.slice(start, start + size).map(toTransferEntry);
}
