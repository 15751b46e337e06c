import { createHash, type Hash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';

const CHUNK = 4 * 1024 * 1024;
/** Reads of a file that keeps changing under them before giving up (each a little later than the last). */
const ATTEMPTS = 5;
const RETRY_DELAY_MS = 25;

/** One version of a file's bytes (see readSettled). */
export interface SettledRead {
  readonly bytes: Buffer;
  /** SHA-1 of the bytes, if asked for. */
  readonly sha1?: string;
  /** The file's mtime when these bytes were its contents. */
  readonly mtimeMs: number;
}

/**
 * A file's bytes as one version of the file, and their SHA-1 (see readSettled), hashing each chunk
 * while the next is read (the file system's threads read, this thread hashes): for a 31 MB file ~25 ms
 * instead of ~45 ms read then hashed.
 */
export async function readHashed(file: string): Promise<SettledRead & { readonly sha1: string }> {
  const read = await readSettled(file, { hash: true });
  return { ...read, sha1: read.sha1! };
}

/**
 * A file's bytes, all from one version of it: a file rewritten in place while it is read (its size,
 * mtime or ctime moved under the open handle, or it ended early or went on) would give bytes of two
 * versions, so it is read again, a little later each time; after ATTEMPTS such reads this throws. A file
 * replaced by a rename meanwhile (Better BibTeX's export) is read whole as it was: the open handle keeps
 * that version, and the change is seen by whoever watches the file. Throws as open and read do.
 */
export async function readSettled(file: string, options: { readonly hash?: boolean } = {}): Promise<SettledRead> {
  for (let attempt = 1; ; attempt++) {
    const handle = await open(file, 'r');
    try {
      const before = await handle.stat();
      const hash = options.hash ? createHash('sha1') : undefined;
      const bytes = await readExactly(handle, before.size, hash);
      const after = await handle.stat();
      if (bytes && after.size === before.size && after.mtimeMs === before.mtimeMs && after.ctimeMs === before.ctimeMs) {
        return { bytes, mtimeMs: before.mtimeMs, ...(hash ? { sha1: hash.digest('hex') } : {}) };
      }
    } finally {
      await handle.close();
    }
    if (attempt === ATTEMPTS) throw new Error(`the file kept changing while it was read (${ATTEMPTS} tries)`);
    await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS * attempt));
  }
}

/** `size` bytes from the start, hashed as read; undefined if the file turned out shorter or longer. */
async function readExactly(handle: FileHandle, size: number, hash: Hash | undefined): Promise<Buffer | undefined> {
  const bytes = Buffer.allocUnsafeSlow(size);
  const readAt = (at: number) => handle.read(bytes, at, Math.min(CHUNK, size - at), at);
  let at = 0;
  let pending = size > 0 ? readAt(0) : undefined;
  while (pending) {
    const { bytesRead } = await pending;
    if (bytesRead === 0) return undefined; // shorter than it was
    const next = at + bytesRead;
    pending = next < size ? readAt(next) : undefined;
    hash?.update(bytes.subarray(at, next));
    at = next;
  }
  const longer = (await handle.read(Buffer.alloc(1), 0, 1, size)).bytesRead > 0;
  return longer ? undefined : bytes;
}
