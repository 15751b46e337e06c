/**
 * File-system failures in plain words, so every message a user can cause ("no such file", "is a
 * folder") reads the same in the CLI, the extension and the bibliography loader. Node's own messages
 * ("ENOENT: no such file or directory, stat '/a/b'") repeat the path and speak in errno codes.
 */
import { statSync } from 'node:fs';

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  ENOTDIR: 'no such file (a part of the path is not a folder)',
  EISDIR: 'it is a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'too many symbolic links (a link loop?)',
  ENAMETOOLONG: 'the path is too long',
  EMFILE: 'too many open files; try again',
  EBUSY: 'the file is busy (locked by another program?)',
};

/** Why a file operation failed, in a few plain words (without the path: callers name it). */
export function fileErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && REASONS[code]) return REASONS[code];
  const message = error instanceof Error ? error.message : String(error);
  // "EIO: i/o error, read" → "i/o error"
  return message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '').replace(/, \w+$/, '');
}

/**
 * Why `file` cannot be read as a file, or undefined when it is a readable regular file.
 * Synchronous on purpose: used for up-front argument checks, never on an editor's hot path.
 */
export function unreadableFileReason(file: string): string | undefined {
  try {
    if (statSync(file).isDirectory()) return REASONS.EISDIR;
    if (!statSync(file).isFile()) return 'it is not a regular file';
    return undefined;
  } catch (error) {
    return fileErrorReason(error);
  }
}
