/**
 * Human output: one line per finding, `path:line:col  severity  message  rule-id` (clickable in
 * terminals and VS Code), grouped by file, then the problem count and claim coverage.
 */
import type { Finding } from '../../core/types';
import { verdictOf } from '../explain';
import { countBySeverity, type Formatter, plural, shownPath, summaryLine } from '../report';

const ANSI = { red: '\x1b[31m', yellow: '\x1b[33m', blue: '\x1b[34m', dim: '\x1b[2m', bold: '\x1b[1m', reset: '\x1b[0m' };

export const formatStylish: Formatter = (report) => {
  const paint = (code: string, s: string) => (report.color ? `${code}${s}${ANSI.reset}` : s);
  const lines: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  for (const [file, findings] of byFile) {
    const shown = shownPath(file, report.cwd);
    lines.push(paint(ANSI.bold, shown));
    for (const f of findings) {
      const where = `${shown}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
      const severity = f.severity.padEnd(7);
      const colour = f.severity === 'error' ? ANSI.red : f.severity === 'warning' ? ANSI.yellow : ANSI.blue;
      lines.push(`  ${where}  ${paint(colour, severity)}  ${f.message}  ${paint(ANSI.dim, f.ruleId)}`);
    }
    lines.push('');
  }
  for (const file of report.explained ?? []) {
    const shown = shownPath(file.file, report.cwd);
    lines.push(paint(ANSI.bold, `${shown} (explained)`));
    for (const s of file.sentences) {
      const text = s.text.length > 80 ? `${s.text.slice(0, 80).replace(/\s+\S*$/, '')}…` : s.text;
      lines.push(`  ${shown}:${s.line}:${s.column}  ${verdictOf(s)} (${s.score.toFixed(2)}): ${s.reasons.join('; ') || '–'}  ${paint(ANSI.dim, `"${text.replace(/\s+/g, ' ')}"`)}`);
    }
    lines.push('');
  }
  const c = countBySeverity(report.findings);
  const total = report.findings.length;
  if (total === 0) lines.push('No problems found.');
  else {
    const parts = [plural(c.error, 'error'), plural(c.warning, 'warning')];
    if (c.info + c.hint) parts.push(`${c.info + c.hint} info`);
    lines.push(paint(c.error ? ANSI.red : ANSI.yellow, `✖ ${plural(total, 'problem')} (${parts.join(', ')})`));
  }
  lines.push(summaryLine(report));
  return lines.join('\n') + '\n';
};
