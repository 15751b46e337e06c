/**
 * Where and why JSON text is invalid, for messages that name the line. JSON.parse gives a position for
 * some errors only (Node 20: "Unexpected token '}', …" has none), so the text is re-read with
 * jsonc-parser (VS Code's own JSON scanner: small, no dependencies, error offsets for every case; its ESM build,
 * because esbuild cannot follow the UMD build's dynamic requires).
 * Only called after JSON.parse has failed, so the fast path stays JSON.parse.
 */
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser/lib/esm/main.js';

export interface JsonSyntaxError {
  /** 1-based line and column of the first error. */
  readonly line: number;
  readonly column: number;
  readonly offset: number;
  /** e.g. "value expected", "comma expected", "property name expected". */
  readonly reason: string;
}

const READABLE: Readonly<Record<string, string>> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'property name expected',
  ValueExpected: 'value expected',
  ColonExpected: 'colon expected',
  CommaExpected: 'comma expected',
  CloseBraceExpected: 'closing brace } expected',
  CloseBracketExpected: 'closing bracket ] expected',
  EndOfFileExpected: 'end of file expected (extra text after the JSON value)',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid \\u escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in a string',
};

/** The first syntax error in strict JSON (no comments, no trailing commas), or undefined if the text is valid. */
export function jsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const errors: ParseError[] = [];
  try {
    parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch {
    // jsonc-parser recurses per nesting level: thousands of unclosed brackets overflow the stack.
    return { offset: 0, line: 1, column: 1, reason: 'nested too deeply to read' };
  }
  const first = errors[0];
  if (!first) return undefined;
  const offset = Math.min(first.offset, text.length);
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  const name = printParseErrorCode(first.error);
  return { offset, line: before.split('\n').length, column: offset - lineStart + 1, reason: READABLE[name] ?? name };
}
