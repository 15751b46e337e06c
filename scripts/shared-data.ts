/**
 * Where the project's shared data lives (../shared/data beside the repository): `--data DIR`, else
 * EVIDENCE_DATA, else the nearest `shared/data` in a folder above the repository (a git worktree
 * may sit one level deeper than the main checkout).
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';

export function sharedDataDir(argv: readonly string[] = process.argv): string {
  const i = argv.indexOf('--data');
  if (i >= 0 && argv[i + 1]) return path.resolve(argv[i + 1]!);
  if (process.env.EVIDENCE_DATA) return path.resolve(process.env.EVIDENCE_DATA);
  const repository = path.resolve(__dirname, '..');
  for (let folder = path.dirname(repository); ; folder = path.dirname(folder)) {
    const candidate = path.join(folder, 'shared', 'data');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(folder) === folder) throw new Error(`no shared/data above ${repository}: pass --data DIR or set EVIDENCE_DATA`);
  }
}
