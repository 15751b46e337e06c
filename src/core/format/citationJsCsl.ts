/**
 * The parts of citation-js's CSL plugin this area uses, typed (citation-js ships no declarations).
 * Kept in one place so a citation-js upgrade touches one file.
 */
import { once } from '../scheduling/once';

interface CslPluginConfig {
  styles: { add(name: string, xml: string): void; has(name: string): boolean };
}
interface CitationJsCore {
  plugins: {
    config: { get(plugin: string): CslPluginConfig };
    output: { format(name: 'bibliography', data: object[], options: Record<string, unknown>): string };
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

export function registerStyle(name: string, xml: string): void {
  core().plugins.config.get('@csl').styles.add(name, xml);
}

/** One bibliography entry rendered by citeproc-js. Throws what citeproc throws (bad style, bad item). */
export function renderBibliographyEntry(item: object, template: string, format: 'text' | 'html'): string {
  return renderBibliography([item], template, format);
}

/** A whole bibliography, sorted and disambiguated by the style (HTML: one `data-csl-entry-id` div per item). */
export function renderBibliography(items: readonly object[], template: string, format: 'text' | 'html'): string {
  return core().plugins.output.format('bibliography', [...items], { template, format, lang: 'en-US' });
}
