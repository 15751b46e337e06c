#!/usr/bin/env node
// Stand-in for a VS Code executable, for @vscode/test-electron's runTests({ vscodeExecutablePath }).
// Accepts the arguments runTests passes (--extensionDevelopmentPath=, --extensionTestsPath=,
// --user-data-dir=, --extensions-dir=, [folder]), starts a fresh VS Code server (code-server's bundled
// server-main.js, VS Code 1.100.3) with the smoke-test driver enabled, opens its web workbench in headless
// Chromium with the test payload, and exits with the tests' exit code (0 pass, 1 fail, 2 setup error).
// Adapted from /work/shared/vscode-headless/{code-shim.sh,runtests.js}.
//
// Environment: SHIM_UNTRUSTED=1 (open the folder in Restricted Mode), EVIDENCE_CODE_SERVER_MAIN (server-main.js; default: .vscode-test/code-server/…),
// CHROMIUM_PATH (default /usr/bin/chromium), SHIM_TIMEOUT_MS (default 300000), SHIM_KEEP=1 keeps scratch.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { createRequire } from 'node:module';

const here = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(here, '..', '..');
const require = createRequire(path.join(projectRoot, 'package.json'));

const serverMain = process.env.EVIDENCE_CODE_SERVER_MAIN
  ?? path.join(projectRoot, '.vscode-test/code-server/node_modules/code-server/lib/vscode/out/server-main.js');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const timeoutMs = Number(process.env.SHIM_TIMEOUT_MS ?? 300_000);

const args = { dev: '', tests: '', userData: '', extensions: '', folder: '' };
for (const a of process.argv.slice(2)) {
  if (a.startsWith('--extensionDevelopmentPath=')) args.dev = a.slice(a.indexOf('=') + 1);
  else if (a.startsWith('--extensionTestsPath=')) args.tests = a.slice(a.indexOf('=') + 1);
  else if (a.startsWith('--user-data-dir=')) args.userData = a.slice(a.indexOf('=') + 1);
  else if (a.startsWith('--extensions-dir=')) args.extensions = a.slice(a.indexOf('=') + 1);
  else if (a.startsWith('--')) continue; // --no-sandbox, --disable-updates, ... mean nothing here
  else args.folder = a;
}
if (!args.dev || !args.tests) fail('code-shim: need --extensionDevelopmentPath and --extensionTestsPath');
if (!existsSync(serverMain)) fail(`code-shim: no VS Code server at ${serverMain}; run .ci/extension-setup.sh`);
if (!existsSync(chromiumPath)) fail(`code-shim: no Chromium at ${chromiumPath}; run .ci/extension-setup.sh`);

// A throwaway home for the server and the browser, so runs never share state.
const scratch = mkdtempSync(path.join(process.env.SHIM_WORK ?? tmpdir(), 'evidence-shim-'));
const userData = args.userData || path.join(scratch, 'user-data');
const extensionsDir = args.extensions || path.join(scratch, 'extensions');
const folder = args.folder || path.join(scratch, 'workspace');
const settings = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'workbench.startupEditor': 'none',
  'git.enabled': false,
  'security.workspace.trust.enabled': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
};
const serverData = path.join(scratch, 'server-data');
for (const dir of [path.join(userData, 'User'), path.join(serverData, 'data', 'Machine'), extensionsDir, folder]) mkdirSync(dir, { recursive: true });
// SHIM_UNTRUSTED=1: Workspace Trust on and never prompted, so the folder opens in Restricted Mode.
if (process.env.SHIM_UNTRUSTED === '1') {
  Object.assign(settings, { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'never' });
}
for (const file of [path.join(userData, 'User', 'settings.json'), path.join(serverData, 'data', 'Machine', 'settings.json')]) {
  // Written every run: a user-data folder reused by @vscode/test-electron must not keep the other mode's trust setting.
  writeFileSync(file, JSON.stringify(settings, null, 2));
}

const port = await freePort();
const serverLog = path.join(scratch, 'server.log');
const logFd = openSync(serverLog, 'a');
const env = { ...process.env, XDG_CONFIG_HOME: path.join(scratch, 'xdg-config'), XDG_DATA_HOME: path.join(scratch, 'xdg-data'), TMPDIR: scratch };
// detached = own process group, so the server and every helper it starts can be ended together.
const server = spawn(process.execPath, [serverMain, '--host', '127.0.0.1', '--port', String(port), '--without-connection-token',
  '--accept-server-license-terms', '--enable-smoke-test-driver', '--disable-telemetry', '--user-data-dir', userData,
  '--server-data-dir', serverData, '--extensions-dir', extensionsDir], { detached: true, stdio: ['ignore', logFd, logFd], env });
const stopServer = () => { try { process.kill(-server.pid, 'SIGTERM'); } catch { /* already gone */ } };
process.on('exit', stopServer);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => { stopServer(); process.exit(130); });

let code = 2;
try {
  await waitForServer(`http://127.0.0.1:${port}/`, 60_000);
  code = await runInBrowser(`http://127.0.0.1:${port}`);
} catch (error) {
  console.error(`code-shim: ${error?.stack ?? error}`);
  console.error(`code-shim: server log (${serverLog}):\n${readFileSync(serverLog, 'utf8').slice(-4000)}`);
}
stopServer();
if (!process.env.SHIM_KEEP) rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
process.exit(code);

async function runInBrowser(serverUrl) {
  const { chromium } = require('playwright-core');
  const host = new URL(serverUrl).host; // the remote authority as the web client sees it
  const remote = (p) => `vscode-remote://${host}${realpathSync(p)}`;
  const payload = [['extensionDevelopmentPath', remote(args.dev)], ['extensionTestsPath', remote(args.tests)],
    ['skipWelcome', 'true'], ['skipReleaseNotes', 'true']];
  const url = `${serverUrl}/?folder=${encodeURIComponent(realpathSync(folder))}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'] });
  try {
    const page = await browser.newPage();
    const exit = new Promise((resolve) => {
      setTimeout(() => resolve('timeout'), timeoutMs);
      void page.exposeFunction('codeAutomationLog', (type, logArgs) => console.log(format(...(Array.isArray(logArgs) ? logArgs : [logArgs]))));
      void page.exposeFunction('codeAutomationExit', (exitCode) => resolve(exitCode));
    });
    await page.goto(url);
    const result = await exit;
    if (result === 'timeout') console.error(`code-shim: tests did not finish within ${timeoutMs} ms`);
    return result === 0 ? 0 : 1;
  } finally {
    await browser.close();
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => { const { port: p } = s.address(); s.close(() => resolve(p)); });
    s.on('error', reject);
  });
}

async function waitForServer(url, limitMs) {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    try { if ((await fetch(url)).status < 500) return; } catch { /* not up yet */ }
    if (server.exitCode !== null) throw new Error(`VS Code server exited with code ${server.exitCode}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`VS Code server did not answer at ${url} within ${limitMs} ms`);
}

function fail(message) {
  console.error(message);
  process.exit(2);
}
