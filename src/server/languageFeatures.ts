/** The standard LSP requests, each answered by one service method. */
import {
  CodeActionKind,
  CompletionItemKind,
  MarkupKind,
  type CodeAction,
  type CompletionItem,
  type CompletionList,
  type Connection,
} from 'vscode-languageserver/node';
import type { EvidenceCodeAction } from '../core/features/codeActions';
import { CITE_EVIDENCE_COMMAND } from '../core/features/codeActions';
import { fileOfUri } from '../core/lint/lintDocument';
import type { EvidenceService } from '../core/service';
import type { Finding } from '../core/types';
import { toDiagnostic, toFinding, toLocation } from './convert';

/** What a completion item carries to completionItem/resolve. */
interface CompletionData {
  readonly uri: string;
  readonly key?: string;
}

export interface LanguageFeatureOptions {
  /** The client edits with insert/replace ranges (else the insert range is used). */
  readonly insertReplace: boolean;
  /** The client has its own picker for "Cite evidence…"; else the best entries are offered as fixes. */
  readonly citeEvidencePicker: boolean;
}

const DIRECT_CITE_SUGGESTIONS = 3;

export function registerLanguageFeatures(connection: Connection, service: EvidenceService, options: LanguageFeatureOptions): void {
  connection.onCompletion(async ({ textDocument, position }): Promise<CompletionList | null> => {
    const result = await service.completions(textDocument.uri, position);
    if (!result) return null;
    const items = result.items.map((item): CompletionItem => {
      const data: CompletionData = { uri: textDocument.uri, ...(item.key ? { key: item.key } : {}) };
      return {
        label: item.label,
        labelDetails: { detail: item.labelDetail, ...(item.description ? { description: item.description } : {}) },
        kind: item.key ? CompletionItemKind.Reference : CompletionItemKind.Text,
        ...(item.description ? { detail: item.description } : {}),
        filterText: item.filterText,
        sortText: item.sortText,
        textEdit: options.insertReplace ? { newText: item.insertText, insert: item.insert, replace: item.replace } : { newText: item.insertText, range: item.insert },
        data,
      };
    });
    return { isIncomplete: result.isIncomplete, items };
  });

  connection.onCompletionResolve(async (item) => {
    const data = item.data as CompletionData | undefined;
    if (!data?.key) return item;
    const details = await service.completionDetails(data.uri, data.key);
    return details ? { ...item, documentation: { kind: MarkupKind.Markdown, value: details } } : item;
  });

  connection.onHover(async ({ textDocument, position }) => {
    const hover = await service.hover(textDocument.uri, position);
    return hover ? { contents: { kind: MarkupKind.Markdown, value: hover.markdown }, range: hover.range } : null;
  });

  connection.onDefinition(async ({ textDocument, position }) => {
    const locations = await service.definition(textDocument.uri, position);
    return locations.length > 0 ? locations.map(toLocation) : null;
  });

  connection.onReferences(async ({ textDocument, position }) => {
    const locations = await service.references(textDocument.uri, position);
    return locations.length > 0 ? locations : null;
  });

  connection.onCodeAction(async ({ textDocument, range, context }) => {
    const file = fileOfUri(textDocument.uri);
    const findings = context.diagnostics.map((d) => toFinding(d, file)).filter((f): f is Finding => f !== undefined);
    const actions = await service.codeActions(textDocument.uri, range, findings);
    const lspActions = actions.filter((a) => options.citeEvidencePicker || a.command?.command !== CITE_EVIDENCE_COMMAND).map((a) => toCodeAction(textDocument.uri, a));
    if (!options.citeEvidencePicker) lspActions.push(...(await directCitations(service, textDocument.uri, findings)));
    return lspActions.length > 0 ? lspActions : null;
  });
}

function toCodeAction(uri: string, action: EvidenceCodeAction): CodeAction {
  return {
    title: action.title,
    kind: action.kind === 'quickfix' ? CodeActionKind.QuickFix : CodeActionKind.RefactorRewrite,
    ...(action.finding ? { diagnostics: [toDiagnostic(action.finding)] } : {}),
    ...(action.isPreferred ? { isPreferred: true } : {}),
    ...(action.edits ? { edit: { changes: { [uri]: [...action.edits] } } } : {}),
    ...(action.command ? { command: { title: action.title, command: action.command.command, arguments: [...action.command.arguments] } } : {}),
  };
}

/** For editors without a picker: "Cite key — Authors (year)" for the entries most relevant to the claim. */
async function directCitations(service: EvidenceService, uri: string, findings: readonly Finding[]): Promise<CodeAction[]> {
  const actions: CodeAction[] = [];
  for (const finding of findings.filter((f) => f.ruleId === 'uncited-claim')) {
    for (const entry of await service.relevantEntries(uri, finding.range, DIRECT_CITE_SUGGESTIONS)) {
      const edit = await service.citeClaimEdit(uri, finding.range, [entry.key]);
      if (!edit) continue;
      actions.push({
        title: `Cite ${entry.key} — ${entry.label}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [toDiagnostic(finding)],
        edit: { changes: { [uri]: [edit] } },
      });
    }
  }
  return actions;
}
