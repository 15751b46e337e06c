/** "Evidence 18/22": cited claims / claims in the active document; click to see the problems. */
import * as vscode from 'vscode';
import type { DiagnosticsManager } from './diagnostics';
import { isEnabledFor } from './settings';

export class EvidenceStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('evidenceWriter.status', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly diagnostics: DiagnosticsManager) {
    this.item.name = 'Evidence Writer';
    this.item.command = 'workbench.actions.view.problems';
    this.disposables = [
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      diagnostics.onDidLint((e) => {
        if (e.uri.toString() === vscode.window.activeTextEditor?.document.uri.toString()) this.update();
      }),
    ];
    this.update();
  }

  /** The text shown now (tests read it). */
  get text(): string {
    return this.item.text;
  }

  update(): void {
    const document = vscode.window.activeTextEditor?.document;
    const stats = document && isEnabledFor(document) ? this.diagnostics.statsFor(document.uri) : undefined;
    if (!stats) {
      this.item.hide();
      return;
    }
    const uncited = stats.claims - stats.supported;
    this.item.text = `$(${uncited > 0 ? 'book' : 'check'}) Evidence ${stats.supported}/${stats.claims}`;
    this.item.tooltip = `${stats.supported} of ${stats.claims} claims in this document cite evidence${uncited > 0 ? `; ${uncited} do not` : ''}. Click to open Problems.`;
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
