/**
 * Evidence Writer's VS Code entry point: a language client for the Evidence Writer language server
 * (dist/server.js, which does all parsing, indexing, searching and linting), plus what only VS Code
 * has: the Evidence panel, the citation pickers, the status bar, cancellable progress, and Restricted
 * Mode. Activation starts the server and returns at once; nothing here parses or lints.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerCiteEvidence } from './citeEvidence';
import { registerCommands } from './commands';
import { CursorAwareDiagnostics } from './cursorAwareDiagnostics';
import { registerDocumentCommands } from './documentCommands';
import { registerEvidencePanel, type EvidencePanelProvider } from './evidencePanel';
import { showIndexingProgress } from './indexingProgress';
import { registerInsertCitation } from './insertCitation';
import { watchRestrictedMode } from './restrictedMode';
import { configuredLanguages, SECTION, settingsForServer } from './settings';
import { EvidenceStatusBar } from './statusBar';
import { EvidenceServer } from './server';
import { SERVER_ENVIRONMENT, type EvidenceInitializationOptions } from '../server/protocol';

/** What activate() returns: used by the integration tests, not a public API. */
export interface EvidenceWriterApi {
  readonly server: EvidenceServer;
  /** Milliseconds from the bundle starting to load to activate() returning (undefined if unknown). */
  readonly activationMs: number | undefined;
  readonly statusBar: EvidenceStatusBar;
  readonly evidencePanel: EvidencePanelProvider;
}

export function activate(context: vscode.ExtensionContext): EvidenceWriterApi {
  const output = vscode.window.createOutputChannel('Evidence Writer', { log: true });
  const cursorAware = new CursorAwareDiagnostics();
  const server = new EvidenceServer((languages) => createClient(context, output, languages, cursorAware), configuredLanguages());
  const statusBar = new EvidenceStatusBar(server);
  const evidencePanel = registerEvidencePanel(context, server, output);
  context.subscriptions.push(
    output,
    server,
    cursorAware,
    statusBar,
    showIndexingProgress(server),
    registerInsertCitation(server),
    registerCiteEvidence(server),
    ...registerCommands(server, output),
    ...registerDocumentCommands(server),
    watchRestrictedMode(server, output),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // The documents the client syncs follow evidenceWriter.languages: a new list needs a new client.
      if (e.affectsConfiguration(`${SECTION}.languages`)) void server.restart(configuredLanguages());
    }),
  );
  const loadStart = (globalThis as { __evidenceWriterLoadStart?: number }).__evidenceWriterLoadStart;
  void server.start().then(() => {
    if (loadStart !== undefined) output.info(`Evidence Writer's server ready ${(performance.now() - loadStart).toFixed(0)} ms after the bundle started loading.`);
  });
  const activationMs = loadStart === undefined ? undefined : performance.now() - loadStart;
  const activatedIn = activationMs === undefined ? '' : ` in ${activationMs.toFixed(0)} ms from bundle load`;
  output.info(`Evidence Writer activated${activatedIn} (workspace ${vscode.workspace.isTrusted ? 'trusted' : 'untrusted: bibliographies outside the workspace are not read'}).`);
  return { server, activationMs, statusBar, evidencePanel };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions (the server is stopped there).
}

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, languages: readonly string[], cursorAware: CursorAwareDiagnostics): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const env = { ...SERVER_ENVIRONMENT, ...process.env };
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { env } },
    debug: { module, transport: TransportKind.ipc, options: { env, execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const initializationOptions: EvidenceInitializationOptions = {
    trusted: vscode.workspace.isTrusted,
    cacheDir: vscode.Uri.joinPath(context.globalStorageUri, 'bibliography-cache').fsPath,
    indexingNotifications: true,
    citeEvidencePicker: true,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      ...languages.flatMap((language) => [
        { language, scheme: 'file' },
        { language, scheme: 'untitled' },
      ]),
      // Find All References on an entry's key in a BibTeX file.
      { scheme: 'file', pattern: '**/*.{bib,bibtex,biblatex}' },
    ],
    outputChannel: output,
    initializationOptions,
    synchronize: { configurationSection: SECTION },
    middleware: {
      workspace: {
        configuration: (params) => params.items.map((item) => (item.section === SECTION ? settingsForServer(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined) : null)),
      },
      handleDiagnostics: (uri, diagnostics, next) => cursorAware.handle(uri, diagnostics, next),
    },
  };
  return new LanguageClient('evidenceWriter', 'Evidence Writer', serverOptions, clientOptions);
}
