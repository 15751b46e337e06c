/**
 * Turns command-line arguments into documents: a file as given, a folder as every supported
 * document under it, a glob as its matches. Missing paths and empty globs are usage errors.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
// `require` form on purpose: esbuild then bundles tinyglobby's CommonJS build; its ESM build calls
// createRequire(import.meta.url), which is undefined in the CommonJS bundle (dist/cli.js).
import tinyglobby = require('tinyglobby');
import { languageOfPath } from '../core/document/textDocument';
import type { WorkspaceDocument } from '../core/lint/lintWorkspace';
import { ALWAYS_EXCLUDED, DOCUMENT_GLOB } from '../core/workspace';

export interface CollectedFiles {
  readonly documents: WorkspaceDocument[];
  readonly errors: string[];
}

export async function collectFiles(patterns: readonly string[], cwd: string): Promise<CollectedFiles> {
  const documents = new Map<string, WorkspaceDocument>();
  const errors: string[] = [];
  const add = (file: string, explicit: boolean) => {
    const abs = path.resolve(cwd, file);
    const existing = documents.get(abs);
    documents.set(abs, { file: abs, explicit: explicit || existing?.explicit === true });
  };

  for (const pattern of patterns.length ? patterns : ['.']) {
    const abs = path.resolve(cwd, pattern);
    const stat = statOf(abs);
    if (stat?.isDirectory()) {
      const found = await tinyglobby.glob(DOCUMENT_GLOB, { cwd: abs, absolute: true, caseSensitiveMatch: false, ignore: [...ALWAYS_EXCLUDED], dot: false });
      for (const f of found) add(f, false);
    } else if (stat?.isFile()) {
      add(abs, true);
    } else if (picomatch.scan(pattern).isGlob) {
      const found = (await tinyglobby.glob(pattern, { cwd, absolute: true, ignore: [...ALWAYS_EXCLUDED] })).filter((f) => languageOfPath(f));
      if (found.length === 0) errors.push(`no documents match "${pattern}"`);
      for (const f of found) add(f, false);
    } else {
      errors.push(`no such file or folder: ${pattern}`);
    }
  }
  const sorted = [...documents.values()].sort((a, b) => a.file.localeCompare(b.file));
  return { documents: sorted, errors };
}

function statOf(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p);
  } catch {
    return undefined;
  }
}
