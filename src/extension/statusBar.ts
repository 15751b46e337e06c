/** "Evidence 18/22": claims citing evidence / claims in the active document; click for the Problems view. */
import * as vscode from 'vscode';
import type { EvidenceStatus } from '../server/protocol';
import type { EvidenceServer } from './server';
import { isEnabledFor } from './settings';

export class EvidenceStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('evidenceWriter.status', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[];
  private readonly known = new Map<string, EvidenceStatus>();

  constructor(server: EvidenceServer) {
    this.item.name = 'Evidence Writer';
    this.item.command = 'workbench.actions.view.problems';
    this.disposables = [
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidCloseTextDocument((d) => this.known.delete(d.uri.toString())),
      server.onDidLint(({ uri, status }) => {
        this.known.set(uri, status);
        if (sameDocument(uri, vscode.window.activeTextEditor?.document.uri)) this.update();
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
    const status = document && isEnabledFor(document) ? this.statusOf(document.uri) : undefined;
    if (!status) {
      this.item.hide();
      return;
    }
    const uncited = status.claims - status.supported;
    this.item.text = `$(${uncited > 0 ? 'book' : 'check'}) Evidence ${status.supported}/${status.claims}`;
    this.item.tooltip = `${status.supported} of ${status.claims} claims in this document cite evidence${uncited > 0 ? `; ${uncited} do not` : ''}. Click to open Problems.`;
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private statusOf(uri: vscode.Uri): EvidenceStatus | undefined {
    for (const [known, status] of this.known) if (sameDocument(known, uri)) return status;
    return undefined;
  }
}

/** The server may spell a URI differently (percent-encoding): compare them parsed. */
function sameDocument(a: string, b: vscode.Uri | undefined): boolean {
  return b !== undefined && (a === b.toString() || vscode.Uri.parse(a).toString() === b.toString());
}
