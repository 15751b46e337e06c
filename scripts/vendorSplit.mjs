// Libraries the extension host needs only in its in-process fallback: bundled apart in dist/vendor.js (see
// src/extension/vendor.ts), so that loading the extension does not parse them. Kept in step with it.
const VENDORED = [
  '@citation-js/core',
  '@citation-js/plugin-csl',
  '@citation-js/plugin-bibtex/lib/input/file.js',
  '@citation-js/plugin-bibtex/lib/input/entries.js',
  '@citation-js/plugin-bibtex/lib/config.js',
  '@citation-js/plugin-ris/lib/ris.js',
];

/** In the extension bundle, `require(name)` of a vendored library becomes a call into dist/vendor.js. */
export const vendorSplit = {
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
