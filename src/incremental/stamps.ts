// A file's stamp as the up-to-date record keeps it: size, time and, when the time cannot be
// trusted, a hash of its contents.

import { type Dirent, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { keyOf } from '../keys.js';

/** A file (or folder) as a build found it: its size, modification time and inode as one line, and a hash of its bytes when racy. */
export interface Stamp {
  text: string;
  hash?: string;
}

/**
 * Files below a folder (links to files included; links to folders are not walked, as the build
 * does not walk them), and the folders below it that cannot be listed, with a separator at their
 * end; none when it is missing. Read synchronously: thousands of folders are listed faster so than
 * through the thread pool.
 */
export function listFiles(folder: string, found: string[] = []): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') found.push(`${folder}${path.sep}`);
    return found;
  }
  for (const entry of entries) {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) listFiles(file, found);
    else if (entry.isFile() || entry.isSymbolicLink()) found.push(file);
  }
  return found;
}

/**
 * A file with no stamp: a link that leads nowhere or round in a loop, or a file that cannot be
 * looked at, which the build reports; recorded, so that one added is a change. A link to a folder,
 * or a file gone since it was listed, has none.
 */
export function failedStamp(file: string): Stamp | undefined {
  try {
    statSync(file);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' && !isLink(file) ? undefined : { text: `unreadable ${code}\n` };
  }
}

export function isLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/** A file modified at or after `racySince` is also hashed. */
export function stampOf(file: string, kind: 'file' | 'folder', racySince = Number.POSITIVE_INFINITY): Stamp | undefined {
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
  if (stats === undefined || (kind === 'folder' ? !stats.isDirectory() : !stats.isFile())) return undefined;
  // An input's change time too: a file made unreadable (chmod) keeps its modification time.
  const text = `${stats.size} ${stats.mtimeMs} ${stats.ino}${kind === 'file' ? ` ${stats.ctimeMs}` : ''}\n`;
  return stats.mtimeMs >= racySince ? { text, hash: hashOf(file) } : { text };
}

export function hashOf(file: string): string {
  try {
    return keyOf(readFileSync(file));
  } catch {
    return '';
  }
}
