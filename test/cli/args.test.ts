import * as assert from 'node:assert/strict';
import { parseCliArgs, UsageError } from '../../src/cli/args';

describe('evidence-lint arguments', () => {
  it('defaults: stylish, no warning limit, outside allowed, patterns as given', () => {
    const o = parseCliArgs(['docs', 'a.md']);
    assert.deepEqual(o.patterns, ['docs', 'a.md']);
    assert.equal(o.format, 'stylish');
    assert.equal(o.maxWarnings, undefined);
    assert.equal(o.outside, true);
    assert.equal(o.quiet, false);
    assert.equal(o.exitZero, false);
    assert.deepEqual(o.ownVoice, []);
    assert.equal(o.explain, false);
  });

  it('reads every option', () => {
    const o = parseCliArgs([
      'x.md', '--bib', 'a.bib', '--bib=b.json', '--format', 'sarif', '--max-warnings', '3',
      '--rule', 'uncited-claim=off', '--rule', 'unused-entry=info', '--sensitivity', 'high',
      '--no-outside', '--quiet', '--exit-zero', '--own-voice', 'EdTech Hub', '--own-voice=the Hub', '--explain',
    ]);
    assert.deepEqual(o.bib, ['a.bib', 'b.json']);
    assert.equal(o.format, 'sarif');
    assert.equal(o.maxWarnings, 3);
    assert.deepEqual(o.rules, { 'uncited-claim': 'off', 'unused-entry': 'info' });
    assert.equal(o.sensitivity, 'high');
    assert.equal(o.outside, false);
    assert.equal(o.quiet, true);
    assert.equal(o.exitZero, true);
    assert.deepEqual(o.ownVoice, ['EdTech Hub', 'the Hub']);
    assert.equal(o.explain, true);
  });

  it('--max-warnings -1 means no limit', () => {
    assert.equal(parseCliArgs(['--max-warnings', '-1']).maxWarnings, undefined);
  });

  const rejects: [string[], RegExp][] = [
    [['--format', 'xml'], /--format must be one of stylish, json, sarif, github/],
    [['--max-warnings', 'many'], /--max-warnings must be a whole number/],
    [['--rule', 'uncited-claim'], /--rule expects ID=LEVEL/],
    [['--rule', 'no-rule=off'], /unknown rule "no-rule"/],
    [['--rule', 'unknown-key=fatal'], /level must be one of error, warning, info, hint, off/],
    [['--sensitivity', 'max'], /--sensitivity must be one of low, medium, high/],
    [['--own-voice', ' 42 '], /--own-voice expects a name with letters, got "42"/],
    [['--own-voice'], /argument missing/],
    [['--frobnicate'], /Unknown option '--frobnicate'/],
  ];
  for (const [argv, message] of rejects) {
    it(`rejects ${argv.join(' ')}`, () => {
      assert.throws(() => parseCliArgs(argv), (e: unknown) => e instanceof UsageError && message.test((e as Error).message));
    });
  }
});
