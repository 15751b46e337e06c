/** A real paper (test/fixtures/papers/01-moderndive) to lint, and the real claim scorer, counting what it is asked. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BibliographyIndex } from '../../../src/core/bibliography/index/bibliographyIndex';
import { parseBibliographyText } from '../../../src/core/bibliography/formats/parseText';
import { scoreClaim } from '../../../src/core/claims/scoreClaim';
import { createTextDocument } from '../../../src/core/document/textDocument';
import { defaultConfig } from '../../../src/core/lint/config';
import { lintDocument } from '../../../src/core/lint/lintDocument';
import type { ClaimInput, ClaimScore, ClaimScoreOptions } from '../../../src/core/types';

const PAPER = path.join(__dirname, '../../fixtures/papers/01-moderndive');
const bibFile = path.join(PAPER, 'paper.bib');
const bib = BibliographyIndex.fromFiles([parseBibliographyText(fs.readFileSync(bibFile, 'utf8'), bibFile)]);
export const paper = fs.readFileSync(path.join(PAPER, 'paper.md'), 'utf8');

/** The real scorer, counting the sentences it is asked about. */
export function countingScorer(): { score: (input: ClaimInput, options: ClaimScoreOptions) => ClaimScore; asked: string[] } {
  const asked: string[] = [];
  return { asked, score: (input, options) => (asked.push(input.text), scoreClaim(input, options)) };
}

/** Lints `text` as the paper (its bibliography, the default config). */
export const lintText = (text: string, options: Parameters<typeof lintDocument>[3] = {}) =>
  lintDocument(createTextDocument('file:///work/paper.md', 'markdown', text), bib, defaultConfig, options);
