/**
 * A value made on first use and kept (undefined included): for work that start-up should not pay for,
 * such as requiring a large library or opening a cache slot, and that must not be done twice.
 */
export function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
