// The dev loop's folder, kept in sync in place: only the files whose keys changed are written, and
// the files no longer built removed.

import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { inParallel } from '../in-parallel.js';
import { type CopiedFile, KeptFileMissing, type OutputFile, type OutputState, outputStateOf } from './files.js';
import { checkOutputFolder, type Folders, inside } from './folders.js';

export interface SyncReport {
  state: OutputState;
  written: string[];
  removed: string[];
}

/**
 * Bring a folder written by an earlier build (through openStaging) or syncSite up to date in place: write the files
 * whose keys changed, remove the files no longer produced. Used by the dev loop only.
 */
export async function syncSite(folders: Folders, files: readonly OutputFile[], copies: readonly CopiedFile[], previous: OutputState): Promise<SyncReport> {
  await checkOutputFolder(folders);
  const outDir = path.resolve(folders.outDir);
  const state = await outputStateOf(files, copies);
  const changed = [...files, ...copies].filter((file) => previous.get(file.path) !== state.get(file.path));
  await writeInPlace(outDir, changed);
  const removed = [...previous.keys()].filter((sitePath) => !state.has(sitePath)).sort();
  await inParallel(removed, (sitePath) => rm(inside(outDir, sitePath), { force: true }));
  return { state, written: changed.map((file) => file.path), removed };
}

/** Write a few files into a site kept in sync (see syncSite), leaving every other file as it is. */
export async function syncFiles(folders: Folders, files: readonly OutputFile[], previous: OutputState): Promise<SyncReport> {
  await checkOutputFolder(folders);
  const state = new Map(previous);
  for (const [sitePath, key] of await outputStateOf(files, [])) state.set(sitePath, key);
  const changed = files.filter((file) => previous.get(file.path) !== state.get(file.path));
  await writeInPlace(path.resolve(folders.outDir), changed);
  return { state, written: changed.map((file) => file.path), removed: [] };
}

async function writeInPlace(outDir: string, files: readonly (OutputFile | CopiedFile)[]): Promise<void> {
  await makeFolders(
    outDir,
    files.map((file) => inside(outDir, file.path)),
  );
  await inParallel(files, async (file) => {
    if ('from' in file) return copyFile(file.from, inside(outDir, file.path));
    if (file.contents === undefined) throw new KeptFileMissing(file.path);
    return writeFile(inside(outDir, file.path), file.contents);
  });
}

/** Create the folders of these files, each once. */
async function makeFolders(root: string, files: readonly string[]): Promise<void> {
  const folders = [...new Set(files.map((file) => path.dirname(file)))].filter((folder) => folder !== root).sort();
  // Sorted, a folder comes right after its parent, so most calls create one level.
  for (const folder of folders) await mkdir(folder, { recursive: true });
}
