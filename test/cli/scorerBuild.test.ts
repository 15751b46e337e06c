import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { scorerBuild } from '../../src/cli/scorerBuild';

describe('scorerBuild: which claim scorer a bundle runs', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scorer-build-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('names a bundle by its content and its word vectors by their size', () => {
    const bundle = path.join(dir, 'cli.js');
    fs.writeFileSync(bundle, 'console.log(1);\n');
    fs.writeFileSync(path.join(dir, 'word-vectors.json'), '{}');
    const first = scorerBuild(bundle);
    assert.match(first ?? '', /^[0-9a-f]{40}-2$/);
    assert.equal(scorerBuild(bundle), first, 'the same bundle, the same name');
    fs.writeFileSync(bundle, 'console.log(2);\n');
    assert.notEqual(scorerBuild(bundle), first, 'a rebuilt bundle is another scorer');
    const rebuilt = scorerBuild(bundle);
    fs.writeFileSync(path.join(dir, 'word-vectors.json'), '{ }');
    assert.notEqual(scorerBuild(bundle), rebuilt, 'other word vectors, another scorer');
  });

  it('none from the sources, or when the word vectors are missing', () => {
    assert.equal(scorerBuild(), undefined, 'this test runs the TypeScript sources');
    const bundle = path.join(dir, 'cli.js');
    fs.writeFileSync(bundle, 'console.log(1);\n');
    assert.equal(scorerBuild(bundle), undefined);
  });
});
