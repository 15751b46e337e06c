import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  defaultConfig,
  formatConfigError,
  loadConfig,
  mergeConfig,
  parseConfigText,
  validateConfig,
} from '../../../src/core/lint/config';

describe('lint config', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'evlint-config-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const write = (rel: string, text: string) => {
    const p = path.join(root, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
    return p;
  };

  it('has the documented defaults (unused-entry off, unknown-key error)', () => {
    assert.equal(defaultConfig.rules['unused-entry'], 'off');
    assert.equal(defaultConfig.rules['unknown-key'], 'error');
    assert.equal(defaultConfig.rules['uncited-claim'], 'warning');
    assert.equal(defaultConfig.sensitivity, 'medium');
  });

  it('finds .evidencelintrc.json by walking up from a nested folder', async () => {
    const rc = write('.evidencelintrc.json', JSON.stringify({ rules: { 'uncited-claim': 'error' }, bibliography: 'refs.bib' }));
    fs.mkdirSync(path.join(root, 'a', 'b'), { recursive: true });
    const loaded = await loadConfig(path.join(root, 'a', 'b'));
    assert.equal(loaded.file, rc);
    assert.equal(loaded.error, undefined);
    assert.equal(loaded.config.rules['uncited-claim'], 'error');
    assert.equal(loaded.config.rules['unknown-key'], 'error', 'other rules keep their defaults');
    assert.deepEqual(loaded.config.bibliography, ['refs.bib']);
    assert.equal(loaded.config.baseDir, root);
  });

  it('reads the "evidenceLint" key of package.json, and skips a package.json without it', async () => {
    write('package.json', JSON.stringify({ name: 'x', evidenceLint: { sensitivity: 'high' } }));
    write('sub/package.json', JSON.stringify({ name: 'y' }));
    const loaded = await loadConfig(path.join(root, 'sub'));
    assert.equal(loaded.file, path.join(root, 'package.json'));
    assert.equal(loaded.config.sensitivity, 'high');
  });

  it('the nearest config wins', async () => {
    write('.evidencelintrc.json', JSON.stringify({ sensitivity: 'low' }));
    write('inner/.evidencelintrc.json', JSON.stringify({ sensitivity: 'high' }));
    assert.equal((await loadConfig(path.join(root, 'inner'))).config.sensitivity, 'high');
    assert.equal((await loadConfig(root)).config.sensitivity, 'low');
  });

  it('stopAt keeps the search inside a folder', async () => {
    write('.evidencelintrc.json', JSON.stringify({ sensitivity: 'low' }));
    fs.mkdirSync(path.join(root, 'proj'));
    const loaded = await loadConfig(path.join(root, 'proj'), { stopAt: path.join(root, 'proj') });
    assert.equal(loaded.file, undefined);
    assert.equal(loaded.config.sensitivity, 'medium');
  });

  it('reports a JSON syntax error with the file, line and column', async () => {
    const rc = write('.evidencelintrc.json', '{\n  "rules": {\n    "uncited-claim": "warning",\n  }\n}\n');
    const loaded = await loadConfig(root);
    assert.ok(loaded.error);
    assert.equal(loaded.error.file, rc);
    assert.equal(loaded.error.line, 4);
    assert.match(formatConfigError(loaded.error), /\.evidencelintrc\.json:4:\d+: invalid JSON/);
    assert.deepEqual(loaded.config, defaultConfig);
  });

  it('reports an unknown rule, a bad level and a bad sensitivity clearly', () => {
    assert.match(String((validateConfig({ rules: { 'no-such-rule': 'error' } }) as { error: string }).error), /unknown rule "no-such-rule"/);
    assert.match(String((validateConfig({ rules: { 'unknown-key': 'loud' } }) as { error: string }).error), /rules\.unknown-key: level must be one of/);
    assert.match(String((validateConfig({ sensitivity: 'extreme' }) as { error: string }).error), /"sensitivity" must be one of low, medium, high/);
    assert.match(String((validateConfig({ bibliography: [1] }) as { error: string }).error), /"bibliography" must be a string or an array/);
    assert.match(String((validateConfig({ bibliograpy: 'x.bib' }) as { error: string }).error), /unknown option "bibliograpy"/);
    assert.match(String((validateConfig([]) as { error: string }).error), /must be a JSON object/);
  });

  it('reads "ownVoice" (a name or a list of names) and rejects anything else', () => {
    assert.deepEqual((validateConfig({ ownVoice: ['EdTech Hub', ' the Hub '] }) as { config: { ownVoice: string[] } }).config.ownVoice, ['EdTech Hub', 'the Hub']);
    assert.deepEqual((validateConfig({ ownVoice: 'EdTech Hub' }) as { config: { ownVoice: string[] } }).config.ownVoice, ['EdTech Hub']);
    assert.match(String((validateConfig({ ownVoice: [true] }) as { error: string }).error), /"ownVoice" must be a string or an array of strings/);
    assert.match(String((validateConfig({ ownVoice: ['  '] }) as { error: string }).error), /"ownVoice" names must contain letters/);
    assert.deepEqual(defaultConfig.ownVoice, []);
    assert.deepEqual(mergeConfig(defaultConfig, { ownVoice: ['OpenDevEd'] }).ownVoice, ['OpenDevEd']);
    assert.deepEqual(mergeConfig(mergeConfig(defaultConfig, { ownVoice: ['OpenDevEd'] }), {}).ownVoice, ['OpenDevEd']);
  });

  it('an invalid package.json "evidenceLint" value is an error naming package.json', async () => {
    const pkg = write('package.json', JSON.stringify({ evidenceLint: { rules: 'all' } }));
    const loaded = await loadConfig(root);
    assert.equal(loaded.error?.file, pkg);
    assert.match(loaded.error!.message, /"evidenceLint" in package\.json: "rules" must be an object/);
  });

  it('mergeConfig merges rules per rule and keeps the rest', () => {
    const merged = mergeConfig(defaultConfig, { rules: { 'unused-entry': 'info' }, allowCitationInNextSentence: false });
    assert.equal(merged.rules['unused-entry'], 'info');
    assert.equal(merged.rules['unknown-key'], 'error');
    assert.equal(merged.allowCitationInNextSentence, false);
    assert.equal(merged.sensitivity, 'medium');
  });

  it('parses the examples folder config', () => {
    const file = path.join(__dirname, '../../../examples/.evidencelintrc.json');
    const loaded = parseConfigText(fs.readFileSync(file, 'utf8'), file);
    assert.equal(loaded.error, undefined);
    assert.deepEqual(loaded.config.bibliography, ['hub-outputs.bib']);
    assert.deepEqual(loaded.config.ownVoice, ['EdTech Hub', 'the Hub']);
  });

});
