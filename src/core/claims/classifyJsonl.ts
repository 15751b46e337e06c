/**
 * Batch claim classification over JSON Lines, for `evidence-lint --classify FILE.jsonl`.
 *
 * Input: one JSON object per line with a string `text` field and, optionally, its context as
 * strings: `context_before` (the previous sentence of its paragraph), `heading` (the heading it sits
 * under) and `list_intro` (the sentence that introduced its list). Other fields are ignored.
 * Output: exactly one line per input line, in order:
 *   {"claim": true|false, "score": 0..1, "reasons": [...]}
 * A bad input line (not JSON, not an object, no string `text`, blank) becomes an error line
 *   {"error": "line 3: not valid JSON (Unexpected token …)"}
 * so output stays aligned with input; callers count the errors and the CLI exits non-zero at the
 * end if there were any. Line numbers are 1-based.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { ClaimInput, ClaimScoreOptions } from '../types';
import { scoreClaim } from './scoreClaim';

export interface ClassifiedLine {
  /** The JSON line to write (without a newline). */
  readonly output: string;
  /** Set when the input line was bad; the same message is inside `output`. */
  readonly error?: string;
}

export interface ClassifySummary {
  readonly lines: number;
  readonly errors: number;
}

/** Input fields that carry context, and where they go in the scorer's input. */
const CONTEXT_FIELDS = [
  ['context_before', 'contextBefore'],
  ['heading', 'heading'],
  ['list_intro', 'listIntro'],
] as const;

/** Classifies one input line; `lineNumber` is 1-based and only used in error messages. */
export function classifyJsonlLine(line: string, lineNumber: number, options: ClaimScoreOptions = {}): ClassifiedLine {
  const fail = (why: string): ClassifiedLine => {
    const error = `line ${lineNumber}: ${why}`;
    return { output: JSON.stringify({ error }), error };
  };
  if (!line.trim()) return fail('blank line (expected a JSON object with a "text" field)');
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    return fail(`not valid JSON (${(e as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('not a JSON object');
  const row = value as Record<string, unknown>;
  if (typeof row.text !== 'string') return fail('no string "text" field');
  const input: { -readonly [K in keyof ClaimInput]: ClaimInput[K] } = { text: row.text };
  for (const [field, key] of CONTEXT_FIELDS) {
    const v = row[field];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') return fail(`"${field}" must be a string`);
    input[key] = v;
  }
  const { claim, score, reasons } = scoreClaim(input, options);
  return { output: JSON.stringify({ claim, score, reasons }) };
}

/** Pure form: one output line per input line, in order (see the module comment for error lines). */
export function classifyJsonlLines(lines: readonly string[], options: ClaimScoreOptions = {}): string[] {
  return lines.map((line, i) => classifyJsonlLine(line, i + 1, options).output);
}

/** Splits a whole file's text into lines, ignoring the newline that ends the last line. */
export function jsonlTextLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Streaming form for big files: reads `input` line by line, writes one line per input line to
 * `output` (honouring back-pressure), and resolves with how many lines and errors there were.
 * Does not end `output` (it may be stdout).
 */
export async function classifyJsonlStream(
  input: Readable,
  output: Writable,
  options: ClaimScoreOptions = {},
): Promise<ClassifySummary> {
  const reader = createInterface({ input, crlfDelay: Infinity });
  let lines = 0;
  let errors = 0;
  for await (const line of reader) {
    lines++;
    const result = classifyJsonlLine(line, lines, options);
    if (result.error) errors++;
    if (!output.write(result.output + '\n')) {
      await new Promise<void>((resolve) => output.once('drain', resolve));
    }
  }
  return { lines, errors };
}
