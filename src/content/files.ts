// Which entries of a folder listing are files to read. A symbolic link to a file counts as that
// file (it is only ever read); a link to a folder is never walked: it could lead outside, or loop.

import type { Dirent } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';

/** The files among directory entries (links to files included), as paths relative to `folder`. */
export async function filesAmong(folder: string, entries: readonly Dirent[]): Promise<string[]> {
  const files: string[] = [];
  for (const entry of entries) {
    const absolute = path.join(entry.parentPath, entry.name);
    if (entry.isFile() || (entry.isSymbolicLink() && (await isLinkToFile(absolute)))) {
      files.push(path.relative(folder, absolute).split(path.sep).join('/'));
    }
  }
  return files;
}

async function isLinkToFile(link: string): Promise<boolean> {
  try {
    return (await stat(link)).isFile();
  } catch {
    return false;
  }
}
