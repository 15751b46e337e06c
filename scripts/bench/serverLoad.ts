/**
 * The language server with a big library, as an editor meets it: the bundled server started with
 * `--stdio`, a document naming the library opened, and the time until the first completion lists the
 * library's entries (cold: no cache slot; warm: the slot a cold start wrote); then, once the server is
 * idle, its memory (RSS from the system, each thread's heap from the server). One run per process.
 * Usage (bench:load runs it): node --import tsx scripts/bench/serverLoad.ts LIBRARY CACHE_DIR
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildServer, ServerProcess } from '../../test/server/serverProcess';
import type { ServerLibraryState } from '../../src/server/protocol';

export interface ServerLoad {
  readonly firstCompletionMs: number;
  /** Of that: the library's load in the parsing worker, as the server logs it (read, parse, index, pack). */
  readonly loadMs: number | undefined;
  readonly entries: number;
  /** After the load, once idle (the worker's preparations done). */
  readonly rssMB: number;
  /** The most the process held at any time. */
  readonly peakRssMB: number;
  readonly memory: ServerLibraryState['memory'];
}

const IDLE_MS = 4000;

function statusMB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** `env`: added to the server's environment (VS Code's client adds SERVER_ENVIRONMENT; other editors, what their config says). */
export async function measureServerLoad(library: string, cacheDir: string, env?: Record<string, string>): Promise<ServerLoad> {
  await buildServer();
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-bench-server-'));
  const server = new ServerProcess({}, { env });
  try {
    await server.initialize(folder, { cacheDir });
    const text = `---\nbibliography: ${JSON.stringify(library)}\n---\n\nAs shown [@imbens`;
    const lines = text.split('\n');
    const started = performance.now();
    const uri = await server.open(path.join(folder, 'paper.md'), text);
    const list = await server.request<{ items: unknown[] }>('textDocument/completion', { textDocument: { uri }, position: { line: lines.length - 1, character: lines.at(-1)!.length } });
    const firstCompletionMs = performance.now() - started;
    if (!list.items.length) throw new Error('the first completion listed nothing from the library');
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    const state = await server.request<ServerLibraryState>('evidence/libraryState', {});
    if (process.env.BENCH_SERVER_LOG) for (const n of server.notifications) if (n.method === 'window/logMessage') process.stderr.write(`${(n.params as { message: string }).message}\n`);
    const pid = server.pid!;
    const entries = state.files.find((f) => f.file === library)?.entries ?? 0;
    const loaded = server.notifications
      .filter((n) => n.method === 'window/logMessage')
      .map((n) => /^Loaded \d+ entries.* in (\d+) ms/.exec((n.params as { message: string }).message))
      .find((m) => m !== null);
    return { firstCompletionMs, loadMs: loaded ? Number(loaded[1]) : undefined, entries, rssMB: statusMB(pid, 'VmRSS'), peakRssMB: statusMB(pid, 'VmHWM'), memory: state.memory };
  } finally {
    await server.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const [library, cacheDir] = process.argv.slice(2);
  measureServerLoad(path.resolve(library!), path.resolve(cacheDir!)).then(
    (m) => process.stdout.write(`${JSON.stringify(m)}\n`),
    (error: unknown) => {
      process.stderr.write(String(error instanceof Error ? error.stack : error));
      process.exit(1);
    },
  );
}
