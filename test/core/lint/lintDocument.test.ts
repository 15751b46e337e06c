import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BibliographyIndex } from '../../../src/core/bibliography/index/bibliographyIndex';
import { parseBibliographyText } from '../../../src/core/bibliography/formats/parseText';
import { createTextDocument } from '../../../src/core/document/textDocument';
import { defaultConfig, mergeConfig, type PartialLintConfig } from '../../../src/core/lint/config';
import { lintBibliography, lintDocument, lintUnusedEntries, citedKeysOf } from '../../../src/core/lint/lintDocument';
import { hubCitationText } from '../../../src/core/format/labels';
import type { ClaimInput, ClaimScore, ClaimScoreOptions, Finding, RuleId } from '../../../src/core/types';

const FIXTURES = path.join(__dirname, '../../fixtures');
const hubBibFile = path.join(FIXTURES, 'hub/hub-outputs.bib');
const hub = BibliographyIndex.fromFiles([parseBibliographyText(fs.readFileSync(hubBibFile, 'utf8'), hubBibFile)]);

/**
 * A fixed claim scorer, so these tests check the rules' logic (support, suppression, levels)
 * independently of the trained model: a sentence is a claim when it has a number or "most".
 */
const fixedScorer = ({ text }: ClaimInput): ClaimScore => {
  const m = /\d+(?:\.\d+)?%?|\bmost\b/i.exec(text.replace(/\[@[^\]]*\]|\(⇡[^)]*\)|⇡[^(]*\(\d{4}\w?\)/g, ''));
  return m ? { claim: true, score: 0.9, reasons: [`contains a statistic (${m[0]})`] } : { claim: false, score: 0.1, reasons: [] };
};

function lint(text: string, options: { language?: string; config?: PartialLintConfig; real?: boolean } = {}) {
  const language = options.language ?? 'markdown';
  const doc = createTextDocument(`file:///work/doc.${language === 'latex' ? 'tex' : 'md'}`, language, text);
  const config = mergeConfig(defaultConfig, options.config ?? {});
  return lintDocument(doc, hub, config, options.real ? {} : { scoreClaim: fixedScorer });
}

const ofRule = (findings: readonly Finding[], rule: RuleId) => findings.filter((f) => f.ruleId === rule);

describe('lintDocument', () => {
  describe('uncited-claim', () => {
    it('flags a claim with no citation, saying why, on the sentence', () => {
      const text = 'Intro line.\n\nTeachers who received coaching were 45% more likely to plan lessons.\n';
      const r = lint(text);
      const [f, ...rest] = ofRule(r.findings, 'uncited-claim');
      assert.ok(f);
      assert.equal(rest.length, 0);
      assert.equal(f.severity, 'warning');
      assert.equal(f.message, 'Claim cites no evidence: contains a statistic (45%)');
      assert.deepEqual(f.reasons, ['contains a statistic (45%)']);
      assert.deepEqual(f.range.start, { line: 2, character: 0 });
      assert.equal(f.file, path.resolve('/work/doc.md'));
    });

    it('a citation in the sentence (Pandoc, ⇡author-year, LaTeX) supports it', () => {
      const md = 'Most programmes used mobile phones [@hennessy2022]. Poorer students were 30% less likely to learn remotely (⇡Vegas, 2020).\n';
      const r = lint(md);
      assert.deepEqual(ofRule(r.findings, 'uncited-claim'), []);
      assert.deepEqual(r.stats, { claims: 2, supported: 2 });
      const tex = 'Most programmes used mobile phones \\citep{hennessy2022}.\n';
      assert.deepEqual(ofRule(lint(tex, { language: 'latex' }).findings, 'uncited-claim'), []);
    });

    it('a next sentence that is only a citation supports the claim, if allowed, in the same paragraph only', () => {
      const text = 'Around 45% of schools closed. See [@vegas2020].\n';
      const allowed = lint(text);
      assert.deepEqual(ofRule(allowed.findings, 'uncited-claim'), []);
      assert.equal(allowed.claims[0]!.citations[0]!.items[0]!.key, 'vegas2020');
      assert.equal(allowed.claims[1]!.score.claim, false, 'the citation-only sentence is not a claim');
      const strict = lint(text, { config: { allowCitationInNextSentence: false } });
      assert.equal(ofRule(strict.findings, 'uncited-claim').length, 1);
      const nextParagraph = lint('Around 45% of schools closed.\n\n[@vegas2020]\n');
      assert.equal(ofRule(nextParagraph.findings, 'uncited-claim').length, 1);
      const notOnlyCitation = lint('Around 45% of schools closed. Reopening was slow [@vegas2020].\n');
      assert.equal(ofRule(notOnlyCitation.findings, 'uncited-claim').length, 1, 'a sentence with its own words does not lend its citation');
    });

    it('counts claims and supported claims', () => {
      const r = lint('Most schools closed [@vegas2020]. Around 40% reopened. No number here.\n');
      assert.deepEqual(r.stats, { claims: 2, supported: 1 });
      const supported = r.claims.filter((c) => c.supported);
      assert.equal(supported.length, 1);
      assert.equal(supported[0]!.citations[0]!.items[0]!.key, 'vegas2020');
    });

    it('only a citation that resolves supports a claim; the message names the unknown keys cited', () => {
      const r = lint('Around 45% of schools closed [@nosuchkey2020]. Most reopened [@vegas2020; @nosuchkey2021].\n');
      assert.deepEqual(r.stats, { claims: 2, supported: 1 }, 'a citation of an unknown key alone is no evidence');
      const [f, ...rest] = ofRule(r.findings, 'uncited-claim');
      assert.equal(rest.length, 0, 'one known key in the citation is enough');
      assert.equal(f!.message, 'Claim cites only an unknown key (nosuchkey2020): contains a statistic (45%)');
      assert.equal(ofRule(r.findings, 'unknown-key').length, 2);
      const several = lint('Around 45% closed [@nosuch1; @nosuch2] (⇡Nobody, 1999).\n');
      assert.equal(ofRule(several.findings, 'uncited-claim')[0]!.message, 'Claim cites only unknown keys (nosuch1, nosuch2, "Nobody, 1999"): contains a statistic (45%)');
      const hubLink = lint('Around 45% closed ([link](https://docs.edtechhub.org/lib/ZZZZ9999)).\n');
      assert.match(ofRule(hubLink.findings, 'uncited-claim')[0]!.message, /^Claim cites only an unknown key \(ZZZZ9999\)/);
    });

    it('an unknown key in the sentence does not stop a citation-only next sentence from supporting it', () => {
      const r = lint('Around 45% of schools closed [@nosuchkey2020]. See [@vegas2020].\n');
      assert.deepEqual(r.stats, { claims: 1, supported: 1 });
      assert.equal(r.claims[0]!.citations[0]!.items[0]!.key, 'vegas2020');
    });

    it('plain author-year prose in a key-citing document is neither support nor an unknown key', () => {
      const r = lint('Around 45% of schools closed, as Nobody (1999) said. Most reopened [@vegas2020].\n');
      assert.deepEqual(r.stats, { claims: 2, supported: 1 });
      assert.equal(ofRule(r.findings, 'uncited-claim')[0]!.message, 'Claim cites no evidence: contains a statistic (45%)');
    });

    it('with unknown-key off (keys not checked, as with no bibliography) every citation counts', () => {
      const r = lint('Around 45% of schools closed [@nosuchkey2020].\n', { config: { rules: { 'unknown-key': 'off' } } });
      assert.deepEqual(r.stats, { claims: 1, supported: 1 });
      assert.deepEqual(r.findings, []);
    });

    it('honours the sensitivity passed to the scorer and the rule level', () => {
      const seen: string[] = [];
      const doc = createTextDocument('file:///work/a.md', 'markdown', 'Around 40% reopened.\n');
      lintDocument(doc, hub, mergeConfig(defaultConfig, { sensitivity: 'high' }), {
        scoreClaim: (t, s) => (seen.push(s.sensitivity ?? ''), fixedScorer(t)),
      });
      assert.deepEqual(seen, ['high']);
      assert.equal(ofRule(lint('Around 40% reopened.\n', { config: { rules: { 'uncited-claim': 'error' } } }).findings, 'uncited-claim')[0]!.severity, 'error');
      assert.deepEqual(lint('Around 40% reopened.\n', { config: { rules: { 'uncited-claim': 'off' } } }).findings, []);
    });
  });

  describe('unknown-key', () => {
    it('reports a key missing from the bibliography as an error with "did you mean"', () => {
      const text = 'Radio reached more learners [@hasler2020].\n';
      const [f] = ofRule(lint(text).findings, 'unknown-key');
      assert.ok(f);
      assert.equal(f.severity, 'error');
      assert.match(f.message, /^Citation key "hasler2020" is not in the bibliography; did you mean hassler2020 \(/);
      assert.equal(f.suggestions?.[0], 'hassler2020');
      assert.equal(text.slice(f.range.start.character, f.range.end.character), 'hasler2020');
    });

    it('labels suggested entries as the editor does: three names listed, et al. from four (one label function)', () => {
      const [f] = ofRule(lint('Most schools closed [@hennessy2021x].\n').findings, 'unknown-key');
      assert.match(f!.message, /did you mean hennessy2021 \(Hennessy, Jordan & Wagner \(2021\)\)/);
      const [g] = ofRule(lint('Most schools closed [@major2020].\n').findings, 'unknown-key');
      assert.match(g!.message, /major2020a \(Major & Francis \(2020a\)\)/);
    });

    it('reports an author-year citation that matches no entry, suggesting the same author', () => {
      const text = 'Support saw higher engagement (⇡Haßler et al., 2021).\n';
      const [f] = ofRule(lint(text).findings, 'unknown-key');
      assert.ok(f, 'an unmatched author-year citation is an unknown-key finding');
      assert.match(f.message, /^No bibliography entry matches "Haßler et al\., 2021"; did you mean hassler/);
      assert.ok(f.suggestions!.every((k) => k.startsWith('hassler')), String(f.suggestions));
    });

    it('a Hub library link to a key no entry has is unknown; a known one resolves', () => {
      const known = hub.entries.find((e) => e.hubKey && /^[A-Z0-9]{8}$/.test(e.hubKey));
      assert.ok(known, 'the Hub bibliography has entries with library keys');
      const text = `As the Hub found ([link](https://docs.edtechhub.org/lib/${known.hubKey})), and [this](https://docs.edtechhub.org/lib/ZZZZ9999).\n`;
      const r = lint(text);
      const unknown = ofRule(r.findings, 'unknown-key');
      assert.deepEqual(unknown.map((f) => f.message), ['No bibliography entry has the EdTech Hub library key "ZZZZ9999"']);
      assert.equal(r.citations[0]!.resolved[0]![0]!.key, known.key);
    });

    it('plain author-year text must match only in documents that do not cite by key (or when marked ⇡)', () => {
      const plain = 'As Vegas (2019) argued, closures widened gaps.\n';
      assert.equal(ofRule(lint(plain).findings, 'unknown-key').length, 1, 'an author-year document');
      const mixed = `${plain}Most programmes used phones [@hennessy2022].\n`;
      assert.equal(ofRule(lint(mixed).findings, 'unknown-key').length, 0, 'prose mention in a key-citing document');
      const marked = `As ⇡Vegas (2019) argued, closures widened gaps.\nMost programmes used phones [@hennessy2022].\n`;
      assert.equal(ofRule(lint(marked).findings, 'unknown-key').length, 1, 'the ⇡ marker makes it a citation');
    });

    it('a key that differs only in case is suggested first', () => {
      const [f] = ofRule(lint('See [@Vegas2020].\n').findings, 'unknown-key');
      assert.equal(f!.suggestions![0], 'vegas2020');
    });

    it('several keys in one citation: only the missing one is reported', () => {
      const text = 'Budgets matter [@edtechhub2021cost; see also @gaible2018, pp. 12–14; @nosuchkey2030].\n';
      const found = ofRule(lint(text).findings, 'unknown-key');
      assert.deepEqual(found.map((f) => f.message.match(/"([^"]+)"/)![1]), ['nosuchkey2030']);
    });
  });

  describe('ambiguous-citation', () => {
    it('an author-year citation matching several entries lists them', () => {
      const text = 'Personalised learning can help (⇡Major & Francis, 2020).\n';
      const r = lint(text);
      const [f] = ofRule(r.findings, 'ambiguous-citation');
      assert.ok(f);
      assert.equal(f.severity, 'warning');
      assert.deepEqual([...f.suggestions!].sort(), ['major2020a', 'major2020b']);
      assert.match(f.message, /matches 2 entries: major2020a .*; major2020b /);
      assert.deepEqual(ofRule(r.findings, 'unknown-key'), []);
    });

    it('each suggested entry, written as the Hub writes it in place of the item, is that entry alone (the quick fix)', () => {
      const text = 'Personalised learning can help (⇡Major & Francis, 2020).\n';
      const [f] = ofRule(lint(text).findings, 'ambiguous-citation');
      for (const key of f!.suggestions!) {
        const fixed = text.replace('Major & Francis, 2020', hubCitationText(hub.get(key)!));
        const r = lint(fixed);
        assert.deepEqual(r.findings.filter((x) => x.ruleId !== 'uncited-claim'), [], fixed);
        assert.deepEqual(r.citations[0]!.resolved[0]!.map((e) => e.key), [key]);
      }
    });

    it('a unique author-year citation is neither ambiguous nor unknown', () => {
      const r = lint('See the position paper by ⇡Hennessy, Jordan & Wagner (2021).\n');
      assert.deepEqual(r.findings.filter((f) => f.ruleId !== 'uncited-claim'), []);
      assert.equal(r.citations[0]!.resolved[0]![0]!.key, 'hennessy2021');
    });
  });

  describe('suppression comments', () => {
    it('disable-next-line, disable-line and blocks remove findings of the named rules only', () => {
      const text = [
        '<!-- evidence-lint-disable-next-line uncited-claim -->',
        'Over 60% of head teachers agree [@nokey1].',
        'Around 70% agree. <!-- evidence-lint-disable-line -->',
        '<!-- evidence-lint-disable unknown-key -->',
        'Around 80% agree [@nokey2].',
        '<!-- evidence-lint-enable -->',
        'Around 90% agree.',
        '',
      ].join('\n');
      const r = lint(text);
      const summary = r.findings.map((f) => `${f.range.start.line}:${f.ruleId}`);
      // Line 4's claim cites only an unknown key, so it is uncited too; the block silences unknown-key only.
      assert.deepEqual(summary, ['1:unknown-key', '4:uncited-claim', '6:uncited-claim']);
    });

    it('LaTeX % comments suppress too', () => {
      const text = 'Intro.\n% evidence-lint-disable-next-line\nAround 70\\% of teachers \\citep{hasler2016}.\nAbout 20\\% more.\n';
      const r = lint(text, { language: 'latex' });
      assert.deepEqual(r.findings.map((f) => `${f.range.start.line}:${f.ruleId}`), ['3:uncited-claim']);
    });
  });

  describe('bibliography rules', () => {
    it('duplicate-key is reported on the bib file at the line of the second definition', () => {
      const file = path.join(FIXTURES, 'papers/57-EUKulele/paper.bib');
      const index = BibliographyIndex.fromFiles([parseBibliographyText(fs.readFileSync(file, 'utf8'), file)]);
      const dups = lintBibliography(index, defaultConfig).filter((f) => f.ruleId === 'duplicate-key');
      assert.equal(dups.length, 1);
      assert.equal(dups[0]!.file, file);
      assert.ok([88, 527].includes(dups[0]!.range.start.line), `line ${dups[0]!.range.start.line + 1}`);
      assert.match(dups[0]!.message, /eukzoo/);
      assert.equal(dups[0]!.severity, 'error');
    });

    it('bib-parse-error carries the file and line of a broken entry, and can be switched off', () => {
      const file = '/work/broken.bib';
      const text = '@article{good, title={Fine}, year={2020}}\n\n@article{bad, title={Unclosed, year=2021\n\n@book{next, title={Next}, year={2019}}\n';
      const index = BibliographyIndex.fromFiles([parseBibliographyText(text, file)]);
      const errors = lintBibliography(index, defaultConfig).filter((f) => f.ruleId === 'bib-parse-error');
      assert.ok(errors.length >= 1, JSON.stringify(index.problems));
      assert.equal(errors[0]!.file, file);
      assert.equal(errors[0]!.range.start.line, 2);
      assert.deepEqual(lintBibliography(index, mergeConfig(defaultConfig, { rules: { 'bib-parse-error': 'off' } })).filter((f) => f.ruleId === 'bib-parse-error'), []);
    });

    it('unused-entry (off by default) reports entries no document cites, at the entry', () => {
      const r = lint('Most programmes used phones [@hennessy2022].\n');
      const cited = citedKeysOf(r);
      assert.deepEqual([...cited], ['hennessy2022']);
      assert.deepEqual(lintUnusedEntries(hub, cited, defaultConfig), []);
      const unused = lintUnusedEntries(hub, cited, mergeConfig(defaultConfig, { rules: { 'unused-entry': 'info' } }));
      assert.equal(unused.length, hub.entries.length - 1);
      assert.equal(unused[0]!.severity, 'info');
      assert.ok(!unused.some((f) => f.message.includes('"hennessy2022"')));
      const vegas = unused.find((f) => f.message.includes('"vegas2020"'))!;
      assert.equal(vegas.range.start.line + 1, hub.get('vegas2020')!.location.line);
    });
  });

  describe('what the scorer reads: context and own voice', () => {
    /** Records each input and options the scorer is given. */
    function recorded(text: string, config: PartialLintConfig = {}, language = 'markdown') {
      const seen: Array<{ input: ClaimInput; options: ClaimScoreOptions }> = [];
      const doc = createTextDocument(`file:///work/doc.${language === 'latex' ? 'tex' : 'md'}`, language, text);
      lintDocument(doc, hub, mergeConfig(defaultConfig, config), { scoreClaim: (input, options) => (seen.push({ input, options }), fixedScorer(input)) });
      return seen;
    }

    it('the previous sentence of the same paragraph, the heading and the list introduction', () => {
      const seen = recorded('# Our aims\n\nWe work in six countries. The Hub aims to:\n\n- Empower decision-makers.\n\nA new paragraph.\n');
      assert.deepEqual(
        seen.map((s) => s.input),
        [
          { text: 'We work in six countries.', heading: 'Our aims' },
          { text: 'The Hub aims to:', contextBefore: 'We work in six countries.', heading: 'Our aims' },
          { text: 'Empower decision-makers.', heading: 'Our aims', listIntro: 'The Hub aims to:' },
          { text: 'A new paragraph.', heading: 'Our aims' },
        ],
      );
    });

    it('LaTeX context is read as plain text, like the sentence', () => {
      const seen = recorded('\\section{Intro}\nWe \\emph{study} radio. It reached \\textbf{many} homes.\n', {}, 'latex');
      const second = seen.find((s) => s.input.text.startsWith('It reached'));
      assert.ok(second, JSON.stringify(seen));
      assert.equal(second.input.contextBefore, 'We study radio.');
      assert.equal(second.input.text, 'It reached many homes.');
    });

    it('own voice: the configured names, else the organisation the front matter names as author', () => {
      assert.deepEqual(recorded('EdTech Hub works here.\n', { ownVoice: ['EdTech Hub', 'the Hub'] })[0]!.options, { sensitivity: 'medium', ownVoice: ['EdTech Hub', 'the Hub'] });
      const inferred = recorded('---\nauthor: EdTech Hub\n---\n\nEdTech Hub works here.\n');
      assert.deepEqual(inferred[0]!.options.ownVoice, ['EdTech Hub', 'the Hub']);
      const configured = recorded('---\nauthor: EdTech Hub\n---\n\nEdTech Hub works here.\n', { ownVoice: ['OpenDevEd'] });
      assert.deepEqual(configured[0]!.options.ownVoice, ['OpenDevEd']);
      assert.deepEqual(recorded('No front matter.\n')[0]!.options.ownVoice, []);
    });

    it("with the real scorer, the own-voice setting turns 'EdTech Hub undertakes…' from a claim into the writer's own work", () => {
      const text = 'EdTech Hub undertakes and collates rigorous research to improve the evidence base for using EdTech to improve education for all learners in LMICs.\n';
      const claimsWith = (config: PartialLintConfig) =>
        lintDocument(createTextDocument('file:///work/a.md', 'markdown', text), hub, mergeConfig(defaultConfig, { sensitivity: 'high', ...config })).claims[0]!.score;
      const own = claimsWith({ ownVoice: ['EdTech Hub'] });
      const notOwn = claimsWith({ ownVoice: ['UNICEF'] });
      assert.ok(own.score < notOwn.score, `${own.score} vs ${notOwn.score}`);
      assert.equal(own.claim, false);
    });
  });

  describe('with the real claim scorer', () => {
    it('lints the example brief: the statistic sentence is flagged, the typo key and unmatched author-year are errors', () => {
      const text = fs.readFileSync(path.join(__dirname, '../../../examples/hub-brief.md'), 'utf8');
      const r = lint(text, { real: true });
      const uncited = ofRule(r.findings, 'uncited-claim').map((f) => lineText(text, f.range.start.line));
      assert.ok(uncited.some((l) => l.includes('45% more likely')), `uncited-claim lines: ${uncited.join(' | ')}`);
      assert.ok(!uncited.some((l) => l.includes('60% of head teachers')), 'suppressed by disable-next-line');
      assert.ok(!uncited.some((l) => l.includes('Every new programme')), 'suppressed by the disable block');
      const unknown = ofRule(r.findings, 'unknown-key');
      assert.equal(unknown.length, 2);
      assert.match(unknown[0]!.message, /^Citation key "hasler2020" is not in the bibliography/);
      assert.match(unknown[1]!.message, /^No bibliography entry matches "Haßler et al\., 2021"/);
      assert.equal(unknown[0]!.suggestions![0], 'hassler2020');
      assert.equal(ofRule(r.findings, 'ambiguous-citation').length, 1);
      assert.ok(r.stats.claims >= 4 && r.stats.supported >= 2, JSON.stringify(r.stats));
    });
  });
});

function lineText(text: string, line: number): string {
  return text.split('\n')[line] ?? '';
}

describe('lintDocument on LaTeX prose', () => {
  it('scores LaTeX sentences as prose, so an escaped percentage counts as a statistic', () => {
    // Sentence adapted from examples/latex/report.tex.
    const tex = '\\section{Teachers}\nAround 70\\% of teachers in the survey used a phone to plan lessons.\n';
    const result = lintDocument(createTextDocument('file:///r.tex', 'latex', tex), BibliographyIndex.fromFiles([]), defaultConfig);
    const finding = result.findings.find((f) => f.ruleId === 'uncited-claim');
    assert.ok(finding, 'the uncited statistic is reported');
    assert.match(finding.message, /statistic \(70%\)/);
  });
});
