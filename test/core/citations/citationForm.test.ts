import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { documentCitationForm } from '../../../src/core/citations/citationForm';
import { paperNames, readFixture } from './helpers';

const EXAMPLES = path.join(__dirname, '../../../examples');
const blog = readFixture('hub', 'blogs', 'advancing-evidence-based-decision-making-2021.txt');

describe('documentCitationForm', () => {
  it('a real Hub blog post cites with ⇡ author-year', () => {
    assert.equal(documentCitationForm(blog, 'plaintext'), 'hub');
    assert.equal(documentCitationForm(blog, 'markdown'), 'hub');
  });

  it('the same post with its citations as Markdown links to the Hub library uses links', () => {
    const linked = blog
      .replace('⇡Castillo, et al., 2015', '[⇡Castillo, et al., 2015](https://docs.edtechhub.org/lib/AAAA1111)')
      .replace('⇡Selwyn, 2016b', '[⇡Selwyn, 2016b](https://docs.edtechhub.org/lib/BBBB2222)')
      .replace('⇡Vegas, 2020', '[⇡Vegas, 2020](https://docs.edtechhub.org/lib/CCCC3333)');
    assert.equal(documentCitationForm(linked, 'markdown'), 'hub-link');
  });

  it('the real papers cite with Pandoc keys, the LaTeX example with \\cite', () => {
    for (const name of paperNames()) {
      assert.equal(documentCitationForm(readFixture('papers', name, 'paper.md'), 'markdown'), 'pandoc', name);
    }
    assert.equal(documentCitationForm(readFileSync(path.join(EXAMPLES, 'latex/report.tex'), 'utf8'), 'latex'), 'latex');
  });

  it('a document mixing forms goes by the more frequent: the example brief has 7 Pandoc citations and 5 ⇡ ones', () => {
    const brief = readFileSync(path.join(EXAMPLES, 'hub-brief.md'), 'utf8');
    assert.equal(documentCitationForm(brief, 'markdown'), 'pandoc');
    const moreHub = brief.replace(/\[@(hennessy2022|walker2022|coflan2021b)\]/g, '(⇡Someone, 2020)');
    assert.equal(documentCitationForm(moreHub, 'markdown'), 'hub');
  });

  it('without citations, by language; on a tie, the language’s own form', () => {
    assert.equal(documentCitationForm('No citations here.', 'markdown'), 'pandoc');
    assert.equal(documentCitationForm('No citations here.', 'plaintext'), 'pandoc');
    assert.equal(documentCitationForm('No citations here.', 'latex'), 'latex');
    assert.equal(documentCitationForm('One [@vegas2020]. Two (⇡Selwyn, 2016b).', 'markdown'), 'pandoc');
    assert.equal(documentCitationForm('Plain (Vegas, 2020) is not the Hub form.', 'markdown'), 'pandoc');
  });
});
