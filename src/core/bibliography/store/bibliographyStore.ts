import * as path from 'node:path';
import { once } from '../../scheduling/once';
import type { LoadedFile, SearchIndexer, SearchIndexParts } from '../../types';
import { decodeBibliographyBytes } from '../formats/decodeBytes';
import { parseBibtexChunks } from '../formats/bibtex/parseBibtex';
import type { BibtexChunk } from '../formats/bibtex/splitBibtex';
import { relocated } from '../formats/lazyCsl';
import { parseBibliographyText, type ParsedFile } from '../formats/parseText';
import { bibProblem } from '../formats/problems';
import { ArrayColumns, columnsOf } from '../index/entryColumns';
import { composedEntries, ComposedColumns } from './composedColumns';
import { memoOfOpenedFile, ParseMemo, type FileMemo } from './entryMemo';
import { loadBibliographyBytes, loadBibliographyFile, type ReadBytes } from './loadFile';
import { packFile } from './packFile';
import { parsePacked, type StretchParser } from './packedParse';
import { openPackedFile, PackedColumns, type PackSource } from './packedFile';
import type { BibtexSourceMap } from './sourceMap';
import { SplicePoint, spliceBibtexEdit, type Splice } from './spliceBibtex';
import type { ByteSource } from './binaryPack';

export interface BibliographyStoreOptions {
  /** Makes the search index a pack carries (the search's `searchIndexer`). */
  readonly searchIndexer: SearchIndexer;
  /**
   * Files are read once (the CLI): nothing of a parse is kept to re-read the file after an edit (its
   * text and split, bytes and pack: ~100 MB for 50,000 entries).
   */
  readonly readsOnce?: boolean;
  /** Parses the second half of a big BibTeX file in another thread, for a cold parse on two cores (see packedParse). */
  readonly stretchParser?: StretchParser;
}

export interface PackOptions {
  /** The bytes the file was read from: kept, so that the next edit of the file is spliced onto this pack. */
  readonly bytes?: Uint8Array;
  /** Where each chunk sits in those bytes (see loadBibliographyBytes). */
  readonly sourceMap?: BibtexSourceMap;
  /** How often each key occurs in the source map, when a splice has counted them. */
  readonly keyCounts?: Map<string, number>;
  /** What the file was read from, recorded in the pack's header for a cache to check. */
  readonly source?: PackSource;
  /** Memory for the pack (default: fresh shared memory). */
  readonly allocate?: (size: number) => Buffer;
}

export interface PackedFile {
  readonly pack: Buffer;
  /** The file that was packed, with its search index. */
  readonly loaded: LoadedFile;
}

/**
 * Parsed bibliography files, and what makes reading them again cheap: one per evidence service (or
 * parsing worker). It remembers each file's last parse (the text, its split, its entries) and the
 * bytes and pack it last made of each file, so that re-reading a file after an edit parses only the
 * entries that changed (see entryMemo and spliceBibtex). What it returns is always what a fresh
 * parse gives. Reading never throws: every failure is a problem naming the file and, where it
 * applies, the line. Files come back with their columns (see core/types LoadedFile).
 */
export class BibliographyStore {
  private readonly memo: ParseMemo;
  /** Parses text as a file, keeping a BibTeX file's split (what its source map is made from). */
  private readonly parse = (text: string, file: string): ParsedFile => {
    const parsed = parseBibliographyText(text, file, undefined, { bibtex: (body, name) => this.parseBibtex(body, name) });
    return parsed.columns ? parsed : { ...parsed, columns: new ArrayColumns(parsed.entries) };
  };

  constructor(private readonly options: BibliographyStoreOptions) {
    this.memo = new ParseMemo(options.readsOnce ? 0 : undefined);
  }

  /** Reads and parses one file (a re-read of a file parsed before reuses its unchanged entries). */
  load(file: string): Promise<LoadedFile> {
    return loadBibliographyFile(file, this.parse);
  }

  /**
   * Loads the files concurrently, in the given order, each once. Unreadable files come back with a
   * problem; if `signal` is aborted, files not yet read are left out (without a problem).
   */
  async loadAll(files: readonly string[], options: { readonly signal?: AbortSignal } = {}): Promise<LoadedFile[]> {
    const loaded = await Promise.all(
      [...new Set(files)].map(async (file): Promise<LoadedFile | undefined> => {
        if (options.signal?.aborted) return undefined;
        try {
          return await this.load(file);
        } catch (error) {
          // load does not throw; this guards against the unexpected all the same.
          return { file, format: 'bibtex', entries: [], problems: [bibProblem('unreadable-file', 'error', file, `cannot read the bibliography: ${String(error)}`)] };
        }
      }),
    );
    return loaded.filter((f): f is LoadedFile => f !== undefined);
  }

  /** Parses `text` as the file at `file` (the format from `file`'s extension, else the text). */
  parseText(text: string, file: string): LoadedFile {
    const { bibtexSplit: _split, ...loaded } = this.parse(text, file);
    return loaded;
  }

  /**
   * Parses a file's bytes, already read (with their source map, for a BibTeX file read as plain UTF-8,
   * unless `sourceMap` is false: nothing will be spliced onto this parse).
   */
  parseBytes(bytes: Uint8Array, file: string, options: { readonly sourceMap?: boolean } = {}): ReadBytes {
    return loadBibliographyBytes(bytes, file, this.parse, options);
  }

  /**
   * Parses a file's bytes and packs it (as parseBytes, then pack, with its source map): a big BibTeX
   * file is packed as it is parsed (its entries never all held at once), the biggest on two cores
   * when the store has a stretchParser (see packedParse), and one parsed in one piece is packed once.
   * The same result. With a source map, the file's next edit is spliced onto the pack.
   */
  async parseAndPack(bytes: Uint8Array, file: string, options: Pick<PackOptions, 'source' | 'allocate'> = {}): Promise<PackedFile & { readonly sourceMap?: BibtexSourceMap }> {
    // (parsePacked should not throw either; if it did, the whole parse says what went wrong.)
    const packed = await parsePacked(bytes, file, this.options.searchIndexer, { elsewhere: this.options.stretchParser, pack: options }).catch(() => undefined);
    const { loaded, sourceMap } = packed ?? this.parseBytes(bytes, file);
    const packOptions = { ...options, bytes, sourceMap };
    if (!packed?.pack) return { ...this.pack(loaded, packOptions), sourceMap };
    this.rememberPack(loaded, () => loaded, packOptions);
    return { pack: packed.pack, loaded, sourceMap };
  }

  /**
   * Packs a loaded file with its search index (for another thread, or the disk cache): its own, or,
   * for an edit spliced onto a pack, that pack's renumbered, or built now. The next parse of the file
   * reuses this pack's rows; with `bytes`, its next edit is spliced onto it.
   */
  pack(loaded: LoadedFile, options: PackOptions = {}): PackedFile {
    const file = { ...loaded, searchIndex: this.searchIndexOf(loaded) };
    const pack = packFile(file, { searchIndex: file.searchIndex, sourceMap: options.sourceMap, source: options.source, allocate: options.allocate });
    // (The closure must not hold `loaded`: a fresh parse's 50,000 built entries would stay alive with the pack.)
    const name = loaded.file;
    this.rememberPack(loaded, once(() => openPackedFile(pack, name).loaded), options);
    return { pack, loaded: file };
  }

  /** What the next parse or edit of a file reuses, once `loaded` is packed (`opened` opens the pack). */
  private rememberPack(loaded: LoadedFile, opened: () => LoadedFile, options: PackOptions): void {
    if (options.bytes && options.sourceMap) {
      this.rememberOpened(loaded.file, options.bytes, opened, options.sourceMap, options.keyCounts);
    } else {
      this.memo.repoint(loaded.file, loaded.columns, () => columnsOf(opened()));
      // Without a source map the next edit cannot be spliced onto this pack: it is parsed.
      if (options.bytes) this.memo.forgetSplicePoint(path.resolve(loaded.file));
    }
  }

  /** Opens a pack (made by `pack`, here or in another thread) as the file `file`. Throws if it is not a pack of this version. */
  openPack(bytes: Uint8Array, file?: string, tail?: ByteSource): LoadedFile {
    return openPackedFile(bytes, file, tail).loaded;
  }

  /**
   * Re-reads a file from its new bytes by splicing the edit onto the last pack made of it here (see
   * spliceBibtex): undefined when there is none, or when only a parse would give what a fresh parse gives.
   */
  spliceEdit(file: string, bytes: Uint8Array): Splice | undefined {
    const last = this.memo.splicePoint(path.resolve(file));
    return last && spliceBibtexEdit(last, bytes, file);
  }

  /** As spliceEdit, onto a pack this store did not make (a stale cache slot, and the bytes it was made from). */
  spliceOnto(file: string, bytes: Uint8Array, onto: { readonly bytes: Uint8Array; readonly pack: PackedColumns }): Splice | undefined {
    return spliceBibtexEdit(new SplicePoint(onto.bytes, () => onto.pack), bytes, file);
  }

  /**
   * Remembers a pack opened for `file` (a cache slot, or one just made) as the file's last parse: the
   * next edit is spliced onto it, and a parse (if the splice declines) reuses its rows.
   */
  rememberOpened(file: string, bytes: Uint8Array, open: () => LoadedFile | undefined, sourceMap?: BibtexSourceMap, keyCounts?: Map<string, number>): void {
    const pack = (): PackedColumns | undefined => {
      const columns = open()?.columns;
      return columns instanceof PackedColumns ? columns : undefined;
    };
    this.memo.rememberSplicePoint(path.resolve(file), new SplicePoint(bytes, once(pack), sourceMap, keyCounts));
    this.rememberText(file, open, bytes);
  }

  /** Remembers `open`'s entries as the last parse of `file`'s text (decoded from `bytes`), matched when next parsed. */
  rememberText(file: string, open: () => LoadedFile | undefined, bytes: Uint8Array): void {
    this.memo.remember(file, memoOfOpenedFile(open, () => decodeBibliographyBytes(bytes, file).text));
  }

  /** What the next edit of `file` is spliced onto, if this store made or opened a pack of it. */
  splicePoint(file: string): SplicePoint | undefined {
    return this.memo.splicePoint(path.resolve(file));
  }

  private searchIndexOf(file: LoadedFile): SearchIndexParts {
    if (file.searchIndex) return file.searchIndex;
    const composed = file.columns instanceof ComposedColumns ? file.columns : undefined;
    const base = composed?.singleSource();
    if (composed && base) {
      const { oldToNew, added } = composed.renumbering(base);
      return this.options.searchIndexer.remap(base.searchParts(), oldToNew, added);
    }
    return this.options.searchIndexer.build(file.entries);
  }

  /** A BibTeX parse that reuses the entries of the file's last parse whose text is unchanged. */
  private parseBibtex(text: string, file: string): Omit<ParsedFile, 'file' | 'format'> {
    const memo = this.memo.recall(file);
    const earlier = memo && { text: memo.text, split: memo.split, macros: memo.macros, rowOf: (chunk: BibtexChunk) => memo.rows().get(chunk.text) };
    // Entries kept after a read-once parse should not keep the file's text alive with them.
    const parsed = parseBibtexChunks(text, file, earlier, this.options.readsOnce === true);
    const { entries, columns } = reusedEntries(parsed.parts, parsed.reusedEarlier ? memo : undefined);
    const { chunks, rememberable } = parsed;
    const rows = once(() => {
      const byText = new Map<string, number>();
      chunks.forEach((chunk, i) => {
        if (rememberable[i]) byText.set(chunk.text, i);
      });
      return byText;
    });
    this.memo.remember(file, { text, split: parsed.split.split, macros: parsed.split.macros.join('\n'), rows, source: columns });
    return { entries, problems: parsed.problems, columns, bibtexSplit: parsed.split };
  }
}

/**
 * The entries of a re-parse: unchanged ones are rows of the earlier pack (never built unless read),
 * or the earlier entries themselves (moved to their new lines).
 */
function reusedEntries(parts: ReturnType<typeof parseBibtexChunks>['parts'], memo: FileMemo | undefined): Pick<LoadedFile, 'entries'> & { columns: ArrayColumns | ComposedColumns } {
  const source = memo?.source;
  if (source instanceof PackedColumns) return composedEntries(parts.map((part) => ('entry' in part ? part : { from: source, row: part.row, location: part.location })));
  const rowOf = new Int32Array(parts.length).fill(-1);
  const entries = parts.map((part, i) => {
    if ('entry' in part) return part.entry;
    rowOf[i] = part.row;
    const was = source!.entryAt(part.row);
    const moved = was.location.line !== part.location.line || was.location.column !== part.location.column || was.location.endLine !== part.location.endLine;
    return moved ? relocated(was, part.location) : was;
  });
  return { entries, columns: source ? ArrayColumns.reusing(entries, source, (i) => rowOf[i]!) : new ArrayColumns(entries) };
}

