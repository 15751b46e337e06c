/** A service log for tests: what it is told (info, warnings, errors) is added to `lines`. */
import type { Log } from '../../src/core/log';

export function collectingLog(lines: string[]): Log {
  const add = (m: string): void => void lines.push(m);
  return { debug: () => undefined, info: add, warn: add, error: add };
}
