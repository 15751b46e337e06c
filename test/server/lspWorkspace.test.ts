import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { editorSettings } from '../../src/server/lspWorkspace';

describe('editor settings as a client sends them', () => {
  const folder = path.resolve('/work/project');

  it('reads a bundled style, or a CSL file relative to the folder when citationStyle is "file"', () => {
    assert.equal(editorSettings({ citationStyle: 'edtechhub-apa' }, folder).citationStyle, 'edtechhub-apa');
    assert.deepEqual(editorSettings({ citationStyle: 'file', citationStyleFile: 'styles/hub.csl' }, folder).citationStyle, { cslFile: path.join(folder, 'styles/hub.csl') });
    // A path in citationStyle itself (the setting before the dropdown) still works.
    assert.deepEqual(editorSettings({ citationStyle: 'styles/hub.csl' }, folder).citationStyle, { cslFile: path.join(folder, 'styles/hub.csl') });
    assert.equal(editorSettings({ citationStyle: 'file', citationStyleFile: '' }, folder).citationStyle, 'apa');
  });

  it('keeps only well-formed values: rule levels, sensitivity, string lists', () => {
    const settings = editorSettings({ rules: { 'uncited-claim': 'info', 'unknown-key': 'loud' }, sensitivity: 'extreme', languages: ['markdown', 3], ownVoice: 'EdTech Hub' }, folder);
    assert.deepEqual(settings.rules, { 'uncited-claim': 'info' });
    assert.equal(settings.sensitivity, undefined, 'an invalid sensitivity must not override the project config');
    assert.deepEqual(settings.languages, ['markdown']);
    assert.deepEqual(settings.ownVoice, ['EdTech Hub']);
  });

  it('falls back to the defaults for a client that sends nothing', () => {
    const settings = editorSettings(undefined, undefined);
    assert.equal(settings.citationStyle, 'apa');
    assert.ok(settings.languages.includes('markdown') && settings.languages.includes('latex'));
    assert.deepEqual(settings.bibliography, []);
  });
});
