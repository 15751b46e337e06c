/**
 * Writing a file so that a crash never leaves half of it: to a temp file beside it, then renamed over
 * it; a failure removes what it wrote. Used by the caches (bibliography slots, kept claim scores), whose
 * folder the bibliography cache sweeps of temp files a killed process left (TEMP_FILE).
 */
import { rename, rm, writeFile } from 'node:fs/promises';

/** Writes `chunks` one after another as a file's contents (as fs.promises.writeFile does). */
export type WriteChunks = (file: string, chunks: Iterable<Uint8Array>) => Promise<void>;

/** A temp file of writeAtomically: `<file>.<pid>.<ms>.tmp`. */
export const TEMP_FILE = /\.\d+\.\d+\.tmp$/;

export async function writeAtomically(file: string, chunks: readonly Uint8Array[], write: WriteChunks = writeFile): Promise<void> {
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await write(temp, chunks);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}
