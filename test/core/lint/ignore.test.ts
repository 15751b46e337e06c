import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { defaultConfig, mergeConfig } from '../../../src/core/lint/config';
import { isIgnored } from '../../../src/core/lint/ignore';

describe('lint/ignore', () => {
  const base = path.join(path.sep, 'project');
  const config = mergeConfig(defaultConfig, { ignore: ['drafts/**', '**/*.draft.md'] }, base);

  it('matches globs relative to the config folder', () => {
    assert.equal(isIgnored(path.join(base, 'drafts', 'a.md'), config), true);
    assert.equal(isIgnored(path.join(base, 'chapters', 'intro.draft.md'), config), true);
    assert.equal(isIgnored(path.join(base, 'chapters', 'intro.md'), config), false);
    // Outside the config's folder the globs do not reach.
    assert.equal(isIgnored(path.join(path.sep, 'elsewhere', 'drafts', 'a.md'), config), false);
  });

  it('ignores nothing without globs', () => {
    assert.equal(isIgnored(path.join(base, 'drafts', 'a.md'), defaultConfig), false);
  });
});
