/**
 * Memory for packs, ready before it is needed. Writing 60 MB into fresh memory costs ~40 ms here, most
 * of it the first touch of each page, against ~7 ms into memory already touched; packing after an
 * edit writes a whole new pack while the editor waits for it. So after a pack is made, one spare
 * buffer of about its size is touched while the worker is idle, and the next pack is written into it.
 * Edits come in bursts (saving as one types, a reference manager exporting): the spare is kept for two
 * minutes after it was readied, then let go, so an idle editor does not hold a second copy's memory.
 * (Let go, its memory returns to the system only when this thread next collects garbage, which an
 * idle thread may not do for hours: the owner can pass a collection to run then.)
 */

const KEEP_MS = 120_000;

/** A spare is used for a pack up to this much smaller (else it would hold too much unused memory). */
const SLACK = 1.25;

export interface SpareMemoryOptions {
  /** How long a readied spare is kept (default two minutes). */
  readonly keepMs?: number;
  /** Run when a spare is let go: a garbage collection, so that its memory goes back at once. */
  readonly collectGarbage?: () => void;
}

/** One spare buffer for the next pack, readied while idle (owned by the cache that makes the packs). */
export class SpareMemory {
  private spare: { readonly buffer: SharedArrayBuffer; readonly release: NodeJS.Timeout } | undefined;
  private pending: { readonly timer: NodeJS.Timeout; readonly resolve: () => void } | undefined;

  constructor(private readonly options: SpareMemoryOptions = {}) {}

  /** `size` bytes of shared, zeroed memory: the spare if it fits, else fresh. */
  take(size: number): Buffer {
    const ready = this.spare;
    if (ready && ready.buffer.byteLength >= size && ready.buffer.byteLength <= size * SLACK) {
      clearTimeout(ready.release);
      this.spare = undefined;
      return Buffer.from(ready.buffer, 0, size);
    }
    return Buffer.from(new SharedArrayBuffer(size));
  }

  /** Readies a spare of at least `size` bytes after `delayMs` (while idle); resolves when it is ready. */
  ready(size: number, delayMs: number): Promise<void> {
    // A newer request replaces one still waiting (which resolves: there is nothing more to wait for).
    if (this.pending) {
      clearTimeout(this.pending.timer);
      this.pending.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending = undefined;
        const wanted = Math.ceil(size * 1.05);
        const spare = this.spare;
        if (!(spare && spare.buffer.byteLength >= wanted && spare.buffer.byteLength <= wanted * SLACK)) {
          if (spare) clearTimeout(spare.release);
          const buffer = new SharedArrayBuffer(wanted);
          new Uint8Array(buffer).fill(0); // touched now, so that writing the pack does not fault
          const release = setTimeout(() => {
            this.spare = undefined;
            this.options.collectGarbage?.();
          }, this.options.keepMs ?? KEEP_MS);
          release.unref?.();
          this.spare = { buffer, release };
        }
        resolve();
      }, delayMs);
      timer.unref?.();
      this.pending = { timer, resolve };
    });
  }
}
