/**
 * A small LaTeX-to-readable-Unicode converter for the text citation-js leaves untouched (raw fields we
 * read ourselves, fields salvaged after citation-js refused them) and for leftovers in its output.
 * It aims at display text, not typesetting: accents, common symbols and text commands; math loses its `$`.
 */

const ACCENTS: Record<string, string> = {
  '`': '\u0300',
  "'": '\u0301',
  '^': '\u0302',
  '~': '\u0303',
  '=': '\u0304',
  u: '\u0306',
  '.': '\u0307',
  '"': '\u0308',
  r: '\u030A',
  H: '\u030B',
  v: '\u030C',
  d: '\u0323',
  c: '\u0327',
  k: '\u0328',
  b: '\u0331',
};

const SYMBOLS: Record<string, string> = {
  ss: 'ß',
  o: 'ø',
  O: 'Ø',
  ae: 'æ',
  AE: 'Æ',
  oe: 'œ',
  OE: 'Œ',
  aa: 'å',
  AA: 'Å',
  l: 'ł',
  L: 'Ł',
  i: 'ı',
  j: 'ȷ',
  dh: 'ð',
  DH: 'Ð',
  th: 'þ',
  TH: 'Þ',
  ng: 'ŋ',
  NG: 'Ŋ',
  textendash: '–',
  textemdash: '—',
  textquoteleft: '‘',
  textquoteright: '’',
  textquotedblleft: '“',
  textquotedblright: '”',
  textellipsis: '…',
  ldots: '…',
  dots: '…',
  textregistered: '®',
  texttrademark: '™',
  textcopyright: '©',
  copyright: '©',
  S: '§',
  P: '¶',
  euro: '€',
  pounds: '£',
  textdegree: '°',
  LaTeX: 'LaTeX',
  TeX: 'TeX',
  BibTeX: 'BibTeX',
  textbackslash: '\\',
  textasciitilde: '~',
  textunderscore: '_',
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  epsilon: 'ε',
  mu: 'μ',
  pi: 'π',
  sigma: 'σ',
  lambda: 'λ',
  theta: 'θ',
  chi: 'χ',
  times: '×',
  pm: '±',
  leq: '≤',
  geq: '≥',
  le: '≤',
  ge: '≥',
  neq: '≠',
  approx: '≈',
  infty: '∞',
};

/** Commands whose (last) braced argument is kept as plain text. */
const TEXT_COMMANDS: ReadonlySet<string> = new Set([
  'textit', 'textbf', 'textsc', 'textrm', 'textsf', 'texttt', 'textup', 'textsl', 'textmd', 'textnormal',
  'emph', 'mbox', 'text', 'mathrm', 'mathit', 'mathbf', 'mathsf', 'mathtt', 'mathcal', 'url', 'nolinkurl',
  'uppercase', 'lowercase', 'MakeUppercase', 'MakeLowercase', 'enquote', 'hbox', 'NoCaseChange', 'ensuremath',
  'textsuperscript', 'textsubscript', 'underline', 'uline',
]);

/** Converts LaTeX-marked-up text to readable Unicode (NFC). */
export function latexToUnicode(input: string): string {
  if (!/[\\{}$~-]/.test(input)) return input;
  if (!input.includes('\\')) return withoutMarkup(input);
  let s = input;
  // Each step runs only if its trigger is in the text (as it is by then): the same result, fewer scans
  // of long abstracts.
  if (s.includes('\\')) {
    // \href{url}{text} keeps the text.
    s = s.replace(/\\href\s*\{[^{}]*\}\s*\{([^{}]*)\}/g, '$1');
    // Accents: \"{o}, \"o, {\"o}, \'{\i}, \c{c}, \v c.
    s = s.replace(/\\([`'^~=".])\s*(?:\{\s*\\?([A-Za-z])\s*\}|\\?([A-Za-z]))/g, (_m, acc: string, a?: string, b?: string) =>
      combine(a ?? b ?? '', acc),
    );
    s = s.replace(/\\([urHvdckb])(?:\s*\{\s*\\?([A-Za-z])\s*\}|\s+\\?([A-Za-z])(?![A-Za-z]))/g, (_m, acc: string, a?: string, b?: string) =>
      combine(a ?? b ?? '', acc),
    );
    // Escaped specials hide as private-use characters until the end, so later steps leave them alone.
    s = s.replace(/\\([&%$#_{}])/g, (_m, ch: string) => String.fromCharCode(0xe000 + ESCAPABLE.indexOf(ch)));
    // Named symbols, optionally followed by {} or a space that only ends the command name.
    s = s.replace(/\\([A-Za-z]+)(\{\}|\s)?/g, (m, name: string, after?: string) => {
      if (name in SYMBOLS) return SYMBOLS[name];
      if (TEXT_COMMANDS.has(name)) return after === '{}' ? '' : (after ?? '');
      return m;
    });
    // Remaining unknown commands: drop the command, keep any argument text.
    s = s.replace(/\\[A-Za-z]+\*?\s*(\[[^\]]*\])?/g, '');
    s = s.replace(/\\\\/g, ' ');
  }
  if (s.includes('--')) s = s.replace(/---/g, '—').replace(/--/g, '–');
  if (s.includes('~')) s = s.replace(/(?<!\\)~/g, '\u00A0');
  if (s.includes('``') || s.includes("''")) s = s.replace(/``/g, '“').replace(/''/g, '”');
  // Paired `$` delimit math (dropped); an odd count means a literal dollar ("$80,000"), kept.
  const dollars = s.includes('$') ? (s.match(/\$/g) ?? []).length : 0;
  if (s.includes('{') || s.includes('}') || dollars > 0) s = s.replace(dollars % 2 === 0 ? /[{}$]/g : /[{}]/g, '');
  if (s.includes('\\')) {
    // A backslash left before a non-letter is an escape that did not apply (`St{\\"u}rmer` read as `St\ürmer`).
    s = s.replace(/\\(?![A-Za-z])/g, '');
  }
  if (/[\ue000-\ue006]/.test(s)) s = s.replace(/[\ue000-\ue006]/g, (ch) => ESCAPABLE[ch.charCodeAt(0) - 0xe000]);
  return s.replace(/[ \t\r\n]+/g, ' ').trim().normalize('NFC');
}

/**
 * latexToUnicode of text without a backslash (most abstracts): its steps after the commands, each
 * only where one scan of the text found its trigger (none of them adds a trigger of another).
 */
function withoutMarkup(input: string): string {
  let dashes = false;
  let quotes = false;
  let tilde = false;
  let braces = false;
  let dollars = 0;
  let escaped = false;
  let spacing = false;
  let nonAscii = false;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c === 45 /* - */) dashes ||= input.charCodeAt(i + 1) === 45;
    else if (c === 96 /* ` */ || c === 39 /* ' */) quotes ||= input.charCodeAt(i + 1) === c;
    else if (c === 126 /* ~ */) tilde = true;
    else if (c === 123 || c === 125) braces = true;
    else if (c === 36 /* $ */) dollars++;
    else if (c === 32) spacing ||= isCollapsed(input.charCodeAt(i + 1));
    else if (c === 9 || c === 10 || c === 13) spacing = true;
    else if (c >= 128) {
      nonAscii = true;
      escaped ||= c >= 0xe000 && c <= 0xe006;
    }
  }
  let s = input;
  if (dashes) s = s.replace(/---/g, '—').replace(/--/g, '–');
  if (tilde) s = s.replace(/(?<!\\)~/g, '\u00A0');
  if (quotes) s = s.replace(/``/g, '“').replace(/''/g, '”');
  // Paired `$` delimit math (dropped); an odd count means a literal dollar ("$80,000"), kept.
  if (braces || dollars > 0) {
    s = s.replace(dollars % 2 === 0 ? /[{}$]/g : /[{}]/g, '');
    spacing = true; // what was between two spaces may be gone
  }
  if (escaped) s = s.replace(/[\ue000-\ue006]/g, (ch) => ESCAPABLE[ch.charCodeAt(0) - 0xe000]);
  if (spacing) s = s.replace(/[ \t\r\n]+/g, ' ');
  s = s.trim();
  return nonAscii ? s.normalize('NFC') : s;
}

/** A character that, after a space, makes a run the last step collapses. */
function isCollapsed(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

const ESCAPABLE = '&%$#_{}';

function combine(letter: string, accent: string): string {
  const base = letter === 'i' ? 'i' : letter === 'j' ? 'j' : letter;
  return (base + ACCENTS[accent]).normalize('NFC');
}
