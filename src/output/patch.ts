// A site patched in place: the files a build wrote are moved into the output folder one rename at a
// time, and the files no longer built removed, under a journal the next build finishes if this one
// is killed.

import { existsSync, mkdirSync, renameSync, rmdirSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { inParallel } from '../in-parallel.js';
import { OUTPUT_MARKER } from '../urls/paths.js';
import { KeptFileMissing } from './files.js';
import { inside } from './folders.js';
import { MARKER_TEXT } from './marker.js';

/**
 * At most this many files written or removed are patched into the current site in place (each by a
 * rename); a build that changes more writes a whole new site and swaps it in.
 */
export const PATCHED_FILES_MOST = 2_000;

/** What a build patching the current site is doing, kept beside it while it does, for the next build to finish if this one is killed. */
export interface PatchJournal {
  /** The name of the folder beside the output that holds the files written, under their site paths. */
  staged: string;
  written: readonly string[];
  removed: readonly string[];
}

/**
 * Move the staged files into the output folder and remove the files no longer built. Safe to run
 * again after an interruption. The output folder's marker is replaced first: from then on no build
 * trusts what it recorded about the folder (see outputIdentity).
 */
export async function applyPatch(outDir: string, staged: string, written: readonly string[], removed: readonly string[]): Promise<void> {
  await writeFile(path.join(staged, OUTPUT_MARKER), MARKER_TEXT);
  await rename(path.join(staged, OUTPUT_MARKER), path.join(outDir, OUTPUT_MARKER));
  await removeFiles(outDir, removed);
  const made = new Set<string>([outDir]);
  for (const file of written) {
    const target = inside(outDir, file);
    const folder = path.dirname(target);
    try {
      if (!made.has(folder)) mkdirSync(folder, { recursive: true });
      made.add(folder);
      renameSync(inside(staged, file), target);
    } catch (error) {
      // Moved already, by the build this one finishes.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !existsSync(inside(staged, file))) continue;
      // A file of the current site where the new one has a folder, or the reverse: write every file instead.
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR' || code === 'EISDIR' || code === 'EEXIST' || code === 'ENOTEMPTY') throw new KeptFileMissing(file);
      throw error;
    }
  }
}

/** Remove these files from a site, and the folders they leave empty. */
async function removeFiles(site: string, files: readonly string[]): Promise<void> {
  await inParallel(files, (file) => rm(inside(site, file), { force: true }));
  const folders = [
    ...new Set(
      files.flatMap((file) => {
        const parents: string[] = [];
        for (let end = file.lastIndexOf('/'); end > 0; end = file.lastIndexOf('/', end - 1)) parents.push(file.slice(0, end));
        return parents;
      }),
    ),
  ].sort((a, b) => b.length - a.length);
  for (const folder of folders) {
    try {
      rmdirSync(inside(site, folder));
    } catch {
      // not empty: it holds files of the new site
    }
  }
}
