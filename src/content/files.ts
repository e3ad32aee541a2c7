// Which files below a folder are there to read. A symbolic link to a file counts as that file (it
// is only ever read); a link to a folder is never walked: it could lead outside, or loop. A folder
// that cannot be listed is an error naming it, never a folder silently left out.

import { type Dirent, readdirSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { GazetteError } from '../errors.js';

/**
 * Files below `folder`, relative, with `/`, sorted; undefined when there is no such folder. Folders
 * and files whose name `skip` gives are left out. A link that leads nowhere (or round in a loop) is
 * listed as a file, for its reader to report; named pipes and devices are not. Listed synchronously:
 * thousands of folders are listed faster so than through the thread pool.
 */
export function listFolder(folder: string, root: string, skip: (name: string) => boolean = () => false): string[] | undefined {
  const files: string[] = [];
  const walk = (absolute: string, relative: string): boolean => {
    let entries: Dirent[];
    try {
      entries = readdirSync(absolute, { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Gone since its parent was listed (a checkout, a rename): nothing in it to read.
      if (code === 'ENOENT' || code === 'ENOTDIR') return false;
      throw new GazetteError({
        code: 'content-unreadable',
        file: path.relative(root, absolute).split(path.sep).join('/') || '.',
        message: `cannot read the folder: ${unreadable(error)}`,
        hint: 'let the user who builds the site read it, or move it out',
        cause: error,
      });
    }
    for (const entry of entries) {
      if (skip(entry.name)) continue;
      const name = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(path.join(absolute, entry.name), name);
      else if (entry.isFile() || (entry.isSymbolicLink() && linksToFileOrNothing(path.join(absolute, entry.name)))) files.push(name);
    }
    return true;
  };
  if (!walk(folder, '')) return undefined;
  return files.sort();
}

function linksToFileOrNothing(link: string): boolean {
  try {
    return statSync(link).isFile();
  } catch {
    return true;
  }
}

/** Why a file or folder cannot be read, in words. */
export function unreadable(error: unknown): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'it is not there (a symbolic link that leads nowhere, or removed meanwhile)';
    case 'ELOOP':
      return 'a loop of symbolic links';
    default:
      return (error as Error).message;
  }
}

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
