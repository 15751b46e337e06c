/**
 * Long synchronous work (indexing 50,000 entries) written once as a generator that yields at safe
 * points, then run either at once (CLI, tests) or in time slices that give the event loop back
 * between them (the extension host, where a held thread freezes every extension and the editor's
 * language features). No worker is needed for work whose result must live on this thread.
 */

/** A computation that yields (undefined) wherever it may pause, and returns its result. */
export type Steps<T> = Generator<void, T, void>;

/** Runs `steps` to the end without pausing. */
export function runAtOnce<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

export interface SliceOptions {
  /** Longest stretch of work between pauses, in milliseconds (default 12: well under a frame). */
  readonly sliceMs?: number;
  /** Stops at the next pause with an AbortError. */
  readonly signal?: AbortSignal;
}

/** Runs `steps`, pausing (setImmediate) whenever a slice has run `sliceMs`; other callbacks run in between. */
export async function runInSlices<T>(steps: Steps<T>, options: SliceOptions = {}): Promise<T> {
  const sliceMs = options.sliceMs ?? 12;
  let sliceStart = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - sliceStart < sliceMs) continue;
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (options.signal?.aborted) {
      steps.return(undefined as never);
      throw abortError();
    }
    sliceStart = performance.now();
  }
}

function abortError(): Error {
  const error = new Error('The operation was aborted');
  error.name = 'AbortError';
  return error;
}
