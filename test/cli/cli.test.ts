import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import Ajv from 'ajv';
import { VERSION } from '../../src/cli/run';
import { formatKept, KEPT_SCORES_FILE, parseKept } from '../../src/core/lint/keptClaimScores';
import { runEvidenceLint } from './helpers';

const ROOT = path.join(__dirname, '../..');
const EXAMPLES = path.join(ROOT, 'examples');

async function run(argv: string[], cwd = ROOT) {
  return runEvidenceLint(argv, cwd);
}

function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const p = path.join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name);
    out[p] = createHash('sha256').update(fs.readFileSync(p)).digest('hex') + fs.statSync(p).mtimeMs;
  }
  return out;
}

describe('evidence-lint CLI', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'evlint-cli-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const write = (rel: string, text: string) => {
    const p = path.join(tmp, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
    return p;
  };

  it('--help and --version exit 0', async () => {
    const help = await run(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: evidence-lint/);
    const version = await run(['--version']);
    assert.equal(version.code, 0);
    assert.equal(version.stdout.trim(), VERSION);
    assert.match(VERSION, /^\d+\.\d+\.\d+/);
  });

  it('usage errors exit 2 with a clear message', async () => {
    for (const [argv, message] of [
      [['--format', 'xml'], /--format must be one of/],
      [['no-such-file.md'], /no such file or folder: no-such-file\.md/],
      [['examples', '--bib', 'missing.bib'], /cannot read bibliography missing\.bib/],
      [['nothing-here-*.md'], /no documents match "nothing-here-\*\.md"/],
    ] as const) {
      const r = await run([...argv]);
      assert.equal(r.code, 2, `${argv.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assert.equal(r.stdout, '');
    }
  });

  it('lints the examples folder: findings, summary, exit 1; never modifies an input file', async () => {
    const before = hashTree(EXAMPLES);
    const r = await run(['examples']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^ {2}examples\/hub-brief\.md:\d+:\d+ {2}error {4}Citation key "hasler2020" is not in the bibliography; did you mean hassler2020/m);
    assert.match(r.stdout, /examples\/hub-brief\.md:\d+:\d+ {2}warning {2}Claim cites no evidence: .* {2}uncited-claim$/m);
    assert.match(r.stdout, /examples\/hub-brief\.md:\d+:\d+ {2}warning {2}"Major & Francis, 2020" matches 2 entries/);
    assert.match(r.stdout, /examples\/latex\/report\.tex:\d+:\d+ {2}error {4}Citation key "edtechhub2020rapid" is not in the bibliography/);
    assert.match(r.stdout, /examples\/latex\/report\.bib:\d+:\d+ {2}error .*jordan2020.* {2}duplicate-key$/m);
    assert.doesNotMatch(r.stdout, /SOURCE\.md/, 'ignored by examples/.evidencelintrc.json');
    assert.match(r.stdout, /2 files checked · \d+ claims found · \d+ supported · coverage \d+(\.\d)?%/);
    assert.deepEqual(hashTree(EXAMPLES), before);
  });

  it('--exit-zero, --rule and --max-warnings decide the exit code', async () => {
    assert.equal((await run(['examples', '--exit-zero'])).code, 0);
    const asWarnings = ['examples', '--rule', 'unknown-key=warning', '--rule', 'duplicate-key=warning'];
    assert.equal((await run(asWarnings)).code, 0, 'warnings alone, no limit');
    assert.equal((await run([...asWarnings, '--max-warnings', '1000'])).code, 0);
    const over = await run([...asWarnings, '--max-warnings', '0']);
    assert.equal(over.code, 1);
    assert.match(over.stderr, /more than --max-warnings 0/);
  });

  it('--quiet shows and counts errors only', async () => {
    const r = await run(['examples', '--quiet', '--max-warnings', '0']);
    assert.equal(r.code, 1, 'errors remain');
    assert.doesNotMatch(r.stdout, / warning /);
    assert.match(r.stdout, / error /);
    const noErrors = await run(['examples', '--quiet', '--rule', 'unknown-key=warning', '--rule', 'duplicate-key=warning', '--max-warnings', '0']);
    assert.equal(noErrors.code, 0);
  });

  it('json and github formats', async () => {
    const json = JSON.parse((await run(['examples/hub-brief.md', '--format', 'json'])).stdout);
    assert.equal(json.summary.files, 1);
    assert.equal(json.files[0].file, 'examples/hub-brief.md');
    assert.deepEqual(json.files[0].bibliography, ['examples/hub-outputs.bib']);
    assert.ok(json.findings.some((f: { ruleId: string }) => f.ruleId === 'unknown-key'));
    const gh = (await run(['examples/hub-brief.md', '--format', 'github'])).stdout.trim().split('\n');
    assert.ok(gh.slice(0, -1).every((l) => /^::(error|warning|notice) file=examples\/hub-brief\.md,line=\d+,col=\d+,/.test(l)), gh.join('\n'));
  });

  it('sarif output of the examples validates against the SARIF 2.1.0 schema (subset)', async () => {
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/fixtures/lint/sarif-2.1.0-subset.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(schema);
    const r = await run(['examples', '--format', 'sarif']);
    const log: any = JSON.parse(r.stdout);
    const valid: boolean = validate(log);
    assert.ok(valid, JSON.stringify(validate.errors));
    const uris = new Set(log.runs[0].results.map((x: any) => x.locations[0].physicalLocation.artifactLocation.uri));
    assert.deepEqual([...uris].sort(), ['examples/hub-brief.md', 'examples/latex/report.bib', 'examples/latex/report.tex']);
  });

  it('an invalid config exits 2 naming the file and line', async () => {
    write('.evidencelintrc.json', '{\n  "rules": {\n    "uncited-claim": "warning",\n  }\n}\n');
    write('doc.md', 'Hello.\n');
    const r = await run(['doc.md'], tmp);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /invalid config \.evidencelintrc\.json:4:\d+: invalid JSON/);
  });

  it('a folder means its supported documents, skipping node_modules and .git; config ignore applies', async () => {
    write('refs.bib', '@book{smith2020, author={Smith, Ann}, title={A Book}, year={2020}}\n');
    write('.evidencelintrc.json', JSON.stringify({ bibliography: ['refs.bib'], ignore: ['drafts/**'] }));
    write('a.md', 'As shown [@smith2020].\n');
    write('b.qmd', 'As shown [@smyth2020].\n');
    write('c.tex', 'As shown \\cite{smith2020}.\n');
    write('notes.bib', '');
    write('drafts/d.md', 'Bad [@nokey].\n');
    write('node_modules/pkg/readme.md', 'Bad [@nokey].\n');
    write('.git/x.md', 'Bad [@nokey].\n');
    const r = await run(['.', '--format', 'json'], tmp);
    const json = JSON.parse(r.stdout);
    assert.deepEqual(json.files.map((f: { file: string }) => f.file), ['a.md', 'b.qmd', 'c.tex']);
    assert.deepEqual(json.findings.map((f: { file: string; ruleId: string; suggestions?: string[] }) => [f.file, f.ruleId, f.suggestions]), [
      ['b.qmd', 'unknown-key', ['smith2020']],
    ]);
    assert.equal(r.code, 1);
    // Named explicitly, an ignored file is linted.
    const explicit = await run(['drafts/d.md', '--format', 'json'], tmp);
    assert.equal(JSON.parse(explicit.stdout).files.length, 1);
  });

  it('a binary file is skipped with a note; a Latin-1 document is still read', async () => {
    const binary = Buffer.alloc(600, 0x41);
    binary[300] = 0;
    fs.writeFileSync(path.join(tmp, 'junk.txt'), binary);
    fs.writeFileSync(path.join(tmp, 'latin1.md'), Buffer.from('Caf\xe9 culture: around 45% of schools closed.\n', 'latin1'));
    const r = await run(['.', '--format', 'json'], tmp);
    assert.match(r.stderr, /note: junk\.txt: skipped — not a text file/);
    const json = JSON.parse(r.stdout);
    assert.deepEqual(json.files.map((f: { file: string }) => f.file), ['latin1.md']);
  });

  it('a document without any bibliography: a note, and keys are not checked', async () => {
    write('lonely.md', 'As shown [@smith2020].\n');
    const r = await run(['lonely.md'], tmp);
    assert.match(r.stderr, /note: lonely\.md: no bibliography found/);
    assert.doesNotMatch(r.stdout, /unknown-key/);
  });

  it('a bibliography named in front matter but missing is reported where it is named', async () => {
    write('paper.md', '---\ntitle: x\nbibliography: refs.bib\n---\n\nAs shown [@smith2020].\n');
    const r = await run(['paper.md'], tmp);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /paper\.md:3:\d+ {2}error {4}.*refs\.bib.* {2}bib-parse-error/);
  });

  it('--no-outside refuses a bibliography outside the working folder', async () => {
    write('outside.bib', '@book{smith2020, author={Smith, Ann}, title={A Book}, year={2020}}\n');
    write('proj/paper.md', '---\nbibliography: ../outside.bib\n---\n\nAs shown [@smith2020] and [@jones2019].\n');
    const inside = await run(['paper.md'], path.join(tmp, 'proj'));
    assert.match(inside.stdout, /"jones2019" is not in the bibliography/);
    const confined = await run(['paper.md', '--no-outside'], path.join(tmp, 'proj'));
    assert.match(confined.stderr, /skipped bibliography outside/);
    assert.doesNotMatch(confined.stdout, /jones2019/);
  });

  it('--cache keeps parsed bibliographies in its folder, reuses them, and never serves a stale one', async () => {
    const bib = write('refs.bib', fs.readFileSync(path.join(EXAMPLES, 'hub-outputs.bib'), 'utf8'));
    write('paper.md', '---\nbibliography: refs.bib\n---\n\nThe strategy [@hennessy2021] and [@zzlater2026].\n');
    const first = await run(['paper.md', '--cache', '--format', 'json'], tmp);
    const cache = path.join(tmp, '.evidence-lint-cache');
    const slots = fs.readdirSync(cache);
    assert.ok(slots.length > 0, 'nothing was cached');
    const second = await run(['paper.md', '--cache', '--format', 'json'], tmp);
    assert.deepEqual(JSON.parse(second.stdout).findings, JSON.parse(first.stdout).findings);
    assert.deepEqual(fs.readdirSync(cache).sort(), [...slots].sort(), 'an unchanged library was cached again');
    // The library changes: the cache must not answer for the old text.
    fs.appendFileSync(bib, '\n@report{zzlater2026, author = {Later, Ann}, title = {A later report}, year = {2026}}\n');
    const third = await run(['paper.md', '--cache', '--format', 'json'], tmp);
    assert.deepEqual(JSON.parse(third.stdout).findings, []);
    const elsewhere = path.join(tmp, 'ci-cache');
    await run(['paper.md', '--cache-location', elsewhere], tmp);
    assert.ok(fs.readdirSync(elsewhere).length > 0, '--cache-location was not used');
  });

  it('--cache keeps claim scores for the scorer build that made them: the next run of that build reuses them, no other does', async () => {
    write('refs.bib', fs.readFileSync(path.join(EXAMPLES, 'hub-outputs.bib'), 'utf8'));
    write('paper.md', '---\nbibliography: refs.bib\n---\n\nAround 40% of schools in Kenya reopened in 2021 [@hennessy2021]. Most teachers there used radio lessons every week.\n');
    const lint = async (scorerBuild?: string) => {
      const r = await runEvidenceLint(['paper.md', '--cache', '--format', 'json'], tmp, scorerBuild ? { scorerBuild } : {});
      return (JSON.parse(r.stdout) as { findings: { ruleId: string }[] }).findings.filter((f) => f.ruleId === 'uncited-claim').length;
    };
    assert.equal(await lint('build-1'), 1, 'the uncited claim');
    const file = path.join(tmp, '.evidence-lint-cache', KEPT_SCORES_FILE);
    const kept = parseKept(fs.readFileSync(file, 'utf8'), 'build-1');
    assert.ok('scores' in kept && kept.scores.size >= 2, 'both sentences kept');
    // What the file says is what the same build reports (here: no sentence is a claim).
    const planted = new Map([...kept.scores.keys()].map((hash) => [hash, { claim: false, score: 0, reasons: ['planted'] }]));
    fs.writeFileSync(file, formatKept(planted, 'build-1'));
    assert.equal(await lint('build-1'), 0);
    assert.equal(await lint('build-2'), 1, 'another build scores afresh');
    assert.equal(await lint(), 1, 'run from the sources: no build, nothing reused');
  });

  it('--cache with no bibliography to cache still keeps the claim scores, without a warning', async () => {
    write('note.md', 'Around 40% of schools in Kenya reopened in 2021.\n');
    const r = await runEvidenceLint(['note.md', '--cache', '--format', 'json'], tmp, { scorerBuild: 'build-1' });
    assert.doesNotMatch(r.stderr, /Cannot keep/);
    assert.ok(fs.existsSync(path.join(tmp, '.evidence-lint-cache', KEPT_SCORES_FILE)));
  });

  it('--classify writes one JSON line per input line; bad lines exit 2', async () => {
    write('in.jsonl', [JSON.stringify({ text: 'Around 45% of schools closed in 2020.' }), JSON.stringify({ text: 'Hello.' })].join('\n') + '\n');
    const r = await run(['--classify', 'in.jsonl'], tmp);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(lines.length, 2);
    for (const l of lines) assert.equal(typeof l.claim, 'boolean');
    write('bad.jsonl', '{"text": "ok"}\nnot json\n');
    const bad = await run(['--classify', 'bad.jsonl'], tmp);
    assert.equal(bad.code, 2);
    assert.equal(bad.stdout.trim().split('\n').length, 2);
    assert.match(bad.stderr, /1 of 2 lines/);
    assert.equal((await run(['--classify', 'missing.jsonl'], tmp)).code, 2);
  });

  it('--classify reads context_before, heading and list_intro, and --own-voice', async () => {
    const aim = 'Evaluate, strengthen and build a global body of research on EdTech, including raising awareness across the education sector of methodological issues.';
    write('ctx.jsonl', [
      JSON.stringify({ text: aim }),
      JSON.stringify({ text: aim, context_before: 'The Hub aims to:', list_intro: 'The Hub aims to:', heading: 'Our aims' }),
      JSON.stringify({ text: aim, heading: 7 }),
    ].join('\n') + '\n');
    const r = await run(['--classify', 'ctx.jsonl', '--own-voice', 'the Hub', '--sensitivity', 'high'], tmp);
    const [alone, inList, bad] = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.ok(inList.score < alone.score, `${inList.score} vs ${alone.score}`);
    assert.ok(inList.reasons.includes("the writer's own aim or plan (a point under 'The Hub aims to:')"), JSON.stringify(inList.reasons));
    assert.equal(bad.error, 'line 3: "heading" must be a string');
    assert.equal(r.code, 2);
  });

  it('--explain shows every sentence with why it is or is not a claim (stylish and json)', async () => {
    write('doc.md', '# Our aims\n\nWe aim to support ministries with evidence. Around 45% of schools closed in 2020.\n');
    const stylish = await run(['doc.md', '--explain', '--exit-zero'], tmp);
    assert.match(stylish.stdout, /doc\.md \(explained\)/);
    assert.match(stylish.stdout, /doc\.md:3:1 {2}not a claim \(0\.\d\d\): [^\n]*the writer's own aim or plan \('We aim'\)[^\n]*"We aim to support ministries with evidence\."/);
    assert.match(stylish.stdout, /doc\.md:3:45 {2}claim, no citation \(0\.\d\d\): contains a statistic \(45%\)/);
    const json = JSON.parse((await run(['doc.md', '--explain', '--format', 'json', '--exit-zero'], tmp)).stdout) as {
      files: Array<{ sentences: Array<{ line: number; column: number; text: string; claim: boolean; supported: boolean; score: number; reasons: string[] }> }>;
    };
    const [aim, figure] = json.files[0]!.sentences;
    assert.deepEqual({ line: aim!.line, column: aim!.column, claim: aim!.claim }, { line: 3, column: 1, claim: false });
    assert.ok(aim!.reasons.includes("the writer's own aim or plan ('We aim')"), JSON.stringify(aim!.reasons));
    assert.equal(figure!.claim, true);
    const plain = JSON.parse((await run(['doc.md', '--format', 'json', '--exit-zero'], tmp)).stdout) as { files: Array<Record<string, unknown>> };
    assert.equal('sentences' in plain.files[0]!, false, 'without --explain the JSON is as before');
  });

  it('--own-voice and "ownVoice" in the config read the organisation as the writer', async () => {
    const text = 'EdTech Hub undertakes and collates rigorous research to improve the evidence base for using EdTech to improve education for all learners in LMICs.\n';
    write('hub.md', text);
    const scoreOf = async (args: string[]) =>
      (JSON.parse((await run(['hub.md', '--explain', '--format', 'json', '--exit-zero', '--sensitivity', 'high', ...args], tmp)).stdout) as {
        files: Array<{ sentences: Array<{ score: number; reasons: string[] }> }>;
      }).files[0]!.sentences[0]!;
    const none = await scoreOf(['--own-voice', 'UNICEF']);
    const flag = await scoreOf(['--own-voice', 'EdTech Hub']);
    assert.ok(flag.score < none.score, `${flag.score} vs ${none.score}`);
    assert.ok(flag.reasons.includes("describes the writer's own organisation's work ('EdTech Hub')"), JSON.stringify(flag.reasons));
    write('.evidencelintrc.json', JSON.stringify({ ownVoice: ['EdTech Hub'] }));
    assert.deepEqual(await scoreOf([]), flag);
  });

  it('the entry point (src/cli/main.ts) sets the process exit code', () => {
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
    const missing = run(['no-such-file.md']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /evidence-lint: no such file or folder: no-such-file\.md/);
    const brief = run(['examples/hub-brief.md', '--format', 'json']);
    assert.equal(brief.status, 1, brief.stderr);
    assert.equal(JSON.parse(brief.stdout).files[0].file, 'examples/hub-brief.md');
  });
});
