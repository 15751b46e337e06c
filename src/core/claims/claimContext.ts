/**
 * What a sentence's surroundings tell a reviewer, as named model features with readable reasons:
 * the previous sentence (an interview question before an answer, a colon before a list), the list
 * the sentence is a point of ("The Hub aims to:" → the writer's own aims), and the heading it sits
 * under ("Acknowledgements", "Author contributions", "Our approach").
 * The context is read in the writer's own voice (see ownVoice.ts); reasons quote it as written.
 */
import { detectCues } from './claimCues';
import { tokenise } from './tokens';
import type { OwnVoiceReading } from './ownVoice';

export interface ContextReading {
  /** Named features: 'prev:…', 'list:…', 'heading:…'. */
  readonly named: readonly string[];
  /** Prefixed word tokens of the heading and the list introduction, for hashing ('h:aims', 'li:will'). */
  readonly tokens: readonly string[];
  /** Why, for the named features that have a reason to show. */
  readonly reasons: ReadonlyMap<string, string>;
}

export interface ContextInput {
  readonly contextBefore?: string;
  readonly heading?: string;
  readonly listIntro?: string;
}

interface HeadingKind {
  readonly id: string;
  readonly pattern: RegExp;
}

/** Kinds of heading, first match wins; the model learns what each means for the sentences below. */
const HEADING_KINDS: readonly HeadingKind[] = [
  { id: 'heading:acknowledgements', pattern: /\b(?:acknowledg\w*|thanks|funding|financial support|disclaimer|conflicts? of interest|competing interests)\b/i },
  { id: 'heading:contributions', pattern: /\bauthor(?:s'?|ship)? contributions?|\bcontributors\b|\bcredit(?:s)?\b/i },
  { id: 'heading:ownWork', pattern: /\b(?:our|we|us|aims?|approach|focus|mission|vision|goals?|objectives?|about|who|what we do|where we work|how we work|partners?|team|taking .* forward|next steps|get involved|contact)\b/i },
  { id: 'heading:software', pattern: /\b(?:install\w*|usage|getting started|examples?|tutorials?|features?|functions?|functionality|implementation|design|overview|documentation|workflows?|architecture|packages?|api|structure|availability)\b/i },
  { id: 'heading:background', pattern: /\b(?:statement of need|background|introduction|state of the (?:field|art)|related work|motivation|context|challenges?|problems?|why)\b/i },
  { id: 'heading:summary', pattern: /\b(?:summary|abstract|conclusions?)\b/i },
  { id: 'heading:results', pattern: /\b(?:methods?|methodology|data|results?|findings|evaluation|experiments?|analysis|evidence|impact)\b/i },
];

/** A list introduced in the writer's own voice or as aims and plans: its points are the writer's own. */
const OWN_LIST = /\b(?:we|our|us)\b|\b(?:aims?|goals?|objectives?|approach|mission|priorities|plans?|will|commit(?:ted|ments?)?|strives?|seeks?|focus(?:es)?)\b/i;

const short = (s: string, max = 60): string => {
  const t = s.trim().replace(/\s+/g, ' ');
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 1))}…`;
};

/** `read` reads a text in the writer's own voice (ownVoiceReader). */
export function contextFeatures(input: ContextInput, read: (text: string) => OwnVoiceReading): ContextReading {
  const named: string[] = [];
  const tokens: string[] = [];
  const reasons = new Map<string, string>();

  const before = input.contextBefore?.trim();
  if (!before) named.push('prev:none');
  else {
    for (const c of detectCues(read(before).text)) named.push(`prev:${c.cue.id}`);
    if (/\?["'”’)]*$/.test(before)) reasons.set('prev:question', `answers the question before it ('${short(before)}')`);
    if (/:["'”’)]*$/.test(before)) named.push('prev:colon');
  }

  const intro = input.listIntro?.trim();
  if (intro) {
    const introRead = read(intro).text;
    named.push('list:item');
    reasons.set('list:item', `a point of the list '${short(intro)}'`);
    if (OWN_LIST.test(introRead)) {
      named.push('list:ownAim');
      reasons.set('list:ownAim', `the writer's own aim or plan (a point under '${short(intro)}')`);
    }
    for (const c of detectCues(introRead)) named.push(`list:${c.cue.id}`);
    for (const t of tokenise(introRead)) tokens.push(`li:${t}`);
  }

  const heading = input.heading?.split('\n')[0]?.trim();
  if (heading) {
    const kind = HEADING_KINDS.find((k) => k.pattern.test(heading));
    if (kind) {
      named.push(kind.id);
      reasons.set(kind.id, `under the heading '${short(heading)}'`);
    }
    for (const t of tokenise(heading)) tokens.push(`h:${t}`);
  } else named.push('heading:none');

  return { named, tokens, reasons };
}
