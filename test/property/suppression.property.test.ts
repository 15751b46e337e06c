/**
 * Properties of suppression comments: parsing never throws or hangs, directives lie inside the
 * text at their reported line, and a directive placed at a random line switches off exactly the
 * rule it names on exactly the line it names (next line, same line, or a disable…enable block).
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { RULE_IDS } from '../../src/core/lint/config';
import { parseSuppressions } from '../../src/core/lint/suppression';
import type { DocumentLanguage, RuleId } from '../../src/core/types';
import { checkProperty, LANGUAGES, mutatedExcerpt, REAL, syntaxText, withinTime } from './helpers';

const rule = fc.constantFrom(...RULE_IDS);
/** Prose lines that hold no directive of their own. */
const proseLine = fc.constantFrom('Schools closed in 2020.', 'Teachers improved outcomes by 45%.', '', '- a list item', '  indented', 'See [@a].', 'x % not a comment \\% here');

function comment(lang: DocumentLanguage, body: string): string {
  return lang === 'latex' ? `% evidence-lint-${body}` : `<!-- evidence-lint-${body} -->`;
}

function lineStarts(lines: readonly string[], eol: string): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const l of lines) {
    starts.push(at);
    at += l.length + eol.length;
  }
  return starts;
}

describe('property: suppression comments', () => {
  it('random text and mutated documents: no throw, directives inside the text at the right line', () => {
    const text = fc.oneof(syntaxText(80), mutatedExcerpt([...REAL.papers, REAL.latex, ...REAL.blogs], 2000));
    checkProperty(
      'suppression/random-text',
      [text, fc.constantFrom(...LANGUAGES)],
      (t, lang) => {
        const s = withinTime(`parseSuppressions (${t.length} chars)`, () => parseSuppressions(t, lang));
        let previous = -1;
        for (const d of s.directives) {
          assert.ok(d.offset > previous && d.offset < t.length, `directive offset ${d.offset}`);
          previous = d.offset;
          assert.equal(d.line, t.slice(0, d.offset).split('\n').length - 1, 'directive line');
          for (const r of d.rules) assert.ok(RULE_IDS.includes(r));
        }
        for (const r of RULE_IDS) for (const at of [0, t.length >> 1, t.length]) assert.equal(typeof s.isSuppressed(r, at), 'boolean');
      },
      1500,
    );
  });

  it('disable-next-line / disable-line switch off exactly the named rule on exactly that line', () => {
    checkProperty(
      'suppression/line-directives',
      [
        fc.array(proseLine, { minLength: 2, maxLength: 12 }),
        fc.nat(),
        rule,
        fc.constantFrom('disable-next-line', 'disable-line'),
        fc.constantFrom(...LANGUAGES),
        fc.constantFrom('\n', '\r\n'),
      ],
      (lines, pick, r, kind, lang, eol) => {
        const target = pick % (lines.length - 1);
        const doc: string[] = [...lines];
        // The comment goes on its own line before the target, or at the end of the target line.
        if (kind === 'disable-next-line') doc.splice(target, 0, comment(lang, `${kind} ${r} -- reason`));
        else doc[target] = `${doc[target]} ${comment(lang, `${kind} ${r}`)}`;
        const suppressedLine = kind === 'disable-next-line' ? target + 1 : target;
        const text = doc.join(eol);
        const starts = lineStarts(doc, eol);
        const s = parseSuppressions(text, lang);
        assert.equal(s.directives.length, 1);
        for (let line = 0; line < doc.length; line++) {
          for (const other of RULE_IDS) {
            const expected = line === suppressedLine && other === r;
            assert.equal(s.isSuppressed(other, starts[line]), expected, `line ${line}, rule ${other}: ${JSON.stringify(text)}`);
          }
        }
      },
      400,
    );
  });

  it('disable … enable switches a rule off between the two comments only', () => {
    checkProperty(
      'suppression/block-directives',
      [fc.array(proseLine, { minLength: 3, maxLength: 12 }), fc.nat(), fc.nat(), fc.option(rule, { nil: undefined }), fc.constantFrom(...LANGUAGES)],
      (lines, a, b, r, lang) => {
        let [from, to] = [a % lines.length, b % lines.length].sort((x, y) => x - y);
        if (from === to) to = Math.min(lines.length, to + 1);
        const doc: string[] = [...lines.slice(0, from), comment(lang, `disable${r ? ` ${r}` : ''}`), ...lines.slice(from, to), comment(lang, `enable${r ? ` ${r}` : ''}`), ...lines.slice(to)];
        const text = doc.join('\n');
        const starts = lineStarts(doc, '\n');
        const s = parseSuppressions(text, lang);
        for (let line = 0; line < doc.length; line++) {
          const inside = line > from && line <= to; // strictly after the disable comment, up to the enable line
          const at = starts[line] + (line === to + 1 ? doc[line].length : 0);
          for (const other of RULE_IDS) {
            const named = r === undefined || other === r;
            const expected = named && (inside || line === from) && !(line === to + 1);
            if (line === from || line === to + 1) continue; // the comment lines themselves
            assert.equal(s.isSuppressed(other as RuleId, at), expected, `line ${line} rule ${other}: ${JSON.stringify(text)}`);
          }
        }
      },
      300,
    );
  });

  it('unclosed HTML directives and comment openers do not make parsing quadratic', () => {
    for (const piece of ['<!-- evidence-lint-disable ', '<!--', '% evidence-lint-disable x\n']) {
      const text = piece.repeat(Math.ceil(1_000_000 / piece.length));
      for (const lang of ['markdown', 'latex'] as const) withinTime(`parseSuppressions of 1 MB of ${JSON.stringify(piece)} (${lang})`, () => parseSuppressions(text, lang));
    }
  });
});
