// Bundles the extension (for VS Code's extension host) and the evidence-lint CLI with esbuild.
import * as esbuild from 'esbuild';

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

// Libraries the extension host requires only on first use: bundled apart in dist/vendor.js (see
// src/extension/vendor.ts), so that loading the extension does not parse them. Kept in step with it.
const VENDORED = [
  '@citation-js/core',
  '@citation-js/plugin-csl',
  '@citation-js/plugin-bibtex/lib/input/file.js',
  '@citation-js/plugin-bibtex/lib/input/entries.js',
  '@citation-js/plugin-bibtex/lib/config.js',
  '@citation-js/plugin-ris/lib/ris.js',
  'yaml',
];

/** In the extension bundle, `require(name)` of a vendored library becomes a call into dist/vendor.js. */
const vendorSplit = {
  name: 'vendor-split',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      if (args.namespace === 'vendored' && args.path === './vendor.js') return { path: './vendor.js', external: true };
      if (args.kind === 'require-call' && VENDORED.includes(args.path)) return { path: args.path, namespace: 'vendored' };
      return undefined;
    });
    build.onLoad({ filter: /.*/, namespace: 'vendored' }, (args) => ({
      contents: `module.exports = require('./vendor.js').vendorModule(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
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

if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
