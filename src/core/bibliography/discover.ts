import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { Node as YamlNode } from 'yaml';
import { yaml } from '../io/lazyYaml';
import type { BibProblem, DocumentLanguage } from '../types';
import { bibProblem } from './formats/problems';
import { fileErrorReason } from '../io/fileErrors';

export interface DiscoverOptions {
  readonly documentPath?: string;
  /** The document's text; read from `documentPath` when not given. */
  readonly text?: string;
  readonly language?: DocumentLanguage;
  /** Quarto project files are looked for up to this folder; relative configured paths start here. */
  readonly workspaceRoot?: string;
  /** Bibliography paths from settings/config, absolute or relative to `workspaceRoot`. */
  readonly configured?: readonly string[];
  /** How files are read (the service's workspace); the local file system by default. */
  readonly files?: DiscoveryFiles;
}

/** What discovery reads: project files (`_quarto.yml`…) and whether named bibliographies exist. */
export interface DiscoveryFiles {
  readText(file: string): Promise<string | undefined>;
  /** Why `file` is not a readable regular file ('no such file', 'it is a folder, not a file'…), or undefined. */
  whyNotAFile(file: string): Promise<string | undefined>;
}

const LOCAL_FILES: DiscoveryFiles = { readText, whyNotAFile };

interface Named {
  /** As written. */
  readonly written: string;
  readonly resolved: string;
  /** Where it was named (for problems). */
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/**
 * The bibliography files a document uses, in priority order (the first wins on duplicate keys):
 * 1. `bibliography:` in the document's YAML front matter (Pandoc, Quarto, R Markdown), relative to
 *    the document's folder; for LaTeX, `\bibliography{a,b}` (`.bib` added when missing),
 *    `\addbibresource{x.bib}`, `\addglobalbib`, `\addsectionbib`;
 * 2. for Markdown-like documents, `_metadata.yml` and `_quarto.yml` in the document's folder and
 *    its ancestors up to `workspaceRoot` (stopping at the first `_quarto.yml`, the project root):
 *    `bibliography:` at the top level or under `format.<name>` / `project`, relative to that file;
 * 3. configured paths.
 * Files named but missing become 'unreadable-file' problems at the place they were named. Never throws.
 */
export async function discoverBibliographies(opts: DiscoverOptions): Promise<{ files: string[]; problems: BibProblem[] }> {
  const problems: BibProblem[] = [];
  const named: Named[] = [];
  const documentPath = opts.documentPath ? path.resolve(opts.documentPath) : undefined;
  const root = opts.workspaceRoot ? path.resolve(opts.workspaceRoot) : undefined;
  const files = opts.files ?? LOCAL_FILES;

  let text = opts.text;
  if (text === undefined && documentPath) text = await files.readText(documentPath);
  const language = opts.language ?? (documentPath && /\.(tex|ltx|latex)$/i.test(documentPath) ? 'latex' : 'markdown');

  if (documentPath && text !== undefined) {
    const folder = path.dirname(documentPath);
    if (language === 'latex') named.push(...latexBibliographies(text, documentPath, folder));
    else named.push(...frontMatterBibliographies(text, documentPath, folder, problems));
  }
  if (documentPath && language !== 'latex') {
    named.push(...(await projectBibliographies(path.dirname(documentPath), root, problems, files)));
  }
  for (const configured of opts.configured ?? []) {
    const base = root ?? (documentPath ? path.dirname(documentPath) : process.cwd());
    const resolved = path.resolve(base, configured);
    named.push({ written: configured, resolved, file: resolved, line: 1, column: 1 });
  }

  const found: string[] = [];
  const seen = new Set<string>();
  for (const item of named) {
    if (seen.has(item.resolved)) continue;
    seen.add(item.resolved);
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(item.written)) {
      problems.push(bibProblem('unreadable-file', 'warning', item.file, `bibliography '${item.written}' is a URL; only local files are read`, item.line, item.column));
      continue;
    }
    const unreadable = await files.whyNotAFile(item.resolved);
    if (unreadable === undefined) found.push(item.resolved);
    else {
      const message =
        unreadable === 'no such file'
          ? `bibliography '${item.written}' was not found (looked for ${item.resolved})`
          : `bibliography '${item.written}' cannot be read: ${unreadable} (${item.resolved})`;
      problems.push(bibProblem('unreadable-file', 'error', item.file, message, item.line, item.column));
    }
  }
  return { files: found, problems };
}

/** `bibliography:` in a leading `---` YAML block. */
function frontMatterBibliographies(text: string, documentPath: string, folder: string, problems: BibProblem[]): Named[] {
  const match = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  if (!match) return [];
  const yamlStart = match[0].indexOf(match[1]);
  const lineOffset = text.slice(0, yamlStart).split('\n').length - 1;
  return yamlBibliographies(match[1], documentPath, folder, lineOffset, problems, false);
}

/** `bibliography:` entries in YAML text; `lineOffset` = lines before the YAML in its file. */
function yamlBibliographies(
  yamlText: string,
  file: string,
  folder: string,
  lineOffset: number,
  problems: BibProblem[],
  projectFile: boolean,
): Named[] {
  const lineCounter = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(yamlText, { lineCounter, uniqueKeys: false });
  if (doc.errors.length) {
    const pos = lineCounter.linePos(doc.errors[0].pos[0]);
    problems.push(bibProblem('bib-parse-error', 'warning', file, `YAML ${projectFile ? '' : 'front matter '}could not be read, so its bibliography is unknown: ${yamlReason(doc.errors[0].message)}`, pos.line + lineOffset, pos.col));
    return [];
  }
  const root = doc.contents;
  if (!yaml().isMap(root)) return [];
  const nodes: YamlNode[] = [];
  const top = root.get('bibliography', true) as YamlNode | undefined;
  if (top) nodes.push(top);
  if (projectFile) {
    const project = root.get('project', true);
    if (yaml().isMap(project)) {
      const node = project.get('bibliography', true) as YamlNode | undefined;
      if (node) nodes.push(node);
    }
    const format = root.get('format', true);
    if (yaml().isMap(format)) {
      for (const pair of format.items) {
        if (!yaml().isMap(pair.value)) continue;
        const node = pair.value.get('bibliography', true) as YamlNode | undefined;
        if (node) nodes.push(node);
      }
    }
  }
  const named: Named[] = [];
  for (const node of nodes) {
    const scalars = yaml().isSeq(node) ? node.items : [node];
    for (const scalar of scalars) {
      if (!yaml().isScalar(scalar) || scalar.value === null || String(scalar.value).trim() === '') continue;
      const written = String(scalar.value).trim();
      const pos = scalar.range ? lineCounter.linePos(scalar.range[0]) : { line: 1, col: 1 };
      named.push({ written, resolved: path.resolve(folder, written), file, line: pos.line + lineOffset, column: pos.col });
    }
  }
  return named;
}

const LATEX_BIB_COMMAND = /\\(bibliography|addbibresource|addglobalbib|addsectionbib)\s*(?:\[[^\]]*\]\s*)?\{([^}]*)\}/g;

/** `\bibliography{a,b}` and biblatex's `\addbibresource{x.bib}` (and friends), outside `%` comments. */
function latexBibliographies(text: string, documentPath: string, folder: string): Named[] {
  const named: Named[] = [];
  const lines = text.split('\n');
  lines.forEach((rawLine, index) => {
    const line = stripLatexComment(rawLine);
    LATEX_BIB_COMMAND.lastIndex = 0;
    for (let m = LATEX_BIB_COMMAND.exec(line); m; m = LATEX_BIB_COMMAND.exec(line)) {
      const command = m[1];
      const column = m.index + 1;
      const names = command === 'bibliography' ? m[2].split(',') : [m[2]];
      for (const name of names) {
        let written = name.trim();
        if (written === '') continue;
        if (command === 'bibliography' && !/\.bib$/i.test(written)) written += '.bib';
        named.push({ written, resolved: path.resolve(folder, written), file: documentPath, line: index + 1, column });
      }
    }
  });
  return named;
}

function stripLatexComment(line: string): string {
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '%' && (i === 0 || line[i - 1] !== '\\')) return line.slice(0, i);
  }
  return line;
}

/** Quarto's `_metadata.yml` / `_quarto.yml` from the document's folder up to the workspace root. */
async function projectBibliographies(startFolder: string, root: string | undefined, problems: BibProblem[], files: DiscoveryFiles): Promise<Named[]> {
  const named: Named[] = [];
  let folder = startFolder;
  for (;;) {
    for (const name of ['_metadata.yml', '_quarto.yml']) {
      const file = path.join(folder, name);
      const text = await files.readText(file);
      if (text === undefined) continue;
      named.push(...yamlBibliographies(text, file, folder, 0, problems, true));
      if (name === '_quarto.yml') return named;
    }
    const parent = path.dirname(folder);
    // Without a workspace root only the document's own folder is searched.
    if (!root || folder === root || parent === folder || !isInside(parent, root)) return named;
    folder = parent;
  }
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Why `file` is not a readable regular file, or undefined when it is one. */
async function whyNotAFile(file: string): Promise<string | undefined> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) return 'it is a folder, not a file';
    return info.isFile() ? undefined : 'it is not a regular file';
  } catch (error) {
    return fileErrorReason(error);
  }
}

/** The yaml library's first message line, without its " at line 2, column 1:" (relative to the YAML, not the document). */
function yamlReason(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?\s*$/, '').replace(/:\s*$/, '');
}
