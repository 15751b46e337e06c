/**
 * The language server as a client sees it: the server bundled as the build bundles it (dist/server.js +
 * dist/worker.js, here into out/server-test/), started with `--stdio`, spoken to over JSON-RPC.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

const ROOT = path.join(__dirname, '..', '..');
export const SERVER_OUT = path.join(ROOT, 'out', 'server-test');
export const SERVER_JS = path.join(SERVER_OUT, 'server.js');
/** The server with its parsing worker cut short mid-load (see test/server/faults/workerKillingServer.ts). */
export const WORKER_KILLING_SERVER_JS = path.join(SERVER_OUT, 'worker-killing-server.js');

let built: Promise<void> | undefined;

/** Bundles the server and its worker once per test run (as scripts/build.mjs does). */
export function buildServer(): Promise<void> {
  built ??= esbuild
    .build({
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      logLevel: 'warning',
      outdir: SERVER_OUT,
      entryPoints: {
        server: path.join(ROOT, 'src/server/main.ts'),
        worker: path.join(ROOT, 'src/server/worker.ts'),
        stretchWorker: path.join(ROOT, 'src/server/stretchWorker.ts'),
        'worker-killing-server': path.join(ROOT, 'test/server/faults/workerKillingServer.ts'),
      },
    })
    // The claim model's word vectors sit beside the bundles, as scripts/build.mjs puts them in dist/.
    .then(() => fs.copyFileSync(path.join(ROOT, 'src/core/claims/model/word-vectors.json'), path.join(SERVER_OUT, 'word-vectors.json')));
  return built;
}

export interface Published {
  readonly uri: string;
  readonly diagnostics: readonly { readonly code?: string | number; readonly message: string; readonly range: { start: { line: number; character: number } } }[];
}

export class ServerProcess {
  readonly connection: MessageConnection;
  readonly published = new Map<string, Published>();
  readonly notifications: { method: string; params: unknown }[] = [];
  private readonly process: ChildProcess;

  /** `script`: another build of the server (a fault injected); `env`: added to its environment. */
  constructor(settings: Record<string, unknown> = {}, options: { script?: string; env?: Record<string, string> } = {}) {
    this.process = spawn(process.execPath, [options.script ?? SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ...options.env } });
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: Published) => {
      this.published.set(p.uri, p);
    });
    this.connection.onNotification((method, params) => {
      this.notifications.push({ method, params });
    });
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => settings));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.listen();
  }

  /** The server's process id (to read its memory from the system). */
  get pid(): number | undefined {
    return this.process.pid;
  }

  async initialize(folder: string, initializationOptions: Record<string, unknown> = {}): Promise<{ capabilities: Record<string, unknown> }> {
    const uri = pathToFileURL(folder).href;
    const result = await this.connection.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: path.basename(folder) }],
      capabilities: { workspace: { configuration: true }, textDocument: { completion: { completionItem: { insertReplaceSupport: true } } } },
      initializationOptions,
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  async open(file: string, text: string, languageId = 'markdown'): Promise<string> {
    const uri = pathToFileURL(file).href;
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  /** Waits until `probe` holds (the server works asynchronously). */
  async until<T>(what: string, probe: () => T | undefined | false, limitMs = 20_000): Promise<T> {
    const deadline = Date.now() + limitMs;
    for (;;) {
      const value = probe();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      /* already gone */
    }
    this.connection.dispose();
    this.process.kill();
  }
}
