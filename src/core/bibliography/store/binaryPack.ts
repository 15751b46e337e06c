/**
 * A tiny binary container: a JSON header and named sections of bytes, each 8-byte aligned, so that
 * Int32Array sections can be viewed in place (no copy, no parse) when the pack is read back.
 *
 *   "EWPK" | u32 header length | header JSON (UTF-8) | padding | head sections … | tail sections …
 *
 * The head holds what is needed at once (keys, years, the search index: ~8 MB for 50,000 entries);
 * the tail holds what is read one value at a time (entry details and CSL items: ~50 MB). A pack
 * read from disk keeps its tail there and reads values by position when asked: on this kind of
 * machine, reading 57 MB into fresh memory took 60–140 ms, reading the 8 MB head ~10 ms.
 *
 * Strings are stored as columns: all values concatenated in one UTF-8 section, plus an offsets
 * section. `eager` columns keep UTF-16 offsets and are decoded in one go (keys, tokens); `lazy`
 * columns keep byte offsets and decode one value when it is asked for.
 *
 * A pack written to a file is followed by its seal: the CRC-32 of its head and of its tail (8 bytes),
 * so that a file cut short, zero-filled or with flipped bits is refused instead of read as entries.
 * Whoever reads the head checks the head's CRC (~3 ms for 8 MB); whoever trusts the file as a whole
 * (a cache deciding a slot is valid) checks both with checkPackFile.
 */
import { close, closeSync, fstat, fstatSync, open, openSync, read, readSync } from 'node:fs';
import { open as openFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { crc32 } from 'node:zlib';

const MAGIC = 0x4b505745; // "EWPK" read as a little-endian u32
const ALIGN = 8;
/** Bytes of the seal after a pack in a file: CRC-32 of the head, then of the tail (little-endian u32s). */
export const SEAL_LENGTH = 8;

interface SectionInfo {
  readonly name: string;
  /** From the end of the header (the `start` of the sections). */
  readonly offset: number;
  readonly length: number;
}

interface PackLayout {
  readonly sections: readonly SectionInfo[];
  /** Bytes from the start of the pack that hold everything but the tail sections. */
  readonly headLength: number;
  /** Bytes of the whole pack (a shorter file is cut short: refused when opened). */
  readonly totalLength: number;
}

/** Where the bytes of a pack beyond its head are read from. */
export interface ByteSource {
  /** `length` bytes at `position` from the start of the pack. Throws if they cannot be read. */
  read(position: number, length: number): Buffer;
  /** The same bytes, read straight into `target` at `at` (no buffer of their own). */
  readInto(target: Uint8Array, at: number, position: number, length: number): void;
}

/** The bytes of consecutive values of a lazy column, copied as they are from another pack. */
export interface RawRun {
  /** Byte lengths of the values, as offsets from the first: value k is [offsets[k], offsets[k + 1]). */
  readonly offsets: Int32Array;
  /** Copies the values' bytes into `target` at `at` (from memory, or read from the pack's file). */
  copyTo(target: Uint8Array, at: number): void;
}

/** A section as it will be written: its length now, its bytes when the pack is assembled. */
interface PendingSection {
  readonly name: string;
  readonly length: number;
  readonly tail: boolean;
  write(target: Buffer, at: number): void;
}

export class PackWriter {
  private readonly sections: PendingSection[] = [];

  bytes(name: string, bytes: Uint8Array, tail = false): this {
    this.sections.push({ name, length: bytes.byteLength, tail, write: (target, at) => target.set(bytes, at) });
    return this;
  }

  int32(name: string, values: Int32Array): this {
    return this.bytes(name, new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  }

  /** A column decoded whole when read (UTF-16 offsets). */
  eagerStrings(name: string, values: readonly string[]): this {
    const offsets = new Int32Array(values.length + 1);
    for (let i = 0; i < values.length; i++) offsets[i + 1] = offsets[i]! + values[i]!.length;
    return this.int32(`${name}.offsets`, offsets).bytes(name, Buffer.from(values.join(''), 'utf8'));
  }

  /**
   * A column decoded one value at a time when read (byte offsets). Cells are values, or runs of
   * values' bytes copied from another pack without decoding. In the tail unless `head`.
   */
  lazyStrings(name: string, cells: readonly (string | RawRun)[], head = false): this {
    const column = new LazyColumn();
    for (const cell of cells) {
      if (typeof cell === 'string') column.add(cell);
      else column.addRun(cell);
    }
    return this.lazyColumn(name, column, head);
  }

  /** A lazy string column built value by value (see lazyStrings). */
  lazyColumn(name: string, column: LazyColumn, head = false): this {
    const { offsets, parts } = column.finish();
    this.int32(`${name}.offsets`, offsets);
    this.sections.push({
      name,
      length: offsets[offsets.length - 1]!,
      tail: !head,
      write: (target, at) => {
        for (const part of parts) {
          if (part instanceof Uint8Array) target.set(part, at);
          else part.copyTo(target, at);
          at += part instanceof Uint8Array ? part.length : part.offsets[part.offsets.length - 1]! - part.offsets[0]!;
        }
      },
    });
    return this;
  }

  /**
   * The pack, with `header` (any JSON) stored beside the section table, written into memory from
   * `allocate` (zeroed shared memory by default: the parsing worker keeps reading rows of the pack
   * it hands to the extension host, for the next re-parse, and the host reads it too, without a
   * 50 MB copy either way).
   */
  finish(header: object, allocate: (size: number) => Buffer = sharedMemory): Buffer {
    const ordered = [...this.sections.filter((s) => !s.tail), ...this.sections.filter((s) => s.tail)];
    let offset = 0;
    let headEnd = -1;
    const table: SectionInfo[] = ordered.map(({ name, length, tail }) => {
      if (tail && headEnd < 0) headEnd = offset;
      const info = { name, offset, length };
      offset = align(offset + length);
      return info;
    });
    if (headEnd < 0) headEnd = offset;
    // The header's length moves where the sections start, which the header records: settle it.
    let headerBytes = Buffer.alloc(0);
    for (let start = 8; ; ) {
      const layout: PackLayout = { sections: table, headLength: start + headEnd, totalLength: start + offset };
      headerBytes = Buffer.from(JSON.stringify({ ...header, layout }), 'utf8');
      const needed = align(8 + headerBytes.length);
      if (needed === start) break;
      start = needed;
    }
    const start = align(8 + headerBytes.length);
    const out = allocate(start + offset);
    out.writeUInt32LE(MAGIC, 0);
    out.writeUInt32LE(headerBytes.length, 4);
    headerBytes.copy(out, 8);
    ordered.forEach((section, i) => section.write(out, start + table[i]!.offset));
    return out;
  }
}

/**
 * The values of a lazy string column as they are added: each encoded to UTF-8 at once (encoded once,
 * and the string may die young: at 50,000 entries the details and CSL items are ~50 MB of strings),
 * into chunks copied into the pack when it is assembled; runs of another pack's values are copied then.
 */
export class LazyColumn {
  private readonly parts: (Uint8Array | RawRun)[] = [];
  private chunk: Buffer = Buffer.alloc(0);
  /** Bytes of the chunk written, and where the part not yet in `parts` starts. */
  private used = 0;
  private partStart = 0;
  private offsets = new Int32Array(1024);
  private count = 0;

  add(value: string): void {
    // A UTF-16 code unit takes at most 3 bytes of UTF-8: with that much room the value is never cut.
    if (this.chunk.length - this.used < 3 * value.length) this.nextChunk(3 * value.length);
    const written = this.chunk.write(value, this.used, 'utf8');
    this.used += written;
    this.push(this.offsets[this.count]! + written);
  }

  addRun(run: RawRun): void {
    this.closePart();
    this.parts.push(run);
    const base = this.offsets[this.count]! - run.offsets[0]!;
    for (let r = 1; r < run.offsets.length; r++) this.push(base + run.offsets[r]!);
  }

  /** The values' byte offsets (one more than there are values) and their bytes, in order. */
  finish(): { offsets: Int32Array; parts: readonly (Uint8Array | RawRun)[] } {
    this.closePart();
    return { offsets: this.offsets.subarray(0, this.count + 1), parts: this.parts };
  }

  private push(offset: number): void {
    if (this.count + 2 > this.offsets.length) {
      const grown = new Int32Array(this.offsets.length * 2);
      grown.set(this.offsets);
      this.offsets = grown;
    }
    this.offsets[++this.count] = offset;
  }

  /** The chunk's bytes since the last part become a part (before a run of another pack's values, or a new chunk). */
  private closePart(): void {
    if (this.used > this.partStart) this.parts.push(this.chunk.subarray(this.partStart, this.used));
    this.partStart = this.used;
  }

  private nextChunk(atLeast: number): void {
    this.closePart();
    // Chunks grow with the column (a small library's columns take one small chunk each).
    this.chunk = Buffer.allocUnsafeSlow(Math.max(Math.min(MAX_CHUNK_BYTES, 2 * this.chunk.length), MIN_CHUNK_BYTES, atLeast));
    this.used = 0;
    this.partStart = 0;
  }
}

/** Bytes of a LazyColumn's first chunk (the mmap threshold the language server sets for glibc: returned to the system when freed) and of its largest. */
const MIN_CHUNK_BYTES = 128 * 1024;
const MAX_CHUNK_BYTES = 1 << 20;

export class PackReader<H extends object = Record<string, unknown>> {
  readonly header: H;
  /** Bytes of the pack that must be in memory: everything before the tail. */
  readonly headLength: number;
  private readonly head: Buffer;
  private readonly start: number;
  private readonly table = new Map<string, SectionInfo>();

  /**
   * `bytes`: the whole pack, or its first `headLength` bytes with `tail` to read the rest from.
   * Throws if the bytes are not a pack (callers treat that as a cache miss).
   */
  constructor(bytes: Uint8Array, private readonly tail?: ByteSource) {
    this.head = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const header = PackReader.readHeader(this.head);
    if (!header) throw new Error('not an Evidence Writer pack');
    const { layout, ...rest } = header as { layout?: PackLayout };
    if (!layout || !Array.isArray(layout.sections)) throw new Error('pack without a section table');
    this.header = rest as H;
    this.headLength = layout.headLength;
    this.start = align(8 + this.head.readUInt32LE(4));
    if (this.head.length < this.headLength) throw new Error('pack head is cut short');
    if (!tail && this.head.length < layout.totalLength) throw new Error('pack is cut short');
    for (const s of layout.sections) this.table.set(s.name, s);
  }

  /** The header alone (to check a cache slot before reading the rest), or undefined if not a pack. */
  static readHeader(bytes: Uint8Array): object | undefined {
    const end = PackReader.headerEnd(bytes);
    if (end === undefined || end > bytes.byteLength) return undefined;
    return JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + 8, end - 8).toString('utf8')) as object;
  }

  /** Where the header ends, from the pack's first 8 bytes; undefined if they do not start a pack. */
  static headerEnd(prefix: Uint8Array): number | undefined {
    if (prefix.byteLength < 8) return undefined;
    const view = new DataView(prefix.buffer, prefix.byteOffset, prefix.byteLength);
    return view.getUint32(0, true) === MAGIC ? 8 + view.getUint32(4, true) : undefined;
  }

  /** Bytes of a head section (a view, not a copy). */
  bytes(name: string): Buffer {
    const s = this.section(name);
    const from = this.start + s.offset;
    if (from + s.length > this.head.length) throw new Error(`pack section ${name} is not in memory`);
    return this.head.subarray(from, from + s.length);
  }

  /** Whether the pack has a section of this name. */
  has(name: string): boolean {
    return this.table.has(name);
  }

  /** A section's bytes wherever they are: a view of the head, else read from the tail. */
  read(name: string): Buffer {
    const s = this.section(name);
    const from = this.start + s.offset;
    if (from + s.length <= this.head.length) return this.head.subarray(from, from + s.length);
    if (!this.tail) throw new Error(`pack section ${name} is not in memory and there is no file to read it from`);
    return this.tail.read(from, s.length);
  }

  /** A view when aligned (always, for packs read from disk or sent between threads), else a copy. */
  int32(name: string): Int32Array {
    const bytes = this.bytes(name);
    if (bytes.byteOffset % 4 === 0) return new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
    return new Int32Array(Uint8Array.from(bytes).buffer);
  }

  eagerStrings(name: string): string[] {
    const offsets = this.int32(`${name}.offsets`);
    const text = this.bytes(name).toString('utf8');
    const values = new Array<string>(offsets.length - 1);
    for (let i = 0; i < values.length; i++) values[i] = text.slice(offsets[i]!, offsets[i + 1]!);
    return values;
  }

  lazyStrings(name: string): LazyStrings {
    const s = this.section(name);
    const from = this.start + s.offset;
    const offsets = this.int32(`${name}.offsets`);
    const last = offsets[offsets.length - 1] ?? 0;
    if (last > s.length) throw new Error(`pack section ${name} is cut short`);
    if (from + s.length <= this.head.length) {
      const bytes = this.head.subarray(from, from + s.length);
      return new LazyStrings(
        offsets,
        (a, b) => bytes.subarray(a, b),
        (target, at, a, b) => target.set(bytes.subarray(a, b), at),
      );
    }
    const tail = this.tail;
    if (!tail) throw new Error(`pack section ${name} is not in memory and there is no file to read it from`);
    return new LazyStrings(
      offsets,
      (a, b) => tail.read(from + a, b - a),
      (target, at, a, b) => tail.readInto(target, at, from + a, b - a),
    );
  }

  private section(name: string): SectionInfo {
    const s = this.table.get(name);
    if (!s) throw new Error(`pack has no section ${name}`);
    return s;
  }
}

/** A string column read one value (or one run of values' bytes) at a time. */
export class LazyStrings {
  constructor(
    private readonly offsets: Int32Array,
    private readonly read: (from: number, to: number) => Buffer,
    private readonly readInto: (target: Uint8Array, at: number, from: number, to: number) => void,
  ) {}

  get length(): number {
    return this.offsets.length - 1;
  }

  at(i: number): string {
    return this.read(this.offsets[i]!, this.offsets[i + 1]!).toString('utf8');
  }

  /** Values [from, to) as bytes to copy into another pack (read from the file only when copied). */
  rawRun(from: number, to: number): RawRun {
    const base = this.offsets[from]!;
    const end = this.offsets[to]!;
    const offsets = this.offsets.subarray(from, to + 1).map((o) => o - base);
    return { offsets, copyTo: (target, at) => this.readInto(target, at, base, end) };
  }

  /** Values [from, to) decoded (all at once, in one read). */
  values(from: number, to: number): string[] {
    const base = this.offsets[from]!;
    const bytes = this.read(base, this.offsets[to]!);
    return Array.from({ length: to - from }, (_, k) => bytes.toString('utf8', this.offsets[from + k]! - base, this.offsets[from + k + 1]! - base));
  }
}

/** A pack's tail read from the pack in memory (each read a copy: nothing read keeps the pack alive). */
export function memoryTail(pack: Uint8Array): ByteSource {
  const bytes = (position: number, length: number): Uint8Array => {
    if (position < 0 || position + length > pack.byteLength) throw new Error('pack is cut short');
    return pack.subarray(position, position + length);
  };
  return {
    read: (position, length) => Buffer.from(bytes(position, length)),
    readInto: (target, at, position, length) => target.set(bytes(position, length), at),
  };
}

/** A tail read from one source until moved to another holding the same bytes (from memory to a file just written). */
export class MovableTail implements ByteSource {
  constructor(private source: ByteSource) {}

  read(position: number, length: number): Buffer {
    return this.source.read(position, length);
  }

  readInto(target: Uint8Array, at: number, position: number, length: number): void {
    this.source.readInto(target, at, position, length);
  }

  moveTo(source: ByteSource): void {
    this.source = source;
  }
}

/** `size` bytes of zeroed memory that other threads can read without a copy. */
export function sharedMemory(size: number): Buffer {
  return Buffer.from(new SharedArrayBuffer(size));
}

/** The seal written after `pack` in a file (see the file's comment). */
export function packSeal(pack: Uint8Array): Buffer {
  const layout = layoutOf(pack);
  if (!layout || layout.totalLength > pack.byteLength) throw new Error('not a whole pack');
  const seal = Buffer.alloc(SEAL_LENGTH);
  seal.writeUInt32LE(crc32(pack.subarray(0, layout.headLength)), 0);
  seal.writeUInt32LE(crc32(pack.subarray(layout.headLength, layout.totalLength)), 4);
  return seal;
}

/** What checkPackFile found. `seal` names the bytes checked (the seal as hex), for a reader to compare with what it reads. */
export type PackFileCheck =
  | { readonly kind: 'missing' }
  | { readonly kind: 'intact'; readonly header: object; readonly seal: string }
  /** A pack whose header `accept` refused (another version, another file): not read further. */
  | { readonly kind: 'refused'; readonly header: object }
  | { readonly kind: 'damaged'; readonly why: string };

/**
 * Checks a whole pack file against its seal: header, head and tail, read in chunks (~20 ms for a
 * 60 MB file in the page cache, beside whatever else the thread awaits). Never throws.
 */
export async function checkPackFile(path: string, accept: (header: object) => boolean = () => true): Promise<PackFileCheck> {
  let file;
  try {
    file = await openFile(path, 'r');
  } catch {
    return { kind: 'missing' };
  }
  try {
    const size = (await file.stat()).size;
    const prefix = Buffer.alloc(8);
    await file.read(prefix, 0, 8, 0);
    const headerEnd = PackReader.headerEnd(prefix);
    if (headerEnd === undefined || headerEnd > size) return { kind: 'damaged', why: 'not a pack' };
    const headerBytes = Buffer.alloc(headerEnd);
    await file.read(headerBytes, 0, headerEnd, 0);
    const header = PackReader.readHeader(headerBytes) as { layout?: PackLayout } | null;
    if (typeof header !== 'object' || header === null) return { kind: 'damaged', why: 'no header' };
    if (!accept(header)) return { kind: 'refused', header };
    const layout = header.layout;
    if (!isLayout(layout)) return { kind: 'damaged', why: 'no section table' };
    if (size !== layout.totalLength + SEAL_LENGTH) return { kind: 'damaged', why: size < layout.totalLength + SEAL_LENGTH ? 'cut short' : 'longer than its sections' };
    const seal = Buffer.alloc(SEAL_LENGTH);
    await file.read(seal, 0, SEAL_LENGTH, layout.totalLength);
    // Two buffers: the next chunk is read while this one is checked.
    const chunk = 1024 * 1024;
    const buffers = [Buffer.allocUnsafeSlow(chunk), Buffer.allocUnsafeSlow(chunk)];
    const crcOf = async (from: number, to: number): Promise<number> => {
      let crc = 0;
      let k = 0;
      let pending = from < to ? file.read(buffers[0]!, 0, Math.min(chunk, to - from), from) : undefined;
      for (let at = from; pending; k++) {
        const { bytesRead, buffer } = await pending;
        if (bytesRead === 0) throw new Error('cut short');
        at += bytesRead;
        pending = at < to ? file.read(buffers[(k + 1) % 2]!, 0, Math.min(chunk, to - at), at) : undefined;
        crc = crc32(buffer.subarray(0, bytesRead), crc);
      }
      return crc;
    };
    if ((await crcOf(0, layout.headLength)) !== seal.readUInt32LE(0)) return { kind: 'damaged', why: 'its head does not match its checksum' };
    if ((await crcOf(layout.headLength, layout.totalLength)) !== seal.readUInt32LE(4)) return { kind: 'damaged', why: 'its tail does not match its checksum' };
    return { kind: 'intact', header, seal: seal.toString('hex') };
  } catch (error) {
    return { kind: 'damaged', why: error instanceof Error ? error.message : String(error) };
  } finally {
    await file.close();
  }
}

/**
 * Pack files held open for their tails (entry details are read by position when asked for). Each is
 * closed when nothing reads from it any more (the pack's entries were dropped), or when closed early:
 * a slot replaced on disk since is not seen, because an open file keeps its old contents.
 */
export class OpenPackFiles {
  /** Every file held open (a thread that stops must close them: its finalizers never run, its files stay open). */
  private readonly open = new Set<OpenFile>();
  /** Each tail's file, for closing it early. */
  private readonly fileOf = new WeakMap<ByteSource, OpenFile>();
  // A file is closed once, whichever comes first (collected, closed early, closeAll): its descriptor
  // may be reused by another file right after, which a second close would close instead.
  private readonly closeWhenCollected = new FinalizationRegistry<OpenFile>((file) => this.closeFile(file));

  /**
   * Opens a sealed pack file: reads its header and, if `accept` takes it (with the file's seal, as
   * hex), its head, checked against the seal, keeping the file open for the tail. Undefined if not
   * accepted; throws if the file cannot be read, is not a pack, or its head is damaged.
   */
  read(path: string, accept: (header: object, seal: string) => boolean = () => true): { head: Buffer; tail: ByteSource } | undefined {
    const fd = openSync(path, 'r');
    let keepOpen = false;
    try {
      const size = fstatSync(fd).size;
      const prefix = readExactly(fd, 0, Math.min(size, 8));
      const headerEnd = PackReader.headerEnd(prefix);
      if (headerEnd === undefined || headerEnd > size) throw new Error('not an Evidence Writer pack');
      const header = PackReader.readHeader(readExactly(fd, 0, headerEnd)) as { layout?: PackLayout };
      if (!isLayout(header.layout)) throw new Error('pack without a layout');
      if (size !== header.layout.totalLength + SEAL_LENGTH) throw new Error(size < header.layout.totalLength + SEAL_LENGTH ? 'pack file is cut short' : 'pack file is longer than its sections');
      const seal = readExactly(fd, header.layout.totalLength, SEAL_LENGTH);
      if (!accept(header, seal.toString('hex'))) return undefined;
      const head = readExactly(fd, 0, header.layout.headLength);
      if (crc32(head) !== seal.readUInt32LE(0)) throw new Error('pack head is damaged');
      keepOpen = true;
      return { head, tail: this.tailOf(fd) };
    } finally {
      if (!keepOpen) closeSync(fd);
    }
  }

  /**
   * As `read`, without blocking: the head is read by the file system's threads (so that it can be
   * read while something else runs, e.g. while the file it was made from is hashed). Undefined if the
   * file is missing, not a pack, or its head is damaged.
   */
  async readAsync(path: string): Promise<{ header: object; seal: string; head: Buffer; tail: ByteSource; close(): void } | undefined> {
    let fd: number | undefined;
    try {
      fd = await promisify(open)(path, 'r');
      const size = (await promisify(fstat)(fd)).size;
      const readAt = async (position: number, length: number): Promise<Buffer> => {
        const out = Buffer.allocUnsafeSlow(length);
        for (let done = 0; done < length; ) {
          const { bytesRead } = await promisify(read)(fd!, out, done, length - done, position + done);
          if (bytesRead === 0) throw new Error('pack file is cut short');
          done += bytesRead;
        }
        return out;
      };
      const headerEnd = PackReader.headerEnd(await readAt(0, Math.min(size, 8)));
      if (headerEnd === undefined || headerEnd > size) return undefined;
      const header = PackReader.readHeader(await readAt(0, headerEnd)) as { layout?: PackLayout };
      if (!isLayout(header.layout) || size !== header.layout.totalLength + SEAL_LENGTH) return undefined;
      const [head, seal] = await Promise.all([readAt(0, header.layout.headLength), readAt(header.layout.totalLength, SEAL_LENGTH)]);
      if (crc32(head) !== seal.readUInt32LE(0)) return undefined;
      const opened = fd;
      const tail = this.tailOf(opened);
      fd = undefined; // closed when the tail is collected, or by close()
      return { header, seal: seal.toString('hex'), head, tail, close: () => this.closeNow(tail) };
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) close(fd, () => undefined);
    }
  }

  /** Reads a pack's tail from the open file `fd`. */
  private tailOf(fd: number): ByteSource {
    // Pooled memory: these are small reads (one entry's details), not sections viewed as Int32Arrays.
    const source: ByteSource = {
      read: (position, length) => readExactly(fd, position, length, Buffer.allocUnsafe),
      readInto: (target, at, position, length) => readExactlyInto(fd, target, at, position, length),
    };
    const file: OpenFile = { fd, closed: false };
    this.closeWhenCollected.register(source, file, source);
    this.fileOf.set(source, file);
    this.open.add(file);
    return source;
  }

  /** Closes every file still held open; their tails must not be read again (for a thread about to stop). */
  closeAll(): void {
    for (const file of this.open) this.closeFile(file);
  }

  /** Closes the file behind a tail now, instead of when it is collected (it must not be read again). */
  private closeNow(source: ByteSource): void {
    const file = this.fileOf.get(source);
    if (!file) return;
    this.closeWhenCollected.unregister(source);
    this.closeFile(file);
  }

  private closeFile(file: OpenFile): void {
    this.open.delete(file);
    if (file.closed) return;
    file.closed = true;
    try {
      closeSync(file.fd);
    } catch {
      // closed by the system already
    }
  }
}

/** A file held open for a tail. */
interface OpenFile {
  readonly fd: number;
  closed: boolean;
}

/** `length` bytes at `position`; by default in memory of their own (aligned, not a pooled slice). */
function readExactly(fd: number, position: number, length: number, allocate: (size: number) => Buffer = Buffer.allocUnsafeSlow): Buffer {
  const out = allocate(length);
  readExactlyInto(fd, out, 0, position, length);
  return out;
}

function readExactlyInto(fd: number, target: Uint8Array, at: number, position: number, length: number): void {
  for (let done = 0; done < length; ) {
    const n = readSync(fd, target, at + done, length - done, position + done);
    if (n === 0) throw new Error('pack file is cut short');
    done += n;
  }
}

/** The section table of a pack's header, if `bytes` start one. */
function layoutOf(bytes: Uint8Array): PackLayout | undefined {
  try {
    const layout = (PackReader.readHeader(bytes) as { layout?: unknown } | undefined)?.layout;
    return isLayout(layout) ? layout : undefined;
  } catch {
    return undefined;
  }
}

function isLayout(layout: unknown): layout is PackLayout {
  const l = layout as PackLayout | undefined;
  return (
    typeof l === 'object' && l !== null && Array.isArray(l.sections) && Number.isSafeInteger(l.headLength) && Number.isSafeInteger(l.totalLength) && 0 <= l.headLength && l.headLength <= l.totalLength
  );
}

function align(n: number): number {
  return Math.ceil(n / ALIGN) * ALIGN;
}
