/**
 * The Evidence Writer language server as the rest of the extension sees it: started on activation,
 * restarted when the set of languages changes, with typed wrappers for Evidence Writer's own requests
 * and events that survive a restart.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  Methods,
  type CitationConversionEdits,
  type ReferenceListEdit,
  type DidLintParams,
  type EntrySummary,
  type EvidenceStatus,
  type IndexingEvent,
  type LibraryStateParams,
  type ServerLibraryState,
  type PanelContent,
  type TextEdit,
  type WorkspaceLintSummary,
} from '../server/protocol';

export class EvidenceServer implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient> | undefined;
  private readonly lintEmitter = new vscode.EventEmitter<DidLintParams>();
  private readonly indexingEmitter = new vscode.EventEmitter<IndexingEvent>();
  private readonly subscriptions: vscode.Disposable[] = [];

  /** A document was linted (its counts, for the status bar and the panel). */
  readonly onDidLint = this.lintEmitter.event;
  readonly onIndexing = this.indexingEmitter.event;

  constructor(
    private readonly create: (languages: readonly string[]) => LanguageClient,
    private languages: readonly string[],
  ) {}

  /** The running client (started on first use). */
  ready(): Promise<LanguageClient> {
    return this.start();
  }

  start(): Promise<LanguageClient> {
    this.starting ??= this.startClient();
    return this.starting;
  }

  async restart(languages: readonly string[]): Promise<void> {
    if (languages.join('\n') === this.languages.join('\n')) return;
    this.languages = languages;
    await this.stop();
    await this.start();
  }

  async panel(uri: vscode.Uri): Promise<PanelContent> {
    return (await this.start()).sendRequest<PanelContent>(Methods.panel, { uri: uri.toString() });
  }

  async searchEntries(uri: vscode.Uri, query: string, limit?: number): Promise<EntrySummary[]> {
    return (await this.start()).sendRequest<EntrySummary[]>(Methods.searchEntries, { uri: uri.toString(), query, limit });
  }

  async relevantEntries(uri: vscode.Uri, range: vscode.Range): Promise<EntrySummary[]> {
    const client = await this.start();
    return client.sendRequest<EntrySummary[]>(Methods.relevantEntries, { uri: uri.toString(), range: client.code2ProtocolConverter.asRange(range) });
  }

  async insertCitationEdit(uri: vscode.Uri, position: vscode.Position, keys: readonly string[]): Promise<vscode.TextEdit | undefined> {
    const client = await this.start();
    const edit = await client.sendRequest<TextEdit | null>(Methods.insertCitationEdit, { uri: uri.toString(), position: client.code2ProtocolConverter.asPosition(position), keys });
    return edit ? new vscode.TextEdit(client.protocol2CodeConverter.asRange(edit.range), edit.newText) : undefined;
  }

  async citeClaimEdit(uri: vscode.Uri, range: vscode.Range, keys: readonly string[]): Promise<vscode.TextEdit | undefined> {
    const client = await this.start();
    const edit = await client.sendRequest<TextEdit | null>(Methods.citeClaimEdit, { uri: uri.toString(), range: client.code2ProtocolConverter.asRange(range), keys });
    return edit ? new vscode.TextEdit(client.protocol2CodeConverter.asRange(edit.range), edit.newText) : undefined;
  }

  async convertCitations(uri: vscode.Uri, target: 'hub' | 'key'): Promise<CitationConversionEdits | undefined> {
    return (await (await this.start()).sendRequest<CitationConversionEdits | null>(Methods.convertCitations, { uri: uri.toString(), target })) ?? undefined;
  }

  async referenceList(uri: vscode.Uri): Promise<ReferenceListEdit | undefined> {
    return (await (await this.start()).sendRequest<ReferenceListEdit | null>(Methods.referenceList, { uri: uri.toString() })) ?? undefined;
  }

  async status(uri: vscode.Uri): Promise<EvidenceStatus | undefined> {
    return (await (await this.start()).sendRequest<EvidenceStatus | null>(Methods.status, { uri: uri.toString() })) ?? undefined;
  }

  async lintDocument(uri: vscode.Uri): Promise<EvidenceStatus | undefined> {
    return (await (await this.start()).sendRequest<EvidenceStatus | null>(Methods.lintDocument, { uri: uri.toString() })) ?? undefined;
  }

  /** The server's library and memory; `collectFirst`: after a garbage collection in each of the server's threads (for measuring). */
  async libraryState(options: LibraryStateParams = {}): Promise<ServerLibraryState> {
    return (await this.start()).sendRequest<ServerLibraryState>(Methods.libraryState, options);
  }

  async lintWorkspace(workDoneToken: string, token: vscode.CancellationToken): Promise<WorkspaceLintSummary> {
    return (await this.start()).sendRequest<WorkspaceLintSummary>(Methods.lintWorkspace, { workDoneToken }, token);
  }

  async reloadBibliographies(): Promise<void> {
    await (await this.start()).sendNotification(Methods.reloadBibliographies);
  }

  async cancelIndexing(): Promise<void> {
    await (await this.start()).sendNotification(Methods.cancelIndexing);
  }

  async trustGranted(): Promise<void> {
    await (await this.start()).sendNotification(Methods.didChangeTrust, { trusted: true });
  }

  dispose(): void {
    void this.stop();
    this.lintEmitter.dispose();
    this.indexingEmitter.dispose();
  }

  private async startClient(): Promise<LanguageClient> {
    const client = this.create(this.languages);
    this.subscriptions.push(
      client.onNotification(Methods.didLint, (params: DidLintParams) => this.lintEmitter.fire(params)),
      client.onNotification(Methods.indexing, (event: IndexingEvent) => this.indexingEmitter.fire(event)),
    );
    await client.start();
    this.client = client;
    return client;
  }

  private async stop(): Promise<void> {
    const starting = this.starting;
    this.starting = undefined;
    for (const s of this.subscriptions.splice(0)) s.dispose();
    const client = this.client ?? (await starting?.catch(() => undefined));
    this.client = undefined;
    if (client?.isRunning()) await client.stop().catch(() => undefined);
  }
}
