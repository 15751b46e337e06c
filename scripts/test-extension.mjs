// Runs the integration suite (test/extension/*.test.ts, mocha inside VS Code) against the built extension.
//
//   node scripts/test-extension.mjs            VS Code downloaded by @vscode/test-electron; if it cannot be
//                                              downloaded, falls back to the headless route below
//   EVIDENCE_HEADLESS=1 node scripts/...       headless: VS Code server (code-server 4.100.3, installed by
//                                              .ci/extension-setup.sh) + headless Chromium, through
//                                              scripts/vscode-headless/code-shim.mjs
//   VSCODE_VERSION=1.90.0 ...                  which VS Code to download (default: stable)
//   MOCHA_GREP=hover ...                       run only matching tests
//
// Each run bundles dist/extension.js and out/test/extension/*.js, copies test/extension/workspace/ to
// .vscode-test/workspace/ (tests may edit files there) and opens it as the workspace folder.
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'out', 'test', 'extension');
const workspace = path.join(root, '.vscode-test', 'workspace');
const shim = path.join(root, 'scripts', 'vscode-headless', 'code-shim.mjs');

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: 'inline', logLevel: 'warning', external: ['vscode'] };
await esbuild.build({ ...common, entryPoints: { extension: path.join(root, 'src/extension/activate.ts'), coreWorker: path.join(root, 'src/extension/coreWorker.ts') }, outdir: path.join(root, 'dist') });
rmSync(outDir, { recursive: true, force: true });
const testEntries = readdirSync(path.join(root, 'test/extension')).filter((f) => f.endsWith('.ts')).map((f) => path.join(root, 'test/extension', f));
// mocha stays external: the extension host loads it from node_modules (it needs its own files at run time).
await esbuild.build({ ...common, entryPoints: testEntries, outdir: outDir, external: ['vscode', 'mocha'] });

rmSync(workspace, { recursive: true, force: true });
cpSync(path.join(root, 'test/extension/workspace'), workspace, { recursive: true, mode: 0 });

const options = {
  extensionDevelopmentPath: root,
  extensionTestsPath: path.join(outDir, 'index.js'),
  launchArgs: [workspace, '--disable-extensions'],
  extensionTestsEnv: { EVIDENCE_TEST_WORKSPACE: workspace, MOCHA_GREP: process.env.MOCHA_GREP ?? '' },
};

async function headless() {
  if (!existsSync(path.join(root, '.vscode-test/code-server/node_modules/code-server/lib/vscode/out/server-main.js')) && !process.env.EVIDENCE_CODE_SERVER_MAIN) {
    console.error('Headless route needs code-server: run .ci/extension-setup.sh first.');
    process.exit(2);
  }
  console.log('Running the extension tests headless (VS Code server + Chromium).');
  return runTests({ ...options, vscodeExecutablePath: shim });
}

async function downloaded() {
  let vscodeExecutablePath;
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode({ version: process.env.VSCODE_VERSION ?? 'stable', timeout: 30_000 });
  } catch (error) {
    console.warn(`Could not download VS Code (${error?.message ?? error}); using the headless route.`);
    return headless();
  }
  return runTests({ ...options, vscodeExecutablePath });
}

try {
  const code = process.env.EVIDENCE_HEADLESS === '1' ? await headless() : await downloaded();
  process.exit(code);
} catch (error) {
  console.error(`Extension tests failed: ${error?.message ?? error}`);
  process.exit(1);
}
