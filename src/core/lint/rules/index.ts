/** Every rule, in the order findings of one location are listed. */
import type { RuleId } from '../../types';
import { ambiguousCitation } from './ambiguousCitation';
import { bibParseError } from './bibParseError';
import { citationRelevance } from './citationRelevance';
import { duplicateKey } from './duplicateKey';
import type { BibliographyRule, DocumentRule, RuleMeta, WorkspaceRule } from './rule';
import { uncitedClaim } from './uncitedClaim';
import { unknownKey } from './unknownKey';
import { unusedEntry } from './unusedEntry';

export const documentRules: readonly DocumentRule[] = [unknownKey, ambiguousCitation, uncitedClaim, citationRelevance];
export const bibliographyRules: readonly BibliographyRule[] = [bibParseError, duplicateKey];
export const workspaceRules: readonly WorkspaceRule[] = [unusedEntry];

export const allRules: readonly RuleMeta[] = [uncitedClaim, unknownKey, ambiguousCitation, duplicateKey, bibParseError, unusedEntry, citationRelevance];

export function ruleMeta(id: RuleId): RuleMeta {
  const meta = allRules.find((r) => r.id === id);
  if (!meta) throw new Error(`unknown rule ${id}`);
  return meta;
}
