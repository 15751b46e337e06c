/**
 * Indexing progress from the server: a large library (over 1 MB) gets a notification with Cancel,
 * which leaves that library out (said on the file) until it is reloaded; a small one, the status bar.
 */
import * as vscode from 'vscode';
import type { EvidenceServer } from './server';

export function showIndexingProgress(server: EvidenceServer): vscode.Disposable {
  let finish: (() => void) | undefined;
  let report: ((message: string, done: number) => void) | undefined;
  return server.onIndexing((event) => {
    if (event.kind === 'begin') {
      finish?.();
      void vscode.window.withProgress(
        {
          location: event.large ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window,
          title: 'Evidence Writer: indexing bibliography',
          cancellable: event.large,
        },
        (progress, token) =>
          new Promise<void>((resolve) => {
            let shown = 0;
            token.onCancellationRequested(() => void server.cancelIndexing());
            report = (message, done) => {
              const increment = Math.max(0, 100 * done - shown);
              shown += increment;
              progress.report({ message, increment });
            };
            finish = () => {
              finish = undefined;
              report = undefined;
              resolve();
            };
          }),
      );
    } else if (event.kind === 'file') {
      report?.(event.file ? event.file.slice(Math.max(event.file.lastIndexOf('/'), event.file.lastIndexOf('\\')) + 1) : '', event.done ?? 0);
    } else {
      finish?.();
    }
  });
}
