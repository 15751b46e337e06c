/** Conversions between the core's editor-neutral types and LSP's, in one place. */
import { DiagnosticSeverity, type Diagnostic, type Location } from 'vscode-languageserver/node';
import { helpUri } from '../core/lint/rules/rule';
import type { Finding, RuleId, Severity, SourceLocation } from '../core/types';
import { pathToUri } from './lspWorkspace';

export const DIAGNOSTIC_SOURCE = 'evidence-lint';

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What a diagnostic carries back to the server in a code action request. */
interface FindingData {
  readonly suggestions?: readonly string[];
  readonly reasons?: readonly string[];
}

export function toDiagnostic(finding: Finding): Diagnostic {
  const data: FindingData = { ...(finding.suggestions ? { suggestions: finding.suggestions } : {}), ...(finding.reasons ? { reasons: finding.reasons } : {}) };
  return {
    range: finding.range,
    severity: SEVERITIES[finding.severity],
    code: finding.ruleId,
    codeDescription: { href: helpUri(finding.ruleId) },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    data,
  };
}

/** Our diagnostics as findings again (others' are left out), for code actions. */
export function toFinding(diagnostic: Diagnostic, file: string): Finding | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== 'string') return undefined;
  const data = (diagnostic.data ?? {}) as FindingData;
  const severity = (Object.keys(SEVERITIES) as Severity[]).find((s) => SEVERITIES[s] === diagnostic.severity) ?? 'warning';
  return {
    ruleId: diagnostic.code as RuleId,
    severity,
    message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
    file,
    range: diagnostic.range,
    ...(data.suggestions ? { suggestions: data.suggestions } : {}),
    ...(data.reasons ? { reasons: data.reasons } : {}),
  };
}

/** A bibliography entry's place (1-based line and column) as an LSP location spanning the entry. */
export function toLocation(location: SourceLocation): Location {
  const line = Math.max(0, location.line - 1);
  const start = { line, character: Math.max(0, location.column - 1) };
  const end = location.endLine && location.endLine > location.line ? { line: location.endLine - 1, character: 0 } : start;
  return { uri: pathToUri(location.file), range: { start, end } };
}
