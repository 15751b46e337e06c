// Renders a CSL style file as the TypeScript module that bundles it (see media/csl/SOURCE.md).
module.exports = function render(xml) {
  return [
    '// GENERATED from media/csl/edtechhub-apa.csl by src/core/format/styles/render.cjs: do not edit by hand.',
    '// "EdTech Hub Evidence Library - APA" (edtechhub/kerko-docs.edtechhub.org), licence CC BY-SA 3.0.',
    '// Inlined as a string so it works both in the esbuild bundle (dist/) and from the TypeScript sources.',
    `export const EDTECHHUB_APA_CSL = ${JSON.stringify(xml)};`,
    '',
  ].join('\n');
};
