/**
 * The evidence service over an in-memory workspace: every feature the editor and the language server
 * use, with no editor. Bibliography: the real EdTech Hub bibliography (test/fixtures, see its SOURCE.md).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BIG_PARSE_ENTRIES, createEvidenceService, type EvidenceService } from '../../src/core/service';
import { createInMemoryWorkspace, createNodeWorkspace, type InMemoryWorkspace } from '../../src/core/workspace';

const HUB_BIB = fs.readFileSync(path.join(__dirname, '../fixtures/hub/hub-outputs.bib'), 'utf8');
const ROOT = path.resolve('/workspace');
const BIB = path.join(ROOT, 'hub-outputs.bib');
const uriOf = (file: string) => pathToFileURL(file).href;

/** The text with editor edits (0-based line/character) applied, last first. */
function applyEdits(text: string, edits: readonly { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const offset = (p: { line: number; character: number }) => starts[p.line]! + p.character;
  let out = text;
  for (const e of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

describe('evidence service (in-memory workspace)', () => {
  let workspace: InMemoryWorkspace;
  let service: EvidenceService;

  beforeEach(() => {
    workspace = createInMemoryWorkspace([ROOT]);
    workspace.write(BIB, HUB_BIB);
    service = createEvidenceService({ workspace });
  });
  afterEach(() => service.dispose());

  function open(name: string, text: string, languageId?: string): { uri: string; file: string } {
    const file = path.join(ROOT, name);
    workspace.write(file, text);
    const document = workspace.open(file, text, languageId);
    return { uri: document.uri, file };
  }

  function positionAt(text: string, offset: number): { line: number; character: number } {
    const before = text.slice(0, offset);
    return { line: before.split('\n').length - 1, character: offset - before.lastIndexOf('\n') - 1 };
  }

  function positionAfter(text: string, marker: string): { line: number; character: number } {
    return positionAt(text, text.indexOf(marker) + marker.length);
  }

  it('completes a key prefix from the workspace .bib found on its own, ranked by the search', async () => {
    const text = 'The strategy paper [@hen\n';
    const { uri } = open('a.md', text);
    const result = await service.completions(uri, positionAfter(text, '[@hen'));
    assert.ok(result);
    const keys = result.items.map((i) => i.key);
    assert.ok(keys.includes('hennessy2021'), keys.slice(0, 8).join(', '));
    const item = result.items.find((i) => i.key === 'hennessy2021')!;
    assert.equal(item.insertText, 'hennessy2021');
    assert.equal(item.filterText, 'hen');
    assert.match(item.labelDetail, /Hennessy.*2021/);
    assert.deepEqual(item.insert.start, { line: 0, character: text.indexOf('hen') });
  });

  it('completes author + year inside brackets: [@hennessy 2021', async () => {
    const text = 'See [@hennessy 2021\n';
    const { uri } = open('a.md', text);
    const result = await service.completions(uri, positionAfter(text, '2021'));
    assert.ok(result, 'no completion context for a two-word search');
    assert.equal(result.context.query, 'hennessy 2021');
    const keys = result.items.map((i) => i.key).filter(Boolean);
    assert.ok(keys.length > 0, 'author + year found nothing');
    assert.ok(keys.slice(0, 3).every((k) => /^hennessy2021/.test(k!)), keys.slice(0, 5).join(', '));
  });

  it('keeps the list with the writer: a query with no match gives one item saying so, not an empty list', async () => {
    const text = 'See [@qqqzzzxx\n';
    const { uri } = open('a.md', text);
    const result = await service.completions(uri, positionAfter(text, 'qqqzzzxx'));
    assert.ok(result);
    assert.equal(result.items.length, 1);
    assert.equal(result.items[0]!.key, undefined);
    assert.match(result.items[0]!.label, /No entry matches “qqqzzzxx”/);
    assert.equal(result.items[0]!.insertText, 'qqqzzzxx', 'accepting it must change nothing');
  });

  it('offers nothing after a finished key followed by a locator', async () => {
    const text = 'See [@hennessy2021, p. 3\n';
    const { uri } = open('a.md', text);
    assert.equal(await service.completions(uri, positionAfter(text, 'p. 3')), undefined);
  });

  it('hovers a citation with the formatted reference, spaces kept as spaces, and links', async () => {
    const text = 'The strategy [@hennessy2021].\n';
    const { uri } = open('a.md', text);
    const hover = await service.hover(uri, positionAfter(text, '[@henn'));
    assert.ok(hover);
    assert.match(hover.markdown, /\*\*`hennessy2021`\*\*/);
    assert.ok(!hover.markdown.includes('&nbsp;'), hover.markdown);
    assert.match(hover.markdown, /Hennessy/);
    assert.deepEqual(hover.range.start, { line: 0, character: text.indexOf('[@') });
  });

  it('goes to the entry in the .bib', async () => {
    const text = 'The strategy [@hennessy2021].\n';
    const { uri } = open('a.md', text);
    const [location] = await service.definition(uri, positionAfter(text, '[@henn'));
    assert.ok(location);
    assert.equal(location.file, BIB);
    assert.equal(HUB_BIB.split('\n')[location.line - 1]!.trim(), '@techreport{hennessy2021,');
  });

  it('finds every citation of a key across the workspace, once each', async () => {
    const a = 'First [@hennessy2021]. Again [see @hennessy2021, p. 2].\n';
    const { uri } = open('a.md', a);
    workspace.write(path.join(ROOT, 'notes', 'b.md'), 'Elsewhere [@hennessy2021; @vegas2020].\n');
    const locations = await service.references(uri, positionAfter(a, 'First [@henn'));
    assert.equal(locations.length, 3, JSON.stringify(locations));
    assert.equal(new Set(locations.map((l) => `${l.uri}:${l.range.start.line}:${l.range.start.character}`)).size, 3);
  });

  it('diagnoses an uncited claim and an unknown key with a did-you-mean fix', async () => {
    const text = 'Research shows that 60% of schools in low-income countries have no electricity.\n\nA typo [@hennesy2021].\n';
    const { uri } = open('a.md', text);
    const diagnostics = await service.diagnostics(uri);
    assert.ok(diagnostics);
    const rules = diagnostics.findings.map((f) => f.ruleId).sort();
    assert.deepEqual(rules, ['uncited-claim', 'unknown-key']);
    const unknown = diagnostics.findings.find((f) => f.ruleId === 'unknown-key')!;
    const actions = await service.codeActions(uri, unknown.range, [{ ...unknown, suggestions: undefined }]);
    const change = actions.find((a) => a.title === 'Change to `hennessy2021`');
    assert.ok(change?.edits, actions.map((a) => a.title).join(', '));
    assert.equal(change.edits[0]!.newText, 'hennessy2021');
    assert.deepEqual(diagnostics.stats, { claims: 1, supported: 0, findings: 2 });
    assert.ok(diagnostics.files.has(BIB), 'the bibliography file is listed (to refresh its diagnostics)');
  });

  it('"Ignore this claim" comments out only that sentence, and the lint agrees', async () => {
    const claim = 'Research shows that 60% of schools in low-income countries have no electricity.';
    const other = 'Enrolment fell by 30% in the region over the decade.';
    const text = `${claim} ${other}\n`;
    const { uri, file } = open('a.md', text);
    const before = (await service.diagnostics(uri))!.findings.filter((f) => f.ruleId === 'uncited-claim');
    assert.equal(before.length, 2);
    const first = before.find((f) => f.range.start.character === 0)!;
    const ignore = (await service.codeActions(uri, first.range, [first])).find((a) => a.title === 'Ignore this claim')!;
    const edit = ignore.edits![0]!;
    const offset = edit.range.start.character;
    const edited = text.slice(0, offset) + edit.newText + text.slice(offset);
    assert.equal(edited, `${claim} <!-- evidence-lint-disable-sentence uncited-claim --> ${other}\n`);
    workspace.open(file, edited);
    const after = (await service.diagnostics(uri))!.findings.filter((f) => f.ruleId === 'uncited-claim');
    assert.equal(after.length, 1);
    assert.equal(after[0]!.range.start.character, edited.indexOf(other));
  });

  it('offers each matching entry for an ambiguous author-year citation', async () => {
    const text = 'As shown (⇡Major & Francis, 2020).\n';
    const { uri } = open('a.md', text);
    const ambiguous = (await service.diagnostics(uri))!.findings.find((f) => f.ruleId === 'ambiguous-citation');
    assert.ok(ambiguous);
    const titles = (await service.codeActions(uri, ambiguous.range, [ambiguous])).map((a) => a.title);
    assert.ok(titles.some((t) => t.startsWith('Cite as `Major & Francis, 2020a`')), titles.join(' | '));
    assert.ok(titles.some((t) => t.startsWith('Cite as `Major & Francis, 2020b`')), titles.join(' | '));
  });

  it('reloads a changed bibliography file when told, and says so on the next lint', async () => {
    const text = 'A new report [@zzprobe2026].\n';
    const { uri } = open('a.md', text);
    assert.equal((await service.diagnostics(uri))!.findings.filter((f) => f.ruleId === 'unknown-key').length, 1);
    const changed = new Promise<void>((resolve) => service.onDidChange(() => resolve()));
    workspace.write(BIB, `${HUB_BIB}\n@report{zzprobe2026, author = {Probe, Alex}, title = {A report}, year = {2026}}\n`);
    service.filesChanged([{ file: BIB, kind: 'changed' }]);
    await changed;
    assert.equal((await service.diagnostics(uri))!.findings.filter((f) => f.ruleId === 'unknown-key').length, 0);
  });

  it('in an untrusted workspace reads no bibliography outside it, and says so on the document', async () => {
    workspace.setTrusted(false);
    const outside = path.resolve('/elsewhere/private.bib');
    workspace.write(outside, HUB_BIB);
    const text = `---\nbibliography: ${outside}\n---\n\nThe strategy [@hennessy2021].\n`;
    const { uri } = open('a.md', text);
    const diagnostics = (await service.diagnostics(uri))!;
    assert.ok(diagnostics.findings.some((f) => /Restricted Mode/.test(f.message) && f.range.start.line === 1), diagnostics.findings.map((f) => f.message).join(' | '));
    assert.ok(!service.libraryState().files.some((f) => f.file === outside));
  });

  it('works only in the languages the settings enable', async () => {
    const text = 'see [@hen\n';
    const { uri } = open('notes.ini', text, 'ini');
    assert.equal(await service.completions(uri, positionAfter(text, '[@hen')), undefined);
    workspace.setSettings({ languages: ['markdown', 'ini'] });
    service.settingsChanged();
    assert.ok((await service.completions(uri, positionAfter(text, '[@hen')))?.items.some((i) => i.key === 'hennessy2021'));
  });

  it('builds the panel model and the picker entries', async () => {
    const text = '# Findings\n\nResearch shows that 60% of schools in low-income countries have no electricity.\n\nThe strategy [@hennessy2021].\n';
    const { uri } = open('a.md', text);
    const panel = await service.panel(uri);
    assert.equal(panel.kind, 'document');
    if (panel.kind !== 'document') return;
    assert.equal(panel.uncited.length, 1);
    assert.deepEqual(panel.cited.map((c) => c.id), ['entry:hennessy2021']);
    const picked = await service.searchEntries(uri, 'hennessy', 5);
    assert.ok(picked.every((e) => /hennessy/i.test(e.key + e.label)), JSON.stringify(picked));
    const claim = panel.uncited[0]!;
    const edit = await service.citeClaimEdit(uri, { start: positionAt(text, claim.span.start), end: positionAt(text, claim.span.end) }, ['vegas2020']);
    assert.equal(edit?.newText, ' [@vegas2020]');
    assert.deepEqual(edit?.range.start, positionAfter(text, 'no electricity'));
  });

  it('lints a workspace: documents found by the same globs as the CLI, unused entries decided over all of them', async () => {
    workspace.write(path.join(ROOT, 'a.md'), 'The strategy [@hennessy2021].\n');
    workspace.write(path.join(ROOT, 'node_modules', 'x', 'readme.md'), 'Not ours [@nosuchkey].\n');
    workspace.write(path.join(ROOT, '.evidencelintrc.json'), JSON.stringify({ rules: { 'unused-entry': 'info' } }));
    const files = await service.workspaceDocuments();
    assert.deepEqual(files, [path.join(ROOT, 'a.md')]);
    const result = await service.lintWorkspace(files.map((file) => ({ file })));
    assert.equal(result.stats.files, 1);
    const unused = result.findings.filter((f) => f.ruleId === 'unused-entry');
    assert.ok(unused.length > 100, `${unused.length} unused entries`);
    assert.ok(!unused.some((f) => f.message.includes("'hennessy2021'")), 'a cited entry was reported unused');
  });

  it('calls afterBigParse once a big bibliography is parsed (the CLI collects its garbage then), not for a small one or a cache slot', async () => {
    const bigBib = Array.from({ length: BIG_PARSE_ENTRIES }, (_, i) => `@article{k${i}, author = {Author, A.}, title = {Title ${i}}, year = {2020}}\n`).join('');
    const lintOnce = async (service: EvidenceService, folder: string, bib: string) => {
      try {
        return await service.lintWorkspace([{ file: path.join(folder, 'a.md') }], { bibliography: [bib] });
      } finally {
        service.dispose();
      }
    };
    let calls = 0;
    const afterBigParse = () => void calls++;
    // No cache (the CLI without --cache): the small library is not worth a collection, the big one is.
    const memory = createInMemoryWorkspace([ROOT]);
    memory.write(BIB, HUB_BIB);
    memory.write(path.join(ROOT, 'big.bib'), bigBib);
    memory.write(path.join(ROOT, 'a.md'), 'The strategy [@hennessy2021] [@k7].\n');
    await lintOnce(createEvidenceService({ workspace: memory, readsOnce: true, afterBigParse }), ROOT, BIB);
    assert.equal(calls, 0, 'called after a small parse');
    const big = await lintOnce(createEvidenceService({ workspace: memory, readsOnce: true, afterBigParse }), ROOT, path.join(ROOT, 'big.bib'));
    assert.equal(calls, 1);
    assert.equal(big.findings.filter((f) => f.ruleId === 'unknown-key').length, 1, 'the big library was not the one linted against');
    // With a cache (--cache): the first run parses, the second opens the slot and has no garbage to collect.
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-service-'));
    try {
      fs.writeFileSync(path.join(tmp, 'big.bib'), bigBib);
      fs.writeFileSync(path.join(tmp, 'a.md'), 'The strategy [@k7].\n');
      const cached = () => createEvidenceService({ workspace: createNodeWorkspace({ folders: [tmp] }), cacheDir: path.join(tmp, 'cache'), readsOnce: true, afterBigParse, autoDiscoverBibliographies: false });
      await lintOnce(cached(), tmp, path.join(tmp, 'big.bib'));
      assert.equal(calls, 2, 'not called after the first, parsing run with a cache');
      await lintOnce(cached(), tmp, path.join(tmp, 'big.bib'));
      assert.equal(calls, 2, 'called after opening a cache slot');
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('uses a project config and editor settings together: settings win', async () => {
    workspace.write(path.join(ROOT, '.evidencelintrc.json'), JSON.stringify({ rules: { 'uncited-claim': 'off' } }));
    const text = 'Research shows that 60% of schools in low-income countries have no electricity.\n';
    const { uri } = open('a.md', text);
    assert.equal((await service.diagnostics(uri))!.findings.length, 0);
    workspace.setSettings({ rules: { 'uncited-claim': 'error' } });
    service.settingsChanged();
    const findings = (await service.diagnostics(uri))!.findings;
    assert.deepEqual(findings.map((f) => [f.ruleId, f.severity]), [['uncited-claim', 'error']]);
  });

  it('converts Zotero citations to the Hub form, one edit list; offers it as a rewrite on the citation', async () => {
    const draftText = fs.readFileSync(path.join(__dirname, '../fixtures/zotero/draft.md'), 'utf8');
    workspace.write(path.join(ROOT, 'hub-outputs.bib'), fs.readFileSync(path.join(__dirname, '../fixtures/zotero/hub-outputs.bib'), 'utf8'));
    const { uri } = open('draft.md', draftText);
    const conversion = (await service.convertCitations(uri, 'hub'))!;
    assert.ok(conversion.edits.length >= 6, `${conversion.edits.length} edits`);
    const edited = applyEdits(draftText, conversion.edits);
    assert.match(edited, /\[⇡Haßler, et al\., 2020\]\(https:\/\/docs\.edtechhub\.org\/lib\/IA9PL99D\)/);
    assert.ok(!edited.includes('⟦zg:2405685:IA9PL99D'), 'a tagged cite was left');
    assert.ok(conversion.unconverted.some((u) => u.text.includes('QQQQ7777')), 'the cite no library holds is listed, not dropped');
    const at = positionAfter(draftText, '⟦zg:2405685:IA9');
    const titles = (await service.codeActions(uri, { start: at, end: at }, [])).map((a) => `${a.kind}: ${a.title}`);
    assert.ok(titles.includes('refactor.rewrite: Convert to the Hub form (⇡Author, Year, linked)'), titles.join(' | '));
    assert.ok(titles.some((t) => /Convert all \d+ Zotero citations to a citation key/.test(t)), titles.join(' | '));
  });

  it('treats a Zotero tagged cite like a key: hover, definition, and its references include the other forms', async () => {
    const text = 'Radio reached more learners (⟦zg:2405685:IA9PL99D|Haßler, et al., 2020⟧).\n\nAs shown [@hassler2020] and [⇡Haßler et al., 2020](https://docs.edtechhub.org/lib/IA9PL99D).\n';
    const { uri } = open('draft.md', text);
    const at = positionAfter(text, '⟦zg:2405685:IA9P');
    assert.match((await service.hover(uri, at))!.markdown, /\*\*`hassler2020`\*\*/);
    const [location] = await service.definition(uri, at);
    assert.equal(HUB_BIB.split('\n')[location!.line - 1]!.trim(), '@techreport{hassler2020,');
    const references = await service.references(uri, at);
    assert.equal(references.length, 3, JSON.stringify(references.map((r) => r.range.start)));
  });

  it('inserts a reference list between markers, and refreshes it in place', async () => {
    const text = 'The strategy [@hennessy2021], and more [@vegas2020; @nokey2030].\n';
    const { uri, file } = open('a.md', text);
    const first = (await service.referenceList(uri))!;
    assert.equal(first.listed, 2);
    assert.deepEqual(first.unlisted.map((u) => u.text), ['nokey2030']);
    const once = applyEdits(text, [first.edit]);
    assert.match(once, /<!-- evidence-lint-references -->[\s\S]*Hennessy[\s\S]*<!-- \/evidence-lint-references -->/);
    workspace.open(file, `${once.replace('[@vegas2020; @nokey2030]', '[@vegas2020]')}`);
    const again = (await service.referenceList(uri))!;
    const twice = applyEdits(workspace.openDocument(uri)!.getText(), [again.edit]);
    assert.equal((twice.match(/<!-- evidence-lint-references -->/g) ?? []).length, 1, 'the list was added again instead of refreshed');
    assert.ok(!twice.includes('Vegas') || twice.indexOf('Vegas') > twice.indexOf('<!-- evidence-lint-references -->'));
  });

  it('hovers with the kind of evidence and the words the work shares with its sentence', async () => {
    const text = 'Poorer students were less likely to access remote learning during school closures [@vegas2020].\n';
    const { uri } = open('a.md', text);
    await service.diagnostics(uri); // the hover reads the sentence from the lint of this text
    const hover = (await service.hover(uri, positionAfter(text, '[@veg')))!;
    assert.match(hover.markdown, /\*\*`vegas2020`\*\* · [A-Z][^\n]*\d{4} \(\d+ years? old\)/);
    assert.match(hover.markdown, /\*Shares with the sentence:\* [^\n]*(school|closures|remote)/i);
  });

  it('never treats a bibliography file as a document', async () => {
    const { uri } = open('refs.bib', HUB_BIB, 'plaintext');
    assert.equal(await service.diagnostics(uri), undefined);
    assert.equal(await service.isEnabled(uriOf(BIB)), false);
  });
});
