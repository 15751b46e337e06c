import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
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
    const read = await readHashed(BIG);
    assert.ok(read.bytes.equals(whole));
    assert.equal(read.sha1, createHash('sha1').update(whole).digest('hex'));
    assert.equal(read.mtimeMs, statSync(BIG).mtimeMs);
  });

  it('a file rewritten in place while it is read is read again: the bytes are all of one version', async () => {
    // 24 MB (six chunks), rewritten in place from the start with other bytes of the same length while being read.
    const file = path.join(dir, 'big.bib');
    const a = Buffer.alloc(24 * 1024 * 1024, 'a');
    const b = Buffer.alloc(a.length, 'b');
    writeFileSync(file, a);
    const reading = readHashed(file);
    const handle = await open(file, 'r+');
    for (let at = 0; at < b.length; at += 1024 * 1024) await handle.write(b, at, 1024 * 1024, at);
    await handle.close();
    const read = await reading;
    const first = read.bytes[0];
    assert.ok(read.bytes.every((byte) => byte === first), 'bytes of two versions');
    assert.equal(read.sha1, createHash('sha1').update(read.bytes).digest('hex'));
  });
});
