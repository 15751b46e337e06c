/**
 * The core's shared vocabulary. Nothing here (or anywhere under src/core) imports 'vscode':
 * the extension and the CLI both adapt these editor-neutral types.
 *
 * Conventions
 * - Offsets are UTF-16 code-unit offsets into a document's text (what JavaScript strings and VS Code use).
 * - `Position.line` and `Position.character` are 0-based, as in LSP and VS Code.
 * - `SourceLocation.line` / `.column` are 1-based, because they are shown to people ("file.bib:12:1").
 */

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** A half-open [start, end) span of UTF-16 offsets in a text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Replace `span` of a document's text with `newText`. Lists of them are sorted and never overlap. */
export interface SpanEdit {
  readonly span: Span;
  readonly newText: string;
}

/** Where something was found in a file on disk; 1-based line and column for people. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** 1-based line of the entry's last line, when known. */
  readonly endLine?: number;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';
/** A rule's configured level: a severity, or 'off' to disable it. */
export type RuleLevel = Severity | 'off';

/** Languages the core understands. Anything else is treated as 'markdown'-like plain prose. */
export type DocumentLanguage = 'markdown' | 'quarto' | 'rmd' | 'latex' | 'plaintext';

// ---------------------------------------------------------------------------------------------
// Bibliography
// ---------------------------------------------------------------------------------------------

/** A person or organisation. Corporate authors ("World Bank") have only `literal`. */
export interface Person {
  readonly family?: string;
  readonly given?: string;
  readonly literal?: string;
}

export type BibFormat = 'bibtex' | 'csl-json' | 'csl-yaml' | 'ris';

/** One bibliography entry, normalised from any supported format. Text fields are readable Unicode. */
export interface BibEntry {
  /** Citation key (BibTeX key, CSL `id`, RIS `ID`), as written in the file. */
  readonly key: string;
  /** CSL item type, e.g. 'article-journal', 'report', 'book'. */
  readonly type: string;
  readonly title?: string;
  readonly authors: readonly Person[];
  readonly editors?: readonly Person[];
  /** Four-digit year as a number, when there is one. */
  readonly year?: number;
  /** Year label as cited, including a disambiguating suffix letter: '2016b'. */
  readonly yearLabel?: string;
  /** Journal, book or series title. */
  readonly container?: string;
  /** Publisher or institution. */
  readonly publisher?: string;
  readonly doi?: string;
  readonly url?: string;
  readonly abstract?: string;
  readonly keywords: readonly string[];
  /** EdTech Hub evidence-library key (the 8-char Zotero key in docs.edtechhub.org/lib/KEY), if any. */
  readonly hubKey?: string;
  /**
   * The Zotero item key (8 characters, upper-case) the entry's own fields give: a Zotero URI in its id,
   * url, note or extra (Zotero CSL-JSON, Better BibTeX), or a `zotero-key` field. A Hub entry's `hubKey`
   * is its Zotero key in the Hub's group library too; look-ups try both.
   */
  readonly zoteroKey?: string;
  /** Where the entry starts in its file. */
  readonly location: SourceLocation;
  /** The CSL-JSON item, for formatting with citation-js. */
  readonly csl: Record<string, unknown>;
}

export type BibProblemCode =
  | 'bib-parse-error'
  | 'duplicate-key'
  | 'missing-key'
  | 'unknown-entry-type'
  | 'unreadable-file'
  | 'wrong-encoding'
  | 'file-too-large'
  | 'binary-file'
  | 'unsupported-format';

/** A problem found while loading a bibliography: always with a file and, where it applies, a line. */
export interface BibProblem {
  readonly code: BibProblemCode;
  readonly severity: Severity;
  readonly message: string;
  readonly location: SourceLocation;
  /** For duplicate keys: the key concerned. */
  readonly key?: string;
}

/**
 * The result of loading one bibliography file. `columns` and `searchIndex` are set by whoever made the
 * file when they have them (a pack opened from the cache or sent by the parsing worker, a re-parse
 * that reused an earlier pack's rows); else the index and the search compute them from `entries`.
 */
export interface LoadedFile {
  readonly file: string;
  readonly format: BibFormat;
  readonly entries: readonly BibEntry[];
  readonly problems: readonly BibProblem[];
  /** The entries as columns, at the same positions (a pack's entries are built only when read). */
  readonly columns?: EntryColumns;
  /** The file's search index, as a pack stores it. */
  readonly searchIndex?: SearchIndexParts;
}

/**
 * A file's entries as columns, by position: what the index, the search and lint read, so that a
 * library opened from a pack is never built entry by entry. `entries[i]` and `entryAt(i)` agree.
 */
export interface EntryColumns {
  readonly size: number;
  keyAt(i: number): string;
  /** The four-digit year, or undefined. */
  yearAt(i: number): number | undefined;
  /** The entry itself (for packed files, built anew on each call: lists keep what they build). */
  entryAt(i: number): BibEntry;
  locationAt(i: number): SourceLocation;
  /** Folded forms of the first name an entry is cited by in author-year text (see index/nameMatching). */
  citedFormsAt(i: number): readonly string[];
  /** Normalised first author (or editor) family name, for did-you-mean by author; '' if none. */
  suggestNameAt(i: number): string;
  /** Hub look-up forms: library key, DOI, Hub DOI suffix (normalised). */
  hubFormsAt(i: number): readonly string[];
}

/**
 * A file's search index as flat arrays: what a pack stores (so that a warm start reads the index
 * instead of tokenising every entry) and what the search makes its token index from. Read-only.
 */
export interface SearchIndexParts {
  /** The vocabulary; a token's id is its position. */
  readonly tokens: readonly string[];
  /** Postings of token `id` are `postings[offsets[id] .. offsets[id + 1])`, each `entry << 3 | field`. */
  readonly offsets: Int32Array;
  readonly postings: Int32Array;
  /** Token ids in the tokens' sort order. */
  readonly sorted: Int32Array;
  /** Distinct trigrams; the ids of the tokens holding `trigrams[t]` are `trigramIds[trigramOffsets[t] .. trigramOffsets[t + 1])`. */
  readonly trigrams: readonly string[];
  readonly trigramOffsets: Int32Array;
  readonly trigramIds: Int32Array;
}

/**
 * Makes search indexes for the bibliography store, which packs them with the entries (implemented by
 * the search: search/searchIndexer). The store cannot import the search (the search reads the store's
 * output), so whoever makes a store hands it one.
 */
export interface SearchIndexer {
  /** The index of `entries`, built anew. */
  build(entries: readonly BibEntry[]): SearchIndexParts;
  /** The same, built entry by entry (numbered in the order added), for entries not kept. */
  start(): { add(entry: BibEntry): void; finish(): SearchIndexParts };
  /**
   * The index after an edit, from the one before it: `oldToNew` maps each old entry position to its
   * new one (-1: removed or changed); `added` are the new or changed entries at their new positions.
   */
  remap(previous: SearchIndexParts, oldToNew: Int32Array, added: readonly { readonly entry: BibEntry; readonly position: number }[]): SearchIndexParts;
  /**
   * The index of several entry lists one after the other, from each list's own index and its number
   * of entries (a file parsed in pieces): equal to `build` over the lists joined.
   */
  concat(pieces: readonly { readonly index: SearchIndexParts; readonly entries: number }[]): SearchIndexParts;
}

// ---------------------------------------------------------------------------------------------
// Documents, citations, claims
// ---------------------------------------------------------------------------------------------

/** The minimal text-document interface the core needs (VS Code's and vscode-languageserver's fit). */
export interface TextDocumentLike {
  readonly uri: string;
  readonly languageId: string;
  readonly version: number;
  getText(): string;
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
}

/**
 * `zotero-tagged`: the EdTech Hub Zotero plugin's `⟦zg:2405685:KEY|Haßler et al., 2020⟧`;
 * `zotero-scannable`: Zotero's RTF/ODF Scan cite `{ | Haßler et al., 2020 | p. 4 | |zg:2405685:KEY}`;
 * `zotero-link`: an item link, `zotero://select/items/1_KEY` or `https://zotero.org/groups/…/items/KEY`.
 */
export type CitationSyntax = 'pandoc' | 'latex' | 'author-year' | 'hub-link' | 'zotero-tagged' | 'zotero-scannable' | 'zotero-link';

/** The Zotero item a Zotero-form citation names. */
export interface ZoteroItemRef {
  /** The 8-character item key, upper-case (the same key as the Hub's docs.edtechhub.org/lib/KEY). */
  readonly itemKey: string;
  /** Whose library: `zg:`/groups → a group, `zu:`/users → a user (0: the local one), `select/items/N_KEY` → Zotero's local library number. */
  readonly library?: { readonly kind: 'group' | 'user' | 'local'; readonly id: string };
  /** The author-year text the cite shows ("Haßler et al., 2020", "Haßler et al. (2020)"), without a tag prefix. */
  readonly label?: string;
  /** The Hub plugin's `C:` tag text written before the names ("Kenya"). */
  readonly tag?: string;
  /** A scannable cite's prefix, locator ("p. 4") and suffix. */
  readonly prefix?: string;
  readonly locator?: string;
  readonly suffix?: string;
}

/** One cited work inside a citation: `@key`, one key of `\cite{a,b}`, or `Selwyn, 2016b`. */
export interface CitationItem {
  /** The key as written (pandoc/latex/hub-link/zotero-link), the author-year text as written, or a Zotero cite's label. */
  readonly text: string;
  /** Span of the key (or of the author-year text) in the document. */
  readonly span: Span;
  /** For key syntaxes: the key as written. */
  readonly key?: string;
  /** For author-year: family names as written (or corporate name) and the year label ('2016b'). */
  readonly authorYear?: { readonly names: readonly string[]; readonly etAl: boolean; readonly year: string };
  /** For hub-link: the 8-char library key. */
  readonly hubKey?: string;
  /** For the Zotero forms: the item (resolved by its key). */
  readonly zotero?: ZoteroItemRef;
}

/** A citation as it appears in a document: `[see @a, p. 3; @b]`, `\citep[p.~3]{a,b}`, `(⇡Selwyn, 2016b)`. */
export interface Citation {
  readonly syntax: CitationSyntax;
  /** Span of the whole citation (brackets and command included). */
  readonly span: Span;
  readonly items: readonly CitationItem[];
  /** Pandoc narrative `@key` / LaTeX \textcite-like / `Name (2021)`. */
  readonly narrative?: boolean;
}

/** A sentence of prose found in a document, with its structural context. */
export interface Sentence {
  readonly text: string;
  readonly span: Span;
  /** Index of the paragraph (block) it belongs to; sentences of one paragraph share it. */
  readonly paragraph: number;
  /** The nearest heading above it, if any. */
  readonly section?: string;
  /**
   * For a sentence in a list item: the sentence that introduced the list ("The Hub aims to:"),
   * when the paragraph just before the list ends with a colon.
   */
  readonly listIntro?: string;
}

/** A sentence to judge, with what a reviewer reads around it. */
export interface ClaimInput {
  readonly text: string;
  /** The previous sentence of the same paragraph. */
  readonly contextBefore?: string;
  /** The heading the sentence sits under. */
  readonly heading?: string;
  /** The sentence that introduced the list this sentence is an item of ("We will:"). */
  readonly listIntro?: string;
}

export interface ClaimScoreOptions {
  readonly sensitivity?: Sensitivity;
  /**
   * Names the writer's organisation uses for itself ("EdTech Hub", "the Hub"): a sentence about
   * them reads like one about "we".
   */
  readonly ownVoice?: readonly string[];
}

/** The claim scorer's verdict on one sentence, with the reasons a person can read. */
export interface ClaimScore {
  readonly claim: boolean;
  /** 0..1, higher = more in need of evidence. */
  readonly score: number;
  readonly reasons: readonly string[];
}

export type Sensitivity = 'low' | 'medium' | 'high';
/** Every sensitivity, strictest first (the one list the config, the CLI and the scorer check against). */
export const SENSITIVITIES: readonly Sensitivity[] = ['low', 'medium', 'high'];

// ---------------------------------------------------------------------------------------------
// Lint
// ---------------------------------------------------------------------------------------------

export type RuleId =
  | 'uncited-claim'
  | 'unknown-key'
  | 'ambiguous-citation'
  | 'duplicate-key'
  | 'bib-parse-error'
  | 'unused-entry'
  | 'citation-relevance';

/** One lint finding. `range` is 0-based (editor); formatters add 1 for people. */
export interface Finding {
  readonly ruleId: RuleId;
  readonly severity: Severity;
  readonly message: string;
  /** The file the finding is in (a document or a bibliography file). */
  readonly file: string;
  readonly range: Range;
  /** "Did you mean" keys (unknown-key) or candidate keys (ambiguous-citation). */
  readonly suggestions?: readonly string[];
  /** Why a sentence was judged a claim (uncited-claim). */
  readonly reasons?: readonly string[];
}

/** What citation resolution and lint need from a bibliography (implemented by BibliographyIndex). */
export interface BibliographyLookup {
  readonly entries: readonly BibEntry[];
  /** Exact key lookup (case-sensitive, as Pandoc and BibTeX are). */
  get(key: string): BibEntry | undefined;
  /** Entry whose Hub library key (docs.edtechhub.org/lib/KEY) or Hub DOI suffix matches. */
  byHubKey(hubKey: string): BibEntry | undefined;
  /** Entry whose Zotero item key (its own, or a Hub entry's library key) matches, case-insensitively. */
  byZoteroKey(itemKey: string): BibEntry | undefined;
  /**
   * Entries whose first author family names (or corporate name) match `names` (accent- and
   * case-insensitive; "et al." means "these first, maybe more") and whose year label matches
   * ('2016b' matches only 2016b; '2016' matches 2016 and, if unique, 2016a).
   */
  findByAuthorYear(names: readonly string[], yearLabel: string, etAl: boolean): readonly BibEntry[];
  /** Problems found while loading (parse errors, duplicate keys, unreadable files…). */
  readonly problems: readonly BibProblem[];
}
