/**
 * GitHub Actions workflow commands: each finding becomes an annotation on the pull request
 * (`::warning file=…,line=…,col=…,title=…::message`), then a plain summary line.
 */
import type { Severity } from '../../core/types';
import { type Formatter, shownPath, summaryLine } from '../report';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** Escapes per the workflow-command rules: data escapes %, CR, LF; properties also : and ,. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export const formatGithub: Formatter = (report) => {
  const lines = report.findings.map((f) => {
    const props = [
      `file=${escapeProperty(shownPath(f.file, report.cwd))}`,
      `line=${f.range.start.line + 1}`,
      `col=${f.range.start.character + 1}`,
      `endLine=${f.range.end.line + 1}`,
      `endColumn=${f.range.end.character + 1}`,
      `title=${escapeProperty(`evidence-lint ${f.ruleId}`)}`,
    ];
    return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(f.message)}`;
  });
  lines.push(summaryLine(report));
  return lines.join('\n') + '\n';
};
