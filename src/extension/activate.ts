/**
 * Evidence Writer's VS Code entry point: wires the core (bibliographies, search, citations, lint) to the
 * editor. Activation does no I/O; bibliographies load on first use, off the typing path.
 */
import * as vscode from 'vscode';
import { EvidenceCodeActionProvider, registerCiteEvidence } from './codeActions';
import { registerCommands } from './commands';
import { CitationCompletionProvider, COMPLETION_TRIGGERS } from './completion';
import { CitationDefinitionProvider } from './definition';
import { disposeCoreWorker } from './coreWorkerClient';
import { DiagnosticsManager } from './diagnostics';
import { createEvidencePanelDependencies, registerEvidencePanel, type EvidencePanelProvider } from './evidencePanel';
import { CitationHoverProvider } from './hover';
import { watchProjectConfigs } from './lintConfig';
import { createLog, disposeLog } from './log';
import { registerInsertCitation } from './insertCitation';
import { registerForLanguages } from './languages';
import { CitationReferenceProvider } from './references';
import { EvidenceStatusBar } from './statusBar';
import { BibliographyService } from './workspace';

/** What activate() returns: used by the integration tests, not a public API. */
export interface EvidenceWriterApi {
  readonly bibliographies: BibliographyService;
  readonly diagnostics: DiagnosticsManager;
  readonly statusBar: EvidenceStatusBar;
  readonly evidencePanel: EvidencePanelProvider;
}

const BIBLIOGRAPHY_SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file', pattern: '**/*.{bib,bibtex,biblatex}' },
  { language: 'bibtex' },
];

export function activate(context: vscode.ExtensionContext): EvidenceWriterApi {
  const log = createLog();
  const bibliographies = new BibliographyService(vscode.Uri.joinPath(context.globalStorageUri, 'bibliography-cache').fsPath);
  const diagnostics = new DiagnosticsManager(bibliographies);
  const statusBar = new EvidenceStatusBar(diagnostics);

  context.subscriptions.push(
    bibliographies,
    diagnostics,
    statusBar,
    registerForLanguages((selector) => [
      vscode.languages.registerCompletionItemProvider(selector, new CitationCompletionProvider(bibliographies), ...COMPLETION_TRIGGERS),
      vscode.languages.registerHoverProvider(selector, new CitationHoverProvider(bibliographies)),
      vscode.languages.registerDefinitionProvider(selector, new CitationDefinitionProvider(bibliographies)),
      vscode.languages.registerReferenceProvider([...selector, ...(BIBLIOGRAPHY_SELECTOR as vscode.DocumentFilter[])], new CitationReferenceProvider(bibliographies)),
      vscode.languages.registerCodeActionsProvider(selector, new EvidenceCodeActionProvider(diagnostics, bibliographies), {
        providedCodeActionKinds: EvidenceCodeActionProvider.kinds,
      }),
    ]),
    watchProjectConfigs(() => {
      bibliographies.rediscoverSoon();
      diagnostics.relintOpenDocuments();
    }),
    registerInsertCitation(bibliographies),
    registerCiteEvidence(bibliographies),
    ...registerCommands(bibliographies, diagnostics),
    { dispose: disposeCoreWorker },
    { dispose: disposeLog },
  );
  const evidencePanel = registerEvidencePanel(context, createEvidencePanelDependencies(bibliographies, diagnostics));
  const loadStart = (globalThis as { __evidenceWriterLoadStart?: number }).__evidenceWriterLoadStart;
  const readyIn = loadStart === undefined ? '' : ` in ${(performance.now() - loadStart).toFixed(0)} ms from bundle load`;
  log.info(`Evidence Writer activated${readyIn} (workspace ${vscode.workspace.isTrusted ? 'trusted' : 'untrusted: bibliographies outside the workspace are not read'}).`);
  return { bibliographies, diagnostics, statusBar, evidencePanel };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
