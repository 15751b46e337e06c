/**
 * citation-js's own tables (plugin-bibtex 0.8: input/constants.js, mapping/biblatexTypes.json), read
 * once, so the fast BibTeX path uses exactly the commands, accents, field types and entry types that
 * citation-js uses. These are small JSON-like modules: requiring them does not load citation-js itself.
 * As Maps, so that a name like `constructor` finds nothing (citation-js's `in` lookups would find
 * Object's; the fast path declines such names instead, see isPrototypeKey).
 */

/* eslint-disable @typescript-eslint/no-require-imports */
const constants = require('@citation-js/plugin-bibtex/lib/input/constants.js') as {
  fieldTypes: Record<string, [string, string]>;
  diacritics: Record<string, string>;
  commands: Record<string, string | null>;
  mathCommands: Record<string, string>;
  formattingEnvs: Record<string, string | undefined>;
  formattingCommands: Record<string, string | undefined>;
  formatting: Record<string, [string, string]>;
  mathScriptFormatting: Record<string, string | undefined>;
  mathScripts: Record<string, Record<string, string>>;
};
const biblatexTypes = require('@citation-js/plugin-bibtex/lib/mapping/biblatexTypes.json') as { source: Record<string, string> };
/* eslint-enable @typescript-eslint/no-require-imports */

const asMap = <V>(record: Record<string, V>): ReadonlyMap<string, V> => new Map(Object.entries(record));

/** Field name → [kind, type], e.g. author → ['list', 'name'], doi → ['field', 'verbatim']. */
export const FIELD_TYPES: ReadonlyMap<string, readonly [string, string]> = asMap(constants.fieldTypes);
/** Accent commands (`\'`, `\"`, `\c`…) → the combining character. */
export const DIACRITICS: ReadonlyMap<string, string> = asMap(constants.diacritics);
/** Text commands (`\ss`, `\o`, `\textendash`…) → their character (`\textcommabelow` → null, a citation-js quirk). */
export const COMMANDS: ReadonlyMap<string, string | null> = asMap(constants.commands);
/** Greek letters, read as such even outside math. */
export const MATH_COMMANDS: ReadonlyMap<string, string> = asMap(constants.mathCommands);
/** `{\em …}`-style switches → a format name (or undefined: text kept as is). */
export const FORMATTING_ENVS: ReadonlyMap<string, string | undefined> = asMap(constants.formattingEnvs);
/** `\textit{…}`-style commands → a format name (or undefined). */
export const FORMATTING_COMMANDS: ReadonlyMap<string, string | undefined> = asMap(constants.formattingCommands);
/** Format name → the HTML (or quotes) citation-js wraps the text in. */
export const FORMATTING: ReadonlyMap<string, readonly [string, string]> = asMap(constants.formatting);
/** Commands that mean sub/superscript inside math (`\sp`, `\sb`, `\mathrm`, `\^`, `\_`). */
export const MATH_SCRIPT_FORMATTING: ReadonlyMap<string, string | undefined> = asMap(constants.mathScriptFormatting);
/** Inside math, `^` and `_` → the characters that have a Unicode superscript or subscript form. */
export const MATH_SCRIPTS: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map(Object.entries(constants.mathScripts).map(([mark, table]) => [mark, asMap(table)]));
/** BibLaTeX/BibTeX entry type → CSL type. */
export const CSL_TYPES: ReadonlyMap<string, string> = asMap(biblatexTypes.source);

const PROTOTYPE_KEYS: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__']);

/** A name that a plain object lookup (`name in table`) would find on Object.prototype. */
export function isPrototypeKey(name: string): boolean {
  return PROTOTYPE_KEYS.has(name);
}
