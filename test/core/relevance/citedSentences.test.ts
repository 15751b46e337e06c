import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BibliographyIndex } from '../../../src/core/bibliography/index/bibliographyIndex';
import { parseBibliographyText } from '../../../src/core/bibliography/formats/parseText';
import { createTextDocument } from '../../../src/core/document/textDocument';
import { defaultConfig } from '../../../src/core/lint/config';
import { lintDocument } from '../../../src/core/lint/lintDocument';
import { citingSentences, proseWithoutCitations, scoreCitations } from '../../../src/core/relevance/citedSentences';

const FIXTURES = path.join(__dirname, '../../fixtures');
const hubFile = path.join(FIXTURES, 'hub', 'hub-outputs.bib');
const hub = BibliographyIndex.fromFiles([parseBibliographyText(fs.readFileSync(hubFile, 'utf8'), hubFile)]);

function lint(text: string, bib = hub) {
  return lintDocument(createTextDocument('file:///doc.md', 'markdown', text), bib, defaultConfig);
}

describe('citingSentences / scoreCitations', () => {
  it('takes the citations out of the prose, so a key’s words are not the sentence’s', () => {
    const text = 'Coaching improved practice [@hennessy2022] in most schools.';
    const r = lint(text);
    const prose = proseWithoutCitations(text, r.claims[0]!.sentence.span, r.claims[0]!.citations);
    assert.equal(prose, 'Coaching improved practice in most schools.');
  });

  it('pairs a citation-only sentence’s works with the sentence before it, and skips unknown keys', () => {
    const text = 'Remote learning reached few of the poorest students. (⇡Vegas, 2020)\n\nSee [@nosuchkey].\n';
    const citing = citingSentences(text, lint(text));
    assert.equal(citing.length, 1);
    assert.equal(citing[0]!.prose, 'Remote learning reached few of the poorest students.');
    assert.deepEqual(citing[0]!.works.map((w) => w.entry.key), ['vegas2020']);
  });

  it('scores every resolved work of a real paper once per citing sentence, in document order', () => {
    const paper = path.join(FIXTURES, 'papers', '13-APGG');
    const bibFile = path.join(paper, 'paper.bib');
    const bib = BibliographyIndex.fromFiles([parseBibliographyText(fs.readFileSync(bibFile, 'utf8'), bibFile)]);
    const text = fs.readFileSync(path.join(paper, 'paper.md'), 'utf8');
    const r = lint(text, bib);
    const scored = scoreCitations(text, r);
    const resolvedItems = r.citations.flatMap((c) => c.resolved.filter((e) => e.length === 1)).length;
    assert.ok(scored.length > 20 && scored.length <= resolvedItems, `${scored.length} of ${resolvedItems}`);
    for (let i = 1; i < scored.length; i++) assert.ok(scored[i - 1]!.item.span.start <= scored[i]!.item.span.start);
    const tragedy = scored.find((s) => s.entry.key === 'hardin1968tragedy' && /tragedy of the commons/.test(s.prose));
    assert.ok(tragedy && tragedy.score > 0 && tragedy.shared.includes('tragedy'), JSON.stringify(tragedy?.shared));
    for (const s of scored) assert.ok(!s.prose.includes('@'), s.prose);
  });
});
