/**
 * evidence-writer-server: the evidence service over the Language Server Protocol, for VS Code and any
 * editor with an LSP client (`evidence-writer-server --stdio`). One service per server (the client's
 * workspace), made when the client initializes; parsing and formatting run in worker threads, so
 * requests are answered meanwhile.
 */
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  createConnection,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { COMPLETION_TRIGGERS } from '../core/features/completion';
import type { Log } from '../core/log';
import { garbageCollector } from '../core/memory/garbageCollector';
import { createEvidenceService, type EvidenceService } from '../core/service';
import { version } from '../../package.json';
import { DiagnosticsPublisher } from './diagnostics';
import { registerEvidenceRequests } from './evidenceRequests';
import { FileWatching } from './fileWatching';
import { IndexingProgress } from './indexingProgress';
import { registerLanguageFeatures } from './languageFeatures';
import { LspWorkspace } from './lspWorkspace';
import { serverMemory, type HeapSource } from './memory';
import type { EvidenceInitializationOptions } from './protocol';
import { FORMATTER_IDLE_MS, WorkerLoader, workerFormatter } from './workerLoader';

const HELP = `Usage: evidence-writer-server --stdio | --node-ipc | --socket=PORT

The Evidence Writer language server: citation completion, hover, definition, references,
uncited-claim diagnostics and quick fixes for Markdown, Quarto, R Markdown and LaTeX.
Settings come from the client, under "evidenceWriter" (see the README).
`;

if (process.argv.includes('--version')) {
  process.stdout.write(`${version}\n`);
} else if (process.argv.includes('--help') || process.argv.length <= 2) {
  process.stdout.write(HELP);
} else {
  serve(createConnection(ProposedFeatures.all));
}

function serve(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const log: Log = {
    debug: (m) => connection.console.log(m),
    info: (m) => connection.console.info(m),
    warn: (m) => connection.console.warn(m),
    error: (m) => connection.console.error(m),
  };
  let session: Session | undefined;
  connection.onInitialize((params) => {
    session = new Session(connection, documents, params, log);
    return session.result;
  });
  connection.onInitialized(() => session?.initialized());
  connection.onDidChangeConfiguration((params) => session?.settingsChanged(params.settings));
  documents.onDidOpen((e) => session?.publisher.schedule(e.document.uri, 0));
  documents.onDidChangeContent((e) => session?.publisher.schedule(e.document.uri));
  documents.onDidClose((e) => session?.closed(e.document.uri));
  connection.onShutdown(() => session?.dispose());
  documents.listen(connection);
  connection.listen();
}

/** One client's workspace: its service, diagnostics, file watching and progress. */
class Session {
  readonly result: InitializeResult;
  readonly publisher: DiagnosticsPublisher;
  private readonly workspace: LspWorkspace;
  private readonly service: EvidenceService;
  private readonly watching: FileWatching;
  private readonly foldersChange: boolean;
  private readonly disposables: { dispose(): void }[] = [];
  /** The user has been told that the parsing worker stopped (once a session; the log has each time). */
  private toldWorkerDied = false;

  constructor(
    private readonly connection: Connection,
    documents: TextDocuments<TextDocument>,
    params: InitializeParams,
    log: Log,
  ) {
    const options = (params.initializationOptions ?? {}) as EvidenceInitializationOptions;
    const capabilities = params.capabilities;
    this.foldersChange = capabilities.workspace?.workspaceFolders === true;
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    this.workspace = new LspWorkspace(connection, documents, folders, options.trusted ?? true, capabilities.workspace?.configuration === true);
    const workers = path.join(__dirname, 'worker.js');
    const formatter = workerFormatter(workers, log, formatterIdleMs());
    // (This thread's collector: the parsing worker has its own.)
    const collectGarbage = garbageCollector();
    const loader = new WorkerLoader(workers, options.cacheDir, log, (why) => this.workerDied(why), { renewAfterHeapBytes: renewAfterHeapBytes(), collectGarbage });
    this.service = createEvidenceService({ workspace: this.workspace, log, loader, formatter: formatter.format });
    this.publisher = new DiagnosticsPublisher(connection, documents, this.service, log);
    const workspace = this.workspace;
    this.watching = new FileWatching(connection, this.service, () => workspace.folders(), capabilities, log);
    const progress = new IndexingProgress(connection, options.indexingNotifications === true, capabilities.window?.workDoneProgress === true);
    this.disposables.push(
      formatter,
      this.service,
      this.publisher,
      this.watching,
      this.service.onIndexing((event) => {
        progress.report(event);
        if (event.kind === 'end') void this.watching.update();
      }),
      this.service.onDidChange(() => {
        this.publisher.relintOpenDocuments();
        void this.watching.update();
      }),
    );
    registerLanguageFeatures(connection, this.service, {
      insertReplace: capabilities.textDocument?.completion?.completionItem?.insertReplaceSupport === true,
      citeEvidencePicker: options.citeEvidencePicker === true,
    });
    const heaps: HeapSource[] = [
      { name: 'parser', heap: (collectFirst) => loader.heap(collectFirst) },
      { name: 'formatter', heap: (collectFirst) => formatter.heap(collectFirst) },
    ];
    registerEvidenceRequests(
      connection,
      this.service,
      this.publisher,
      (trusted) => {
        workspace.trustChanged(trusted);
        this.service.settingsChanged();
      },
      { measure: (collectFirst) => serverMemory(heaps, collectFirst), collectGarbage },
    );
    this.result = {
      serverInfo: { name: 'evidence-writer-server', version },
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: [...COMPLETION_TRIGGERS], resolveProvider: true },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix', 'refactor.rewrite'] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
    };
  }

  initialized(): void {
    void this.watching.start();
    if (!this.foldersChange) return;
    this.connection.workspace.onDidChangeWorkspaceFolders((event) => {
      this.workspace.foldersChanged(event.added, event.removed);
      this.service.settingsChanged();
    });
  }

  settingsChanged(payload: unknown): void {
    this.workspace.settingsChanged(payload);
    this.service.settingsChanged();
    this.publisher.relintOpenDocuments();
  }

  /** The parsing worker stopped by itself: it restarts and reads again what it was reading; the user hears of it once. */
  private workerDied(why: string): void {
    if (this.toldWorkerDied) return;
    this.toldWorkerDied = true;
    // A notification (window/showMessage), not a request: every client shows it, none has to answer.
    void this.connection.sendNotification(ShowMessageNotification.type, {
      type: MessageType.Warning,
      message: `Evidence Writer's bibliography parser stopped unexpectedly (${why}). It was restarted and reads the bibliography again; see the Evidence Writer output for details.`,
    });
  }

  closed(uri: string): void {
    this.service.documentClosed(uri);
    this.publisher.closed(uri);
  }

  dispose(): void {
    for (const d of this.disposables.reverse()) d.dispose();
  }
}

/** How long the formatting worker may idle before it stops (see workerFormatter): EVIDENCE_FORMATTER_IDLE_MS, for tests. */
function formatterIdleMs(): number {
  const configured = Number(process.env.EVIDENCE_FORMATTER_IDLE_MS);
  return process.env.EVIDENCE_FORMATTER_IDLE_MS && Number.isFinite(configured) && configured >= 0 ? configured : FORMATTER_IDLE_MS;
}

/** When the parsing worker is renewed: EVIDENCE_RENEW_WORKER_MB, for tests; else WorkerLoader's own threshold. */
function renewAfterHeapBytes(): number | undefined {
  const configured = Number(process.env.EVIDENCE_RENEW_WORKER_MB);
  return Number.isFinite(configured) && process.env.EVIDENCE_RENEW_WORKER_MB !== '' && configured >= 0 ? configured * 2 ** 20 : undefined;
}
