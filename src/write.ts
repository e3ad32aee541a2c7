// The only module that touches the output folder. A build writes the site into a temporary folder
// beside it and swaps it in whole, so a failed or interrupted build leaves the previous site as it
// was, and files of deleted stories disappear. Files the output folder already holds with the same
// bytes are hard-linked from it instead of being written again. The dev loop instead syncs its own
// folder in place, writing only the files whose bytes changed.

import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { copyFileSync, linkSync, mkdirSync } from 'node:fs';
import { copyFile, link, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from './config.js';
import { GazetteError } from './errors.js';

/**
 * A file of the site. Its key names its bytes: two files with the same key have the same bytes.
 * A file without contents is one the output folder already holds under that key.
 */
export type OutputFile = { path: string; contents: string; key?: string } | KeptFile;

export interface KeptFile {
  /** Path inside the output folder, with `/` separators. */
  path: string;
  key: string;
  contents?: undefined;
}

export interface CopiedFile {
  from: string;
  path: string;
  /** The key of the file's bytes, when the caller has read them. */
  key?: string;
}

/** What the output folder holds: the key of each file, by path. */
export type OutputState = Map<string, string>;

/** A kept file that is no longer in the output folder (someone removed it): build it again. */
export class KeptFileMissing extends Error {
  constructor(readonly sitePath: string) {
    super(`${sitePath} is no longer in the output folder`);
  }
}

/** Marks a folder as Gazette's own, so that it may be replaced on the next build. */
export const OUTPUT_MARKER = '.gazette-output';

type Folders = Pick<Config, 'root' | 'outDir' | 'contentDir' | 'templatesDir' | 'staticDir'>;

/** A new site being written beside the current one, swapped in whole by commit(). */
export interface Staging {
  /**
   * Add a file (a kept file is linked from the current site). Resolves when the writer has room
   * for more, so a caller that awaits each file holds only a few files' text at a time.
   */
  add(file: OutputFile): Promise<void>;
  copy(copy: CopiedFile): Promise<void>;
  /** Swap the new site in; resolves with its identity (see outputIdentity). */
  commit(): Promise<string>;
  /** Delete the new site; the current one stays as it is. */
  abort(): Promise<void>;
}

const IN_FLIGHT = 32;

export async function openStaging(folders: Folders): Promise<Staging> {
  const outDir = path.resolve(folders.outDir);
  await checkOutputFolder(folders);
  const parent = path.dirname(outDir);
  const name = path.basename(outDir);
  const staging = path.join(parent, `.${name}.tmp-${process.pid}`);
  const made = new Set<string>([staging]);
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;

  const folderFor = (sitePath: string) => {
    const target = inside(staging, sitePath);
    const folder = path.dirname(target);
    if (!made.has(folder)) {
      // Folders come mostly in order, so the parent usually exists and one call makes one folder.
      try {
        mkdirSync(folder);
      } catch {
        mkdirSync(folder, { recursive: true });
      }
      made.add(folder);
    }
    return target;
  };
  const start = async (operation: () => Promise<void>) => {
    if (failure !== undefined) throw failure;
    const running: Promise<void> = operation().catch((error: unknown) => {
      failure ??= error;
    }).finally(() => inFlight.delete(running));
    inFlight.add(running);
    if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
  };
  const settle = async () => {
    await Promise.all(inFlight);
    if (failure !== undefined) throw failure;
  };
  const abort = async () => {
    await Promise.allSettled(inFlight);
    await rm(staging, { recursive: true, force: true });
  };

  try {
    await removeLeftovers(parent, name);
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging, { recursive: true });
  } catch (error) {
    throw outputFailed(error, folders, outDir);
  }

  return {
    async add(file) {
      try {
        const target = folderFor(file.path);
        // Linking is a metadata change, done fastest right away.
        if (file.contents === undefined) keep(inside(outDir, file.path), target, file.path);
        else await start(() => writeFile(target, file.contents));
      } catch (error) {
        failure ??= error;
        throw outputFailed(error, folders, outDir);
      }
    },
    async copy(copy) {
      try {
        const target = folderFor(copy.path);
        await start(() => copyFile(copy.from, target));
      } catch (error) {
        failure ??= error;
        throw outputFailed(error, folders, outDir);
      }
    },
    async commit() {
      const retired = path.join(parent, `.${name}.old-${process.pid}-${randomUUID().slice(0, 8)}`);
      try {
        await settle();
        await writeFile(path.join(staging, OUTPUT_MARKER), 'Written by Gazette: this folder is replaced whole on every build.\n');
        const hadSite = await exists(outDir);
        if (hadSite) await rename(outDir, retired);
        await rename(staging, outDir);
        if (hadSite) removeInBackground(retired);
        return (await outputIdentity(outDir)) ?? '';
      } catch (error) {
        await abort();
        throw outputFailed(error, folders, outDir);
      }
    },
    abort,
  };
}

/** Write a whole site into a fresh folder and swap it in; resolves with the new site's identity. */
export async function writeSite(folders: Folders, files: readonly OutputFile[], copies: readonly CopiedFile[]): Promise<string> {
  const staging = await openStaging(folders);
  try {
    for (const file of files) await staging.add(file);
    for (const copy of copies) await staging.copy(copy);
  } catch (error) {
    await staging.abort();
    throw error;
  }
  return staging.commit();
}

/** A failure to write becomes a problem naming the file and the likely cause. */
function outputFailed(error: unknown, folders: Folders, outDir: string): unknown {
  if (error instanceof GazetteError || error instanceof KeptFileMissing) return error;
  const cause = error as NodeJS.ErrnoException;
  return new GazetteError({
    code: 'output-failed', file: path.relative(folders.root, cause.path ?? outDir) || outDir,
    message: `cannot write the site: ${cause.code ?? cause.message}`,
    hint: cause.code === 'ENOSPC' ? 'the disk is full' : cause.code === 'EACCES' || cause.code === 'EPERM' ? 'the output folder is not writable' : undefined,
    cause,
  });
}

/**
 * Deleting a site of thousands of files takes the disk a second or more, and nobody waits for it:
 * the replaced site is deleted by a process of its own, and a next build deletes what is left.
 */
function removeInBackground(folder: string): void {
  const [command, args] = process.platform === 'win32'
    ? [process.execPath, ['-e', `require('node:fs').rmSync(${JSON.stringify(folder)}, { recursive: true, force: true })`]]
    : ['rm', ['-rf', folder]];
  try {
    spawn(command, args, { detached: true, stdio: 'ignore' }).on('error', () => undefined).unref();
  } catch {
    // A folder left behind is deleted by the next build.
  }
}

/** Folders of earlier builds that were killed (staging) or whose old site is not yet deleted. */
async function removeLeftovers(parent: string, name: string): Promise<void> {
  const pattern = new RegExp(`^\\.${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(tmp|old)-(\\d+)(-[0-9a-f]+)?$`);
  for (const entry of await readdir(parent)) {
    const match = pattern.exec(entry);
    if (!match) continue;
    // A replaced site may go at any time; a staging folder only once its build is gone.
    if (match[1] === 'tmp' && (Number(match[2]) === process.pid || isRunning(Number(match[2])))) continue;
    removeInBackground(path.join(parent, entry));
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A file the old site holds with the right bytes goes into the new one as a hard link (or a copy). */
function keep(from: string, to: string, sitePath: string): void {
  try {
    linkSync(from, to);
  } catch {
    try {
      copyFileSync(from, to);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new KeptFileMissing(sitePath);
      throw error;
    }
  }
}

/**
 * Names the output folder as the last build left it: its marker file, written anew by every build.
 * A later build may trust what it recorded about the folder only while this is unchanged.
 */
export async function outputIdentity(outDir: string): Promise<string | undefined> {
  try {
    const marker = await stat(path.join(outDir, OUTPUT_MARKER), { bigint: true });
    return `${marker.dev}:${marker.ino}:${marker.mtimeNs}`;
  } catch {
    return undefined;
  }
}

export interface SyncReport {
  state: OutputState;
  written: string[];
  removed: string[];
}

/**
 * Bring a folder written by an earlier writeSite or syncSite up to date in place: write the files
 * whose keys changed, remove the files no longer produced. Used by the dev loop only.
 */
export async function syncSite(folders: Folders, files: readonly OutputFile[], copies: readonly CopiedFile[], previous: OutputState): Promise<SyncReport> {
  await checkOutputFolder(folders);
  const outDir = path.resolve(folders.outDir);
  const state = await outputStateOf(files, copies);
  const changed = [...files, ...copies].filter((file) => previous.get(file.path) !== state.get(file.path));
  await makeFolders(outDir, changed.map((file) => inside(outDir, file.path)));
  await inParallel(changed, async (file) => {
    if ('from' in file) return copyFile(file.from, inside(outDir, file.path));
    if (file.contents === undefined) throw new KeptFileMissing(file.path);
    return writeFile(inside(outDir, file.path), file.contents);
  });
  const removed = [...previous.keys()].filter((sitePath) => !state.has(sitePath)).sort();
  await inParallel(removed, (sitePath) => rm(inside(outDir, sitePath), { force: true }));
  return { state, written: changed.map((file) => file.path), removed };
}

/** The keys of a site's files (static files are read to hash them when their key is not given). */
export async function outputStateOf(files: readonly OutputFile[], copies: readonly CopiedFile[]): Promise<OutputState> {
  const state: OutputState = new Map();
  for (const file of files) state.set(file.path, file.contents === undefined ? file.key : (file.key ?? keyOfBytes(file.contents)));
  for (const copy of copies) state.set(copy.path, copy.key ?? keyOfBytes(await readFile(copy.from)));
  return state;
}

export function keyOfBytes(bytes: string | Buffer): string {
  return createHash('sha1').update(bytes).digest('base64');
}

/** Create the folders of these files, each once. */
async function makeFolders(root: string, files: readonly string[]): Promise<void> {
  const folders = [...new Set(files.map((file) => path.dirname(file)))].filter((folder) => folder !== root).sort();
  // Sorted, a folder comes right after its parent, so most calls create one level.
  for (const folder of folders) await mkdir(folder, { recursive: true });
}

/**
 * File operations run a few at a time: the disk is faster with several requests in flight. After a
 * failure no new one starts, and the first error is thrown once those in flight have ended.
 */
async function inParallel<T>(items: readonly T[], operation: (item: T) => Promise<unknown>, width = 16): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < items.length && !failed) {
      try {
        await operation(items[next++] as T);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const outcomes = await Promise.allSettled(Array.from({ length: Math.min(width, items.length) }, worker));
  const failure = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failure) throw failure.reason;
}

/** Resolve a site path inside the output folder; anything that would land outside is refused. */
function inside(folder: string, sitePath: string): string {
  const target = path.resolve(folder, sitePath);
  if (!target.startsWith(folder + path.sep)) {
    throw new GazetteError({ code: 'output-unsafe', file: sitePath, message: 'would be written outside the output folder' });
  }
  return target;
}

async function checkOutputFolder(folders: Folders): Promise<void> {
  const out = path.resolve(folders.outDir);
  const refuse = (message: string, hint: string) => {
    throw new GazetteError({ code: 'output-unsafe', file: path.relative(folders.root, out) || out, field: 'output', message, hint });
  };
  const guarded: [string, string][] = [
    ['the project folder', folders.root],
    ['the content folder', folders.contentDir],
    ['the templates folder', folders.templatesDir],
    ['the static folder', folders.staticDir],
  ];
  for (const [name, folder] of guarded) {
    const resolved = path.resolve(folder);
    if (contains(out, resolved)) refuse(`the output folder is ${name} or contains it`, 'choose a separate folder such as dist/');
    if (name !== 'the project folder' && contains(resolved, out)) refuse(`the output folder is inside ${name}`, 'choose a separate folder such as dist/');
  }
  if (!(await exists(out))) return;
  const entries = await readdir(out);
  if (entries.length > 0 && !entries.includes(OUTPUT_MARKER)) {
    refuse('the output folder already holds files that Gazette did not write', `Gazette replaces its output whole; empty the folder or choose another (it marks its own with ${OUTPUT_MARKER})`);
  }
}

function contains(parent: string, child: string): boolean {
  const relation = path.relative(parent, child);
  return relation === '' || (!relation.startsWith('..') && !path.isAbsolute(relation));
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
