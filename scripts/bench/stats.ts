/** Small timing helpers for the benchmark. */

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  // Nearest-rank: the smallest sample with at least p% of samples at or below it.
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export function timeSync<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const value = fn();
  return [value, performance.now() - t0];
}

export async function timeAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await fn();
  return [value, performance.now() - t0];
}

export const ms = (x: number): string => (Number.isFinite(x) ? (x < 10 ? `${x.toFixed(2)} ms` : `${x.toFixed(0)} ms`) : 'n/a');
export const mb = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
export const messageOf = (err: unknown): string => (err instanceof Error ? err.message.split('\n')[0]! : String(err));
