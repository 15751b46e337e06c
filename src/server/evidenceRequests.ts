/** Evidence Writer's own requests (see protocol.ts), each answered by one service method. */
import { ErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver/node';
import type { EvidenceService } from '../core/service';
import type { Finding, RuleId } from '../core/types';
import type { DiagnosticsPublisher } from './diagnostics';
import { pathToUri } from './lspWorkspace';
import {
  Methods,
  type CiteClaimParams,
  type ConvertCitationsParams,
  type DocumentParams,
  type InsertCitationParams,
  type LintWorkspaceParams,
  type RangeParams,
  type ReferenceListParams,
  type SearchEntriesParams,
  type LibraryStateParams,
  type ServerLibraryState,
  type ServerMemory,
  type TrustParams,
  type WorkspaceLintSummary,
} from './protocol';

export function registerEvidenceRequests(
  connection: Connection,
  service: EvidenceService,
  diagnostics: DiagnosticsPublisher,
  onTrustChanged: (trusted: boolean) => void,
  memory: { measure(collectFirst?: boolean): Promise<ServerMemory>; collectGarbage(): void },
): void {
  const request = requestRegistrar(connection);
  const document = <P extends DocumentParams, R>(method: string, handler: (params: P) => R): void =>
    request<P, R>(method, (params) => handler(withUri(method, params)));
  document(Methods.panel, ({ uri }: DocumentParams) => service.panel(uri));
  document(Methods.searchEntries, ({ uri, query, limit }: SearchEntriesParams) => service.searchEntries(uri, query, limit));
  document(Methods.relevantEntries, ({ uri, range }: RangeParams) => service.relevantEntries(uri, range));
  document(Methods.insertCitationEdit, async ({ uri, position, keys }: InsertCitationParams) => (await service.insertCitationEdit(uri, position, keys)) ?? null);
  document(Methods.citeClaimEdit, async ({ uri, range, keys }: CiteClaimParams) => (await service.citeClaimEdit(uri, range, keys)) ?? null);
  document(Methods.convertCitations, async ({ uri, target }: ConvertCitationsParams) => (await service.convertCitations(uri, target)) ?? null);
  document(Methods.referenceList, async ({ uri, format }: ReferenceListParams) => (await service.referenceList(uri, format)) ?? null);
  document(Methods.status, ({ uri }: DocumentParams) => service.status(uri) ?? null);
  document(Methods.lintDocument, async ({ uri }: DocumentParams) => (await diagnostics.lintNow(uri))?.stats ?? null);
  request(Methods.libraryState, async (params: LibraryStateParams): Promise<ServerLibraryState> => {
    if (params.collectFirst) memory.collectGarbage();
    const used = await memory.measure(params.collectFirst === true);
    return { ...service.libraryState(), rssBytes: used.rssBytes, memory: used, pid: process.pid };
  });
  connection.onNotification(Methods.reloadBibliographies, () => service.reloadBibliographies());
  connection.onNotification(Methods.cancelIndexing, () => service.cancelIndexing());
  connection.onNotification(Methods.didChangeTrust, (params: TrustParams | undefined) => {
    if (typeof params?.trusted === 'boolean') onTrustChanged(params.trusted);
  });

  request(Methods.lintWorkspace, async (params: LintWorkspaceParams, token) => {
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    // The client's progress token if it sent one (its own Cancel cancels the request), else one of ours.
    let reporter;
    if (params.workDoneToken !== undefined) reporter = connection.window.attachWorkDoneProgress(params.workDoneToken);
    else {
      const created = await connection.window.createWorkDoneProgress().catch(() => undefined);
      created?.token.onCancellationRequested(() => abort.abort());
      reporter = created;
    }
    reporter?.begin('Evidence Writer: linting workspace', 0, undefined, true);
    try {
      const files = await service.workspaceDocuments();
      const result = await service.lintWorkspace(
        files.map((file) => ({ file })),
        {
          signal: abort.signal,
          onDocument: (file, i, total) => reporter?.report(Math.round((100 * i) / Math.max(1, total)), file.slice(file.lastIndexOf('/') + 1)),
        },
      );
      // Every file linted shows its problems (and keeps them when closed); files now ignored lose theirs.
      for (const file of result.files) {
        const uri = pathToUri(file.file);
        const byFile = new Map<string, Finding[]>();
        for (const f of result.findings) if (f.file !== file.file && file.bibliographyFiles.includes(f.file)) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
        for (const bib of file.bibliographyFiles) if (!byFile.has(bib)) byFile.set(bib, []);
        diagnostics.publish(uri, { findings: file.result.findings, files: byFile, stats: { claims: file.result.stats.claims, supported: file.result.stats.supported, findings: file.result.findings.length } }, true);
      }
      for (const file of result.ignored) diagnostics.dropWorkspaceLintResult(pathToUri(file));
      const findings: Partial<Record<RuleId, number>> = {};
      for (const f of result.findings) findings[f.ruleId] = (findings[f.ruleId] ?? 0) + 1;
      const summary: WorkspaceLintSummary = {
        files: result.stats.files,
        claims: result.stats.claims,
        supported: result.stats.supported,
        findings,
        cancelled: result.cancelled,
        errors: result.errors,
      };
      return summary;
    } finally {
      reporter?.done();
    }
  });
}

/**
 * Registers request handlers that always get their params as an object and the request's token.
 * vscode-jsonrpc calls a handler with `(params, token)`, but with `(token)` alone when the client sent
 * no params or an empty array, which is how Neovim encodes an empty Lua table `{}`.
 */
function requestRegistrar(connection: Connection) {
  return <P, R>(method: string, handler: (params: Partial<P>, token: CancellationToken) => R): void => {
    connection.onRequest(method, async (...args: unknown[]) => {
      const token = args[args.length - 1] as CancellationToken;
      const params = args.length > 1 && typeof args[0] === 'object' && args[0] !== null && !Array.isArray(args[0]) ? (args[0] as Partial<P>) : {};
      return handler(params, token);
    });
  };
}

/** `params` of a request about one document, or the client is told it sent none. */
function withUri<P extends DocumentParams>(method: string, params: Partial<P>): P {
  if (typeof params.uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, `${method} needs the document's uri in its params ({ "uri": "file:///…" })`);
  return params as P;
}
