/**
 * Benchmark libraries: the real 6,239-entry BibDesk library replicated with changed keys to 10k and
 * 50k entries (BibTeX), and the same as CSL-JSON. Written to .bench/ (gitignored), reused when present.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const SOURCE_BIB = '/work/shared/data/big/gsa_oes_matching_guide_big.bib';
export const BENCH_DIR = path.join(__dirname, '../../.bench');

interface SplitBib {
  /** @string macros, kept once at the top of every replica. */
  readonly header: string;
  /** One chunk per entry, starting at its "@". */
  readonly entries: string[];
}

function splitBib(text: string): SplitBib {
  const chunks = text.split(/^(?=@)/m);
  const header: string[] = [];
  const entries: string[] = [];
  for (const chunk of chunks) {
    if (/^@string\s*\{/i.test(chunk) || !chunk.startsWith('@')) header.push(chunk);
    else if (/^@(comment|preamble)\b/i.test(chunk)) header.push(chunk);
    else entries.push(chunk.endsWith('\n') ? chunk : `${chunk}\n`);
  }
  return { header: header.join(''), entries };
}

/** Copy k of an entry gets the key `<key>x<k>`: unique, and still a realistic key. */
function withCopyKey(chunk: string, copy: number): string {
  if (copy === 0) return chunk;
  return chunk.replace(/^(@\w+\s*\{\s*)([^,\s]+)/, (_, head: string, key: string) => `${head}${key}x${copy}`);
}

/** Writes (if missing) a BibTeX library of `size` entries; returns its path. */
export function replicatedBib(size: number): string {
  const out = path.join(BENCH_DIR, `library-${size}.bib`);
  if (fs.existsSync(out)) return out;
  fs.mkdirSync(BENCH_DIR, { recursive: true });
  const { header, entries } = splitBib(fs.readFileSync(SOURCE_BIB, 'utf8'));
  const parts = [header];
  for (let i = 0; i < size; i++) parts.push(withCopyKey(entries[i % entries.length]!, Math.floor(i / entries.length)));
  fs.writeFileSync(out, parts.join(''));
  return out;
}

/** Writes (if missing) a CSL-JSON library of `size` items replicated from `items`; returns its path. */
export function replicatedCslJson(size: number, items: readonly Record<string, unknown>[]): string {
  const out = path.join(BENCH_DIR, `library-${size}.json`);
  if (fs.existsSync(out)) return out;
  fs.mkdirSync(BENCH_DIR, { recursive: true });
  const copies: Record<string, unknown>[] = [];
  for (let i = 0; i < size; i++) {
    const item = items[i % items.length]!;
    const copy = Math.floor(i / items.length);
    copies.push(copy === 0 ? item : { ...item, id: `${String(item.id)}x${copy}` });
  }
  fs.writeFileSync(out, JSON.stringify(copies));
  return out;
}

/** The BibTeX text with one entry's title changed (for the re-index measurement). */
/**
 * What a save in BibDesk changes: one title (as editOneTitle), and the time in the header BibDesk
 * writes at the top of the file ("%% Created for … at 2024-12-06 21:26:13 -0600"), which the real
 * library has; a file without that header gains one.
 */
export function savedByBibDesk(text: string, entryNumber: number): string {
  const header = /^(%% Created for .* at )(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)/m;
  const time = new Date().toISOString().replace('T', ' ').slice(0, 19);
  const edited = editOneTitle(text, entryNumber);
  return header.test(edited) ? edited.replace(header, `$1${time}`) : `%% Created for the benchmark at ${time} +0000\n${edited}`;
}

export function editOneTitle(text: string, entryNumber: number): string {
  const chunks = text.split(/^(?=@)/m);
  let seen = 0;
  for (let i = 0; i < chunks.length; i++) {
    if (!/^@\w+\s*\{/.test(chunks[i]!) || /^@(string|comment|preamble)\b/i.test(chunks[i]!)) continue;
    if (seen++ === entryNumber) {
      chunks[i] = chunks[i]!.replace(/(\btitle\s*=\s*\{)/i, '$1Edited: ');
      break;
    }
  }
  return chunks.join('');
}
