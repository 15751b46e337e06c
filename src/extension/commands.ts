/** The "Evidence:" commands: lint the current document or the whole workspace, reload, show output. */
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { WorkDoneProgress, type WorkDoneProgressBegin, type WorkDoneProgressReport } from 'vscode-languageclient/node';
import type { WorkspaceLintSummary } from '../server/protocol';
import type { EvidenceServer } from './server';
import { isEnabledFor } from './settings';

export function registerCommands(server: EvidenceServer, output: vscode.LogOutputChannel): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('evidenceWriter.lintDocument', async () => {
      const document = vscode.window.activeTextEditor?.document;
      if (!document || !isEnabledFor(document)) {
        void vscode.window.showInformationMessage('Evidence Writer: open a Markdown, Quarto, R Markdown, LaTeX or text document to lint it.');
        return undefined;
      }
      const status = await server.lintDocument(document.uri);
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      return status;
    }),
    vscode.commands.registerCommand('evidenceWriter.lintWorkspace', () => lintWorkspace(server, output)),
    vscode.commands.registerCommand('evidenceWriter.reloadBibliography', async () => {
      await server.reloadBibliographies();
      void vscode.window.setStatusBarMessage('Evidence Writer: bibliography reloaded', 3000);
    }),
    vscode.commands.registerCommand('evidenceWriter.showOutput', () => output.show(true)),
  ];
}

/** Lints every supported file of the workspace in the server, with progress and Cancel; problems stay in Problems. */
function lintWorkspace(server: EvidenceServer, output: vscode.LogOutputChannel): Thenable<WorkspaceLintSummary> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Evidence Writer: linting workspace', cancellable: true },
    async (progress, token) => {
      const client = await server.ready();
      const workDoneToken = randomUUID();
      let shown = 0;
      const listening = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
        if (value.kind === 'end') return;
        const { message, percentage } = value as WorkDoneProgressBegin | WorkDoneProgressReport;
        const increment = Math.max(0, (percentage ?? shown) - shown);
        shown += increment;
        progress.report({ message, increment });
      });
      try {
        const summary = await server.lintWorkspace(workDoneToken, token);
        const message = describe(summary);
        output.info(message);
        for (const error of summary.errors) output.error(error);
        void vscode.window.showInformationMessage(message, 'Show Problems').then((choice) => {
          if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
        });
        return summary;
      } finally {
        listening.dispose();
      }
    },
  );
}

function describe(s: WorkspaceLintSummary): string {
  const coverage = s.claims > 0 ? Math.round((100 * s.supported) / s.claims) : 100;
  const counts = Object.entries(s.findings).map(([rule, n]) => `${n} ${rule}`).join(', ') || 'no problems';
  return `Evidence Writer${s.cancelled ? ' (cancelled)' : ''}: ${s.files} file(s), ${s.supported}/${s.claims} claims cite evidence (${coverage}%); ${counts}.`;
}
