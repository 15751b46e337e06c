import type { Node as YamlNode } from 'yaml';
import { yaml } from '../../io/lazyYaml';
import type { BibEntry, BibProblem } from '../../types';
import { buildEntries, type LocatedItem } from './cslItems';
import { bibProblem, shortReason } from './problems';

/** CSL-YAML (Pandoc's format): a list of items, or a mapping with `references:`; YAML gives real positions. */
export function parseCslYamlText(text: string, file: string): { entries: BibEntry[]; problems: BibProblem[] } {
  const lineCounter = new (yaml().LineCounter)();
  // Pandoc also accepts a Markdown file's YAML block: strip a trailing `...`/`---` terminator and text after it.
  const doc = yaml().parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  const problems: BibProblem[] = [];
  for (const error of doc.errors) {
    const pos = lineCounter.linePos(error.pos[0]);
    problems.push(bibProblem('bib-parse-error', 'error', file, `not valid YAML: ${shortReason(error)}`, pos.line, pos.col));
  }
  if (doc.errors.length) return { entries: [], problems };
  let list: YamlNode | null | undefined = doc.contents as YamlNode | null;
  if (yaml().isMap(list)) list = list.get('references', true) as YamlNode | undefined;
  if (!yaml().isSeq(list)) {
    return { entries: [], problems: [bibProblem('bib-parse-error', 'error', file, 'not CSL-YAML: expected a list of items (or `references:` with a list)')] };
  }
  const located: LocatedItem[] = list.items.map((node) => {
    const range = (node as YamlNode).range;
    const start = range ? lineCounter.linePos(range[0]) : { line: 1, col: 1 };
    const end = range ? lineCounter.linePos(Math.max(range[0], range[1] - 1)) : undefined;
    return { item: (node as YamlNode).toJSON(), line: start.line, column: start.col, endLine: end?.line };
  });
  const built = buildEntries(located, file);
  return { entries: built.entries, problems: [...problems, ...built.problems] };
}
