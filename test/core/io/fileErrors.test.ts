import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileErrorReason, unreadableFileReason } from '../../../src/core/io/fileErrors';

function errno(code: string, message = `${code}: something, open '/x'`): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

describe('fileErrors', () => {
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-fileerrors-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('says in plain words what the common errno codes mean', () => {
    assert.equal(fileErrorReason(errno('ENOENT')), 'no such file');
    assert.equal(fileErrorReason(errno('EISDIR')), 'it is a folder, not a file');
    assert.equal(fileErrorReason(errno('EACCES')), 'permission denied');
    assert.equal(fileErrorReason(errno('EPERM')), 'permission denied');
  });

  it('keeps an unknown error readable, without errno prefix or repeated path', () => {
    assert.equal(fileErrorReason(errno('EIO', "EIO: i/o error, read '/mnt/x.bib'")), 'i/o error');
    assert.equal(fileErrorReason(new Error('disk on fire')), 'disk on fire');
    assert.equal(fileErrorReason('plain string'), 'plain string');
  });

  it('checks a real path: missing, a folder, a file under a file, a readable file', () => {
    const file = path.join(tmp, 'refs.bib');
    fs.writeFileSync(file, '@book{a, title={A}}\n');
    assert.equal(unreadableFileReason(path.join(tmp, 'missing.bib')), 'no such file');
    assert.equal(unreadableFileReason(tmp), 'it is a folder, not a file');
    assert.match(unreadableFileReason(path.join(file, 'inner.bib')) ?? '', /^no such file/);
    assert.equal(unreadableFileReason(file), undefined);
  });
});
