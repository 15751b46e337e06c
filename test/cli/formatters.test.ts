import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { formatGithub, escapeData, escapeProperty } from '../../src/cli/formatters/github';
import { formatJson } from '../../src/cli/formatters/json';
import { buildSarif, formatSarif } from '../../src/cli/formatters/sarif';
import { formatStylish } from '../../src/cli/formatters/stylish';
import type { LintReport } from '../../src/cli/report';
import type { WorkspaceLintResult } from '../../src/core/lint/lintWorkspace';
import { RULE_IDS } from '../../src/core/lint/config';
import type { Finding } from '../../src/core/types';

const cwd = path.resolve('/work/project');
const brief = path.join(cwd, 'docs', 'my brief.md');
const bib = path.join(cwd, 'refs.bib');

const findings: Finding[] = [
  {
    ruleId: 'uncited-claim',
    severity: 'warning',
    message: 'Claim cites no evidence: contains a statistic (45%); reports a finding',
    file: brief,
    range: { start: { line: 11, character: 0 }, end: { line: 12, character: 40 } },
    reasons: ['contains a statistic (45%)', 'reports a finding'],
  },
  {
    ruleId: 'unknown-key',
    severity: 'error',
    message: 'Citation key "hasler2020" is not in the bibliography; did you mean hassler2020 (Haßler et al. (2020))?',
    file: brief,
    range: { start: { line: 20, character: 4 }, end: { line: 20, character: 14 } },
    suggestions: ['hassler2020'],
  },
  {
    ruleId: 'duplicate-key',
    severity: 'error',
    message: 'Duplicate key "jordan2020", first defined on line 3',
    file: bib,
    range: { start: { line: 9, character: 0 }, end: { line: 9, character: 0 } },
  },
];

const result = {
  files: [],
  findings,
  errors: [],
  notes: [],
  ignored: [],
  stats: { files: 2, claims: 8, supported: 6, bytes: 1000 },
} as unknown as WorkspaceLintResult;

const report: LintReport = { result, findings, cwd, version: '9.9.9', color: false };

describe('formatters', () => {
  it('stylish: path:line:col (1-based), severity, message, rule id; then counts and coverage', () => {
    const out = formatStylish(report);
    assert.match(out, /^ {2}docs\/my brief\.md:12:1 {2}warning {2}Claim cites no evidence: contains a statistic \(45%\); reports a finding {2}uncited-claim$/m);
    assert.match(out, /docs\/my brief\.md:21:5 {2}error {4}Citation key "hasler2020"/);
    assert.match(out, /refs\.bib:10:1 {2}error/);
    assert.match(out, /✖ 3 problems \(2 errors, 1 warning\)/);
    assert.match(out, /2 files checked · 8 claims found · 6 supported · coverage 75%/);
    assert.doesNotMatch(out, /\x1b\[/, 'no colour codes when color is false');
    assert.match(formatStylish({ ...report, color: true }), /\x1b\[31merror/);
  });

  it('stylish: a clean run says so, and coverage is n/a without claims', () => {
    const empty = { ...result, stats: { files: 1, claims: 0, supported: 0, bytes: 0 } } as WorkspaceLintResult;
    const out = formatStylish({ ...report, result: empty, findings: [] });
    assert.match(out, /No problems found\./);
    assert.match(out, /coverage n\/a/);
  });

  it('json: relative paths, 1-based positions, summary with coverage', () => {
    const json = JSON.parse(formatJson(report));
    assert.equal(json.tool.name, 'evidence-lint');
    assert.deepEqual(json.summary, { files: 2, claims: 8, supported: 6, coverage: 75, errors: 2, warnings: 1, infos: 0, hints: 0 });
    assert.equal(json.findings.length, 3);
    assert.deepEqual(
      { file: json.findings[1].file, line: json.findings[1].line, column: json.findings[1].column, endColumn: json.findings[1].endColumn },
      { file: 'docs/my brief.md', line: 21, column: 5, endColumn: 15 },
    );
    assert.deepEqual(json.findings[1].suggestions, ['hassler2020']);
    assert.deepEqual(json.findings[0].reasons, ['contains a statistic (45%)', 'reports a finding']);
  });

  it('github: one workflow command per finding with escaped properties and data', () => {
    const lines = formatGithub(report).trimEnd().split('\n');
    assert.equal(lines.length, 4);
    assert.equal(
      lines[0],
      '::warning file=docs/my brief.md,line=12,col=1,endLine=13,endColumn=41,title=evidence-lint uncited-claim::Claim cites no evidence: contains a statistic (45%25); reports a finding',
    );
    assert.match(lines[1]!, /^::error file=docs\/my brief\.md,line=21,col=5,/);
    assert.match(lines[3]!, /coverage 75%/);
    assert.equal(escapeProperty('a:b,c%'), 'a%3Ab%2Cc%25');
    assert.equal(escapeData('x\ny\r'), 'x%0Ay%0D');
  });

  describe('sarif', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/lint/sarif-2.1.0-subset.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(schema);

    it('validates against the SARIF 2.1.0 schema (subset)', () => {
      const log = JSON.parse(formatSarif(report));
      const ok = validate(log);
      assert.ok(ok, JSON.stringify(validate.errors, null, 2));
    });

    it('the schema check can fail: a result without message, a 0 line, a bad level are rejected', () => {
      const log = buildSarif(report) as any;
      const broken = JSON.parse(JSON.stringify(log));
      delete broken.runs[0].results[0].message;
      broken.runs[0].results[1].locations[0].physicalLocation.region.startLine = 0;
      broken.runs[0].results[2].level = 'info';
      assert.equal(validate(broken), false);
      assert.equal(validate.errors!.length >= 3, true, JSON.stringify(validate.errors));
    });

    it('lists every rule with description, helpUri and default level; results point at them', () => {
      const log = buildSarif(report);
      const run = log.runs[0]!;
      const rules = run.tool.driver.rules!;
      assert.deepEqual(rules.map((r) => r.id).sort(), [...RULE_IDS].sort());
      for (const r of rules) {
        assert.ok(r.shortDescription?.text && r.shortDescription.text.length > 10);
        assert.doesNotThrow(() => new URL(r.helpUri!));
      }
      assert.equal(rules.find((r) => r.id === 'unused-entry')!.defaultConfiguration!.enabled, false);
      for (const res of run.results!) assert.equal(rules[res.ruleIndex!]!.id, res.ruleId);
    });

    it('locations are URIs relative to cwd (percent-encoded) with 1-based regions', () => {
      const run = buildSarif(report).runs[0]!;
      const loc = run.results![1]!.locations![0]!.physicalLocation!;
      assert.deepEqual(loc.artifactLocation, { uri: 'docs/my%20brief.md', uriBaseId: '%SRCROOT%' });
      assert.deepEqual(loc.region, { startLine: 21, startColumn: 5, endLine: 21, endColumn: 15 });
      assert.equal(run.results![0]!.level, 'warning');
      assert.equal(run.results![1]!.level, 'error');
      assert.equal(run.columnKind, 'utf16CodeUnits');
      const base = run.originalUriBaseIds!['%SRCROOT%']!.uri!;
      assert.equal(new URL('docs/my%20brief.md', base).pathname, encodeURI(brief.split(path.sep).join('/')));
    });

    it('a file outside cwd gets an absolute file: URI', () => {
      const outside: Finding = { ...findings[0]!, file: path.resolve('/elsewhere/notes.md') };
      const run = buildSarif({ ...report, findings: [outside] }).runs[0]!;
      const loc = run.results![0]!.locations![0]!.physicalLocation!.artifactLocation!;
      assert.equal(loc.uriBaseId, undefined);
      assert.match(loc.uri!, /^file:\/\/\/.*elsewhere\/notes\.md$/);
    });
  });
});
