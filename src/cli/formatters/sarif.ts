/**
 * SARIF 2.1.0 for code-scanning tools (GitHub code scanning, the SARIF viewer): the rules with
 * descriptions and help links, and one result per finding located by a URI relative to the
 * working folder (`%SRCROOT%`) and a 1-based region in UTF-16 columns.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { allRules } from '../../core/lint/rules';
import { helpUri } from '../../core/lint/rules/rule';
import type { RuleLevel, Severity } from '../../core/types';
import { coveragePercent, type Formatter } from '../report';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';

function level(severity: Severity): Sarif.Result.level {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

function defaultConfiguration(l: RuleLevel): Sarif.ReportingConfiguration {
  return l === 'off' ? { enabled: false, level: 'none' } : { level: level(l) };
}

/** Relative, percent-encoded URI under %SRCROOT% when inside cwd; an absolute file: URI otherwise. */
function artifactLocation(file: string, cwd: string): Sarif.ArtifactLocation {
  const rel = path.relative(cwd, file);
  if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) {
    return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
  }
  return { uri: pathToFileURL(file).href };
}

export function buildSarif(report: Parameters<Formatter>[0]): Sarif.Log {
  const { cwd, result } = report;
  const ruleIndex = new Map(allRules.map((r, i) => [r.id, i]));
  const results: Sarif.Result[] = report.findings.map((f) => {
    const region: Sarif.Region = {
      startLine: f.range.start.line + 1,
      startColumn: f.range.start.character + 1,
      endLine: f.range.end.line + 1,
      endColumn: f.range.end.character + 1,
    };
    const r: Sarif.Result = {
      ruleId: f.ruleId,
      ruleIndex: ruleIndex.get(f.ruleId),
      level: level(f.severity),
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(path.resolve(cwd, f.file), cwd), region } }],
    };
    const properties: Record<string, unknown> = {};
    if (f.suggestions) properties.suggestions = f.suggestions;
    if (f.reasons) properties.reasons = f.reasons;
    return Object.keys(properties).length ? { ...r, properties } : r;
  });

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'evidence-lint',
            version: report.version,
            informationUri: helpUri('uncited-claim').replace(/#.*$/, ''),
            rules: allRules.map((r) => ({
              id: r.id,
              name: r.id,
              shortDescription: { text: r.description },
              helpUri: helpUri(r.id),
              defaultConfiguration: defaultConfiguration(r.defaultLevel),
            })),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(cwd).href.replace(/\/?$/, '/') } },
        columnKind: 'utf16CodeUnits',
        results,
        properties: {
          files: result.stats.files,
          claims: result.stats.claims,
          supported: result.stats.supported,
          coverage: coveragePercent(result.stats.claims, result.stats.supported) ?? null,
        },
      },
    ],
  };
}

export const formatSarif: Formatter = (report) => JSON.stringify(buildSarif(report), null, 2) + '\n';
