/** duplicate-key: a key defined twice in the bibliography (BibTeX and Pandoc silently use one of them). */
import type { BibliographyRule } from './rule';
import { rangeAtLocation } from './rule';

export const duplicateKey: BibliographyRule = {
  id: 'duplicate-key',
  description: 'The same citation key is defined more than once in the bibliography.',
  defaultLevel: 'error',
  scope: 'bibliography',
  check(bib) {
    return bib.problems
      .filter((p) => p.code === 'duplicate-key')
      .map((p) => ({
        message: p.message,
        file: p.location.file,
        range: rangeAtLocation(p.location),
        suggestions: p.key ? [p.key] : undefined,
      }));
  },
};
