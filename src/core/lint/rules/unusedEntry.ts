/** unused-entry (off by default): a bibliography entry that no linted document cites. */
import { citationLabel } from '../../format/labels';
import type { WorkspaceRule } from './rule';
import { rangeAtLocation } from './rule';

export const unusedEntry: WorkspaceRule = {
  id: 'unused-entry',
  description: 'A bibliography entry is not cited by any linted document.',
  defaultLevel: 'off',
  scope: 'workspace',
  check(bib, citedKeys) {
    return bib.entries
      .filter((e) => !citedKeys.has(e.key))
      .map((e) => ({
        message: `Entry "${e.key}" (${citationLabel(e)}) is not cited`,
        file: e.location.file,
        range: rangeAtLocation(e.location),
      }));
  },
};
