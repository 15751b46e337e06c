/**
 * The Evidence panel: a webview view showing the active document's evidence coverage, its uncited
 * claims with suggested entries, and the works it cites. It follows the active editor, updates
 * (debounced) as the document changes, and acts on webview messages only after validating them
 * (src/core/panel/messages.ts). The server builds the panel's model; its HTML is rendered here by
 * the pure src/core/panel/renderPanel.
 */
import * as vscode from 'vscode';
import { actionForMessage, parseWebviewMessage, type PanelAction } from '../core/panel/messages';
import type { PanelContent, PanelState } from '../core/panel/panelModel';
import { createNonce, renderPanel, renderPanelBody } from '../core/panel/renderPanel';
import type { EvidenceServer } from './server';
import { isEnabledFor } from './settings';

/** How long after the last keystroke the panel may redraw. */
const QUIET_AFTER_TYPING_MS = 1_500;

export interface EvidencePanelOptions {
  /** Delay after the last edit before re-checking the document. */
  readonly debounceMs?: number;
}

/** Result of handling one webview message (returned for tests and logged when refused). */
export type MessageOutcome = { readonly ok: true; readonly action: PanelAction['kind'] } | { readonly ok: false; readonly reason: string };

export const EVIDENCE_VIEW_ID = 'evidenceWriter.evidencePanel';
export const SHOW_EVIDENCE_PANEL_COMMAND = 'evidenceWriter.showEvidencePanel';
export const REFRESH_EVIDENCE_PANEL_COMMAND = 'evidenceWriter.refreshEvidencePanel';

const MAX_RETRIES = 3;
const NO_DOCUMENT = 'Open a Markdown, Quarto, R Markdown or LaTeX document to see its evidence.';

export class EvidencePanelProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private document: vscode.TextDocument | undefined;
  /** The editor the panel should follow once it is visible again. */
  private pendingDocument: vscode.TextDocument | undefined;
  private content: PanelContent = { kind: 'message', text: NO_DOCUMENT };
  private lastHtml: string | undefined;
  private generation = 0;
  /** Consecutive lint runs that returned nothing; bounded so a failing lint is not polled forever. */
  private retries = 0;
  private debounce: NodeJS.Timeout | undefined;
  /** When the shown document was last edited (the panel waits for a pause in typing to redraw). */
  private lastEditAt = 0;
  private readonly debounceMs: number;
  private readonly mediaRoot: vscode.Uri;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly renderedEmitter = new vscode.EventEmitter<PanelContent>();

  /** Fires after the panel's content was rebuilt (tests wait on it). */
  readonly onDidRender = this.renderedEmitter.event;

  constructor(
    extensionUri: vscode.Uri,
    private readonly server: EvidenceServer,
    private readonly log: vscode.LogOutputChannel,
    options: EvidencePanelOptions = {},
  ) {
    this.mediaRoot = vscode.Uri.joinPath(extensionUri, 'media');
    this.debounceMs = options.debounceMs ?? 400;
    this.disposables.push(
      this.renderedEmitter,
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor) void this.follow(editor.document);
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === this.document && event.contentChanges.length > 0) this.lastEditAt = Date.now();
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document === this.document) {
          this.document = undefined;
          this.show({ kind: 'message', text: NO_DOCUMENT });
        }
      }),
      // The panel follows the diagnostics' debounced lint instead of starting its own.
      server.onDidLint(({ uri }) => {
        if (this.document && vscode.Uri.parse(uri).toString() === this.document.uri.toString()) this.refreshSoon();
      }),
    );
  }

  /** What the panel currently shows (state or message). */
  get current(): PanelContent {
    return this.content;
  }

  /** The HTML last given to the webview (whole page), if the view was ever shown. */
  get html(): string | undefined {
    return this.lastHtml;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [this.mediaRoot],
    };
    view.webview.html = this.renderPage(view.webview);
    view.webview.onDidReceiveMessage((raw: unknown) => void this.handleMessage(raw), undefined, this.disposables);
    view.onDidChangeVisibility(
      () => {
        // A hidden view's page is discarded; draw it afresh (new nonce) when it comes back.
        if (view.visible) {
          view.webview.html = this.renderPage(view.webview);
          void this.catchUp();
        }
      },
      undefined,
      this.disposables,
    );
    view.onDidDispose(() => {
      if (this.view === view) this.view = undefined;
    }, undefined, this.disposables);
    void this.catchUp();
  }

  /** Re-checks the current document now and redraws the panel. */
  async refresh(): Promise<void> {
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = undefined;
    const document = this.document;
    const generation = ++this.generation;
    if (!document) {
      this.show({ kind: 'message', text: NO_DOCUMENT });
      return;
    }
    const { content } = await this.compute(document);
    // A newer refresh started while this one awaited: its result wins.
    if (generation !== this.generation) return;
    if (content) {
      this.retries = 0;
      this.show(content);
    } else if (this.retries++ < MAX_RETRIES) {
      this.refreshSoon(); // the lint run was superseded (or failed quietly): try again shortly
    }
  }

  /**
   * The panel content for a document: `checked` false when Evidence Writer does not check it;
   * content undefined when the document changed while the server worked (a newer refresh follows).
   */
  private async compute(document: vscode.TextDocument): Promise<{ content?: PanelContent; checked: boolean }> {
    if (!isEnabledFor(document)) {
      return { checked: false, content: { kind: 'message', text: `Evidence Writer does not check this document (${document.languageId}).` } };
    }
    try {
      const version = document.version;
      const content = await this.server.panel(document.uri);
      if (document.isClosed || document.version !== version) return { checked: true };
      return { checked: true, content: content.kind === 'document' ? { ...content, document: { ...content.document, name: displayName(document) } } : content };
    } catch (error) {
      this.log.error(`Evidence panel: could not check ${document.uri.toString()}: ${errorMessage(error)}`);
      return { checked: true, content: { kind: 'message', text: `Could not check ${displayName(document)}: ${errorMessage(error)}` } };
    }
  }

  /**
   * Handles one message from the webview: validated for shape, then against what the panel showed,
   * before anything is done. Public so tests can drive the same path a click takes.
   */
  async handleMessage(raw: unknown): Promise<MessageOutcome> {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) return this.refused(parsed.reason);
    const state = this.content.kind === 'document' ? this.content : undefined;
    const checked = actionForMessage(parsed.message, state);
    if (!checked.ok) return this.refused(checked.reason);
    const action = checked.action;
    try {
      switch (action.kind) {
        case 'ready':
          // The page (re)loaded: send the current content, in case an update was posted before it listened.
          void this.view?.webview.postMessage({ type: 'render', html: renderPanelBody(this.content) });
          break;
        case 'reveal':
          await this.reveal(action.span.start, action.span.end);
          break;
        case 'insert':
          await this.insert(action.offset, action.keys, state as PanelState);
          break;
        case 'openEntry':
          await this.openEntry(action.entry.location.file, action.entry.location.line);
          break;
        case 'openExternal':
          await vscode.env.openExternal(vscode.Uri.parse(action.url, true));
          break;
      }
    } catch (error) {
      void vscode.window.showErrorMessage(`Evidence panel: ${errorMessage(error)}`);
      return { ok: false, reason: errorMessage(error) };
    }
    return { ok: true, action: action.kind };
  }

  private refused(reason: string): MessageOutcome {
    this.log.warn(`Evidence panel: ignored a message from the webview: ${reason}`);
    return { ok: false, reason };
  }

  dispose(): void {
    if (this.debounce) clearTimeout(this.debounce);
    for (const d of this.disposables) d.dispose();
  }

  /** Brings a panel that was hidden up to date with the active editor and its text. */
  private catchUp(): Promise<void> {
    const pending = this.pendingDocument?.isClosed ? undefined : this.pendingDocument;
    const document = pending ?? vscode.window.activeTextEditor?.document;
    this.pendingDocument = undefined;
    return document && document !== this.document ? this.follow(document) : this.refresh();
  }

  private get visible(): boolean {
    return this.view?.visible === true;
  }

  private async follow(document: vscode.TextDocument): Promise<void> {
    if (document === this.document) return;
    // A hidden panel does no work (suggestions search the bibliography once per uncited claim).
    if (!this.visible) {
      this.pendingDocument = document;
      return;
    }
    const generation = ++this.generation;
    const { content, checked } = await this.compute(document);
    if (generation !== this.generation) return;
    // Moving to a file the panel cannot report on (a .bib, settings) keeps the last document shown.
    if (!checked && this.document && !this.document.isClosed) return;
    this.document = document;
    this.show(content ?? { kind: 'message', text: `Checking ${displayName(document)}…` });
    if (!content) {
      this.retries = 1;
      this.refreshSoon();
    }
  }

  /**
   * Redraws after `debounceMs`, and not while the writer is typing: redrawing a long document's panel
   * costs the window's renderer enough to slow keystrokes down, so it waits for a pause in typing.
   */
  private refreshSoon(): void {
    if (this.debounce) clearTimeout(this.debounce);
    if (!this.visible) return; // refreshed when shown again
    const typingQuietFor = QUIET_AFTER_TYPING_MS - (Date.now() - this.lastEditAt);
    this.debounce = setTimeout(() => void this.refresh(), Math.max(this.debounceMs, typingQuietFor));
  }

  private show(content: PanelContent): void {
    this.content = content;
    const view = this.view;
    if (view?.visible) {
      void view.webview.postMessage({ type: 'render', html: renderPanelBody(content) });
      this.lastHtml = this.renderPage(view.webview);
    }
    this.renderedEmitter.fire(content);
  }

  /** Renders the whole page with a fresh nonce (also kept as `html`, what a reload would show). */
  private renderPage(webview: vscode.Webview): string {
    const html = renderPanel(this.content, {
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.mediaRoot, 'panel.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.mediaRoot, 'panel.css')).toString(),
    });
    this.lastHtml = html;
    return html;
  }

  private async reveal(start: number, end: number): Promise<void> {
    const document = this.document;
    if (!document) return;
    const length = document.getText().length;
    const range = new vscode.Range(document.positionAt(Math.min(start, length)), document.positionAt(Math.min(end, length)));
    const existing = vscode.window.visibleTextEditors.find((e) => e.document === document);
    const editor = await vscode.window.showTextDocument(document, {
      viewColumn: existing?.viewColumn ?? vscode.ViewColumn.Active,
      preserveFocus: false,
      selection: range,
    });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private async insert(offset: number, keys: readonly string[], state: PanelState): Promise<void> {
    const document = this.document;
    if (!document) return;
    if (document.version !== state.document.version) {
      // The click was on a drawing of an older text: redraw rather than insert in the wrong place.
      await this.refresh();
      void vscode.window.showInformationMessage('The document changed; the Evidence panel has been updated. Please try again.');
      return;
    }
    const claim = state.uncited.find((c) => c.insertOffset === offset);
    if (!claim) return;
    const sentence = new vscode.Range(document.positionAt(claim.span.start), document.positionAt(claim.span.end));
    const edit = await this.server.citeClaimEdit(document.uri, sentence, keys);
    if (!edit || document.version !== state.document.version) return;
    const workspaceEdit = new vscode.WorkspaceEdit();
    workspaceEdit.replace(document.uri, edit.range, edit.newText);
    if (!(await vscode.workspace.applyEdit(workspaceEdit))) throw new Error('the citation could not be inserted');
  }

  private async openEntry(file: string, line: number): Promise<void> {
    const uri = vscode.Uri.file(file);
    const document = await vscode.workspace.openTextDocument(uri);
    const position = new vscode.Position(Math.max(0, Math.min(line - 1, document.lineCount - 1)), 0);
    await vscode.window.showTextDocument(document, {
      preview: true,
      selection: new vscode.Range(position, position),
      viewColumn: vscode.ViewColumn.Beside,
    });
  }
}

/** Registers the panel and its commands; returns the provider (the integration tests reach it through the API). */
export function registerEvidencePanel(context: vscode.ExtensionContext, server: EvidenceServer, log: vscode.LogOutputChannel, options?: EvidencePanelOptions): EvidencePanelProvider {
  const provider = new EvidencePanelProvider(context.extensionUri, server, log, options);
  context.subscriptions.push(
    provider,
    vscode.window.registerWebviewViewProvider(EVIDENCE_VIEW_ID, provider),
    vscode.commands.registerCommand(SHOW_EVIDENCE_PANEL_COMMAND, () => vscode.commands.executeCommand(`${EVIDENCE_VIEW_ID}.focus`)),
    vscode.commands.registerCommand(REFRESH_EVIDENCE_PANEL_COMMAND, () => provider.refresh()),
  );
  return provider;
}

function displayName(document: vscode.TextDocument): string {
  const path = document.uri.path;
  return path.slice(path.lastIndexOf('/') + 1) || document.uri.toString();
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}


