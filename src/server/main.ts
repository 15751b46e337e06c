/**
 * evidence-writer-server: the evidence service over the Language Server Protocol, for VS Code and any
 * editor with an LSP client (`evidence-writer-server --stdio`). One service per server (the client's
 * workspace); parsing and formatting run in worker threads, so requests are answered meanwhile.
 */
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, type InitializeResult } from 'vscode-languageserver/node';
import { COMPLETION_TRIGGERS } from '../core/features/completion';
import type { Log } from '../core/log';
import { createEvidenceService, type EvidenceService } from '../core/service';
import { version } from '../../package.json';
import { DiagnosticsPublisher } from './diagnostics';
import { registerEvidenceRequests } from './evidenceRequests';
import { FileWatching } from './fileWatching';
import { IndexingProgress } from './indexingProgress';
import { registerLanguageFeatures } from './languageFeatures';
import { LspWorkspace } from './lspWorkspace';
import type { EvidenceInitializationOptions } from './protocol';
import { WorkerLoader, workerFormatter } from './workerLoader';

if (process.argv.includes('--version')) {
  process.stdout.write(`${version}\n`);
  process.exit(0);
}
if (process.argv.includes('--help')) {
  process.stdout.write('Usage: evidence-writer-server --stdio | --node-ipc | --socket=PORT\n\nThe Evidence Writer language server: citation completion, hover, definition, references,\nuncited-claim diagnostics and quick fixes for Markdown, Quarto, R Markdown and LaTeX.\n');
  process.exit(0);
}

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const log: Log = {
  debug: (m) => connection.console.log(m),
  info: (m) => connection.console.info(m),
  warn: (m) => connection.console.warn(m),
  error: (m) => connection.console.error(m),
};

let service: EvidenceService | undefined;
let publisher: DiagnosticsPublisher | undefined;
let watching: FileWatching | undefined;
let lspWorkspace: LspWorkspace | undefined;
/** The client tells of workspace folders added and removed. */
let foldersChange = false;
const disposables: { dispose(): void }[] = [];

connection.onInitialize((params): InitializeResult => {
  const options = (params.initializationOptions ?? {}) as EvidenceInitializationOptions;
  const capabilities = params.capabilities;
  foldersChange = capabilities.workspace?.workspaceFolders === true;
  const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
  lspWorkspace = new LspWorkspace(connection, documents, folders, options.trusted ?? true, capabilities.workspace?.configuration === true);
  const workers = path.join(__dirname, 'worker.js');
  const formatter = workerFormatter(workers, log);
  service = createEvidenceService({ workspace: lspWorkspace, log, loader: new WorkerLoader(workers, options.cacheDir, log), formatter: formatter.format, cacheDir: options.cacheDir });
  disposables.push(formatter, service);
  publisher = new DiagnosticsPublisher(connection, documents, service, log);
  const workspace = lspWorkspace;
  watching = new FileWatching(connection, service, () => workspace.folders(), capabilities, log);
  const progress = new IndexingProgress(connection, options.indexingNotifications === true, capabilities.window?.workDoneProgress === true);
  disposables.push(
    publisher,
    watching,
    service.onIndexing((event) => {
      progress.report(event);
      if (event.kind === 'end') void watching?.update();
    }),
  );
  const live = service;
  disposables.push(
    service.onDidChange(() => {
      publisher?.relintOpenDocuments();
      void watching?.update();
    }),
  );
  registerLanguageFeatures(connection, live, {
    insertReplace: capabilities.textDocument?.completion?.completionItem?.insertReplaceSupport === true,
    citeEvidencePicker: options.citeEvidencePicker === true,
  });
  registerEvidenceRequests(connection, live, publisher, (trusted) => {
    workspace.trustChanged(trusted);
    live.settingsChanged();
  });
  return {
    serverInfo: { name: 'evidence-writer-server', version },
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: [...COMPLETION_TRIGGERS], resolveProvider: true },
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
  };
});

connection.onInitialized(() => {
  void watching?.start();
  if (lspWorkspace && service && foldersChange) {
    const workspace = lspWorkspace;
    const live = service;
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      workspace.foldersChanged(event.added, event.removed);
      live.settingsChanged();
    });
  }
});

connection.onDidChangeConfiguration((params) => {
  lspWorkspace?.settingsChanged(params.settings);
  service?.settingsChanged();
  publisher?.relintOpenDocuments();
});

documents.onDidOpen((e) => publisher?.schedule(e.document.uri, 0));
documents.onDidChangeContent((e) => publisher?.schedule(e.document.uri));
documents.onDidClose((e) => {
  service?.documentClosed(e.document.uri);
  publisher?.closed(e.document.uri);
});

connection.onShutdown(() => {
  for (const d of disposables.reverse()) d.dispose();
});

documents.listen(connection);
connection.listen();
