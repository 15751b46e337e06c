import * as assert from 'node:assert/strict';
import { parseSuppressions } from '../../../src/core/lint/suppression';

/** Offset of the first occurrence of `needle` (the test strings make it unique). */
const at = (text: string, needle: string) => {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, `missing ${needle}`);
  return i;
};

describe('suppression comments', () => {
  it('disable-next-line silences the named rule on the next line only', () => {
    const text = 'Intro.\n<!-- evidence-lint-disable-next-line uncited-claim -->\nClaim A is 45%.\nClaim B is 50%.\n';
    const s = parseSuppressions(text, 'markdown');
    assert.equal(s.isSuppressed('uncited-claim', at(text, 'Claim A')), true);
    assert.equal(s.isSuppressed('unknown-key', at(text, 'Claim A')), false, 'other rules still apply');
    assert.equal(s.isSuppressed('uncited-claim', at(text, 'Claim B')), false, 'only the next line');
  });

  it('disable-line with no rule list silences every rule on its own line', () => {
    const text = 'Claim A is 45%. <!-- evidence-lint-disable-line -->\nClaim B.\n';
    const s = parseSuppressions(text, 'markdown');
    assert.equal(s.isSuppressed('uncited-claim', 0), true);
    assert.equal(s.isSuppressed('unknown-key', 3), true);
    assert.equal(s.isSuppressed('uncited-claim', at(text, 'Claim B')), false);
  });

  it('disable … enable covers a block; a reason after -- is ignored', () => {
    const text = 'A.\n<!-- evidence-lint-disable uncited-claim, unknown-key -- our own recommendations -->\nB.\nC.\n<!-- evidence-lint-enable -->\nD.\n';
    const s = parseSuppressions(text, 'markdown');
    assert.deepEqual(s.directives[0]!.rules, ['uncited-claim', 'unknown-key']);
    assert.equal(s.isSuppressed('uncited-claim', at(text, 'A.')), false);
    assert.equal(s.isSuppressed('uncited-claim', at(text, 'B.')), true);
    assert.equal(s.isSuppressed('unknown-key', at(text, 'C.')), true);
    assert.equal(s.isSuppressed('ambiguous-citation', at(text, 'C.')), false);
    assert.equal(s.isSuppressed('uncited-claim', at(text, 'D.')), false);
  });

  it('a disable without enable lasts to the end of the document', () => {
    const text = 'A.\n<!-- evidence-lint-disable -->\nB.\n\nC.';
    const s = parseSuppressions(text, 'markdown');
    assert.equal(s.isSuppressed('uncited-claim', at(text, 'C.')), true);
    assert.equal(s.isSuppressed('uncited-claim', 0), false);
  });

  it('enable of one rule re-enables only that rule', () => {
    const text = '<!-- evidence-lint-disable -->\nA.\n<!-- evidence-lint-enable unknown-key -->\nB.\n';
    const s = parseSuppressions(text, 'quarto');
    assert.equal(s.isSuppressed('unknown-key', at(text, 'B.')), false);
    assert.equal(s.isSuppressed('uncited-claim', at(text, 'B.')), true);
  });

  it('LaTeX uses % comments, and an escaped \\% is not a comment', () => {
    const text = [
      'Intro.',
      '% evidence-lint-disable-next-line uncited-claim',
      'Around 70\\% of teachers.',
      'Rate is 5\\% evidence-lint-disable-line',
      'A. % evidence-lint-disable-line',
      '% evidence-lint-disable',
      'B.',
      '% evidence-lint-enable',
      'C.',
    ].join('\n');
    const s = parseSuppressions(text, 'latex');
    assert.equal(s.isSuppressed('uncited-claim', at(text, 'Around')), true);
    assert.equal(s.isSuppressed('uncited-claim', at(text, 'Rate')), false, '\\% is a percent sign');
    assert.equal(s.isSuppressed('unknown-key', at(text, 'A.')), true);
    assert.equal(s.isSuppressed('uncited-claim', at(text, 'B.')), true);
    assert.equal(s.isSuppressed('uncited-claim', at(text, 'C.')), false);
  });

  it('HTML comments do nothing in LaTeX, % comments nothing in Markdown', () => {
    const md = '% evidence-lint-disable-line\nA.';
    assert.equal(parseSuppressions(md, 'markdown').isSuppressed('uncited-claim', 0), false);
    const tex = '<!-- evidence-lint-disable-line -->A.';
    assert.equal(parseSuppressions(tex, 'latex').isSuppressed('uncited-claim', 0), false);
  });

  it('a comment naming only unknown rules silences nothing', () => {
    const text = '<!-- evidence-lint-disable-line uncited-claims -->A.';
    const s = parseSuppressions(text, 'markdown');
    assert.deepEqual(s.directives[0]!.unknownRules, ['uncited-claims']);
    assert.equal(s.isSuppressed('uncited-claim', 0), false);
  });

  it('the examples brief suppresses what its SOURCE.md says', () => {
    const fs = require('node:fs') as typeof import('node:fs');
    const path = require('node:path') as typeof import('node:path');
    const text = fs.readFileSync(path.join(__dirname, '../../../examples/hub-brief.md'), 'utf8');
    const s = parseSuppressions(text, 'markdown');
    assert.equal(s.isSuppressed('uncited-claim', at(text, 'Our own field visits')), true);
    assert.equal(s.isSuppressed('uncited-claim', at(text, 'Every new programme')), true);
    assert.equal(s.isSuppressed('uncited-claim', at(text, 'Cost-effectiveness analysis shows')), false);
  });
});
