/**
 * Every conversion between the core's editor-neutral types and VS Code's types, in one place.
 */
import * as vscode from 'vscode';
import type {
  BibProblem,
  DocumentLanguage,
  Finding,
  Position,
  Range,
  Severity,
  SourceLocation,
  Span,
  TextDocumentLike,
} from '../core/types';
import { normaliseLanguage } from '../core/document/textDocument';

export const DIAGNOSTIC_SOURCE = 'evidence-lint';

export function toVsPosition(p: Position): vscode.Position {
  return new vscode.Position(p.line, p.character);
}

export function toVsRange(r: Range): vscode.Range {
  return new vscode.Range(toVsPosition(r.start), toVsPosition(r.end));
}

export function fromVsRange(r: vscode.Range): Range {
  return { start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } };
}

export function spanToRange(document: vscode.TextDocument, span: Span): vscode.Range {
  return new vscode.Range(document.positionAt(span.start), document.positionAt(span.end));
}

export function toVsSeverity(severity: Severity): vscode.DiagnosticSeverity {
  switch (severity) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    case 'info':
      return vscode.DiagnosticSeverity.Information;
    case 'hint':
      return vscode.DiagnosticSeverity.Hint;
  }
}

/** A diagnostic remembers its finding so code actions can read suggestions without re-linting. */
export interface EvidenceDiagnostic extends vscode.Diagnostic {
  finding?: Finding;
}

export function findingToDiagnostic(finding: Finding): EvidenceDiagnostic {
  const diagnostic: EvidenceDiagnostic = new vscode.Diagnostic(toVsRange(finding.range), finding.message, toVsSeverity(finding.severity));
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = finding.ruleId;
  diagnostic.finding = finding;
  return diagnostic;
}

/** A loading problem (1-based line) as a diagnostic on its line, e.g. a missing bibliography named in front matter. */
export function bibProblemToDiagnostic(problem: BibProblem): vscode.Diagnostic {
  const line = Math.max(0, problem.location.line - 1);
  const column = Math.max(0, problem.location.column - 1);
  const diagnostic = new vscode.Diagnostic(new vscode.Range(line, column, line, column + 1), problem.message, toVsSeverity(problem.severity));
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = problem.code;
  return diagnostic;
}

export function sourceLocationToVs(location: SourceLocation): vscode.Location {
  const line = Math.max(0, location.line - 1);
  const start = new vscode.Position(line, Math.max(0, location.column - 1));
  const end = location.endLine && location.endLine > location.line ? new vscode.Position(location.endLine - 1, 0) : start;
  return new vscode.Location(vscode.Uri.file(location.file), new vscode.Range(start, end));
}

export function languageOf(document: vscode.TextDocument): DocumentLanguage {
  return normaliseLanguage(document.languageId);
}

/** VS Code's TextDocument already has the shape the core needs; the uri is passed as a path. */
export function toTextDocumentLike(document: vscode.TextDocument): TextDocumentLike {
  return {
    uri: document.uri.scheme === 'file' ? document.uri.fsPath : document.uri.toString(),
    languageId: languageOf(document),
    version: document.version,
    getText: () => document.getText(),
    positionAt: (offset) => document.positionAt(offset),
    offsetAt: (position) => document.offsetAt(new vscode.Position(position.line, position.character)),
  };
}
