/**
 * A full garbage collection on demand, for the moments this code knows a lot of memory has just been
 * let go: V8 would collect it only once its heap next fills, and memory it does not count (a pack in
 * shared memory, a file's bytes) would stay with the process until then. Used by the CLI (between a
 * big library's parse and the lint: 436–446 → 367–371 MB RSS at 50,000 entries) and by the language
 * server's threads (the parsing worker once it has answered a big parse, a pack let go once its cache
 * slot is written, the worker's spare memory), however the editor started the server: no
 * `--expose-gc` is needed.
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/**
 * A collection of this thread's heap: `gc` as `node --expose-gc` gives it, or, without that flag, the
 * same function obtained by setting the flag now (as jest's leak detector does); a no-op where V8
 * offers neither. Readied on its first call (~3 ms), so that a process that never collects pays nothing.
 */
export function garbageCollector(): () => void {
  let gc: (() => unknown) | undefined | null = null;
  return () => {
    if (gc === null) gc = exposedCollector();
    gc?.();
  };
}

function exposedCollector(): (() => unknown) | undefined {
  const global = (globalThis as { gc?: unknown }).gc;
  if (typeof global === 'function') return global as () => unknown;
  try {
    v8.setFlagsFromString('--expose-gc');
    // (The flag exposes `gc` in contexts made from now on: a new one lends it.)
    const gc: unknown = vm.runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => unknown) : undefined;
  } catch {
    return undefined;
  }
}
