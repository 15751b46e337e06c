/**
 * Claim scores kept in a cache folder between runs (evidence-lint --cache): a CI job lints mostly the
 * same sentences on every push, and scoring them is the largest part of a lint once the bibliography
 * comes from the cache. A score is reused only by the same scorer build (`scorer`: the CLI names its
 * bundle by hash), for the same sentence, context and options (ClaimScoreCache's key, hashed: the
 * file holds no document text).
 *
 * The file: a header line (format, scorer, SHA-1 of the rest), then the scores as one JSON line. A
 * file that fails its check (truncated, bit-flipped, zero-filled) is reported once and ignored, so a
 * damaged file never gives a wrong score; it is rewritten after the run. It is written atomically (see
 * writeAtomically); a folder that cannot be written is reported once, and the lint goes on without
 * keeping scores.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { ClaimScore } from '../types';
import { writeAtomically } from '../io/writeAtomically';
import type { Log } from '../log';
import type { ClaimScoreCache } from './claimScoreCache';

const FORMAT = 1;
export const KEPT_SCORES_FILE = 'claim-scores.json';

interface Header {
  readonly format: number;
  readonly scorer: string;
  readonly sha1: string;
}

/** Each score as [key hash, 1 if a claim else 0, score, ...indices into `reasons`]. */
interface Body {
  readonly reasons: string[];
  readonly scores: (string | number)[][];
}

export class KeptClaimScores {
  private readonly file: string;
  private writeFailed = false;

  constructor(
    dir: string,
    private readonly scorer: string,
    private readonly log: Log,
  ) {
    this.file = path.join(dir, KEPT_SCORES_FILE);
  }

  /** Fills `cache` with the scores an earlier run of the same scorer kept. Never throws. */
  async loadInto(cache: ClaimScoreCache): Promise<void> {
    const text = await readFile(this.file, 'utf8').catch(() => undefined);
    if (text === undefined) return;
    const read = parseKept(text, this.scorer);
    if ('damage' in read) this.log.warn(`The kept claim scores ${this.file} are damaged (${read.damage}): scoring afresh and rewriting them.`);
    else if ('scores' in read) cache.addKept(read.scores);
  }

  /** Writes what `cache` keeps, when it scored anything new. Never throws. */
  async save(cache: ClaimScoreCache): Promise<void> {
    if (this.writeFailed || !cache.changed) return;
    try {
      // (The folder is made here too: a run that read no bibliography has made no cache slot in it.)
      await mkdir(path.dirname(this.file), { recursive: true });
      await writeAtomically(this.file, [Buffer.from(formatKept(cache.toKeep(), this.scorer))]);
    } catch (error) {
      this.writeFailed = true;
      this.log.warn(`Cannot keep claim scores in ${path.dirname(this.file)} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): they are scored afresh next time.`);
    }
  }
}

export function formatKept(scores: ReadonlyMap<string, ClaimScore>, scorer: string): string {
  const reasons: string[] = [];
  const reasonIndex = new Map<string, number>();
  const indexOf = (reason: string): number => {
    let i = reasonIndex.get(reason);
    if (i === undefined) reasonIndex.set(reason, (i = reasons.push(reason) - 1));
    return i;
  };
  const rows = [...scores].map(([hash, s]) => [hash, s.claim ? 1 : 0, s.score, ...s.reasons.map(indexOf)]);
  const body = JSON.stringify({ reasons, scores: rows } satisfies Body);
  const header: Header = { format: FORMAT, scorer, sha1: sha1(body) };
  return `${JSON.stringify(header)}\n${body}\n`;
}

/** The scores of a kept file; `other` when another scorer (or format) wrote it; `damage` when it fails its checks. */
export function parseKept(text: string, scorer: string): { scores: Map<string, ClaimScore> } | { other: true } | { damage: string } {
  const newline = text.indexOf('\n');
  const header = parseJson(newline < 0 ? text : text.slice(0, newline)) as Partial<Header> | undefined;
  if (!header || typeof header !== 'object' || typeof header.scorer !== 'string' || typeof header.sha1 !== 'string') return { damage: 'no header' };
  if (header.format !== FORMAT || header.scorer !== scorer) return { other: true };
  const body = text.slice(newline + 1).replace(/\n$/, '');
  if (sha1(body) !== header.sha1) return { damage: 'its checksum does not match' };
  const parsed = parseJson(body) as Partial<Body> | undefined;
  if (!parsed || !Array.isArray(parsed.reasons) || !Array.isArray(parsed.scores)) return { damage: 'no scores' };
  const { reasons } = parsed;
  const scores = new Map<string, ClaimScore>();
  for (const row of parsed.scores) {
    const [hash, claim, score, ...why] = Array.isArray(row) ? row : [];
    const valid =
      typeof hash === 'string' && (claim === 0 || claim === 1) && typeof score === 'number' && why.every((i) => typeof i === 'number' && typeof reasons[i] === 'string');
    if (!valid) return { damage: 'a score of the wrong shape' };
    scores.set(hash, { claim: claim === 1, score, reasons: why.map((i) => reasons[i as number] as string) });
  }
  return { scores };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}
