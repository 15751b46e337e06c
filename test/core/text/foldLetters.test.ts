import * as assert from 'node:assert/strict';
import { foldName } from '../../../src/core/bibliography/index/nameMatching';
import { normaliseName } from '../../../src/core/bibliography/index/entryColumns';
import { tokenize } from '../../../src/core/search/normalise';
import { foldLetters, isAscii } from '../../../src/core/text/foldLetters';

describe('foldLetters: one letter folding for search, author-year matching and did-you-mean', () => {
  it('drops accents and case, and spells the letters NFD keeps whole in ASCII', () => {
    assert.equal(foldLetters('Haßler'), 'hassler');
    assert.equal(foldLetters('Çetinkaya-Rundel'), 'cetinkaya-rundel');
    assert.equal(foldLetters('Ørsted Æbeløe Łukasz Đinh Þór Œuvre'), 'orsted aebeloe lukasz dinh thor oeuvre');
    assert.equal(foldLetters('HENNESSY'), 'hennessy');
  });

  it('folds the same letters wherever a name is compared (the three used to fold different sets)', () => {
    for (const [written, typed] of [
      ['Ørsted', 'orsted'],
      ['Đặng', 'dang'],
      ['Łoś', 'los'],
      ['Þórsdóttir', 'thorsdottir'],
      ['Haßler', 'hassler'],
    ] as const) {
      assert.equal(foldName(written), typed, `foldName(${written})`);
      assert.equal(normaliseName(written), typed, `normaliseName(${written})`);
      assert.deepEqual(tokenize(written), [typed], `tokenize(${written})`);
    }
  });

  it('isAscii tells ASCII text from the rest', () => {
    assert.equal(isAscii('Hennessy, S. (2021)'), true);
    assert.equal(isAscii('Haßler'), false);
    assert.equal(isAscii(''), true);
  });
});
