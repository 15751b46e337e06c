import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CORE, cycles, folderGraph, importGraph, sourceFiles } from './coreSources';

/**
 * Data flows one way through the core (files → store → index → search | claims | lint → features):
 * no folder imports a folder that imports it back, and no file takes part in an import cycle.
 * Type-only imports count: they tie the layers together as much as any other.
 */
describe('core: no import cycles', () => {
  const texts = new Map(sourceFiles().map((file) => [file, fs.readFileSync(path.join(CORE, file), 'utf8')]));
  const graph = importGraph(texts);

  it('finds the cycles of a graph, printed as paths (checked on samples)', () => {
    const sample = new Map([
      ['a/x.ts', "import { y } from '../b/y';\nimport type { T } from './t';"],
      ['a/t.ts', 'export type T = number;'],
      ['b/y.ts', "export const y = () => import('../c/z');"],
      ['c/z.ts', "import { x } from '../a/x';"],
      ['d/one.ts', "export * from './two';"],
      ['d/two.ts', "const one = require('./one');"],
      ['d/sub/three.ts', "import { two } from '../two';"],
    ]);
    const files = importGraph(sample);
    assert.deepEqual(cycles(files), ['a/x.ts → b/y.ts → c/z.ts → a/x.ts', 'd/one.ts → d/two.ts → d/one.ts']);
    // Folders: a → b → c → a; d and its subfolder d/sub are one folder's business.
    assert.deepEqual(cycles(folderGraph(files)), ['a → b → c → a']);
    assert.deepEqual(cycles(new Map([['p', ['q']], ['q', []]])), []);
  });

  it('between the folders of src/core (at every depth: search ↛ bibliography/store, store ↛ index ↛ store…)', () => {
    assert.ok(graph.size > 50, 'the core was read');
    assert.deepEqual(cycles(folderGraph(graph)), [], 'folder import cycles');
  });

  it('between the files of src/core', () => {
    assert.deepEqual(cycles(graph), [], 'file import cycles');
  });

  it('the search does not import the bibliography store (it reads the files the store makes)', () => {
    const intoStore = [...graph].flatMap(([file, targets]) => (file.startsWith('search/') ? targets.filter((t) => t.startsWith('bibliography/store/')).map((t) => `${file} → ${t}`) : []));
    assert.deepEqual(intoStore, []);
  });
});
