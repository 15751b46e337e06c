/** What every output format receives, and the counts they share. */
import * as path from 'node:path';
import type { Finding, Severity } from '../core/types';
import type { WorkspaceLintResult } from '../core/lint/lintWorkspace';
import { displayPath } from '../core/lint/displayPath';
import type { ExplainedFile } from './explain';

export interface LintReport {
  readonly result: WorkspaceLintResult;
  /** The findings to show (after --quiet). */
  readonly findings: readonly Finding[];
  readonly cwd: string;
  readonly version: string;
  /** ANSI colours (stylish only; on for a TTY unless NO_COLOR). */
  readonly color?: boolean;
  /** With --explain: every sentence's verdict and reasons (stylish and json show them). */
  readonly explained?: readonly ExplainedFile[];
}

export type Formatter = (report: LintReport) => string;

export interface SeverityCounts {
  readonly error: number;
  readonly warning: number;
  readonly info: number;
  readonly hint: number;
}

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** Supported claims as a percentage of claims, or undefined when there are no claims. */
export function coveragePercent(claims: number, supported: number): number | undefined {
  return claims === 0 ? undefined : Math.round((supported / claims) * 1000) / 10;
}

/** A path as people see it: relative to the working folder when inside it, with forward slashes. */
export function shownPath(file: string, cwd: string): string {
  return displayPath(path.resolve(cwd, file), cwd);
}

/** "files 3 · claims 42 · supported 30 · coverage 71.4%" */
export function summaryLine(report: LintReport): string {
  const { files, claims, supported } = report.result.stats;
  const coverage = coveragePercent(claims, supported);
  return `${plural(files, 'file')} checked · ${plural(claims, 'claim')} found · ${supported} supported · coverage ${coverage === undefined ? 'n/a' : `${coverage}%`}`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
