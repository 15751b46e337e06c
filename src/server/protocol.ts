/**
 * Evidence Writer's own requests and notifications: only for what LSP has no method for (the panel's
 * model, the picker's search, status counts, library state, cancellable indexing). Shared by the server
 * and the VS Code client; types only, so the client's bundle carries no server code.
 */
import type { IndexingEvent } from '../core/documentBibliographies';
import type { TextEdit } from '../core/features/codeActions';
import type { PanelContent } from '../core/panel/panelModel';
import type { CitationConversionEdits, EntrySummary, EvidenceStatus, LibraryState, ReferenceListEdit } from '../core/service';
import type { Position, Range } from '../core/types';

/** What the client says about itself in `initializationOptions`. */
export interface EvidenceInitializationOptions {
  /** False in Restricted Mode. */
  readonly trusted?: boolean;
  /** Where parsed bibliographies may be cached (the extension's global storage). */
  readonly cacheDir?: string;
  /** The client shows indexing progress itself (from `evidence/indexing`), with a Cancel button. */
  readonly indexingNotifications?: boolean;
  /** The client has an entry picker for "Cite evidence…" (else the top entries are offered as fixes). */
  readonly citeEvidencePicker?: boolean;
}

/**
 * Environment variables a client should start the server with (added to its own). glibc's malloc
 * raises its mmap threshold to the size of the largest block freed (up to 32 MB), and from then on
 * keeps blocks of that size (a file's bytes, a pack: 0.1–30 MB) in its arenas when freed: the server's
 * RSS crept up with every export of a library (+18–25% over 1,000 edits of the Hub library, after GC),
 * and with the 6k library it held ~400 MB where ~180 MB are used. A fixed threshold returns them to
 * the system. Other C libraries ignore the variable.
 */
export const SERVER_ENVIRONMENT: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: '131072' };

export const Methods = {
  /** → PanelContent */
  panel: 'evidence/panel',
  /** → EntrySummary[] */
  searchEntries: 'evidence/searchEntries',
  /** → EntrySummary[] */
  relevantEntries: 'evidence/relevantEntries',
  /** → TextEdit | null */
  insertCitationEdit: 'evidence/insertCitationEdit',
  /** → TextEdit | null */
  citeClaimEdit: 'evidence/citeClaimEdit',
  /** → EvidenceStatus | null */
  status: 'evidence/status',
  /** → ServerLibraryState */
  libraryState: 'evidence/libraryState',
  /** → WorkspaceLintSummary (with work-done progress; cancellable) */
  lintWorkspace: 'evidence/lintWorkspace',
  /** → EvidenceStatus | null: lints one document now and publishes its diagnostics */
  lintDocument: 'evidence/lintDocument',
  /** → CitationConversionEdits | null */
  convertCitations: 'evidence/convertCitations',
  /** → ReferenceListEdit | null */
  referenceList: 'evidence/referenceList',
  /** notification, client → server */
  reloadBibliographies: 'evidence/reloadBibliographies',
  /** notification, client → server */
  cancelIndexing: 'evidence/cancelIndexing',
  /** notification, client → server: { trusted } */
  didChangeTrust: 'evidence/didChangeTrust',
  /** notification, server → client: IndexingEvent */
  indexing: 'evidence/indexing',
  /** notification, server → client: DidLintParams */
  didLint: 'evidence/didLint',
} as const;

export interface DocumentParams {
  readonly uri: string;
}
export interface LibraryStateParams {
  /** Collect garbage first, in the server's thread and its workers', so that their memory is what they hold. */
  readonly collectFirst?: boolean;
}
export interface SearchEntriesParams extends DocumentParams {
  readonly query: string;
  readonly limit?: number;
}
export interface RangeParams extends DocumentParams {
  readonly range: Range;
}
export interface InsertCitationParams extends DocumentParams {
  readonly position: Position;
  readonly keys: readonly string[];
}
export interface CiteClaimParams extends RangeParams {
  readonly keys: readonly string[];
}
export interface ConvertCitationsParams extends DocumentParams {
  readonly target: 'hub' | 'key';
}
export interface ReferenceListParams extends DocumentParams {
  readonly format?: 'markdown' | 'latex';
}
export interface DidLintParams extends DocumentParams {
  readonly status: EvidenceStatus;
}
export interface TrustParams {
  readonly trusted: boolean;
}
/** The library state, with the server process's memory (its worker threads included). */
export interface ServerLibraryState extends LibraryState {
  readonly rssBytes: number;
  /** The server's process id (the integration tests end it, as a crash would). */
  readonly pid: number;
  readonly memory: ServerMemory;
}
/** Where the server process's memory is (bytes): its main thread's heap, its workers' heaps, the rest. */
export interface ServerMemory {
  readonly rssBytes: number;
  /** The most the process has held at any time. */
  readonly peakRssBytes: number;
  /** The server thread's V8 heap: used, and held from the system. */
  readonly mainHeapUsed: number;
  readonly mainHeap: number;
  /** Memory outside the V8 heaps: buffers, shared memory (packs, file bytes). */
  readonly arrayBuffers: number;
  /** Each running worker's V8 heap (a worker not running is not listed; one too busy to answer at once is `busy`). */
  readonly workers: readonly { readonly name: string; readonly heapUsed?: number; readonly heap?: number; readonly busy?: true }[];
}
export interface LintWorkspaceParams {
  readonly workDoneToken?: string | number;
}
export interface WorkspaceLintSummary {
  readonly files: number;
  readonly claims: number;
  readonly supported: number;
  /** Findings per rule id. */
  readonly findings: Readonly<Record<string, number>>;
  readonly cancelled: boolean;
  readonly errors: readonly string[];
}

export type { CitationConversionEdits, EntrySummary, EvidenceStatus, IndexingEvent, LibraryState, PanelContent, ReferenceListEdit, TextEdit };
