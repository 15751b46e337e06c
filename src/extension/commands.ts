/** The "Evidence:" commands: lint the current document or the whole workspace, reload, show output. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isIgnored } from '../core/lint/ignore';
import type { RuleId } from '../core/types';
import type { DiagnosticsManager } from './diagnostics';
import { projectConfigFor } from './lintConfig';
import { log } from './log';
import { isEnabledFor } from './settings';
import type { BibliographyService } from './workspace';
import { findSupportedFiles, readWorkspaceFile } from './workspaceFiles';

export interface WorkspaceLintSummary {
  readonly files: number;
  readonly claims: number;
  readonly supported: number;
  readonly findings: Partial<Record<RuleId, number>>;
  readonly cancelled: boolean;
}

export function registerCommands(bibliographies: BibliographyService, diagnostics: DiagnosticsManager): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('evidenceWriter.lintDocument', async () => {
      const document = vscode.window.activeTextEditor?.document;
      if (!document || !isEnabledFor(document)) {
        void vscode.window.showInformationMessage('Evidence Writer: open a Markdown, Quarto, R Markdown, LaTeX or text document to lint it.');
        return undefined;
      }
      const result = await diagnostics.lintNow(document);
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      return result && { claims: result.stats.claims, supported: result.stats.supported, findings: result.findings.length };
    }),
    vscode.commands.registerCommand('evidenceWriter.lintWorkspace', () => lintWorkspace(diagnostics)),
    vscode.commands.registerCommand('evidenceWriter.reloadBibliography', async () => {
      await bibliographies.reloadAll();
      void vscode.window.setStatusBarMessage('Evidence Writer: bibliography reloaded', 3000);
    }),
    vscode.commands.registerCommand('evidenceWriter.showOutput', () => log().show(true)),
  ];
}

async function lintWorkspace(diagnostics: DiagnosticsManager): Promise<WorkspaceLintSummary> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Evidence Writer: linting workspace', cancellable: true },
    async (progress, token) => {
      const uris = await findSupportedFiles(token);
      const totals = { files: 0, claims: 0, supported: 0, findings: {} as Partial<Record<RuleId, number>> };
      for (const uri of uris) {
        if (token.isCancellationRequested) break;
        progress.report({ message: path.basename(uri.fsPath), increment: 100 / Math.max(1, uris.length) });
        // The project config's `ignore` globs leave files out, as they do for the CLI.
        if (isIgnored(uri.fsPath, projectConfigFor(uri).config)) {
          diagnostics.dropWorkspaceLintResults(uri);
          continue;
        }
        const file = await readWorkspaceFile(uri);
        if (!file) continue;
        try {
          const result = await diagnostics.lintSource(file);
          totals.files++;
          totals.claims += result.stats.claims;
          totals.supported += result.stats.supported;
          for (const f of result.findings) totals.findings[f.ruleId] = (totals.findings[f.ruleId] ?? 0) + 1;
        } catch (error) {
          log().error(`Linting ${uri.fsPath} failed: ${String(error)}`);
        }
      }
      const summary: WorkspaceLintSummary = { ...totals, cancelled: token.isCancellationRequested };
      const message = describe(summary);
      log().info(message);
      void vscode.window.showInformationMessage(message, 'Show Problems').then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
      });
      return summary;
    },
  );
}

function describe(s: WorkspaceLintSummary): string {
  const coverage = s.claims > 0 ? Math.round((100 * s.supported) / s.claims) : 100;
  const counts = Object.entries(s.findings).map(([rule, n]) => `${n} ${rule}`).join(', ') || 'no problems';
  return `Evidence Writer${s.cancelled ? ' (cancelled)' : ''}: ${s.files} file(s), ${s.supported}/${s.claims} claims cite evidence (${coverage}%); ${counts}.`;
}
