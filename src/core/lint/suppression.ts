/**
 * Suppression comments, in the comment syntax of the document's language:
 *   <!-- evidence-lint-disable-next-line uncited-claim -->    (Markdown, Quarto, R Markdown, text)
 *   <!-- evidence-lint-disable-line -->
 *   <!-- evidence-lint-disable unknown-key --> … <!-- evidence-lint-enable -->
 *   A sentence. <!-- evidence-lint-disable-sentence uncited-claim -->
 *   % evidence-lint-disable-next-line uncited-claim          (LaTeX; the same forms)
 * Rules are separated by spaces or commas; no rule list means all rules. Text after ` -- ` is a
 * free-form reason and ignored. A finding is suppressed by the line it starts on, except that
 * `disable-sentence` switches off only the finding whose span (a sentence) the comment ends: a
 * paragraph written on one line keeps its other sentences checked.
 */
import type { DocumentLanguage, RuleId } from '../types';
import { RULE_IDS } from './config';

export type DirectiveKind = 'disable-next-line' | 'disable-line' | 'disable-sentence' | 'disable' | 'enable';

export interface SuppressionDirective {
  readonly kind: DirectiveKind;
  /** Rules named; empty means all rules. */
  readonly rules: readonly RuleId[];
  /** Names that are not rule ids (reported by nobody, kept for tooling). */
  readonly unknownRules: readonly string[];
  /** Offset of the comment's start. */
  readonly offset: number;
  /** 0-based line of the comment's start. */
  readonly line: number;
}

export interface Suppressions {
  readonly directives: readonly SuppressionDirective[];
  /**
   * Whether a finding of `ruleId` starting at `offset` is switched off by a comment; `end`, the end of
   * the finding's span, lets a `disable-sentence` comment right after it count.
   */
  isSuppressed(ruleId: RuleId, offset: number, end?: number): boolean;
}

const HTML_DIRECTIVE = /<!--\s*evidence-lint-(disable-next-line|disable-line|disable-sentence|disable|enable)(?![\w-])([\s\S]*?)-->/g;
// `%` starts a comment unless escaped as `\%`.
const LATEX_DIRECTIVE = /(?<!\\)%[ \t]*evidence-lint-(disable-next-line|disable-line|disable-sentence|disable|enable)(?![\w-])([^\n]*)/g;

export function parseSuppressions(text: string, language: DocumentLanguage): Suppressions {
  // Most documents have no directives: the line table is only built when one needs it.
  let lineStarts: number[] | undefined;
  const lineOf = (offset: number) => lineIndex((lineStarts ??= computeLineStarts(text)), offset);
  const pattern = language === 'latex' ? LATEX_DIRECTIVE : HTML_DIRECTIVE;
  const directives: SuppressionDirective[] = [];
  // An HTML directive needs a `-->` after it: searching only up to the last one keeps unclosed
  // `<!-- evidence-lint-…` openers from each scanning to the end (quadratic).
  const searched = language === 'latex' ? text : text.slice(0, text.lastIndexOf('-->') + 3);
  pattern.lastIndex = 0;
  for (let m = pattern.exec(searched); m; m = pattern.exec(searched)) {
    const { rules, unknownRules } = parseRuleList(m[2] ?? '');
    directives.push({ kind: m[1] as DirectiveKind, rules, unknownRules, offset: m.index, line: lineOf(m.index) });
  }

  // Line directives: line → rules (undefined entry in the set = all rules).
  const lineRules = new Map<number, Set<RuleId> | 'all'>();
  const addLine = (line: number, rules: readonly RuleId[]) => {
    const current = lineRules.get(line);
    if (current === 'all') return;
    if (rules.length === 0) return void lineRules.set(line, 'all');
    const set = current ?? new Set<RuleId>();
    for (const r of rules) set.add(r);
    lineRules.set(line, set);
  };

  // Sentence directives: where each comment starts, with the rules it names (empty = all).
  const sentenceDirectives: { offset: number; rules: readonly RuleId[] }[] = [];

  // Block directives become [start, end) regions per rule.
  const regions: { rule: RuleId; start: number; end: number }[] = [];
  const open = new Map<RuleId, number>();
  const closeRule = (rule: RuleId, end: number) => {
    const start = open.get(rule);
    if (start !== undefined) regions.push({ rule, start, end });
    open.delete(rule);
  };

  for (const d of directives) {
    // A comment that names only unknown rules switches nothing off (rather than everything).
    if (d.rules.length === 0 && d.unknownRules.length) continue;
    const named = d.rules.length ? d.rules : RULE_IDS;
    switch (d.kind) {
      case 'disable-line':
        addLine(d.line, d.rules);
        break;
      case 'disable-next-line':
        addLine(d.line + 1, d.rules);
        break;
      case 'disable-sentence':
        sentenceDirectives.push({ offset: d.offset, rules: d.rules });
        break;
      case 'disable':
        for (const r of named) if (!open.has(r)) open.set(r, d.offset);
        break;
      case 'enable':
        for (const r of named) closeRule(r, d.offset);
        break;
    }
  }
  for (const r of [...open.keys()]) closeRule(r, text.length);

  return {
    directives,
    isSuppressed(ruleId, offset, end) {
      if (lineRules.size === 0 && regions.length === 0 && sentenceDirectives.length === 0) return false;
      const onLine = lineRules.get(lineOf(offset));
      if (onLine === 'all' || onLine?.has(ruleId)) return true;
      if (end !== undefined && sentenceDirectives.some((d) => (d.rules.length === 0 || d.rules.includes(ruleId)) && endsSpan(text, offset, end, d.offset))) return true;
      return regions.some((g) => g.rule === ruleId && offset >= g.start && offset < g.end);
    },
  };
}

/** A comment at `at` ends the span [start, end) when it is inside it or follows it after white space only. */
function endsSpan(text: string, start: number, end: number, at: number): boolean {
  if (at < start) return false;
  if (at < end) return true;
  return /^\s*$/.test(text.slice(end, at));
}

function parseRuleList(raw: string): { rules: RuleId[]; unknownRules: string[] } {
  const withoutReason = raw.split(/\s--\s|\s--$/)[0] ?? '';
  const names = withoutReason
    .trim()
    .split(/[\s,]+/)
    .filter(Boolean);
  const rules: RuleId[] = [];
  const unknownRules: string[] = [];
  for (const n of names) {
    if ((RULE_IDS as readonly string[]).includes(n)) rules.push(n as RuleId);
    else unknownRules.push(n);
  }
  return { rules, unknownRules };
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) starts.push(nl + 1);
  return starts;
}

function lineIndex(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
