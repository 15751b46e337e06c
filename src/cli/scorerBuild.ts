/**
 * Which build of the claim scorer this evidence-lint runs, for the scores `--cache` keeps: the SHA-1
 * of the bundle (dist/cli.js holds the scorer's code and the weights trained with the word vectors),
 * with the size of the word vectors beside it (read only when a sentence is scored, so not read
 * here), so that a new version, or a rebuilt one, never reuses an older one's scores. Run from the
 * sources (tests, tsx) no one file holds the scorer: undefined, and no scores are kept.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

export function scorerBuild(bundle: string = __filename): string | undefined {
  if (!bundle.endsWith('.js')) return undefined;
  try {
    const vectors = statSync(path.join(path.dirname(bundle), 'word-vectors.json')).size;
    return `${createHash('sha1').update(readFileSync(bundle)).digest('hex')}-${vectors}`;
  } catch {
    return undefined;
  }
}
