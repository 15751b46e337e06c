/** Workspace folders built at run time from test/fixtures/ (tests may edit them; the fixtures stay as they are). */
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..', '..');
const WORKSPACES = path.join(ROOT, '.vscode-test', 'workbench');

/**
 * A fresh folder `name` holding `files` (name in the folder → path from the repository root).
 * A fixture may be copied under another name, e.g. a blog's .txt as the .md a writer would edit.
 */
export function buildWorkspace(name: string, files: Readonly<Record<string, string>>): string {
  const folder = path.join(WORKSPACES, name);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  for (const [target, source] of Object.entries(files)) {
    cpSync(path.join(ROOT, source), path.join(folder, target), { recursive: true });
  }
  return folder;
}
