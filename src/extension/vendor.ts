/**
 * Libraries the extension host needs only in its in-process fallback: citation-js and citeproc
 * (parsing and formatting run in the worker, which bundles them itself). They are bundled here, as
 * dist/vendor.js, rather than in dist/extension.js: loading the extension then does not parse ~1.4 MB
 * of code it rarely runs (scripts/build.mjs routes the extension bundle's require() of these names to
 * vendorModule). yaml stays in the extension bundle (required on first use there): front matter is read
 * in the host, and loading this file costs 60–100 ms.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const modules: Record<string, () => unknown> = {
  '@citation-js/core': () => require('@citation-js/core'),
  '@citation-js/plugin-csl': () => require('@citation-js/plugin-csl'),
  '@citation-js/plugin-bibtex/lib/input/file.js': () => require('@citation-js/plugin-bibtex/lib/input/file.js'),
  '@citation-js/plugin-bibtex/lib/input/entries.js': () => require('@citation-js/plugin-bibtex/lib/input/entries.js'),
  '@citation-js/plugin-bibtex/lib/config.js': () => require('@citation-js/plugin-bibtex/lib/config.js'),
  '@citation-js/plugin-ris/lib/ris.js': () => require('@citation-js/plugin-ris/lib/ris.js'),
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** The names the build routes here (scripts/build.mjs reads this list). */
export const VENDORED = Object.keys(modules);

export function vendorModule(name: string): unknown {
  const load = modules[name];
  if (!load) throw new Error(`${name} is not in dist/vendor.js`);
  return load();
}
