import type { BibProblem, BibProblemCode, Severity } from '../../types';

/** Builds a BibProblem; `line`/`column` are 1-based and default to the start of the file. */
export function bibProblem(
  code: BibProblemCode,
  severity: Severity,
  file: string,
  message: string,
  line = 1,
  column = 1,
  key?: string,
): BibProblem {
  const problem: BibProblem = { code, severity, message, location: { file, line, column } };
  return key === undefined ? problem : { ...problem, key };
}

/** 1-based line/column lookups for offsets in a text, built once per text. */
export class LineIndex {
  private readonly starts: number[] = [0];

  /** `firstLine`: the number of the text's first line (a stretch of a file starts further down). */
  constructor(
    text: string,
    private readonly firstLine = 1,
  ) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** Line of a UTF-16 offset. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + this.firstLine;
  }

  /** 1-based column of a UTF-16 offset. */
  columnOf(offset: number): number {
    return offset - this.starts[this.lineOf(offset) - this.firstLine] + 1;
  }

  /** Offset where a line starts. */
  startOf(line: number): number {
    return this.starts[Math.min(Math.max(line - this.firstLine + 1, 1), this.starts.length) - 1];
  }

  get lineCount(): number {
    return this.starts.length;
  }
}

/** A short, single-line version of an exception's message for people. */
export function shortReason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const firstLine = text.split('\n')[0].trim();
  return firstLine.length > 160 ? `${firstLine.slice(0, 157)}…` : firstLine;
}
