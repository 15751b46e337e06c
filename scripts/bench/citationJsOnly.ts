/**
 * The baseline for the cold-parse rows of bench:load: the parser as it was before the fast CSL path
 * (src/core/bibliography/formats/bibtex/fastCsl.ts), i.e. citation-js maps every entry. The same code
 * runs; only the fast path is replaced, before the parser is loaded, by one that declines every entry,
 * which is exactly what the parser then hands to citation-js. For the bench's child processes only.
 */
export function mapEverythingWithCitationJs(): void {
  const modulePath = require.resolve('../../src/core/bibliography/formats/bibtex/fastCsl');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fastCsl = require(modulePath) as typeof import('../../src/core/bibliography/formats/bibtex/fastCsl');
  const cached = require.cache[modulePath];
  if (!cached) throw new Error('the fast CSL module was not loaded through require');
  if (require.cache[require.resolve('../../src/core/bibliography/formats/bibtex/parseBibtex')]) throw new Error('the parser is loaded already: too late to replace the fast path');
  cached.exports = { ...fastCsl, fastBibtexToCsl: () => fastCsl.DECLINED };
}
