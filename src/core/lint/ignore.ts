/** The config's `ignore` globs: which files folder and workspace runs leave out (CLI and Lint Workspace alike). */
import * as path from 'node:path';
import picomatch from 'picomatch';
import type { LintConfig } from './config';

/** Whether `ignore` (globs relative to the config's folder) leaves `file` out. A file named explicitly is linted anyway. */
export function isIgnored(file: string, config: LintConfig): boolean {
  if (!config.ignore.length) return false;
  const rel = path.relative(config.baseDir ?? process.cwd(), file).split(path.sep).join('/');
  return picomatch(config.ignore as string[], { dot: true })(rel);
}
