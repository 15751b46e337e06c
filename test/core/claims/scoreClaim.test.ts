import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { scoreClaim } from '../../../src/core/claims/scoreClaim';
import { detectCues } from '../../../src/core/claims/claimCues';
import { CLAIM_MODEL } from '../../../src/core/claims/claimModel';
import type { Sensitivity } from '../../../src/core/types';
import { isHeldOutPaper, loadClaimsFile, type LabelledSentence } from '../../../scripts/claims-data';
import { hubBlog } from '../../sharedFixtures';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'claims');
const heldOut = loadClaimsFile(path.join(FIXTURES, 'unarxive_citeworthy_heldout_sample.jsonl'));
const trainSample = loadClaimsFile(path.join(FIXTURES, 'unarxive_citeworthy_train_sample.jsonl'));
const claimbuster = loadClaimsFile(path.join(FIXTURES, 'claimbuster_checkworthy_sample.jsonl'));
const blogs = (['advancing-evidence-based-decision-making-2021.txt', 'shaping-the-sector-2024.txt'] as const)
  .map((f) => readFileSync(hubBlog(f), 'utf8'))
  .join('\n');
const everything: LabelledSentence[] = [...heldOut, ...trainSample, ...claimbuster];

/** A sentence that really occurs in the fixtures (so the test is about real text, not made-up text). */
function real(fragment: string): string {
  const hit = everything.find((r) => r.text.includes(fragment));
  if (hit) return hit.text;
  assert.ok(blogs.includes(fragment), `fixture text not found: ${fragment}`);
  return fragment;
}

/** The readable reasons the cue layer gives for `text` (a verdict shows those that argued for it). */
function assertReason(text: string, expected: RegExp): void {
  const reasons = detectCues(text).map((c) => c.cue.reason(c.match));
  assert.ok(reasons.some((r) => expected.test(r)), `expected a reason matching ${expected} for "${text}", got ${JSON.stringify(reasons)}`);
}

describe('scoreClaim', () => {
  describe('reasons come from readable cues on real sentences', () => {
    it('names a statistic with its figure', () => {
      assertReason(real('Chemformer delivers the lowest accuracy'), /^contains a statistic \(73\.3%\)$/);
      assertReason(real("Teachers' salaries very fortunately have gone up fifty percent"), /^contains a statistic \(fifty percent\)$/);
    });
    it('detects a quantity of money even where first person outweighs it', () => {
      // Spoken, first-person: not judged a claim, but the cue layer still sees the figure.
      const text = real('My request for this year was $4.9 billion for AIDS');
      const cues = detectCues(text).map((c) => c.cue.reason(c.match));
      assert.ok(cues.includes("contains a quantity ('$4.9 billion')"), JSON.stringify(cues));
      assert.ok(cues.includes("describes the writer's own work ('My')"), JSON.stringify(cues));
    });
    it("quotes a name of several words whole: 'the work of EdTech Hub', not 'the work of EdTech'", () => {
      const text = 'This blog summarises the work of EdTech Hub, a global research partnership, in supporting evidence-based decision making.';
      assert.ok(blogs.includes('This blog summarises the work of EdTech Hub, a global research partnership'));
      assertReason(text, /^refers to others' work \('the work of EdTech Hub'\)$/);
    });
    it('names other authors as an attribution', () => {
      assertReason(real('Saha et al. observe that although IR is widely used'), /^refers to others' work \('Saha et al'\)$/);
      assertReason(real("direct application of Hoeffding's inequality"), /refers to others' work \('Hoeffding's inequality'\)/);
    });
    it('flags unsourced attribution, generalisation and comparison in a Hub blog', () => {
      const research = 'Research shows that EdTech offers immense potential, but sustainable and positive change at scale has largely proved elusive in practice';
      assertReason(real(research), /^attribution without a source \('Research shows'\)$/);
      const privileged = 'all kinds of technologies are disproportionately used by the most privileged learners within each LMIC';
      assertReason(real(privileged), /^generalisation \('all'\)$/);
      assertReason(real(privileged), /^comparison \('disproportionately'\)$/);
    });
    it('names wording that places a sentence in the literature', () => {
      assertReason(real('Quantitative equational logic, introduced by Mardare'), /^refers to earlier work \('introduced by'\)$/);
      assertReason(real('CLIP4Clip finetunes the pretrained CLIP model'), /^refers to earlier work \('state-of-the-art'\)$/);
    });
    it("tells a publication ('Ref.') from a cross-reference to the document ('Fig. REF', 'Section REF')", () => {
      const cues = (t: string) => detectCues(t).map((c) => c.cue.id);
      const publication = 'In Ref., the radiative decays were investigated in the GI model.';
      assert.ok(cues(publication).includes('citedWork'), JSON.stringify(cues(publication)));
      assert.ok(!cues(publication).includes('selfReference'), JSON.stringify(cues(publication)));
      assertReason(publication, /^points to a publication \('Ref\.'\)$/);
      const crossReference = real('The last panel in Fig. REF confirms this prediction.');
      assert.ok(cues(crossReference).includes('selfReference') && !cues(crossReference).includes('citedWork'));
      assert.ok(cues('The proof is given in Section REF.').includes('selfReference'));
    });
    it('names methods and data sets, which research writing usually cites', () => {
      assertReason('The pioneering work in the field uses neural-guided MCTS and a template-based approach to find synthesis routes.', /^mentions a method or data set \('approach'\)$/);
    });
    it("reads 'it was shown' as an unsourced attribution", () => {
      assertReason('It was shown that this notion is the internal energy of a spin less electron.', /^attribution without a source \('It was shown'\)$/);
      assertReason('It has also been shown that a linear approximation of the PSF coincides with this form.', /^attribution without a source \('It has also been shown'\)$/);
    });
    it("takes proportions as statistics but not 'one of the' or 'two of the'", () => {
      const ids = (t: string) => detectCues(t).map((c) => c.cue.id);
      assert.ok(ids('In 2019, nearly a fifth of teachers allocated to schools failed to take up their posts.').includes('statistic'));
      assert.ok(ids('Three out of four 10-year-olds could not read a simple text.').includes('statistic'));
      assert.ok(ids('One in every five children is out of school.').includes('statistic'));
      assert.ok(ids('Half of all schools have no electricity.').includes('statistic'));
      assert.ok(!ids('The panels give the expectation value of the nuclear momentum for two of the modes.').includes('statistic'));
      assert.ok(!ids('This is one of the models we consider.').includes('statistic'));
    });
    it("reads the guideline's own-work wording: methods in the passive, statements about the text, the own aims", () => {
      assertReason('Those 78 papers were then read in full and the 52 that met the inclusion criteria were analysed.', /^the writer's own method \('were then read in full'\)$/);
      assertReason('This Rapid Evidence Review (RER) gives an overview of the recent literature.', /^refers to the document itself \('This Rapid Evidence Review \(RER\) gives'\)$|^refers to the document itself \('This Rapid Evidence Review'\)$/);
      assertReason('The first of these posts has been written by a director.', /^refers to the document itself \('these posts'\)$/);
      assertReason('We will be publishing additional Learning Briefs.', /^the writer's own aim or plan \('We will'\)$/);
      const ids = (t: string) => detectCues(t).map((c) => c.cue.id);
      assert.ok(!ids('This is the work of others.').includes('selfReference'), 'a verb between "This" and "work" is not a self-reference');
    });
    it("takes what the writer asserts as known as a claim ('We know that…', 'There is significant evidence that…')", () => {
      assertReason('We know that teachers who are equipped with good pedagogical practices are crucial.', /^asserts something as known \('We know that'\)$/);
      assertReason('There is significant evidence that teaching quality matters.', /^asserts something as known \('There is significant evidence that'\)$/);
      assertReason("EdTech Hub's Rapid Evidence Review on Radio suggested that radio was cost-effective.", /^attribution without a source \('Evidence Review on Radio suggested'\)$/);
    });
    it('introduces a list: not a claim', () => {
      const r = scoreClaim({ text: 'In the context of low- and middle-income countries (LMICs), text messaging:' }, { sensitivity: 'high' });
      assert.equal(r.claim, false, JSON.stringify(r));
      assert.equal(r.reasons[0], 'introduces a list');
    });
    it('reads prediction as an effect, and an attribution with a few words between', () => {
      assertReason('At all ages, parental attitudes can strongly predict student achievement.', /^causal claim \('predict'\)$/);
      assertReason('A May 2020 report issued by Uwezo found that few students were learning.', /^attribution without a source \('report issued by Uwezo found'\)$/);
    });
    it('names a trend', () => {
      assertReason('Provinces are now tailoring EdTech solutions to local contexts.', /^describes a trend \('are now tailoring'\)$/);
      assertReason('AI is becoming a valuable tool for teachers.', /^describes a trend \('is becoming'\)$/);
    });
    it('names generalisations about people and hedged effects', () => {
      assertReason('Caregivers are key gatekeepers to mobile phone access.', /^generalises about people \('Caregivers are'\)$/);
      assertReason('In Sierra Leone, many teachers still lack training.', /^generalises about people \('many teachers still'\)$/);
      assertReason('Interactive radio instruction could also enhance teaching.', /^claims a possible effect \('could also enhance'\)$/);
      assertReason('This technology can be a powerful tool for girls.', /^claims a possible effect \('can be a powerful'\)$/);
    });
    it('names countries and regions, and ratios as statistics', () => {
      assertReason('Pakistan has demonstrated resilience in addressing educational challenges.', /^about a country or region \('Pakistan'\)$/);
      assertReason('Across sub-Saharan Africa, 15 million newly qualified teachers are needed by 2030.', /^about a country or region \('sub-Saharan'\)$/);
      assertReason('Here, the pupil-to-qualified-teacher ratio currently sits at 76:1.', /^contains a statistic \(76:1\)$/);
    });
    it('mentions a year, with or without its month', () => {
      assertReason(real('As in the 2017 eclipse'), /^mentions a year \(2017\)$/);
      const year = detectCues('The MBSSE established the Delivery Unit in August 2020.').find((c) => c.cue.id === 'year');
      assert.equal(year?.match, 'in August 2020');
    });
    it('takes a count with a scope in the world as a statistic about the world, but not a year or a name', () => {
      assertReason(real('there were 2,750 articles published about it across 109 countries'), /^a quantity about the world \('2,750 articles published … across 109 countries'\)$/);
      assertReason('Globally, 258 million children are out of school.', /^a quantity about the world \('Globally, 258 million'\)$/);
      const ids = (t: string) => detectCues(t).map((c) => c.cue.id);
      assert.ok(!ids('Covid-19 closed schools around the world in 2020.').includes('scopedQuantity'));
      assert.ok(!ids('So far the portfolio has resulted in the publication of 25 academic articles.').includes('scopedQuantity'));
    });
    it('names what is said about the evidence, and promise stated as fact', () => {
      assertReason('Yet the evidence base on what is showing promise, for whom, and under what circumstances is limited.', /^says what the evidence shows \('evidence base on … circumstances is limited'\)$/);
      assertReason('We exist because there is a lack of clear EdTech evidence.', /^says what the evidence shows \('lack of clear EdTech evidence'\)$/);
      assertReason('Technology to support personalized learning holds huge potential.', /^claims promise or potential \('holds huge potential'\)$/);
    });
    it("reads 'We know that…' as an assertion about the world, not the writer's own work", () => {
      const ids = (t: string) => detectCues(t).map((c) => c.cue.id);
      assert.deepEqual(ids('We know that learners were already at a disadvantage before the pandemic.'), ['assertedFact']);
      assert.ok(ids('We know the value of this dataset we have built up.').includes('firstPerson'));
      assertReason('It was evident from the focus group discussions that teachers had faced numerous challenges.', /^asserts something as known \('It was evident from'\)$/);
      assertReason('In Peru, candidates seemed to prefer schools close to their hometown.', /^hedged finding \('seemed to'\)$/);
    });
    it('names a plan or announcement', () => {
      assertReason('The Helpdesk will prioritise requests related to COVID-19.', /^a plan or announcement \('will prioritise'\)$/);
      assert.ok(!detectCues('Funding will likely fall.').some((c) => c.cue.id === 'plan'));
    });
    it("reads a review's own tally as its method", () => {
      assertReason('Placing the search terms in the title search reduced them, resulting in 78 papers.', /^the writer's own method \('resulting in 78 papers'\)$/);
      assertReason('In addition, 19 papers from grey literature were added.', /^the writer's own method \('were added'\)$/);
      const ids = (t: string) => detectCues(t).map((c) => c.cue.id);
      assert.ok(!ids('These were screened for relevance, resulting in 78 papers.').includes('causal'), 'a tally is not an effect');
      assert.ok(ids('The programme resulted in 20% higher scores.').includes('causal'));
      assertReason('This list has outlined resources that address specific needs.', /^refers to the document itself \('This list'\)$/);
    });
    it('explains non-claims with what argued against them', () => {
      const thanks = scoreClaim({ text: real('We thank Dr. Anthe Janssen') });
      assert.equal(thanks.claim, false);
      assert.ok(thanks.reasons.some((r) => r.startsWith('acknowledgement or boilerplate')), JSON.stringify(thanks.reasons));
      const figure = scoreClaim({ text: real('The last panel in Fig. REF confirms this prediction.') });
      assert.equal(figure.claim, false);
      assert.ok(figure.reasons.some((r) => r.startsWith('refers to the document itself')), JSON.stringify(figure.reasons));
    });
  });

  describe('EdTech Hub blog text', () => {
    it('scores the Hub claims as claims at the default sensitivity', () => {
      for (const s of [
        'Research shows that EdTech offers immense potential, but sustainable and positive change at scale has largely proved elusive in practice – particularly for marginalised learners where we focus our work.',
        'For marginalised learners, the obstacles to effective EdTech use are amplified since all kinds of technologies are disproportionately used by the most privileged learners within each LMIC.',
      ]) {
        assert.ok(blogs.includes(s.replace(/ within each LMIC\.$/, '')), 'sentence is from the blog');
        const r = scoreClaim({ text: s });
        assert.equal(r.claim, true, `${s} → ${JSON.stringify(r)}`);
        assert.ok(r.reasons.length > 0);
      }
    });
    it("does not flag the site's funder disclaimer, though it names the World Bank", () => {
      const disclaimer =
        'The findings, interpretations, and conclusions expressed in the content on this site do not necessarily reflect the views of The UK government, Bill & Melinda Gates foundation or the World Bank, the Executive Directors of the World Bank, or the governments they represent.';
      assert.ok(blogs.includes(disclaimer), 'the disclaimer is in the blog');
      for (const level of ['low', 'medium', 'high'] as const) {
        const r = scoreClaim({ text: disclaimer }, { sensitivity: level });
        assert.equal(r.claim, false, `${level} → ${JSON.stringify(r)}`);
      }
      assert.ok(scoreClaim({ text: disclaimer }).reasons.some((r) => r.startsWith('acknowledgement or boilerplate')));
    });
    it('does not flag navigation and boilerplate, even at high sensitivity', () => {
      for (const s of ['Connect with Us', 'EdTech Hub is supported by', 'to top', 'EDTECH HUB 2024.', 'Where we work']) {
        assert.ok(blogs.includes(s), `"${s}" is in the blog`);
        const r = scoreClaim({ text: s }, { sensitivity: 'high' });
        assert.equal(r.claim, false, `${s} → ${JSON.stringify(r)}`);
      }
    });
  });

  describe('sensitivity, range and determinism', () => {
    it('flags high ⊇ medium ⊇ low on real sentences', () => {
      const count: Record<Sensitivity, number> = { low: 0, medium: 0, high: 0 };
      for (const { text } of everything) {
        const low = scoreClaim({ text }, { sensitivity: 'low' }).claim;
        const medium = scoreClaim({ text }, { sensitivity: 'medium' }).claim;
        const high = scoreClaim({ text }, { sensitivity: 'high' }).claim;
        if (low) assert.ok(medium, `low but not medium: ${text}`);
        if (medium) assert.ok(high, `medium but not high: ${text}`);
        count.low += +low;
        count.medium += +medium;
        count.high += +high;
      }
      // The levels must actually differ on real text, or the setting would be meaningless.
      assert.ok(count.low < count.medium && count.medium < count.high, JSON.stringify(count));
    });
    it('keeps scores within 0..1 and is deterministic', () => {
      for (const { text } of everything) {
        const a = scoreClaim({ text });
        assert.ok(a.score >= 0 && a.score <= 1, `${a.score} for ${text}`);
        assert.deepEqual(scoreClaim({ text }), a);
      }
    });
    it('never throws on odd input', () => {
      for (const t of ['', '   ', '12345', '—', 'a'.repeat(20000), undefined as unknown as string, 42 as unknown as string]) {
        const r = scoreClaim({ text: t }, { sensitivity: 'bogus' as Sensitivity });
        assert.ok(r.score >= 0 && r.score <= 1);
        assert.equal(typeof r.claim, 'boolean');
      }
    });
  });

  describe('the guideline (GUIDELINE.md) on its own examples', () => {
    // The guideline's examples, as sentences (its '…' completed plainly); the writer is the EdTech Hub.
    const needsEvidence = [
      '258 million children are out of school.',
      'Almost a third of the teaching workforce is unqualified.',
      'Teacher education programmes are among the most effective interventions.',
      'Poorer students were less likely to access remote learning.',
      'Radio reached more learners than online platforms.',
      'Many previous EdTech programmes have not fulfilled their potential.',
      'Investments in ICT have rarely had a long-term impact.',
      'Research shows that EdTech improves learning.',
      'Studies have found that messaging raises attendance.',
      'The GEM report concluded that evidence is in short supply.',
      "UNICEF's analysis shows that half of schools lack electricity.",
      'Our research has found that radio lessons reach the poorest learners.',
      'Hub studies show that teachers use phones for lesson planning.',
    ];
    const noEvidence = [
      'EdTech Hub works with ministries to improve teacher allocation.',
      'We aim to support decision-makers with evidence.',
      'The Hub is committed to open access.',
      'We are encouraged by the progress.',
      'Do get in touch.',
      'This blog sets out our approach to evidence.',
      'In this post we summarise our research.',
      'In week two, we met teachers in Freetown.',
      'Quality education matters.',
      'Decisions should be based on evidence.',
      'We believe technology has potential.',
      'Covid-19 closed schools around the world in 2020.',
    ];
    const hub = { ownVoice: ['EdTech Hub', 'the Hub'] };
    const flagged = (list: string[], sensitivity: Sensitivity) => list.filter((text) => scoreClaim({ text }, { ...hub, sensitivity }).claim);

    it("flags every 'needs evidence' example at high, and nearly all at the default", () => {
      assert.deepEqual(flagged(needsEvidence, 'high'), needsEvidence);
      const missed = needsEvidence.filter((t) => !flagged(needsEvidence, 'medium').includes(t));
      assert.ok(missed.length <= 2, `missed at medium: ${JSON.stringify(missed)}`);
    });
    it("flags none of the 'no evidence needed' examples at the default, at most one at high", () => {
      assert.deepEqual(flagged(noEvidence, 'medium'), []);
      assert.ok(flagged(noEvidence, 'high').length <= 1, JSON.stringify(flagged(noEvidence, 'high')));
    });
    it('says why a non-claim is not one', () => {
      const aim = scoreClaim({ text: 'We aim to support decision-makers with evidence.' }, hub);
      assert.ok(aim.reasons.includes("the writer's own aim or plan ('We aim')"), JSON.stringify(aim.reasons));
      const works = scoreClaim({ text: 'EdTech Hub works with ministries to improve teacher allocation.' }, hub);
      assert.ok(works.reasons.includes("describes the writer's own organisation's work ('EdTech Hub')"), JSON.stringify(works.reasons));
      const blog = scoreClaim({ text: 'This blog sets out our approach to evidence.' }, hub);
      assert.ok(blog.reasons.includes("refers to the document itself ('This blog')"), JSON.stringify(blog.reasons));
    });
  });

  describe('context: the list, the heading, the question before, the own voice', () => {
    const aims = 'Evaluate, strengthen and build a global body of research on EdTech, including raising awareness across the education sector of methodological issues, especially approaches to measuring impact and cost-effectiveness of EdTech.';
    it("reads a point under 'The Hub aims to:' as the writer's own aim", () => {
      assert.ok(blogs.includes(aims));
      const alone = scoreClaim({ text: aims });
      const underAims = scoreClaim({ text: aims, listIntro: 'The Hub aims to:' }, { ownVoice: ['EdTech Hub', 'the Hub'] });
      assert.ok(underAims.score < alone.score, `${underAims.score} vs ${alone.score} alone`);
      assert.equal(underAims.claim, false);
      assert.ok(underAims.reasons.includes("the writer's own aim or plan (a point under 'The Hub aims to:')"), JSON.stringify(underAims.reasons));
    });
    it("reads 'EdTech Hub undertakes…' like 'We undertake…' when EdTech Hub is the writer's own voice", () => {
      const text = 'EdTech Hub undertakes and collates rigorous research to improve the evidence base for using EdTech to improve education for all learners in LMICs.';
      assert.ok(blogs.includes(text));
      const own = scoreClaim({ text }, { ownVoice: ['EdTech Hub'] });
      const we = scoreClaim({ text: text.replace('EdTech Hub undertakes and collates', 'We undertake and collate') });
      const other = scoreClaim({ text }, { ownVoice: ['Open Development & Education'] });
      assert.equal(own.claim, false, JSON.stringify(own));
      assert.equal(we.claim, false, JSON.stringify(we));
      assert.ok(own.score < other.score, `own voice ${own.score} vs someone else's ${other.score}`);
    });
    it('reads a sentence under an acknowledgements or contributions heading as not a claim', () => {
      const text = 'Max Kuhn provided guidance and feedback at various stages of the package development and manuscript writing.';
      for (const heading of ['Acknowledgements', 'Author contributions']) {
        const r = scoreClaim({ text, heading });
        assert.equal(r.claim, false, `${heading}: ${JSON.stringify(r)}`);
        assert.ok(r.reasons.includes(`under the heading '${heading}'`), JSON.stringify(r.reasons));
      }
    });
  });

  describe('held-out fixture', () => {
    it('the fixture really is held out from training', () => {
      assert.ok(heldOut.length >= 200);
      for (const r of heldOut) assert.ok(r.paper && isHeldOutPaper(r.paper), `${r.paper} is a train paper`);
      for (const r of trainSample) assert.ok(r.paper && !isHeldOutPaper(r.paper), `${r.paper} is held out`);
    });
    it('keeps the documented thresholds ordered', () => {
      const t = CLAIM_MODEL.thresholds;
      assert.ok(t.low >= t.medium && t.medium >= t.high, JSON.stringify(t));
    });
  });
});
