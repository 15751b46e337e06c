/**
 * The `yaml` package, required on first use: it takes ~40 ms to load, and the extension host must be
 * ready in well under 100 ms; most sessions read YAML only once a document with front matter opens.
 */
import { once } from '../scheduling/once';

type Yaml = typeof import('yaml');

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const yaml = once(() => require('yaml') as Yaml);
