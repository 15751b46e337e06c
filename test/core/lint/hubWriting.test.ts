/**
 * The uncited-claim rule on real writing, as a reviewer would check it (issue 15): the two EdTech Hub
 * blogs at the default sensitivity with the bundled example's own-voice setting, and the moderndive
 * paper. Copies of the blogs are in test/fixtures/hub/blogs (CC BY 4.0, see SOURCE.md there).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseConfigText } from '../../../src/core/lint/config';
import type { WorkspaceLintResult } from '../../../src/core/lint/lintWorkspace';
import { createEvidenceService } from '../../../src/core/service';
import { createNodeWorkspace, DEFAULT_SETTINGS } from '../../../src/core/workspace';

const ROOT = path.join(__dirname, '../../..');
const BLOGS = path.join(ROOT, 'test/fixtures/hub/blogs');
const exampleRc = path.join(ROOT, 'examples/.evidencelintrc.json');
const exampleOwnVoice = parseConfigText(fs.readFileSync(exampleRc, 'utf8'), exampleRc).config.ownVoice;

/** Lints as the CLI does, with `--own-voice` and `--sensitivity medium` given (they win over any config file). */
async function lint(file: string, bib: string, ownVoice: readonly string[]): Promise<WorkspaceLintResult> {
  const settings = { ...DEFAULT_SETTINGS, ownVoice, sensitivity: 'medium' as const };
  const service = createEvidenceService({ workspace: createNodeWorkspace({ folders: [path.dirname(file)], settings: () => Promise.resolve(settings) }), autoDiscoverBibliographies: false });
  try {
    return await service.lintWorkspace([{ file, explicit: true }], { cwd: path.dirname(file), bibliography: [bib] });
  } finally {
    service.dispose();
  }
}

/** The one sentence containing `fragment`, and whether it was flagged (an uncited claim). */
function verdict(result: WorkspaceLintResult, fragment: string): { flagged: boolean; reasons: readonly string[] } {
  const matches = result.files[0]!.result.claims.filter((c) => c.sentence.text.includes(fragment));
  assert.equal(matches.length, 1, `"${fragment}" should be one sentence, found ${matches.length}`);
  const c = matches[0]!;
  return { flagged: c.score.claim && !c.supported, reasons: c.score.reasons };
}

describe('uncited claims in real Hub writing (medium, own voice ["EdTech Hub", "the Hub"])', () => {
  const bib = path.join(ROOT, 'examples/hub-outputs.bib');
  it('the bundled example sets that own voice', () => {
    assert.deepEqual(exampleOwnVoice, ['EdTech Hub', 'the Hub']);
  });

  describe('2021: "Advancing evidence-based decision making in LMICs"', () => {
    let result: WorkspaceLintResult;
    before(async () => {
      result = await lint(path.join(BLOGS, 'advancing-evidence-based-decision-making-2021.txt'), bib, exampleOwnVoice);
    });
    for (const fragment of ['Research shows that EdTech offers immense potential', 'pitfalls affecting many previous EdTech programmes']) {
      it(`flags "${fragment}…"`, () => assert.equal(verdict(result, fragment).flagged, true));
    }
    for (const fragment of ['This blog sets out', 'This blog summarises', 'EdTech Hub undertakes']) {
      it(`does not flag "${fragment}…"`, () => assert.equal(verdict(result, fragment).flagged, false));
    }
    it('does not flag the six "The Hub aims to:" bullets, and says they are the writer\'s aims', () => {
      const bullets = result.files[0]!.result.claims.filter((c) => c.sentence.listIntro === 'The Hub aims to:');
      assert.equal(bullets.length, 6);
      for (const b of bullets) {
        assert.equal(b.score.claim, false, b.sentence.text);
        assert.ok(b.score.reasons.includes("the writer's own aim or plan (a point under 'The Hub aims to:')"), JSON.stringify(b.score.reasons));
      }
    });
    it('reads "EdTech Hub undertakes…" as the writer\'s own work', () => {
      assert.ok(verdict(result, 'EdTech Hub undertakes').reasons.includes("describes the writer's own organisation's work ('EdTech Hub')"));
    });
  });

  describe('2024: "Shaping the sector"', () => {
    const file = path.join(BLOGS, 'shaping-the-sector-2024.txt');
    let result: WorkspaceLintResult;
    before(async () => {
      result = await lint(file, bib, exampleOwnVoice);
    });
    for (const fragment of ['They focus on topics such as', 'This happens at global events such as']) {
      it(`does not flag "${fragment}…", which goes on with the Hub's account of its own work`, () => {
        const v = verdict(result, fragment);
        assert.equal(v.flagged, false);
        const pronoun = fragment.split(' ')[0];
        assert.ok(v.reasons.includes(`goes on with the writer's account of their own work ('${pronoun}')`), JSON.stringify(v.reasons));
      });
    }
    it('flags "2,750 articles … across 109 countries", a statistic about the world, and says so', () => {
      const v = verdict(result, '2,750 articles');
      assert.equal(v.flagged, true);
      assert.ok(v.reasons.some((r) => r.startsWith('a quantity about the world (')), JSON.stringify(v.reasons));
    });
  });
});

describe('uncited claims in the moderndive paper (medium)', () => {
  const folder = path.join(ROOT, 'test/fixtures/papers/01-moderndive');
  let result: WorkspaceLintResult;
  before(async () => {
    result = await lint(path.join(folder, 'paper.md'), path.join(folder, 'paper.bib'), []);
  });
  it('does not flag the acknowledgements or the author contributions', () => {
    const bySection = result.files[0]!.result.claims.filter((c) => /^(?:Acknowledg|Author contributions)/.test(c.sentence.section ?? ''));
    assert.ok(bySection.length >= 4, `${bySection.length} sentences`);
    for (const c of bySection) assert.equal(c.score.claim, false, `${c.sentence.section}: ${c.sentence.text}`);
  });
  it('does not flag "Note that the book is also available online"', () => {
    assert.equal(verdict(result, 'Note that the book is also available online').flagged, false);
  });
});
