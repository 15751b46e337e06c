/**
 * The parts of citation-js's CSL plugin this area uses, typed (citation-js ships no declarations).
 * Kept in one place so a citation-js upgrade touches one file.
 */
import { once } from '../scheduling/once';

/** The citeproc-js engine, as far as it is used here. */
interface CiteprocEngine {
  updateItems(ids: string[]): string[];
  makeBibliography(): [{ bibstart: string; bibend: string }, string[]];
  registry: { registry: Record<string, { disambig: { year_suffix: number | false } } | undefined> };
}

interface CslPluginConfig {
  styles: { add(name: string, xml: string): void; has(name: string): boolean; get(name: string): string | undefined };
  /** A citeproc engine for these items, style and output format (citation-js caches one per style). */
  engine(data: object[], style: string, lang: string, format: string): CiteprocEngine;
}
interface CitationJsCore {
  plugins: {
    config: { get(plugin: string): CslPluginConfig };
    output: { format(name: 'bibliography', data: object[], options: { template: string; format: string; lang: string }): string };
  };
}

// Required on first use, not at load: citation-js and citeproc take ~0.2 s to load, and the extension
// host formats in a worker.
const core = once((): CitationJsCore => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require('@citation-js/core') as CitationJsCore;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('@citation-js/plugin-csl');
  return loaded;
});

export function hasStyle(name: string): boolean {
  return core().plugins.config.get('@csl').styles.has(name);
}

/** The CSL XML registered as `name` (a built-in style such as 'apa', or one registered here). */
export function styleXml(name: string): string | undefined {
  return core().plugins.config.get('@csl').styles.get(name);
}

export function registerStyle(name: string, xml: string): void {
  core().plugins.config.get('@csl').styles.add(name, xml);
}

/**
 * One bibliography entry rendered by citeproc-js. Throws what citeproc throws (bad style, bad item).
 * `yearSuffix` ('b') is the letter citeproc would give the entry beside its namesakes of the same
 * year (alone, it gives none): an author-date style then prints "(2016b)".
 */
export function renderBibliographyEntry(item: { readonly id: string }, template: string, format: 'text' | 'html', yearSuffix?: string): string {
  const engine = core().plugins.config.get('@csl').engine([item], template, 'en-US', format);
  engine.updateItems([item.id]);
  const registered = engine.registry.registry[item.id];
  if (registered && yearSuffix && /^[a-z]$/.test(yearSuffix)) registered.disambig.year_suffix = yearSuffix.charCodeAt(0) - 'a'.charCodeAt(0);
  const [{ bibstart, bibend }, entries] = engine.makeBibliography();
  return bibstart + entries.join('') + bibend;
}

/** A whole bibliography, sorted and disambiguated by the style (HTML: one `data-csl-entry-id` div per item). */
export function renderBibliography(items: readonly object[], template: string, format: 'text' | 'html'): string {
  return core().plugins.output.format('bibliography', [...items], { template, format, lang: 'en-US' });
}
