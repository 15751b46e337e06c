/**
 * `--explain`: every sentence's verdict with its reasons — why a sentence is a claim, and, for one
 * that is not, why not ("the writer's own aim or plan"). Positions are 1-based, as people read them.
 */
import type { WorkspaceLintResult } from '../core/lint/lintWorkspace';

export interface ExplainedSentence {
  readonly line: number;
  readonly column: number;
  readonly text: string;
  readonly claim: boolean;
  /** A claim with a citation in it (or in the citation-only sentence after it). */
  readonly supported: boolean;
  readonly score: number;
  readonly reasons: readonly string[];
}

export interface ExplainedFile {
  readonly file: string;
  readonly sentences: readonly ExplainedSentence[];
}

/** The sentences of each linted file; `textOf` gives a file's text (the CLI reads it again from disk). */
export function explainSentences(result: WorkspaceLintResult, textOf: (file: string) => string): ExplainedFile[] {
  return result.files.map((f) => {
    const lineStarts = lineStartsOf(textOf(f.file));
    return {
      file: f.file,
      sentences: f.result.claims.map((c) => {
        const { line, column } = positionOf(lineStarts, c.sentence.span.start);
        return {
          line,
          column,
          text: c.sentence.text,
          claim: c.score.claim,
          supported: c.supported,
          score: c.score.score,
          reasons: c.score.reasons,
        };
      }),
    };
  });
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function positionOf(lineStarts: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0, hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
}

/** "claim, cited" / "claim, no citation" / "not a claim", for people. */
export function verdictOf(s: ExplainedSentence): string {
  return s.claim ? (s.supported ? 'claim, cited' : 'claim, no citation') : 'not a claim';
}
