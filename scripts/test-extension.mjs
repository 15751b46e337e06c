// Runs the integration suite (test/extension/*.test.ts, mocha inside VS Code) against the built extension.
//
//   node scripts/test-extension.mjs            VS Code downloaded by @vscode/test-electron; if it cannot be
//                                              downloaded, falls back to the headless route below
//   EVIDENCE_HEADLESS=1 node scripts/...       headless: VS Code server (code-server 4.100.3, installed by
//                                              .ci/extension-setup.sh) + headless Chromium, through
//                                              scripts/vscode-headless/code-shim.mjs
//   VSCODE_VERSION=1.90.0 ...                  which VS Code to download (default: stable)
//   MOCHA_GREP=hover ...                       run only matching tests
//   EVIDENCE_PASS=restricted ...               run one pass only (trusted | restricted)
//   EVIDENCE_SLOW=1 ...                        the biggest cases (a 200,000-entry library, 10,000 citations)
//
// Each pass bundles its tests into out/test/<pass>/, copies its workspace fixture and the shared
// fixtures it uses (the Hub bibliography) into .vscode-test/ (tests may edit files there) and opens it
// as the workspace folder.
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const workspace = path.join(root, '.vscode-test', 'workspace');
const shim = path.join(root, 'scripts', 'vscode-headless', 'code-shim.mjs');

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: 'inline', logLevel: 'warning', external: ['vscode'] };
// The extension, server and worker as the build makes them, with inline source maps.
execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--sourcemap=inline'], { cwd: root, stdio: 'inherit' });

/**
 * Two sessions: the main suite in a trusted workspace, then test/extension/restricted/ with the folder
 * opened in Restricted Mode (Workspace Trust on, never prompted) and a bibliography just outside it.
 */
/** Shared fixtures each workspace gets beside its own files (kept once, in test/fixtures/). */
const hubBib = path.join(root, 'test/fixtures/hub/hub-outputs.bib');
const passes = [
  { name: 'trusted', tests: path.join(root, 'test/extension'), fixture: path.join(root, 'test/extension/workspace'), shared: [hubBib], workspace, untrusted: false },
  { name: 'restricted', tests: path.join(root, 'test/extension/restricted'), fixture: path.join(root, 'test/extension/restricted/workspace'), shared: [hubBib], workspace: path.join(root, '.vscode-test/restricted/workspace'), untrusted: true },
];

async function prepare(pass) {
  const out = path.join(root, 'out', 'test', pass.name);
  rmSync(out, { recursive: true, force: true });
  // Flat output (name → file), so index.js finds every *.test.js next to it.
  const entries = Object.fromEntries(readdirSync(pass.tests).filter((f) => f.endsWith('.ts')).map((f) => [f.replace(/\.ts$/, ''), path.join(pass.tests, f)]));
  entries.index ??= path.join(root, 'test/extension/index.ts');
  // mocha stays external: the extension host loads it from node_modules (it needs its own files at run time).
  await esbuild.build({ ...common, entryPoints: entries, outdir: out, external: ['vscode', 'mocha'] });
  rmSync(pass.workspace, { recursive: true, force: true });
  cpSync(pass.fixture, pass.workspace, { recursive: true, mode: 0 });
  for (const file of pass.shared) cpSync(file, path.join(pass.workspace, path.basename(file)));
  if (pass.untrusted) cpSync(path.join(pass.tests, 'outside.bib'), path.join(path.dirname(pass.workspace), 'outside.bib'));
  // A user-data folder per pass, its settings saying whether Workspace Trust is on (the real VS Code
  // reads them; the headless shim writes the same from SHIM_UNTRUSTED).
  const userData = path.join(root, '.vscode-test', `user-data-${pass.name}`);
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  const trust = pass.untrusted
    ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'never' }
    : { 'security.workspace.trust.enabled': false };
  writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(trust, null, 2));
  return {
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(out, 'index.js'),
    launchArgs: [pass.workspace, '--disable-extensions', `--user-data-dir=${userData}`],
    extensionTestsEnv: { EVIDENCE_TEST_WORKSPACE: pass.workspace, MOCHA_GREP: process.env.MOCHA_GREP ?? '', SHIM_UNTRUSTED: pass.untrusted ? '1' : '', EVIDENCE_SLOW: process.env.EVIDENCE_SLOW ?? '' },
  };
}

async function headless(options) {
  if (!existsSync(path.join(root, '.vscode-test/code-server/node_modules/code-server/lib/vscode/out/server-main.js')) && !process.env.EVIDENCE_CODE_SERVER_MAIN) {
    console.error('Headless route needs code-server: run .ci/extension-setup.sh first.');
    process.exit(2);
  }
  console.log('Running the extension tests headless (VS Code server + Chromium).');
  return runTests({ ...options, vscodeExecutablePath: shim });
}

async function downloaded(options) {
  let vscodeExecutablePath;
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode({ version: process.env.VSCODE_VERSION ?? 'stable', timeout: 30_000 });
  } catch (error) {
    console.warn(`Could not download VS Code (${error?.message ?? error}); using the headless route.`);
    return headless(options);
  }
  return runTests({ ...options, vscodeExecutablePath });
}

try {
  let failed = 0;
  for (const pass of passes) {
    if (process.env.EVIDENCE_PASS && process.env.EVIDENCE_PASS !== pass.name) continue;
    console.log(`\n=== ${pass.name} workspace ===`);
    process.env.SHIM_UNTRUSTED = pass.untrusted ? '1' : '';
    const options = await prepare(pass);
    try {
      const code = process.env.EVIDENCE_HEADLESS === '1' ? await headless(options) : await downloaded(options);
      if (code !== 0) failed++;
    } catch (error) {
      // runTests rejects when the tests fail; go on to the next pass and fail at the end.
      console.error(`${pass.name} pass failed: ${error?.message ?? error}`);
      failed++;
    }
  }
  process.exit(failed ? 1 : 0);
} catch (error) {
  console.error(`Extension tests failed: ${error?.message ?? error}`);
  process.exit(1);
}
