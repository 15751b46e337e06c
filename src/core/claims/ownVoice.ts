/**
 * The writer's own voice: the names an organisation uses for itself ("EdTech Hub", "the Hub").
 * A reviewer reads "EdTech Hub undertakes research" as "We undertake research" — the writer's own
 * work, which needs no source — so the scorer reads such names as first person before judging.
 */
import { yaml } from '../io/lazyYaml';

export interface OwnVoiceReading {
  /** The text with each own-voice name replaced by we / us / our. */
  readonly text: string;
  /** The names found, as written (for reasons). */
  readonly found: readonly string[];
}

/** Words after which a name is an object ("the work of EdTech Hub" → "the work of us"). */
const PREPOSITION = /(?:^|[\s(])(?:of|by|with|from|to|for|at|about|among|between|within|alongside|like|and)\s+$/i;

/**
 * `text` with the own-voice `names` read as first person: possessive ("EdTech Hub's", "EdTech Hub
 * Learning Briefs") → "our", after a preposition → "us", else "we" ("We" at the start). A leading
 * "the" is part of the name ("the EdTech Hub"). Names match case-sensitively, whole words only.
 */
export function readOwnVoice(text: string, names: readonly string[] | undefined): OwnVoiceReading {
  return ownVoiceReader(names)(text);
}

/** readOwnVoice with the names compiled once, for reading a sentence and its context. */
export function ownVoiceReader(names: readonly string[] | undefined): (text: string) => OwnVoiceReading {
  const pattern = Array.isArray(names) && names.length > 0 ? ownVoicePattern(names) : undefined;
  return (text) => (pattern && typeof text === 'string' && text ? readWith(pattern, text) : { text, found: [] });
}

function readWith(pattern: RegExp, text: string): OwnVoiceReading {
  const found: string[] = [];
  const out = text.replace(pattern, (whole: string, possessive: string | undefined, offset: number, all: string) => {
    found.push(possessive ? whole.slice(0, -possessive.length) : whole);
    const before = all.slice(0, offset);
    const atStart = !/[\p{L}\p{N}]/u.test(before);
    const nextWord = /^\s+(\p{Lu})/u.exec(all.slice(offset + whole.length));
    let word = possessive || nextWord ? 'our' : PREPOSITION.test(before) ? 'us' : 'we';
    if (atStart) word = word[0]!.toUpperCase() + word.slice(1);
    return word;
  });
  return { text: out, found };
}

/** One regex for all names, longest first, so "the EdTech Hub" wins over "EdTech Hub". */
function ownVoicePattern(names: readonly string[]): RegExp | undefined {
  const alternatives = [...new Set(names.filter((n): n is string => typeof n === 'string').map((n) => n.trim()).filter((n) => /\p{L}/u.test(n)))]
    .sort((a, b) => b.length - a.length)
    .map((n) => {
      const core = n.replace(/^the\s+/i, '');
      const the = core !== n ? String.raw`[Tt]he\s+` : String.raw`(?:[Tt]he\s+)?`;
      return the + escapeRegExp(core).replace(/\s+/g, String.raw`\s+`);
    });
  if (alternatives.length === 0) return undefined;
  return new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${alternatives.join('|')})(['’]s)?(?![\p{L}\p{N}])`, 'gu');
}

/**
 * A sentence opening that points back at the sentence before ("They focus on…", "This happens…"):
 * a pronoun, so 'This'/'These'/'Such' only before a verb ("This happens", "These include"), not as a
 * determiner ("This transformation began…", "Such traditional models…" are about something else).
 */
const POINTS_BACK =
  /^(?:They|It)\b|^(?:This|That|Each)(?=\s+(?:also\s+|then\s+|now\s+)?(?:is|was|has|had|will|would|can|could|may|might|should|must|does|did|[a-z]+(?<!ss|us|is)s|[a-z]+ed)\b)|^(?:These|Those)(?=\s+(?:also\s+|then\s+|now\s+|all\s+)?(?:are|were|have|had|will|would|can|could|may|might|should|must|do|did|include|focus|cover|range|help|offer|provide|support|build|bring|aim|[a-z]+ed)\b)|^Such(?=\s+(?:is|was)\b)/;
/** A sentence whose subject is the writer: "We have just released…", "In the last year we…" (not "We know that…"). */
const OWN_SUBJECT = /^(?:[^,.;:]{0,40}?\s)?(?:we(?! (?:all )?know (?:that|this|how|what)\b)|our)\b/i;

/**
 * "They focus on…" right after "We have just released our briefs…" goes on with the writer's own
 * account: the pronoun is read as "we". `previous` is the sentence before, already read in the
 * own voice. Returns the word read as the writer's own, if any.
 */
export function continuesOwnAccount(text: string, previous: string | undefined): string | undefined {
  if (!previous || !hasOwnSubject(previous)) return undefined;
  return POINTS_BACK.exec(text)?.[0];
}

/** Whether the writer is the subject of a sentence read in the own voice ("In 2022 we worked…"). */
export function hasOwnSubject(text: string): boolean {
  return OWN_SUBJECT.test(text);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Nouns an organisation is called by for short ("the Hub", "the Foundation"). */
const ORGANISATION_NOUN =
  /^(?:Hub|Foundation|Institute|University|Ministry|Bank|Team|Partnership|Initiative|Programme|Program|Centre|Center|Network|Council|Agency|Trust|Alliance|Association|Society|Group|Commission|Consortium|Coalition|Fund|Project|Collective|Lab)$/;
/** Words that mark a name as an organisation rather than a person. */
const ORGANISATION_WORD =
  /\b(?:Hub|Foundation|Institute|University|Organi[sz]ation|Ministry|Bank|Team|Partnership|Initiative|Programme|Program|Centre|Center|Network|Council|Agency|Trust|Alliance|Association|Society|Group|Commission|Department|Office|Unit|Lab|Laboratory|Consortium|Coalition|Fund|Project|Collective|Company|Ltd|Inc|Education|Research)\b/;

/**
 * Own-voice names a document declares about itself, for when none are configured: organisations
 * named as its author in YAML front matter (`author: EdTech Hub`, `author: [{name: …}]`, CSL
 * `literal`), each also as "the <last word>" when that is what it is called for short ("the Hub"),
 * and the tool its title introduces ("pyRISM: A Python package…").
 * "we" and "our" need no inference: the scorer reads them as the writer's own voice anyway.
 */
export function inferOwnVoice(documentText: string): string[] {
  const match = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(documentText);
  if (!match) return [];
  let data: unknown;
  try {
    data = yaml().parse(match[1]!);
  } catch {
    return [];
  }
  if (!data || typeof data !== 'object') return [];
  const names: string[] = [];
  const product = titledProduct((data as Record<string, unknown>).title);
  if (product) names.push(product);
  for (const author of asList((data as Record<string, unknown>).author)) {
    const name = authorName(author);
    if (!name || !ORGANISATION_WORD.test(name)) continue;
    names.push(name);
    const last = /(\p{L}+)$/u.exec(name)?.[1];
    if (last && name.includes(' ') && ORGANISATION_NOUN.test(last)) names.push(`the ${last}`);
  }
  return [...new Set(names)];
}

/**
 * The software or programme a title introduces ("moderndive", "NCDatasets.jl"): one word before a
 * colon or dash ("pyRISM: A Python package…"), or in backticks ("Take a `moderndive` into…").
 * A paper describing its own tool is the writers describing their own work.
 */
function titledProduct(title: unknown): string | undefined {
  if (typeof title !== 'string') return undefined;
  const named = /^\s*`?([\p{L}][\p{L}\p{N}_.+#-]*[\p{L}\p{N}])`?\s*(?::|\s[-–—]{1,2}\s)/u.exec(title) ?? /`([\p{L}][\p{L}\p{N}_.+#-]*)`/u.exec(title);
  return named?.[1];
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

function authorName(author: unknown): string | undefined {
  if (typeof author === 'string') return author.trim() || undefined;
  if (author && typeof author === 'object') {
    const o = author as Record<string, unknown>;
    for (const key of ['name', 'literal']) if (typeof o[key] === 'string' && (o[key] as string).trim()) return (o[key] as string).trim();
  }
  return undefined;
}
