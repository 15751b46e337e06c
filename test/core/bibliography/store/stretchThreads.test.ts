import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parsePacked, type StretchParser } from '../../../../src/core/bibliography/store/packedParse';
import { stretchThreads } from '../../../../src/core/bibliography/store/stretchThreads';
import { searchIndexer } from '../../../../src/core/search/searchIndexer';
import { buildServer, SERVER_OUT } from '../../../server/serverProcess';
import { fixture, newStore } from '../fixtures';

/** The second half of a big file parsed in a real thread, running the bundle as the build makes it. */

const BIG = fixture('big', 'gsa_oes_matching_guide_big.bib');

/** The 6k library parsed with its second half given to `threads`, and whether each answer was a half. */
async function parsedWith(threads: StretchParser, bytes: Buffer) {
  const answers: boolean[] = [];
  const watched: StretchParser = async (request) => {
    const pack = await threads(request);
    answers.push(pack !== undefined);
    return pack;
  };
  // (A 4 MB file is parsed in one thread by default: halvesMinBytes says otherwise here.)
  const read = await parsePacked(bytes, BIG, searchIndexer, { elsewhere: watched, halvesMinBytes: 0 });
  assert.ok(read);
  return { read, answers };
}

describe('stretchThreads', function () {
  this.timeout(120_000);
  let scratch: string;

  before(async () => {
    await buildServer();
    scratch = mkdtempSync(path.join(tmpdir(), 'stretch-threads-'));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('parses the second half of the 6k library in a thread: the pack of the whole parse, byte for byte', async () => {
    const threads = stretchThreads(path.join(SERVER_OUT, 'stretchWorker.js'));
    assert.ok(threads, 'the bundled thread script is found');
    const bytes = readFileSync(BIG);
    const { read, answers } = await parsedWith(threads, bytes);
    assert.deepEqual(answers, [true], 'the thread answered with its half');
    const whole = newStore().parseBytes(bytes, BIG);
    assert.ok(newStore().pack(read.loaded).pack.equals(newStore().pack(whole.loaded).pack));
    assert.deepEqual(read.sourceMap, whole.sourceMap);
  });

  it('answers nothing when the thread dies, and the half is parsed in the caller: the same file', async () => {
    const dying = path.join(scratch, 'dying.js');
    writeFileSync(dying, "require('node:worker_threads').parentPort.once('message', () => process.exit(3));\n");
    const bytes = readFileSync(BIG);
    const { read, answers } = await parsedWith(stretchThreads(dying)!, bytes);
    assert.deepEqual(answers, [false]);
    assert.ok(newStore().pack(read.loaded).pack.equals(newStore().pack(newStore().parseBytes(bytes, BIG).loaded).pack));
  });

  it('is not there without its script (running from sources)', () => {
    assert.equal(stretchThreads(path.join(scratch, 'missing.js')), undefined);
  });
});
