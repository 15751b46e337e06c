/** Machine-readable output: summary, per-file claim counts, findings with 1-based positions. */
import { countBySeverity, coveragePercent, type Formatter, shownPath } from '../report';

export const formatJson: Formatter = (report) => {
  const { result, cwd } = report;
  const counts = countBySeverity(report.findings);
  const out = {
    tool: { name: 'evidence-lint', version: report.version },
    summary: {
      files: result.stats.files,
      claims: result.stats.claims,
      supported: result.stats.supported,
      coverage: coveragePercent(result.stats.claims, result.stats.supported) ?? null,
      errors: counts.error,
      warnings: counts.warning,
      infos: counts.info,
      hints: counts.hint,
    },
    files: result.files.map((f, i) => ({
      file: shownPath(f.file, cwd),
      language: f.language,
      bibliography: f.bibliographyFiles.map((b) => shownPath(b, cwd)),
      claims: f.result.stats.claims,
      supported: f.result.stats.supported,
      // --explain: every sentence, claim or not, with the reasons for its verdict.
      ...(report.explained ? { sentences: report.explained[i]!.sentences } : {}),
    })),
    findings: report.findings.map((f) => ({
      file: shownPath(f.file, cwd),
      line: f.range.start.line + 1,
      column: f.range.start.character + 1,
      endLine: f.range.end.line + 1,
      endColumn: f.range.end.character + 1,
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      ...(f.suggestions ? { suggestions: f.suggestions } : {}),
      ...(f.reasons ? { reasons: f.reasons } : {}),
    })),
    notes: result.notes,
  };
  return JSON.stringify(out, null, 2) + '\n';
};
