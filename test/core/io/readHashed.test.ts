import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readHashed } from '../../../src/core/io/readHashed';

const BIG = path.resolve(__dirname, '../../fixtures/bibliography/big/gsa_oes_matching_guide_big.bib');

describe('io/readHashed', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'read-hashed-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a real 3.9 MB library chunk by chunk: the same bytes and SHA-1 as reading it whole', async () => {
    const whole = readFileSync(BIG);
    const read = await readHashed(BIG, statSync(BIG).size);
    assert.ok(read.bytes.equals(whole));
    assert.equal(read.sha1, createHash('sha1').update(whole).digest('hex'));
  });

  it('a file that grew or shrank since its size was taken is read whole, and hashed as read', async () => {
    const file = path.join(dir, 'refs.bib');
    writeFileSync(file, '@misc{a, title = {A}}\n@misc{b, title = {B}}\n');
    for (const stale of [5, 500, 0]) {
      const read = await readHashed(file, stale);
      assert.equal(read.bytes.toString(), readFileSync(file, 'utf8'));
      assert.equal(read.sha1, createHash('sha1').update(readFileSync(file)).digest('hex'));
    }
  });
});
