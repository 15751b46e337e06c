/**
 * The `yaml` package, required on first use: it takes ~40 ms to load, and the extension host must be
 * ready in well under 100 ms; most sessions read YAML only once a document with front matter opens.
 */
type Yaml = typeof import('yaml');

let loaded: Yaml | undefined;

export function yaml(): Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('yaml') as Yaml;
  return loaded;
}
