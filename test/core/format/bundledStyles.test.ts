import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EDTECHHUB_APA_CSL } from '../../../src/core/format/styles/edtechhubApa';

describe('bundled CSL styles', () => {
  it('the generated module holds exactly media/csl/edtechhub-apa.csl (regenerate: see media/csl/SOURCE.md)', () => {
    const onDisk = fs.readFileSync(path.join(__dirname, '../../../media/csl/edtechhub-apa.csl'), 'utf8');
    assert.equal(EDTECHHUB_APA_CSL, onDisk);
  });
  it('is the Hub style and keeps its licence statement', () => {
    assert.ok(EDTECHHUB_APA_CSL.includes('<title>EdTech Hub Evidence Library - APA</title>'));
    assert.ok(EDTECHHUB_APA_CSL.includes('creativecommons.org/licenses/by-sa/3.0'));
  });
});
