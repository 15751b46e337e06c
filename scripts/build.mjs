// Bundles the extension (for VS Code's extension host) and the evidence-lint CLI with esbuild.
import { copyFileSync, mkdirSync } from 'node:fs';
import * as esbuild from 'esbuild';
import { vendorSplit } from './vendorSplit.mjs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
  // citation-js pulls optional network helpers we never call at run time.
  external: ['vscode'],
};

const builds = [
  {
    ...common,
    entryPoints: { extension: 'src/extension/activate.ts' },
    outdir: 'dist',
    plugins: [vendorSplit],
    // When the bundle started loading, so that activation can log "bundle load → ready" (activate.ts).
    banner: { js: 'globalThis.__evidenceWriterLoadStart ??= performance.now();' },
  },
  { ...common, entryPoints: { coreWorker: 'src/extension/coreWorker.ts', vendor: 'src/extension/vendor.ts' }, outdir: 'dist' },
  { ...common, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
];

// The claim model's word vectors are read at first use from beside the bundle (src/core/claims/wordVectors.ts).
mkdirSync('dist', { recursive: true });
copyFileSync('src/core/claims/model/word-vectors.json', 'dist/word-vectors.json');

if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
