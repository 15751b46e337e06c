import { strict as assert } from 'node:assert';
import { contextFeatures } from '../../../src/core/claims/claimContext';
import { ownVoiceReader } from '../../../src/core/claims/ownVoice';

const asWritten = ownVoiceReader([]);
const hub = ownVoiceReader(['EdTech Hub', 'the Hub']);

describe('claim context features', () => {
  it('no context at all: said so, so the model can weigh a paragraph opening', () => {
    const c = contextFeatures({}, asWritten);
    assert.deepEqual(c.named, ['prev:none', 'heading:none']);
    assert.deepEqual(c.tokens, []);
  });

  it('the previous sentence: its cues, a question before (interview Q&A), a colon before', () => {
    const q = contextFeatures({ contextBefore: 'How does gender equality influence EdTech in your region?' }, asWritten);
    assert.ok(q.named.includes('prev:question'), JSON.stringify(q.named));
    assert.equal(q.reasons.get('prev:question'), "answers the question before it ('How does gender equality influence EdTech in your region?')");
    const stat = contextFeatures({ contextBefore: 'Research shows that 45% of schools closed.' }, asWritten);
    assert.ok(stat.named.includes('prev:statistic') && stat.named.includes('prev:attribution'), JSON.stringify(stat.named));
    assert.ok(contextFeatures({ contextBefore: 'These include:' }, asWritten).named.includes('prev:colon'));
  });

  it("a point of a list in the writer's own voice: 'The Hub aims to:' (read as 'We aims to:'), 'we will:', 'our approach:'", () => {
    for (const listIntro of ['The Hub aims to:', 'EdTech Hub will:', 'Our approach:', 'Next year we will:']) {
      const c = contextFeatures({ listIntro }, hub);
      assert.ok(c.named.includes('list:item') && c.named.includes('list:ownAim'), `${listIntro}: ${JSON.stringify(c.named)}`);
      assert.equal(c.reasons.get('list:ownAim'), `the writer's own aim or plan (a point under '${listIntro}')`);
    }
    const other = contextFeatures({ listIntro: 'Barriers reported by teachers include:' }, hub);
    assert.ok(other.named.includes('list:item') && !other.named.includes('list:ownAim'), JSON.stringify(other.named));
    assert.ok(contextFeatures({ listIntro: 'The Hub aims to:' }, hub).tokens.includes('li:we'), 'the introduction is read in the own voice');
  });

  it('the heading: its kind and its words', () => {
    const kinds: Array<[string, string]> = [
      ['Acknowledgements', 'heading:acknowledgements'],
      ['Acknowledgments', 'heading:acknowledgements'],
      ['Funding', 'heading:acknowledgements'],
      ['Author contributions', 'heading:contributions'],
      ['Our aims', 'heading:ownWork'],
      ['Where we work', 'heading:ownWork'],
      ['EdTech Hub’s approach', 'heading:ownWork'],
      ['Installation', 'heading:software'],
      ['Statement of need', 'heading:background'],
      ['Summary', 'heading:summary'],
      ['Results', 'heading:results'],
    ];
    for (const [heading, id] of kinds) {
      const c = contextFeatures({ heading }, asWritten);
      assert.ok(c.named.includes(id), `${heading}: ${JSON.stringify(c.named)}`);
      assert.equal(c.reasons.get(id), `under the heading '${heading}'`);
    }
    assert.ok(!contextFeatures({ heading: 'Making strategic contributions to shape conversations' }, asWritten).named.includes('heading:contributions'));
    assert.deepEqual(contextFeatures({ heading: 'Our aims' }, asWritten).tokens, ['h:our', 'h:aims']);
  });

  it('long context is quoted short, at a word boundary', () => {
    const long = `Why ${'does this very long question keep going '.repeat(4)}on?`;
    const reason = contextFeatures({ contextBefore: long }, asWritten).reasons.get('prev:question')!;
    assert.ok(reason.length < 110 && reason.includes('…'), reason);
  });
});
