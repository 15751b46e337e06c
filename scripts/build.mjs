// Bundles with esbuild: the VS Code client (dist/extension.js), the language server and its worker
// (dist/server.js, dist/worker.js) and the evidence-lint CLI (dist/cli.js).
//   node scripts/build.mjs [--production] [--watch] [--sourcemap=inline]
// The claim model's word vectors are read on first use from beside the bundles (src/core/claims/wordVectors.ts).
import { copyFileSync, mkdirSync } from 'node:fs';
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const inlineMaps = process.argv.includes('--sourcemap=inline');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: inlineMaps ? 'inline' : !production,
  minify: production,
  logLevel: 'info',
  external: ['vscode'],
  outdir: 'dist',
};

export const builds = [
  {
    ...common,
    entryPoints: { extension: 'src/extension/activate.ts' },
    // When the bundle started loading, so that activation can log "bundle load → ready".
    banner: { js: 'globalThis.__evidenceWriterLoadStart ??= performance.now();' },
  },
  { ...common, entryPoints: { server: 'src/server/main.ts', cli: 'src/cli/main.ts' }, banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: { worker: 'src/server/worker.ts', stretchWorker: 'src/server/stretchWorker.ts' } },
];

// The claim model's word vectors are read at first use from beside the bundle (src/core/claims/wordVectors.ts).
mkdirSync('dist', { recursive: true });
copyFileSync('src/core/claims/model/word-vectors.json', 'dist/word-vectors.json');

if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
