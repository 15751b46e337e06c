/**
 * bib-parse-error: the bibliography could not be read fully — a syntax error (the entry is
 * skipped), an entry without a key, an unreadable or non-text file. Reported on the bibliography.
 */
import type { BibliographyRule } from './rule';
import { rangeAtLocation } from './rule';

export const bibParseError: BibliographyRule = {
  id: 'bib-parse-error',
  description: 'A bibliography file (or an entry in it) could not be read.',
  defaultLevel: 'error',
  scope: 'bibliography',
  check(bib) {
    return bib.problems
      .filter((p) => p.code !== 'duplicate-key')
      .map((p) => ({
        message: p.message,
        file: p.location.file,
        range: rangeAtLocation(p.location),
        // A problem the loader rates as a warning (an unknown entry type) stays a warning.
        maxSeverity: p.severity,
      }));
  },
};
