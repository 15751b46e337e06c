/**
 * The search's indexes as the bibliography store packs them (see SearchIndexer in core/types): the
 * store is handed this by whoever makes it, so that a pack carries the index of its entries.
 */
import type { SearchIndexer } from '../types';
import { buildTokenIndex, concatTokenIndexes, remapTokenIndex, TokenIndexBuilder } from './buildTokenIndex';

export const searchIndexer: SearchIndexer = { build: buildTokenIndex, start: () => new TokenIndexBuilder(), remap: remapTokenIndex, concat: concatTokenIndexes };
