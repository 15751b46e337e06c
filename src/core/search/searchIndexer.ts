/**
 * The search's indexes as the bibliography store packs them (see SearchIndexer in core/types): the
 * store is handed this by whoever makes it, so that a pack carries the index of its entries.
 */
import type { SearchIndexer } from '../types';
import { TokenIndex } from './tokenIndex';

export const searchIndexer: SearchIndexer = {
  build: (entries) => new TokenIndex(entries).toParts(),
  remap: (previous, oldToNew, added) => TokenIndex.remapped(previous, oldToNew, added).toParts(),
};
