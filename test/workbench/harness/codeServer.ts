/**
 * A fresh VS Code server (code-server's bundled server-main.js, VS Code 1.100.3, installed by
 * .ci/extension-setup.sh) in its own process group and a throwaway home, so runs never share state
 * and every helper process it starts ends with it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..', '..');
const SERVER_MAIN = process.env.EVIDENCE_CODE_SERVER_MAIN
  ?? path.join(ROOT, '.vscode-test/code-server/node_modules/code-server/lib/vscode/out/server-main.js');

/** User settings: nothing phones home or pops up, and nothing is saved unless the test saves it. */
const USER_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'git.enabled': false,
  'security.workspace.trust.enabled': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  // VS Code for the Web saves after a delay by default; a test's typing must stay in the editor.
  'files.autoSave': 'off',
};

export interface CodeServer {
  /** http://127.0.0.1:port */
  readonly url: string;
  /** The remote authority the web client uses in vscode-remote:// URIs. */
  readonly authority: string;
  /** The last part of the server's log (for error messages). */
  logTail(): string;
  /** Ends the server's whole process group and removes its home. */
  stop(): Promise<void>;
}

/** `settings` go on top of the defaults above (e.g. a colour theme). */
export async function startCodeServer(settings: Readonly<Record<string, unknown>> = {}): Promise<CodeServer> {
  if (!existsSync(SERVER_MAIN)) {
    throw new Error(`No VS Code server at ${SERVER_MAIN}: run bash .ci/extension-setup.sh (or set EVIDENCE_CODE_SERVER_MAIN).`);
  }
  const home = mkdtempSync(path.join(tmpdir(), 'evidence-workbench-'));
  const userData = path.join(home, 'user-data');
  const serverData = path.join(home, 'server-data');
  const extensions = path.join(home, 'extensions');
  for (const dir of [path.join(userData, 'User'), path.join(serverData, 'data', 'Machine'), extensions]) mkdirSync(dir, { recursive: true });
  for (const file of [path.join(userData, 'User', 'settings.json'), path.join(serverData, 'data', 'Machine', 'settings.json')]) {
    writeFileSync(file, JSON.stringify({ ...USER_SETTINGS, ...settings }, null, 2));
  }
  const port = await freePort();
  const log = path.join(home, 'server.log');
  const logFd = openSync(log, 'a');
  // --enable-smoke-test-driver: the workbench honours the URL payload (extensionDevelopmentPath) only with it.
  // detached: setsid, so the server and every helper it starts form one process group we can end.
  const child = spawn(process.execPath, [SERVER_MAIN, '--host', '127.0.0.1', '--port', String(port), '--without-connection-token',
    '--accept-server-license-terms', '--enable-smoke-test-driver', '--disable-telemetry', '--user-data-dir', userData,
    '--server-data-dir', serverData, '--extensions-dir', extensions], {
    detached: true,
    stdio: ['ignore', logFd, logFd],
    env: { ...process.env, XDG_CONFIG_HOME: path.join(home, 'xdg-config'), XDG_DATA_HOME: path.join(home, 'xdg-data'), TMPDIR: home },
  });
  // If this process ends without stop() (a crash, Ctrl+C), the group still ends and its home goes.
  const killGroup = (): void => {
    signalGroup(child, 'SIGKILL');
    rmSync(home, { recursive: true, force: true, maxRetries: 3 });
  };
  process.once('exit', killGroup);
  const logTail = (): string => (existsSync(log) ? readFileSync(log, 'utf8').slice(-3000) : '');
  const stop = async (): Promise<void> => {
    signalGroup(child, 'SIGTERM');
    if (!(await exited(child, 5_000))) signalGroup(child, 'SIGKILL');
    process.removeListener('exit', killGroup);
    rmSync(home, { recursive: true, force: true, maxRetries: 3 });
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(url, child, 60_000);
  } catch (error) {
    const tail = logTail();
    await stop();
    throw new Error(`${(error as Error).message}\nserver log:\n${tail}`);
  }
  return { url, authority: `127.0.0.1:${port}`, logTail, stop };
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // the group is gone already
  }
}

function exited(child: ChildProcess, limitMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), limitMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
    probe.on('error', reject);
  });
}

async function waitForHttp(url: string, child: ChildProcess, limitMs: number): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the VS Code server exited with code ${child.exitCode}`);
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the VS Code server did not answer at ${url} within ${limitMs / 1000} s`);
}
