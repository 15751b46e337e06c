/**
 * A document with 10,000 citations on a 200,000-entry bibliography (four files of 50,000: a file may
 * hold at most 64 MiB): Evidence Writer never holds the extension host for more than 100 ms, and
 * nothing crashes, while the library is indexed, the document linted, its thousand unknown keys shown,
 * and the writer completes, hovers and types. Smaller (2,000 citations, 20,000 entries) unless
 * EVIDENCE_SLOW=1.
 *
 * The host runs other extensions on the same event loop: VS Code's own Markdown support tokenises a
 * document when it is opened or changed (markdown-it over the whole text: ~0.3 s at 220 KB here). So
 * the host is profiled while this runs, and busy stretches are put down to whoever's code is on the
 * stack: ours must stay under 100 ms; the host's longest stall of all is reported beside it.
 *
 * Data: the real 6,239-entry BibDesk library (test/fixtures/bibliography/big, CC0) replicated with
 * changed keys, a set of keys per file.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activate, closeAllEditors, completionsAt, evidenceDiagnostics, extensionRoot, hoverText, labelOf, loadedFile, openFile, waitFor, workspaceDir } from './helpers';
import { StallMonitor } from './stallMonitor';

const SLOW = process.env.EVIDENCE_SLOW === '1';
const FILES = SLOW ? 4 : 1;
const ENTRIES_PER_FILE = SLOW ? 50_000 : 20_000;
const CITATIONS = SLOW ? 10_000 : 2_000;
/** Every this-many-th citation names a key no file has. */
const UNKNOWN_EVERY = 10;
/** Longest Evidence Writer may hold the extension host's event loop (issue 17). */
const MAX_STALL_MS = 100;

interface CpuProfile {
  readonly nodes: readonly { readonly id: number; readonly callFrame: { readonly url: string; readonly functionName: string }; readonly children?: readonly number[] }[];
  readonly startTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Samples the extension host's CPU (node:inspector) every 0.5 ms until stopped. */
async function profileHost(): Promise<{ stop(): Promise<CpuProfile> }> {
  const inspector = await import('node:inspector');
  const session = new inspector.Session();
  session.connect();
  const post = <T>(method: string, params: object = {}): Promise<T> =>
    new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 500 });
  await post('Profiler.start');
  return {
    stop: async () => {
      const { profile } = await post<{ profile: CpuProfile }>('Profiler.stop');
      session.disconnect();
      return profile;
    },
  };
}

/** The longest stretch the host was busy with one owner's code, and what it was made of. */
interface BusyStretch {
  readonly ms: number;
  /** When it ended, in seconds from the start of the profile. */
  readonly at: number;
  /** Of its time: in frames of the owner's code, in garbage collection, in anything else (node internals, IPC). */
  readonly ownMs: number;
  readonly gcMs: number;
  /** The owner's functions that took longest in it. */
  readonly top: string;
}

/**
 * The longest stretch of the profile in which the host was busy with code `owns` (one of its frames
 * on the stack), through garbage collection and the reading and writing of IPC messages (our
 * server's among them); idle time, or a stack of someone else's code, ends a stretch. A stretch runs
 * from its first sample in the owner's code to its last: a collection or node's own work before the
 * owner's code starts or after it returns is not put down to it.
 */
function longestBusyWith(profile: CpuProfile, owns: (url: string) => boolean): BusyStretch {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  const kinds = new Map<number, 'owned' | 'neutral' | 'other'>();
  const kindOf = (id: number): 'owned' | 'neutral' | 'other' => {
    let kind = kinds.get(id);
    if (kind) return kind;
    let someoneElse = false;
    for (let at: number | undefined = id; at !== undefined && !kind; at = parentOf.get(at)) {
      const frame = byId.get(at)!.callFrame;
      if (frame.functionName === '(idle)') kind = 'other';
      else if (owns(frame.url)) kind = 'owned';
      else if (frame.url !== '' && !frame.url.startsWith('node:')) someoneElse = true;
    }
    kind ??= someoneElse ? 'other' : 'neutral';
    kinds.set(id, kind);
    return kind;
  };
  /** The innermost frame of the owner's code on a sample's stack. */
  const ownFrameOf = (id: number): string => {
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const frame = byId.get(at)!.callFrame;
      if (owns(frame.url)) return frame.functionName || '(anonymous)';
    }
    return '';
  };
  let best: BusyStretch = { ms: 0, at: 0, ownMs: 0, gcMs: 0, top: '' };
  /** The samples (index) of the stretch under way, from its first in the owner's code. */
  let first: number | undefined;
  const times: number[] = [];
  let t = profile.startTime;
  profile.samples.forEach((sample, i) => {
    t += profile.timeDeltas[i]!;
    times.push(t);
    const kind = kindOf(sample);
    if (kind === 'other') first = undefined;
    else if (kind === 'owned') {
      first ??= i;
      const ms = (t - times[first]!) / 1000;
      if (ms > best.ms) best = { ...makeUp(first, i), ms, at: (t - profile.startTime) / 1e6 };
    }
  });
  function makeUp(from: number, to: number): Omit<BusyStretch, 'ms' | 'at'> {
    let ownMs = 0;
    let gcMs = 0;
    const byFunction = new Map<string, number>();
    for (let i = from + 1; i <= to; i++) {
      const ms = profile.timeDeltas[i]! / 1000;
      const sample = profile.samples[i]!;
      if (kindOf(sample) === 'owned') {
        ownMs += ms;
        const name = ownFrameOf(sample);
        byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
      } else if (byId.get(sample)!.callFrame.functionName === '(garbage collector)') gcMs += ms;
    }
    const top = [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([name, ms]) => `${name} ${ms.toFixed(0)} ms`).join(', ');
    return { ownMs, gcMs, top };
  }
  return best;
}

function stretchText(stretch: BusyStretch): string {
  return `${stretch.ms.toFixed(0)} ms (ending at ${stretch.at.toFixed(1)} s; in its code ${stretch.ownMs.toFixed(0)} ms: ${stretch.top || '–'}; collecting garbage ${stretch.gcMs.toFixed(0)} ms)`;
}

/** The real library replicated to `size` entries, keys tagged with `tag`; returns the keys. */
function writeLibrary(file: string, size: number, tag: string): string[] {
  const chunks = fs.readFileSync(path.join(extensionRoot(), 'test/fixtures/bibliography/big/gsa_oes_matching_guide_big.bib'), 'utf8').split(/^(?=@)/m);
  const isData = (c: string): boolean => c.startsWith('@') && !/^@(string|comment|preamble)\b/i.test(c);
  const entries = chunks.filter(isData).map((c) => (c.endsWith('\n') ? c : `${c}\n`));
  const parts = [`% big document test ${Date.now()}\n`, ...chunks.filter((c) => !isData(c))];
  const keys: string[] = [];
  for (let i = 0; i < size; i++) {
    parts.push(
      entries[i % entries.length]!.replace(/^(@\w+\s*\{\s*)([^,\s]+)/, (_, head: string, key: string) => {
        const copy = `${key}${tag}${Math.floor(i / entries.length)}`;
        keys.push(copy);
        return `${head}${copy}`;
      }),
    );
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, parts.join(''));
  return keys;
}

describe(`a document with ${CITATIONS.toLocaleString('en')} citations on a ${(FILES * ENTRIES_PER_FILE).toLocaleString('en')}-entry bibliography`, function () {
  this.timeout(SLOW ? 1_800_000 : 600_000);
  const root = () => path.join(path.dirname(workspaceDir()), 'big-document');
  after(async () => {
    await closeAllEditors();
    fs.rmSync(root(), { recursive: true, force: true });
  });

  it(`never holds the extension host over ${MAX_STALL_MS} ms while it is indexed, linted, completed, hovered and typed in`, async () => {
    const api = await activate();
    const libraries = Array.from({ length: FILES }, (_, i) => path.join(root(), `library-${i}.bib`));
    const keys = libraries.flatMap((file, i) => writeLibrary(file, ENTRIES_PER_FILE, `f${i}c`));
    const plainKeys = keys.filter((k) => /^[A-Za-z][\w-]*$/.test(k)); // cited as they are, inside [@…]
    const sentences: string[] = [];
    for (let i = 0; i < CITATIONS; i++) {
      const key = i % UNKNOWN_EVERY === UNKNOWN_EVERY - 1 ? `nosuchkey${i}` : plainKeys[(i * 7919) % plainKeys.length]!;
      sentences.push(`Study ${i} reported that enrolment rose by ${i % 40}% in the districts it covered [@${key}].`);
    }
    const paragraphs: string[] = [];
    for (let i = 0; i < sentences.length; i += 10) paragraphs.push(sentences.slice(i, i + 10).join(' '));
    const documentFile = path.join(root(), 'report.md');
    fs.writeFileSync(documentFile, `---\nbibliography: ${JSON.stringify(libraries)}\n---\n\n# Findings\n\n${paragraphs.join('\n\n')}\n\nThe end.\n`);
    const unknown = Math.floor(CITATIONS / UNKNOWN_EVERY);
    // VS Code's Markdown support activates with the first Markdown document (its bundle, its own
    // language server: ~0.5 s of the host): done before measuring.
    await vscode.extensions.getExtension('vscode.markdown-language-features')?.activate();
    await openFile(path.join(workspaceDir(), 'brief.md'));
    await new Promise((resolve) => setTimeout(resolve, 1000));

    const ourBundle = vscode.Uri.file(path.join(extensionRoot(), 'dist', 'extension.js')).toString();
    const profiler = await profileHost();
    const monitor = new StallMonitor();
    const started = performance.now();
    const steps: string[] = [];
    const step = (what: string): void => void steps.push(`${what} at ${((performance.now() - started) / 1000).toFixed(1)} s`);
    try {
      const editor = await openFile(documentFile);
      const uri = editor.document.uri;
      await waitFor(
        `${unknown} unknown-key diagnostics`,
        async () => evidenceDiagnostics(uri, 'unknown-key').length === unknown && (await Promise.all(libraries.map((f) => loadedFile(api, f)))).every((f) => f?.entries === ENTRIES_PER_FILE),
        SLOW ? 1_500_000 : 240_000,
      ).catch(async (error: unknown) => {
        const files = await Promise.all(libraries.map((f) => loadedFile(api, f)));
        throw new Error(`${String(error)}: ${evidenceDiagnostics(uri, 'unknown-key').length} unknown-key, ${evidenceDiagnostics(uri).length} in all; entries ${JSON.stringify(files.map((f) => f?.entries))}`);
      });
      step(`indexed and linted (${evidenceDiagnostics(uri).length} diagnostics)`);
      const end = editor.document.positionAt(editor.document.getText().lastIndexOf('The end') + 'The end'.length);
      const prefix = plainKeys[plainKeys.length - 1]!.slice(0, 5);
      await editor.edit((edit) => edit.insert(end, ` [@${prefix}`));
      const at = end.translate(0, prefix.length + 3);
      const offered = (await completionsAt(editor.document, at, '@')).filter((item) => item.kind === vscode.CompletionItemKind.Reference).map(labelOf);
      assert.ok(offered.length > 0 && offered.length <= 100, `a short list of completions, got ${offered.length}`);
      step('completed');
      const citation = editor.document.positionAt(editor.document.getText().indexOf('[@') + 3);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, citation);
      assert.ok(hoverText(hovers).length > 0, 'a hover on a citation');
      step('hovered');
      // Typed key by key, each edit linting the whole document again in the server.
      editor.selection = new vscode.Selection(at, at);
      for (const ch of 'zz, and a claim [@nosuchkeyatall].') await vscode.commands.executeCommand('type', { text: ch });
      await waitFor('the typed unknown key reported', () => evidenceDiagnostics(uri, 'unknown-key').some((d) => d.message.includes('nosuchkeyatall')), 120_000);
      step('typed');
      const state = await api.server.libraryState();
      assert.equal(state.files.filter((f) => libraries.includes(f.file)).reduce((n, f) => n + f.entries, 0), FILES * ENTRIES_PER_FILE, 'the server is up, with the whole library');
      const mb = (bytes: number | undefined): string => ((bytes ?? 0) / 2 ** 20).toFixed(0);
      const threads = [`its thread's heap ${mb(state.memory.mainHeapUsed)} of ${mb(state.memory.mainHeap)}`, ...state.memory.workers.map((w) => `${w.name} worker ${w.busy ? 'busy' : `${mb(w.heapUsed)} of ${mb(w.heap)}`}`)];
      step(`RSS: language server ${mb(state.rssBytes)} MB (${threads.join(', ')}, buffers ${mb(state.memory.arrayBuffers)}), extension host ${mb(process.memoryUsage().rss)} MB`);
    } finally {
      monitor.stop();
    }
    const profile = await profiler.stop();
    const ours = longestBusyWith(profile, (url) => url === ourBundle);
    const others = longestBusyWith(profile, (url) => url !== '' && !url.startsWith('node:') && url !== ourBundle);
    // eslint-disable-next-line no-console
    console.log(
      `      ${steps.join('; ')}; the host's longest stall ${monitor.longest.toFixed(0)} ms (at ${(monitor.longestEndedAt / 1000).toFixed(1)} s; ${monitor.over50} over 50 ms); ` +
        `longest busy with Evidence Writer ${stretchText(ours)}, with other code (VS Code's Markdown support…) ${stretchText(others)}`,
    );
    assert.ok(ours.ms <= MAX_STALL_MS, `Evidence Writer held the extension host for ${stretchText(ours)}`);
  });
});
