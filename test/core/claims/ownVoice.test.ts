import { strict as assert } from 'node:assert';
import { continuesOwnAccount, hasOwnSubject, inferOwnVoice, readOwnVoice } from '../../../src/core/claims/ownVoice';

const HUB = ['EdTech Hub', 'the Hub'];

describe('own voice', () => {
  describe('readOwnVoice: the organisation’s names read as first person', () => {
    const read = (text: string, names = HUB) => readOwnVoice(text, names);

    it('subject, possessive, object and a name before another name', () => {
      assert.deepEqual(read('EdTech Hub undertakes and collates rigorous research.'), { text: 'We undertakes and collates rigorous research.', found: ['EdTech Hub'] });
      assert.equal(read('The Hub aims to:').text, 'We aims to:');
      assert.equal(read('Central to the EdTech Hub’s mandate is research.').text, 'Central to our mandate is research.');
      assert.equal(read("EdTech Hub's approach is open.").text, 'Our approach is open.');
      assert.equal(read('This blog summarises the work of EdTech Hub, a global partnership.').text, 'This blog summarises the work of us, a global partnership.');
      assert.equal(read('We have released the first suite of EdTech Hub Learning Briefs.').text, 'We have released the first suite of our Learning Briefs.');
      assert.deepEqual(read('In 2022 EdTech Hub worked with the GEM team, and the Hub team wrote.').found, ['EdTech Hub', 'the Hub']);
    });

    it('whole words and the exact name only: not "the Education Data Hub", not "EdTech Hubs", not another organisation', () => {
      for (const text of ['The Education Data Hub includes school data.', 'Many EdTech Hubs exist.', 'UNICEF works with ministries.', 'MyEdTech Hub is a product.']) {
        assert.deepEqual(read(text), { text, found: [] }, text);
      }
    });

    it('no names, no change; odd input does not throw', () => {
      assert.deepEqual(readOwnVoice('EdTech Hub works here.', []), { text: 'EdTech Hub works here.', found: [] });
      assert.deepEqual(readOwnVoice('EdTech Hub works here.', undefined), { text: 'EdTech Hub works here.', found: [] });
      assert.equal(readOwnVoice('Open Development & Education (OpenDevEd) works.', ['Open Development & Education', 'OpenDevEd']).text, 'We (we) works.');
      assert.equal(readOwnVoice('a.b*c works', ['a.b*c']).text, 'We works');
      assert.doesNotThrow(() => readOwnVoice('text', ['', '   ', '(', 42 as unknown as string]));
    });
  });

  describe('the writer as subject, and a sentence that goes on with it', () => {
    it('hasOwnSubject: we or our near the start', () => {
      assert.ok(hasOwnSubject('In the last year we has provided thought leadership.'));
      assert.ok(hasOwnSubject('Our team worked closely with the GEM team.'));
      assert.ok(!hasOwnSubject('Teachers in the region told us about their work.'));
    });
    it("continuesOwnAccount: 'They…' or 'This…' right after a sentence of the writer's own", () => {
      assert.equal(continuesOwnAccount('They focus on topics such as messaging.', 'We have just released the first suite of our Learning Briefs.'), 'They');
      assert.equal(continuesOwnAccount('This happens at global events.', 'In the last year we has provided thought leadership.'), 'This');
      assert.equal(continuesOwnAccount('They focus on topics such as messaging.', 'Ministries released new guidance.'), undefined);
      assert.equal(continuesOwnAccount('Teachers focus on messaging.', 'We released briefs.'), undefined);
      assert.equal(continuesOwnAccount('They focus on messaging.', undefined), undefined);
      assert.equal(continuesOwnAccount('These include radio and SMS.', 'We released briefs.'), 'These');
      // A determiner, not a pronoun: the sentence is about something else.
      assert.equal(continuesOwnAccount('Such traditional models are disrupted by COVID-19.', 'Our study focuses on teachers.'), undefined);
      assert.equal(continuesOwnAccount('This transformation began in Sobral.', 'We have worked alongside the county.'), undefined);
      assert.equal(continuesOwnAccount('These teachers lack training.', 'We met teachers.'), undefined);
    });
  });

  describe('inferOwnVoice: organisations named as the author in front matter', () => {
    it('a string, a list, CSL literal and {name} authors; "the <Hub>" as well', () => {
      assert.deepEqual(inferOwnVoice('---\ntitle: Brief\nauthor: EdTech Hub\n---\nText.'), ['EdTech Hub', 'the Hub']);
      assert.deepEqual(inferOwnVoice('---\nauthor:\n  - Jane Smith\n  - name: Open Development & Education\n---\n'), ['Open Development & Education']);
      assert.deepEqual(inferOwnVoice('---\nauthor:\n  - literal: World Bank Education Team\n---\n'), ['World Bank Education Team', 'the Team']);
    });
    it("the tool a paper's title introduces: its authors describing their own work", () => {
      assert.deepEqual(inferOwnVoice('---\ntitle: "pyRISM: A Python package for classical fluid theory"\nauthor: [Ada Lovelace]\n---\n'), ['pyRISM']);
      assert.deepEqual(inferOwnVoice("---\ntitle: 'PyHeatDemand - Processing Tool for Heat Demand Data'\n---\n"), ['PyHeatDemand']);
      assert.deepEqual(inferOwnVoice('---\ntitle: "Take a `moderndive` into introductory linear regression with R"\n---\n'), ['moderndive']);
      assert.deepEqual(inferOwnVoice("---\ntitle: 'Reproducible Machine Learning Workflows for Scientists: A short course'\n---\n"), []);
    });
    it('people, no front matter or broken YAML: nothing', () => {
      assert.deepEqual(inferOwnVoice('---\nauthor: [Albert Y. Kim, Chester Ismay]\n---\n'), []);
      assert.deepEqual(inferOwnVoice('# No front matter\n\nEdTech Hub wrote this.'), []);
      assert.deepEqual(inferOwnVoice('---\nauthor: [unclosed\n---\n'), []);
      assert.deepEqual(inferOwnVoice('---\n- a list, not a map\n---\n'), []);
    });
  });
});
