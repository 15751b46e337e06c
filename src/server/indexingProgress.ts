/**
 * Indexing progress, as the client can show it: VS Code's client shows its own cancellable
 * notification from `evidence/indexing`; other clients get standard work-done progress.
 */
import type { Connection, WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import type { IndexingEvent } from '../core/documentBibliographies';
import { Methods } from './protocol';

export class IndexingProgress {
  private reporter: Promise<WorkDoneProgressServerReporter | undefined> | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly customNotifications: boolean,
    private readonly workDoneProgress: boolean,
  ) {}

  report(event: IndexingEvent): void {
    if (this.customNotifications) {
      void this.connection.sendNotification(Methods.indexing, event);
      return;
    }
    if (!this.workDoneProgress) return;
    if (event.kind === 'begin') {
      this.reporter = this.connection.window.createWorkDoneProgress().then(
        (reporter) => {
          reporter.begin('Evidence Writer: indexing bibliography', 0);
          return reporter;
        },
        () => undefined,
      );
      return;
    }
    const reporter = this.reporter;
    if (event.kind === 'file') void reporter?.then((r) => r?.report(Math.round(100 * (event.done ?? 0)), event.file?.slice(event.file.lastIndexOf('/') + 1) ?? ''));
    if (event.kind === 'end') {
      void reporter?.then((r) => r?.done());
      this.reporter = undefined;
    }
  }
}
