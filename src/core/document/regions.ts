/**
 * Structural regions of a document: the parts that are not prose (front matter, code, math,
 * comments, link targets, tables, headings, the reference list…). Citation recognisers mask
 * some of them so that `@` in code or a URL is never a citation; the sentence splitter removes
 * or protects them so that sentences are prose only. Offsets are UTF-16 offsets into the text.
 */
import type { DocumentLanguage, Span } from '../types';
import { MARKDOWN_REFERENCES_END_LINE, MARKDOWN_REFERENCES_START_LINE } from './referenceMarkers';

export type RegionKind =
  | 'front-matter' // YAML between --- lines at the top
  | 'code-block' // fenced or indented code; LaTeX verbatim-like environments
  | 'code-span' // `inline code`, \verb|x|
  | 'display-math' // $$…$$, \[…\], equation-like environments
  | 'inline-math' // $…$, \(…\)
  | 'comment' // LaTeX % comment (to end of line)
  | 'html-comment' // <!-- … -->
  | 'html-tag' // <div class="x">, </span>
  | 'link-target' // the (url "title") of [text](url), reference definitions, \url{…}
  | 'url' // bare URLs and <autolinks>
  | 'attributes' // Pandoc {#id .class key=value} after links, spans, headings
  | 'heading' // a heading line (Markdown) or sectioning command (LaTeX); has a title
  | 'table' // pipe and grid tables
  | 'div-fence' // Pandoc ::: fences
  | 'latex-preamble' // everything before \begin{document} and after \end{document}
  | 'latex-environment' // figure/table/tikz… environments (not prose, may hold citations)
  | 'latex-command' // \begin{itemize}, \label{…}, \maketitle… (structure, no prose)
  | 'references'; // the reference list: "# References" to the end, ::: {#refs}, thebibliography

export interface Region extends Span {
  readonly kind: RegionKind;
  /** Heading title as it reads (markup stripped), for 'heading' regions. */
  readonly title?: string;
  /** Heading level (1 = top), for 'heading' regions. */
  readonly level?: number;
}

/** Heading titles that introduce the reference list. */
export const REFERENCES_HEADING = /^(?:references?|bibliography|works cited|literature cited|reference list|sources|references and notes)$/i;

/** Pandoc-family languages (Markdown syntax). */
export function isMarkdownLike(language: DocumentLanguage): boolean {
  return language === 'markdown' || language === 'quarto' || language === 'rmd';
}

/**
 * All structural regions of `text`, sorted by start; regions never overlap. Never throws. (A lint
 * finds them once and hands them to the citation recognisers and the sentence splitter.)
 */
export function findRegions(text: string, language: DocumentLanguage): readonly Region[] {
  let regions: Region[];
  try {
    if (language === 'latex') regions = sortRegions(latexRegions(text));
    else if (language === 'plaintext') regions = sortRegions(plaintextRegions(text));
    else regions = sortRegions(markdownRegions(text));
  } catch {
    regions = [];
  }
  return Object.freeze(regions);
}

function sortRegions(regions: Region[]): Region[] {
  regions.sort((a, b) => a.start - b.start || b.end - a.end);
  // Drop regions nested in an earlier one (e.g. a URL inside a heading we already cover).
  const out: Region[] = [];
  let reach = -1;
  for (const r of regions) {
    if (r.end <= r.start) continue;
    if (r.start < reach) continue;
    out.push(r);
    reach = r.end;
  }
  return out;
}

/**
 * A copy of `text` in which every region whose kind is in `kinds` is replaced by spaces (line
 * breaks kept), so regular expressions can run on it and report offsets into the original.
 */
export function maskText(text: string, regions: readonly Region[], kinds: ReadonlySet<RegionKind>, fill = ' '): string {
  const parts: string[] = [];
  let at = 0;
  for (const r of regions) {
    if (!kinds.has(r.kind)) continue;
    parts.push(text.slice(at, r.start), filledSpan(text, r.start, r.end, fill, false));
    at = r.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/**
 * `text.slice(start, end)` with every UTF-16 unit replaced by `fill` except line breaks (`\n`, and
 * `\r` too when `keepCarriageReturns`). Most regions are one line: those need no regex.
 */
export function filledSpan(text: string, start: number, end: number, fill: string, keepCarriageReturns: boolean): string {
  const parts: string[] = [];
  let at = start;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && keepCarriageReturns)) {
      parts.push(fill.repeat(i - at), c === 10 ? '\n' : '\r');
      at = i + 1;
    }
  }
  if (parts.length === 0) return fill.repeat(end - start);
  parts.push(fill.repeat(end - at));
  return parts.join('');
}

// ---------------------------------------------------------------------------------------------
// Lines
// ---------------------------------------------------------------------------------------------

interface Line {
  readonly start: number;
  /** End of the line's content, before its line break. */
  readonly end: number;
  readonly text: string;
}

export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const rawEnd = nl < 0 ? text.length : nl;
    const end = rawEnd > start && text.charCodeAt(rawEnd - 1) === 13 ? rawEnd - 1 : rawEnd;
    lines.push({ start, end, text: text.slice(start, end) });
    if (nl < 0) break;
    start = nl + 1;
  }
  return lines;
}

const isBlank = (s: string) => /^\s*$/.test(s);

// ---------------------------------------------------------------------------------------------
// Markdown (Pandoc, Quarto, R Markdown)
// ---------------------------------------------------------------------------------------------

const FENCE_OPEN = /^\s*(`{3,}|~{3,})/;
const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$/;

/**
 * Index of the first line from `from` that is an ATX heading of `level` or above (outside fenced code),
 * or lines.length. Setext headings are not looked for: after a reference list they are rare, and a
 * `---` line there is as likely a rule.
 */
function nextHeadingAtOrAbove(lines: readonly { text: string }[], from: number, level: number): number {
  let fence: string | undefined;
  for (let j = from; j < lines.length; j++) {
    const text = lines[j]!.text;
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(text)?.[1];
    if (marker) {
      if (fence === undefined) fence = marker[0]!.repeat(marker.length);
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      continue;
    }
    if (fence !== undefined) continue;
    const heading = ATX_HEADING.exec(text);
    if (heading && heading[1]!.length <= level && !/^#{1,6}[^\s#]/.test(text.trimStart())) return j;
  }
  return lines.length;
}
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
const LIST_ITEM = /^\s*(?:[-*+•]|\d{1,9}[.)]|[a-zA-Z][.)])\s+/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$/;
const GRID_TABLE_BORDER = /^\s*\+[-=:+]+\+\s*$/;
const DIV_FENCE = /^ {0,3}:{3,}/;
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]\n]+\]:[ \t]+\S/;
const LATEX_ENVIRONMENTS_IN_MARKDOWN = /\\begin\{([A-Za-z]+\*?)\}[\s\S]*?\\end\{\1\}/g;

/** Lines-level structure first (it hides everything inside it), then inline structure. */
function markdownRegions(text: string): Region[] {
  const regions: Region[] = [];
  const lines = splitLines(text);
  let i = 0;

  const front = frontMatterEnd(lines);
  if (front > 0) {
    regions.push({ kind: 'front-matter', start: 0, end: lines[front - 1].end });
    i = front;
  }

  let divDepth = 0;
  let refsDivDepth = -1;
  for (; i < lines.length; i++) {
    const line = lines[i];
    const fence = FENCE_OPEN.exec(line.text);
    if (fence) {
      const marker = fence[1];
      const close = new RegExp(`^\\s*${marker[0] === '`' ? '`' : '~'}{${marker.length},}\\s*$`);
      let j = i + 1;
      while (j < lines.length && !close.test(lines[j].text)) j++;
      const last = Math.min(j, lines.length - 1);
      regions.push({ kind: 'code-block', start: line.start, end: lines[last].end });
      i = last;
      continue;
    }
    if (MARKDOWN_REFERENCES_START_LINE.test(line.text)) {
      // A reference list Evidence Writer generated, between its marker comments (an opening marker
      // without its closing one hides nothing).
      let j = i + 1;
      while (j < lines.length && !MARKDOWN_REFERENCES_END_LINE.test(lines[j].text)) j++;
      if (j < lines.length) {
        regions.push({ kind: 'references', start: line.start, end: lines[j].end });
        i = j;
        continue;
      }
    }
    if (DIV_FENCE.test(line.text)) {
      const opening = /^ {0,3}:{3,}\s*\S/.test(line.text);
      if (opening) {
        divDepth++;
        if (refsDivDepth < 0 && /\{[^}]*#refs\b|\.references\b/.test(line.text)) {
          // The Pandoc reference list: from the fence to its closing fence.
          let depth = 1;
          let j = i + 1;
          for (; j < lines.length; j++) {
            if (!DIV_FENCE.test(lines[j].text)) continue;
            if (/^ {0,3}:{3,}\s*\S/.test(lines[j].text)) depth++;
            else if (--depth === 0) break;
          }
          const last = Math.min(j, lines.length - 1);
          regions.push({ kind: 'references', start: line.start, end: lines[last].end });
          divDepth--;
          i = last;
          continue;
        }
      } else if (divDepth > 0) divDepth--;
      regions.push({ kind: 'div-fence', start: line.start, end: line.end });
      continue;
    }
    const atx = ATX_HEADING.exec(line.text);
    if (atx && !/^#{1,6}[^\s#]/.test(line.text.trimStart())) {
      const title = cleanHeadingTitle((atx[2] ?? '').replace(/[ \t]+#+$/, ''));
      if (REFERENCES_HEADING.test(title)) {
        // The reference list runs to the next heading of its level or above (an annex), else to the end.
        const after = nextHeadingAtOrAbove(lines, i + 1, atx[1].length);
        regions.push({ kind: 'references', start: line.start, end: after < lines.length ? lines[after - 1].end : text.length });
        if (after >= lines.length) break;
        i = after - 1;
        continue;
      }
      regions.push({ kind: 'heading', start: line.start, end: line.end, title, level: atx[1].length });
      continue;
    }
    const next = lines[i + 1];
    if (
      next &&
      !isBlank(line.text) &&
      SETEXT_UNDERLINE.test(next.text) &&
      (i === 0 || isBlank(lines[i - 1].text)) &&
      !LIST_ITEM.test(line.text) &&
      !line.text.includes('|')
    ) {
      const title = cleanHeadingTitle(line.text.trim());
      if (REFERENCES_HEADING.test(title)) {
        const after = nextHeadingAtOrAbove(lines, i + 2, next.text.trim()[0] === '=' ? 1 : 2);
        regions.push({ kind: 'references', start: line.start, end: after < lines.length ? lines[after - 1].end : text.length });
        if (after >= lines.length) break;
        i = after - 1;
        continue;
      }
      regions.push({ kind: 'heading', start: line.start, end: next.end, title, level: next.text.trim()[0] === '=' ? 1 : 2 });
      i++;
      continue;
    }
    if (isTableStart(lines, i)) {
      let j = i;
      while (j + 1 < lines.length && !isBlank(lines[j + 1].text) && /[|+]/.test(lines[j + 1].text)) j++;
      regions.push({ kind: 'table', start: line.start, end: lines[j].end });
      i = j;
      continue;
    }
    if (REFERENCE_DEFINITION.test(line.text)) {
      regions.push({ kind: 'link-target', start: line.start, end: line.end });
      continue;
    }
    if (isIndentedCodeStart(lines, i)) {
      let j = i;
      let lastCode = i;
      while (j + 1 < lines.length && (isBlank(lines[j + 1].text) || /^(?: {4}|\t)/.test(lines[j + 1].text))) {
        j++;
        if (!isBlank(lines[j].text)) lastCode = j;
      }
      regions.push({ kind: 'code-block', start: line.start, end: lines[lastCode].end });
      i = lastCode;
      continue;
    }
  }

  const blockKinds = new Set(regions.map((r) => r.kind));
  const blockMasked = maskText(text, sortRegions([...regions]), blockKinds);
  const environments: Region[] = [];
  for (const m of withoutUnclosedBegins(blockMasked).matchAll(LATEX_ENVIRONMENTS_IN_MARKDOWN)) {
    environments.push({ kind: environmentKind(m[1]), start: m.index, end: m.index + m[0].length });
  }
  // Environments are filled with a non-space so a `$$ \begin{array}…\end{array} $$` around one
  // still reads as one piece of math (a blank-looking line would end it).
  const withEnvironments = maskText(blockMasked, environments, new Set(environments.map((r) => r.kind)), '\u0000');
  const inline = markdownInlineRegions(withEnvironments);
  // Math that encloses an environment wins over the environment.
  const kept = environments.filter((e) => !inline.some((i) => i.start <= e.start && e.end <= i.end));
  regions.push(...kept, ...inline);
  return regions;
}

/** Number of lines the YAML front matter takes (0 if none). */
function frontMatterEnd(lines: readonly Line[]): number {
  if (lines.length < 2 || lines[0].text.replace(/^\uFEFF/, '').trimEnd() !== '---') return 0;
  if (isBlank(lines[1].text)) return 0;
  for (let j = 1; j < lines.length; j++) {
    const t = lines[j].text.trimEnd();
    if (t === '---' || t === '...') return j + 1;
  }
  return 0;
}

function cleanHeadingTitle(raw: string): string {
  return raw
    .replace(/\s*\{[^{}]*\}\s*$/, '') // {#sec-intro .unnumbered}
    .replace(/[*_`]/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .trim();
}

function isTableStart(lines: readonly Line[], i: number): boolean {
  const t = lines[i].text;
  if (GRID_TABLE_BORDER.test(t)) return true;
  if (!t.includes('|')) return false;
  if (TABLE_SEPARATOR.test(t) && t.includes('|')) return true;
  const next = lines[i + 1];
  return !!next && TABLE_SEPARATOR.test(next.text) && (next.text.includes('|') || t.trim().startsWith('|'));
}

function isIndentedCodeStart(lines: readonly Line[], i: number): boolean {
  if (!/^(?: {4}|\t)\s*\S/.test(lines[i].text)) return false;
  if (i === 0) return true;
  if (!isBlank(lines[i - 1].text)) return false;
  // Indented text after a list item is the item's continuation, not code.
  for (let j = i - 1; j >= 0; j--) {
    if (isBlank(lines[j].text)) continue;
    return !(LIST_ITEM.test(lines[j].text) || /^\s+\S/.test(lines[j].text));
  }
  return true;
}

const MATH_ENVIRONMENT = /^(?:equation|align|alignat|flalign|gather|multline|eqnarray|displaymath|math|split|dmath)\*?$/;
const VERBATIM_ENVIRONMENT = /^(?:verbatim|Verbatim|BVerbatim|lstlisting|minted|alltt|comment|filecontents)\*?$/;

function environmentKind(name: string): RegionKind {
  if (MATH_ENVIRONMENT.test(name)) return 'display-math';
  if (VERBATIM_ENVIRONMENT.test(name)) return 'code-block';
  if (name === 'thebibliography') return 'references';
  return 'latex-environment';
}

// One pass, leftmost match wins: the order of alternatives settles ties at one position.
// Every alternative starts with one of < ` \ $ ( h f w {: the leading lookahead rejects all other
// positions at once instead of trying each alternative (and its lookbehind) there.
const MARKDOWN_INLINE = new RegExp(
  '(?=[<`\\\\$(hfw{])(?:' +
  [
    /(?<htmlComment><!--[\s\S]*?(?:-->|$))/.source,
    /(?<codeSpan>(?<ticks>`+)(?!`)(?:(?!\n[ \t]*\n)[\s\S])*?[^`](?:\k<ticks>)(?!`))/.source,
    /(?<escape>\\[\\`*_{}[\]()#+\-.!$@<>|~"'])/.source,
    /(?<displayMath>\$\$(?:(?!\n[ \t]*\n)[\s\S])+?\$\$)/.source,
    /(?<inlineMath>\$(?![\s$])(?:[^$\\\n]|\\[\s\S]|\n(?![ \t]*\n))*?[^\s\\]\$(?!\d)|\$[^\s$\\]\$(?!\d))/.source,
    /(?<linkTarget>(?<=\])\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\))/.source,
    /(?<autolink><(?:https?|ftp|mailto|file):[^\s<>]*>|<[^\s<>@]+@[^\s<>@]+\.[A-Za-z]{2,}>)/.source,
    /(?<htmlTag><\/?[A-Za-z][A-Za-z0-9-]*(?:\s+[^<>]*?)?\/?>)/.source,
    /(?<url>(?<!@\{)\b(?:https?|ftp):\/\/[^\s<>"'`)\]]*(?:\([^\s()]*\)[^\s<>"'`)\]]*)*[^\s<>"'`.,;:!?)\]]|\bwww\.[A-Za-z0-9-]+\.[^\s<>"'`)\]]*[^\s<>"'`.,;:!?)\]])/.source,
    /(?<attributes>(?<=[\])}`])\{(?=[#.\w-])[^{}\n]*\})/.source,
  ].join('|') +
  ')',
  'g',
);

function markdownInlineRegions(masked: string): Region[] {
  const regions: Region[] = [];
  for (const m of masked.matchAll(MARKDOWN_INLINE)) {
    const g = m.groups ?? {};
    const start = m.index;
    const end = start + m[0].length;
    let kind: RegionKind | undefined;
    if (g.htmlComment !== undefined) kind = 'html-comment';
    else if (g.codeSpan !== undefined) kind = 'code-span';
    else if (g.displayMath !== undefined) kind = 'display-math';
    else if (g.inlineMath !== undefined) kind = 'inline-math';
    else if (g.linkTarget !== undefined) kind = 'link-target';
    else if (g.autolink !== undefined || g.url !== undefined) kind = 'url';
    else if (g.htmlTag !== undefined) kind = 'html-tag';
    else if (g.attributes !== undefined) kind = 'attributes';
    if (kind) regions.push({ kind, start, end });
  }
  return regions;
}

// ---------------------------------------------------------------------------------------------
// Plain text: URLs, and short title-like lines standing alone are headings
// ---------------------------------------------------------------------------------------------

const URL_ONLY = new RegExp(MARKDOWN_INLINE.source.replace(/^[\s\S]*(\(\?<url>)/, '$1').replace(/\|\(\?<attributes>[\s\S]*$/, ''), 'g');

function plaintextRegions(text: string): Region[] {
  const regions: Region[] = [];
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].text.trim();
    const alone = (i === 0 || isBlank(lines[i - 1].text)) && (i + 1 >= lines.length || isBlank(lines[i + 1].text));
    if (!alone || !t) continue;
    if (REFERENCES_HEADING.test(t.replace(/:$/, ''))) {
      regions.push({ kind: 'references', start: lines[i].start, end: text.length });
      break;
    }
    const words = t.split(/\s+/);
    if (/^[\p{Lu}\p{N}]/u.test(t) && !/[.!?,;:…"”)]$/.test(t) && words.length <= 14 && !LIST_ITEM.test(lines[i].text)) {
      regions.push({ kind: 'heading', start: lines[i].start, end: lines[i].end, title: t, level: 2 });
    }
  }
  for (const m of text.matchAll(URL_ONLY)) regions.push({ kind: 'url', start: m.index, end: m.index + m[0].length });
  return regions;
}

// ---------------------------------------------------------------------------------------------
// LaTeX
// ---------------------------------------------------------------------------------------------

const BRACED = String.raw`\{((?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*)\}`;
const LATEX_SCAN = new RegExp(
  [
    String.raw`(?<verbEnv>\\begin\{(?<verbName>verbatim|Verbatim|BVerbatim|lstlisting|minted|alltt|comment|filecontents)\*?\}[\s\S]*?(?:\\end\{\k<verbName>\*?\}|$))`,
    String.raw`(?<verb>\\(?:verb|lstinline)\*?(?<verbDelim>[^A-Za-z\s{])[^\n]*?\k<verbDelim>)`,
    String.raw`(?<escape>\\[\\%$&#_{}])`,
    String.raw`(?<comment>%[^\n]*)`,
    String.raw`(?<displayMath>\$\$[\s\S]*?\$\$|\\\[[\s\S]*?\\\])`,
    String.raw`(?<inlineMath>\$(?:[^$\\]|\\[\s\S])+?\$|\\\([\s\S]*?\\\))`,
    String.raw`(?<environment>\\begin\{(?<envName>equation|align|alignat|flalign|gather|multline|eqnarray|displaymath|math|figure|table|tabular|tabularx|longtable|tikzpicture|algorithm|algorithmic|thebibliography|wrapfigure|sidewaystable|subfigure)(?<star>\*?)\}[\s\S]*?\\end\{\k<envName>\k<star>\})`,
    String.raw`(?<heading>\\(?<level>part|chapter|section|subsection|subsubsection|paragraph|subparagraph)\*?\s*(?:\[[^\]]*\])?\s*${BRACED})`,
    String.raw`(?<printBib>\\printbibliography(?:\[[^\]]*\])?|\\bibliography\{[^}]*\})`,
    String.raw`(?<urlArg>\\(?:url|href)\{[^}]*\})`,
    String.raw`(?<structure>\\(?:begin|end)\{[A-Za-z*]+\}(?:\[[^\]\n]*\])?(?:\{[^{}\n]*\})?|\\(?:label|bibliographystyle|usepackage|documentclass|input|include|includegraphics|vspace|hspace|newcommand|renewcommand|setlength|addbibresource)\*?(?:\[[^\]\n]*\])?\{[^{}\n]*\}|\\(?:maketitle|tableofcontents|newpage|clearpage|noindent|centering|medskip|bigskip|smallskip|appendix|par)\b)`,
    String.raw`(?<url>\b(?:https?|ftp):\/\/[^\s<>"'}]*[^\s<>"'.,;:!?)}\]])`,
  ].join('|'),
  'g',
);

const LATEX_LEVELS: Record<string, number> = { part: 0, chapter: 0, section: 1, subsection: 2, subsubsection: 3, paragraph: 4, subparagraph: 5 };

function latexRegions(text: string): Region[] {
  const regions: Region[] = [];
  let referencesFrom = -1;
  for (const m of withoutUnclosedBegins(text).matchAll(LATEX_SCAN)) {
    const g = m.groups ?? {};
    const start = m.index;
    const end = start + m[0].length;
    if (g.verbEnv !== undefined) regions.push({ kind: g.verbName === 'comment' ? 'comment' : 'code-block', start, end });
    else if (g.verb !== undefined) regions.push({ kind: 'code-span', start, end });
    else if (g.comment !== undefined) regions.push({ kind: 'comment', start, end });
    else if (g.displayMath !== undefined) regions.push({ kind: 'display-math', start, end });
    else if (g.inlineMath !== undefined) regions.push({ kind: 'inline-math', start, end });
    else if (g.environment !== undefined) regions.push({ kind: environmentKind(g.envName), start, end });
    else if (g.heading !== undefined) {
      const title = latexToPlain(headingArgument(m[0]));
      if (REFERENCES_HEADING.test(title) && referencesFrom < 0) referencesFrom = start;
      regions.push({ kind: 'heading', start, end, title, level: LATEX_LEVELS[g.level] ?? 1 });
    } else if (g.printBib !== undefined) {
      regions.push({ kind: 'references', start, end });
    } else if (g.urlArg !== undefined) regions.push({ kind: 'link-target', start, end });
    else if (g.structure !== undefined) regions.push({ kind: 'latex-command', start, end });
    else if (g.url !== undefined) regions.push({ kind: 'url', start, end });
  }
  // Preamble and the tail after \end{document} (found outside comments).
  const noComments = maskText(text, sortRegions([...regions]), new Set<RegionKind>(['comment', 'code-block', 'code-span']));
  const begin = /\\begin\{document\}/.exec(noComments);
  const finish = /\\end\{document\}/.exec(noComments);
  const kept: Region[] = [];
  const bodyStart = begin ? begin.index + begin[0].length : 0;
  const bodyEnd = finish ? finish.index : text.length;
  if (begin) kept.push({ kind: 'latex-preamble', start: 0, end: bodyStart });
  if (finish) kept.push({ kind: 'latex-preamble', start: finish.index, end: text.length });
  if (referencesFrom >= 0) kept.push({ kind: 'references', start: referencesFrom, end: bodyEnd });
  for (const r of regions) {
    if (r.end <= bodyStart || r.start >= bodyEnd) continue;
    if (referencesFrom >= 0 && r.start >= referencesFrom) continue;
    kept.push(r);
  }
  return kept;
}

/**
 * The text with the backslash of every `\begin{name}` that no later `\end{name}` closes replaced by a
 * space (same length, so offsets hold). Environment patterns scan lazily to their `\end`; for an
 * unclosed one that scan runs to the end of the document, once per unclosed `\begin` — quadratic on
 * a broken or hostile document. An unclosed environment is read as prose instead.
 */
function withoutUnclosedBegins(text: string): string {
  if (!text.includes('\\begin{')) return text;
  const lastEnd = new Map<string, number>();
  for (const m of text.matchAll(/\\end\{([A-Za-z]+\*?)\}/g)) lastEnd.set(m[1]!, m.index);
  let out: string[] | undefined;
  let copied = 0;
  for (const m of text.matchAll(/\\begin\{([A-Za-z]+\*?)\}/g)) {
    // \begin{document} is only a boundary (the preamble is found separately) and cheap to match.
    if (m[1] === 'document' || (lastEnd.get(m[1]!) ?? -1) > m.index) continue;
    (out ??= []).push(text.slice(copied, m.index), ' ');
    copied = m.index + 1;
  }
  if (!out) return text;
  out.push(text.slice(copied));
  return out.join('');
}

/** The mandatory argument of a sectioning command, braces balanced. */
function headingArgument(command: string): string {
  const open = command.indexOf('{');
  if (open < 0) return '';
  return command.slice(open + 1, command.lastIndexOf('}'));
}

/** Very small LaTeX-to-text for heading titles: drop commands, keep their text. */
export function latexToPlain(s: string): string {
  return s
    .replace(/\\([&%$#_])/g, '$1')
    .replace(/\\[A-Za-z]+\*?\s*(?:\[[^\]]*\])?/g, '')
    .replace(/[{}~]/g, (c) => (c === '~' ? ' ' : ''))
    .replace(/\s+/g, ' ')
    .trim();
}
