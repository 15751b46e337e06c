/**
 * Writes a parsed bibliography file and its search index as a pack (the format is in packedFile.ts).
 * Entries that are rows of an earlier pack (a re-parse after an edit, see composedColumns) are copied
 * from it as bytes, a run of rows at a time, instead of being encoded again.
 */
import type { EntryColumns, LoadedFile } from '../../types';
import { columnsOf } from '../index/entryColumns';
import { ComposedColumns } from './composedColumns';
import { PackBuilder, type EntryForms, type PackContents } from './packBuilder';

export function packFile(loaded: LoadedFile, contents: PackContents): Buffer {
  const columns = columnsOf(loaded);
  const builder = new PackBuilder(columns.size);
  if (columns instanceof ComposedColumns) {
    for (const part of columns.parts()) {
      if ('entry' in part) builder.add(part.entry, formsAt(columns, part.start));
      else builder.addRows(part.from, part.row, part.length, part.location ? { location: part.location } : { lineDelta: part.lineDelta });
    }
  } else {
    for (let i = 0; i < columns.size; i++) builder.add(columns.entryAt(i), formsAt(columns, i));
  }
  return builder.finish(loaded, contents);
}

/** The forms of row `i` as the columns have them (folded already, for rows an edit did not change). */
function formsAt(columns: EntryColumns, i: number): EntryForms {
  return { citedForms: columns.citedFormsAt(i), suggestName: columns.suggestNameAt(i), hubForms: columns.hubFormsAt(i) };
}
