/**
 * "Nothing lost": evidence-lint over a copy of examples/ never changes an input file (documents,
 * bibliographies, configs: hashed before and after), and with --no-outside a --bib path that
 * escapes the project is not read.
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { runCli } from '../../src/cli/run';
import { report } from './helpers';

const EXAMPLES = path.join(__dirname, '../../examples');

class Collect extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

async function run(argv: string[], cwd: string) {
  const stdout = new Collect();
  const stderr = new Collect();
  const code = await runCli(argv, { stdout, stderr, cwd, color: false });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

function hashTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const p = path.join(entry.parentPath, entry.name);
    const stat = fs.statSync(p);
    out.set(path.relative(dir, p), `${createHash('sha256').update(fs.readFileSync(p)).digest('hex')} ${stat.size} ${stat.mtimeMs}`);
  }
  return out;
}

describe('nothing lost: the CLI never changes its inputs', function () {
  this.timeout(60_000);
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-nothing-lost-'));
    fs.cpSync(EXAMPLES, path.join(tmp, 'examples'), { recursive: true });
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('every file of a copy of examples/ is byte-identical (and untouched) after linting in every format', async () => {
    const project = path.join(tmp, 'examples');
    const before = hashTree(project);
    assert.ok([...before.keys()].some((f) => f.endsWith('.bib')) && [...before.keys()].some((f) => f.endsWith('.md')), 'examples/ has documents and .bib files');
    let runs = 0;
    for (const args of [[], ['--format', 'json'], ['--format', 'sarif'], ['--format', 'github'], ['--bib', 'hub-outputs.json'], ['latex/report.tex', '--rule', 'unused-entry=warning']]) {
      const r = await run(['.', ...args.filter((a) => a !== '.')], project);
      assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
      assert.ok(r.stdout.length > 0);
      runs++;
    }
    const after = hashTree(project);
    assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort(), 'files were added or removed');
    for (const [file, hash] of before) assert.equal(after.get(file), hash, `${file} changed`);
    report(`nothing-lost/examples: ${runs} CLI runs over ${before.size} files, none changed`);
  });

  it('--no-outside: a --bib that escapes the project (../, absolute) is not read', async () => {
    const project = path.join(tmp, 'examples');
    const outside = path.join(tmp, 'outside.bib');
    fs.writeFileSync(outside, '@book{hasler2020, author={Hasler, Ann}, title={Outside}, year={2020}}\n');
    const doc = path.join(project, 'hub-brief.md');
    assert.match(fs.readFileSync(doc, 'utf8'), /@hasler2020/);
    for (const bib of ['../outside.bib', outside]) {
      const open = await run(['hub-brief.md', '--bib', bib, '--format', 'json'], project);
      assert.doesNotMatch(open.stderr, /skipped bibliography outside/);
      const confined = await run(['hub-brief.md', '--bib', bib, '--format', 'json', '--no-outside'], project);
      assert.match(confined.stderr, /skipped bibliography outside/, confined.stderr);
      assert.match(confined.stderr, /no bibliography found/);
      assert.doesNotMatch(confined.stdout, /Outside/);
    }
    assert.equal(fs.readFileSync(outside, 'utf8'), '@book{hasler2020, author={Hasler, Ann}, title={Outside}, year={2020}}\n');
  });
});
