// The only module that touches the output folder. A build writes the site into a temporary folder
// beside it and swaps it in whole, so a failed or interrupted build leaves the previous site as it
// was, and files of deleted stories disappear; what a killed build left beside it is cleared by the
// next one. Files the output folder already holds with the same bytes are hard-linked from it
// instead of being written again (all at once, by a copy of the whole site made of links, when the
// folder is known to be exactly as the last build left it). The dev loop instead syncs its own
// folder in place, writing only the files whose bytes changed.

import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { copyFileSync, linkSync, mkdirSync, rmdirSync, rmSync } from 'node:fs';
import { copyFile, lstat, mkdir, readdir, readFile, realpath, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from './config.js';
import { GazetteError } from './errors.js';

/**
 * A file of the site. Its key names its bytes: two files with the same key have the same bytes.
 * A file without contents is one the output folder already holds under that key.
 */
export type OutputFile = TextFile | { path: string; contents: Uint8Array; key?: string } | KeptFile;

export interface TextFile {
  path: string;
  contents: string;
  key?: string;
}

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
  /**
   * Swap the new site in; resolves with its identity (see outputIdentity). An abort of the build's
   * signal before the swap throws its reason; once the swap has begun (two renames) it is finished.
   */
  commit(): Promise<string>;
  /** Delete the new site; the current one stays as it is. */
  abort(): Promise<void>;
}

const IN_FLIGHT = 32;

/**
 * A copy of the current site made of hard links, started early by a process of its own (GNU
 * `cp -al`, on Linux) so that it is made while the build renders: the new site is then that copy
 * with the changed files replaced and the others removed, instead of thousands of links made one by
 * one. Only for a site known to hold exactly what the last build recorded (see up-to-date.ts).
 */
export interface SiteClone {
  /** Whether the copy was made; a failed one is removed and the site is written file by file. */
  made: Promise<boolean>;
  /** Stop making the copy and remove it (the build failed, or will write most files anew). */
  cancel(): Promise<void>;
  readonly cancelled: boolean;
}

export function cloneSite(folders: Folders): SiteClone | undefined {
  if (process.platform !== 'linux') return undefined;
  const outDir = path.resolve(folders.outDir);
  const staging = besideOutput(outDir, 'tmp', process.pid);
  let child: ReturnType<typeof spawn> | undefined;
  const made = new Promise<boolean>((resolve) => {
    try {
      rmSync(staging, { recursive: true, force: true });
      child = spawn('cp', ['-al', '--no-target-directory', outDir, staging], { stdio: 'ignore' });
      child.on('error', () => resolve(false)).on('exit', (code) => resolve(code === 0));
    } catch {
      resolve(false);
    }
  });
  let cancelled = false;
  return {
    made,
    get cancelled() {
      return cancelled;
    },
    async cancel() {
      cancelled = true;
      child?.kill();
      await made;
      await discard(staging);
    },
  };
}

/** A new site to write; `from` is a copy of the current one, which holds `state`. */
export async function openStaging(folders: Folders, signal?: AbortSignal, from?: { clone: SiteClone; state: OutputState }): Promise<Staging> {
  const outDir = path.resolve(folders.outDir);
  await checkOutputFolder(folders);
  const staging = besideOutput(outDir, 'tmp', process.pid);
  const made = new Set<string>([staging]);
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  // With a copy of the site, a file is written in place of its link (never through it: the link is
  // the current site's file), and the files no build added are removed before the swap.
  const copied = from !== undefined && !from.clone.cancelled && (await from.clone.made) ? from.state : undefined;
  const cloned = copied !== undefined;
  // The copy has the current site's folders already.
  for (const file of copied?.keys() ?? []) made.add(path.dirname(inside(staging, file)));
  const produced = new Set<string>();
  const replace = async (target: string, write: () => Promise<void>) => {
    if (!cloned) return write();
    try {
      await unlink(target).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
      await write();
    } catch (error) {
      // A file of the current site where the new one has a folder, or the reverse: write every file instead.
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR' || code === 'EISDIR' || code === 'EEXIST' || code === 'EPERM') throw new KeptFileMissing(path.relative(staging, target));
      throw error;
    }
  };

  const folderFor = (sitePath: string) => {
    const target = inside(staging, sitePath);
    const folder = path.dirname(target);
    if (!made.has(folder)) {
      // Folders come mostly in order, so the parent usually exists and one call makes one folder.
      try {
        mkdirSync(folder);
      } catch {
        try {
          mkdirSync(folder, { recursive: true });
        } catch (error) {
          // In a copy of the site, a file of the current site where the new one has a folder: write every file instead.
          if (cloned) throw new KeptFileMissing(sitePath);
          throw error;
        }
      }
      made.add(folder);
    }
    return target;
  };
  const start = async (operation: () => Promise<void>) => {
    if (failure !== undefined) throw failure;
    signal?.throwIfAborted();
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
    // A temporary folder that cannot be removed is cleared by the next build.
    await discard(staging);
  };

  try {
    await clearInterruptedWrites(outDir, cloned ? staging : undefined);
    signal?.throwIfAborted();
    if (!cloned) {
      await rm(staging, { recursive: true, force: true });
      await mkdir(staging, { recursive: true });
    }
  } catch (error) {
    if (signal?.aborted && error === signal.reason) throw error;
    throw outputFailed(error, folders.root, outDir, staging);
  }

  return {
    async add(file) {
      try {
        produced.add(file.path);
        if (cloned && file.contents === undefined) return;
        const target = folderFor(file.path);
        // Linking is a metadata change, done fastest right away.
        if (file.contents === undefined) keep(inside(outDir, file.path), target, file.path);
        else await start(() => replace(target, () => writeFile(target, file.contents)));
      } catch (error) {
        failure ??= error;
        if (signal?.aborted && error === signal.reason) throw error;
        throw outputFailed(error, folders.root, outDir, staging);
      }
    },
    async copy(copy) {
      try {
        produced.add(copy.path);
        const target = folderFor(copy.path);
        await start(() => replace(target, () => copyFile(copy.from, target)));
      } catch (error) {
        failure ??= error;
        if (signal?.aborted && error === signal.reason) throw error;
        throw outputFailed(error, folders.root, outDir, staging);
      }
    },
    async commit() {
      const retired = besideOutput(outDir, 'old', process.pid);
      try {
        await settle();
        if (copied) await removeUnproduced(staging, [...copied.keys()].filter((file) => !produced.has(file)));
        await replace(path.join(staging, OUTPUT_MARKER), () => writeFile(path.join(staging, OUTPUT_MARKER), 'Written by Gazette: this folder is replaced whole on every build.\n'));
        signal?.throwIfAborted();
      } catch (error) {
        await abort();
        if (signal?.aborted && error === signal.reason) throw error;
        throw outputFailed(error, folders.root, outDir, staging);
      }
      try {
        const hadSite = await exists(outDir);
        if (hadSite) await rename(outDir, retired);
        await rename(staging, outDir);
        if (hadSite) await discard(retired);
        return (await outputIdentity(outDir)) ?? '';
      } catch (error) {
        await abort();
        throw outputFailed(error, folders.root, outDir, staging);
      }
    },
    abort,
  };
}

/** Remove from a copy of the site the files the new one does not have, and the folders they leave empty. */
async function removeUnproduced(staging: string, files: readonly string[]): Promise<void> {
  await inParallel(files, (file) => rm(inside(staging, file), { force: true }));
  const folders = [...new Set(files.flatMap((file) => {
    const parents: string[] = [];
    for (let end = file.lastIndexOf('/'); end > 0; end = file.lastIndexOf('/', end - 1)) parents.push(file.slice(0, end));
    return parents;
  }))].sort((a, b) => b.length - a.length);
  for (const folder of folders) {
    try {
      rmdirSync(inside(staging, folder));
    } catch {
      // not empty: it holds files of the new site
    }
  }
}

/** A failure to write, named by the output path it was for (a file in the temporary folder is named as in dist/). */
function outputFailed(error: unknown, root: string, outDir: string, staging?: string): unknown {
  if (error instanceof GazetteError || error instanceof KeptFileMissing) return error;
  const cause = error as NodeJS.ErrnoException;
  const failed = staging && cause.path && contains(staging, cause.path) ? path.join(outDir, path.relative(staging, cause.path)) : cause.path ?? outDir;
  return new GazetteError({
    code: 'output-failed', file: path.relative(root, failed) || failed,
    message: `cannot write the site: ${cause.code ?? cause.message}`,
    hint: cause.code === 'ENOSPC' ? 'the disk is full' : cause.code === 'EACCES' || cause.code === 'EPERM' || cause.code === 'EROFS' ? 'the output folder is not writable' : undefined,
    cause,
  });
}

/**
 * `.dist.tmp-1234` (being written), `.dist.old-1234` (being replaced) and `.dist.trash-1234-…`
 * (replaced, being deleted), beside `dist`.
 */
function besideOutput(outDir: string, kind: 'tmp' | 'old' | 'trash', pid: number): string {
  const suffix = kind === 'trash' ? `-${randomUUID().slice(0, 8)}` : '';
  return path.join(path.dirname(outDir), `.${path.basename(outDir)}.${kind}-${pid}${suffix}`);
}

/**
 * A build killed while writing leaves its temporary folder beside the output, and one killed between
 * the two renames of the swap leaves no output folder at all, only the previous site under its
 * `.old` name. Put that site back, and clear what builds that no longer run left behind.
 */
async function clearInterruptedWrites(outDir: string, ownCopy?: string): Promise<void> {
  const parent = path.dirname(outDir);
  const pattern = new RegExp(`^\\.${escapeRegExp(path.basename(outDir))}\\.(tmp|old|trash)-(\\d+)(-[0-9a-f]+)?$`);
  const names = await readdir(parent).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const leftovers = names
    .map((name) => ({ name, match: pattern.exec(name) }))
    .filter(({ name, match }) => match && path.join(parent, name) !== ownCopy && (match[1] === 'trash' || !isRunning(Number(match[2]))))
    .map(({ name, match }) => ({ folder: path.join(parent, name), kind: match?.[1] }));
  const previous = leftovers.find(({ kind }) => kind === 'old');
  if (previous && !(await exists(outDir)) && (await exists(path.join(previous.folder, OUTPUT_MARKER)))) {
    await rename(previous.folder, outDir);
  }
  for (const { folder } of leftovers) await discard(folder);
}

/** Deleting a folder of thousands of files takes the disk a second or more: it is renamed aside and deleted in the background. */
async function discard(folder: string): Promise<void> {
  const name = path.basename(folder);
  if (/\.trash-\d+-[0-9a-f]+$/.test(name)) return removeInBackground(folder);
  const trash = path.join(path.dirname(folder), name.replace(/\.(tmp|old)-(\d+)$/, '.trash-$2') + `-${randomUUID().slice(0, 8)}`);
  try {
    await rename(folder, trash);
  } catch {
    return;
  }
  removeInBackground(trash);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A process of its own deletes the folder: nobody waits for it, and the next build deletes what it left. */
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

/** Whether another process with this id runs (this process is not another). */
export function isRunning(pid: number): boolean {
  if (pid === process.pid) return false;
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
  await makeFolders(outDir, files.map((file) => inside(outDir, file.path)));
  await inParallel(files, async (file) => {
    if ('from' in file) return copyFile(file.from, inside(outDir, file.path));
    if (file.contents === undefined) throw new KeptFileMissing(file.path);
    return writeFile(inside(outDir, file.path), file.contents);
  });
}

/** The keys of a site's files (static files are read to hash them when their key is not given). */
export async function outputStateOf(files: readonly OutputFile[], copies: readonly CopiedFile[]): Promise<OutputState> {
  const state: OutputState = new Map();
  for (const file of files) state.set(file.path, file.contents === undefined ? file.key : (file.key ?? keyOfBytes(file.contents)));
  for (const copy of copies) state.set(copy.path, copy.key ?? keyOfBytes(await readFile(copy.from)));
  return state;
}

export function keyOfBytes(bytes: string | Uint8Array): string {
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
  // Compared as written and with symbolic links resolved: content/ may be a link into dist/.
  const realOut = path.join(await realFolder(path.dirname(out)), path.basename(out));
  for (const [name, folder] of guarded) {
    for (const [output, resolved] of [[out, path.resolve(folder)], [realOut, await realFolder(folder)]] as const) {
      if (contains(output, resolved)) refuse(`the output folder is ${name} or contains it`, 'choose a separate folder such as dist/');
      if (name !== 'the project folder' && contains(resolved, output)) refuse(`the output folder is inside ${name}`, 'choose a separate folder such as dist/');
    }
  }
  const found = await lstat(out).catch(() => undefined);
  if (found === undefined) return;
  if (found.isSymbolicLink()) {
    refuse('the output folder is a symbolic link', 'Gazette replaces its output folder whole, and would replace the link: give the real folder');
  }
  let entries: string[];
  try {
    entries = await readdir(out);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') refuse('the output folder is a file', 'choose a folder such as dist/');
    throw outputFailed(error, folders.root, out);
  }
  if (entries.length > 0 && !entries.includes(OUTPUT_MARKER)) {
    refuse('the output folder already holds files that Gazette did not write', `Gazette replaces its output whole; empty the folder or choose another (it marks its own with ${OUTPUT_MARKER})`);
  }
}

async function realFolder(folder: string): Promise<string> {
  return realpath(folder).catch(() => path.resolve(folder));
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
