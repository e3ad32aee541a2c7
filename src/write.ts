// The only module that touches the output folder. A build writes the site into a temporary folder
// beside it and swaps it in whole, so a failed or interrupted build leaves the previous site as it
// was, and files of deleted stories disappear; what a killed build left beside it is cleared by the
// next one. The dev loop instead syncs its own folder in place, writing only the files whose bytes
// changed.

import { copyFile, lstat, mkdir, readdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from './config.js';
import { GazetteError } from './errors.js';

export interface OutputFile {
  /** Path inside the output folder, with `/` separators. */
  path: string;
  contents: string;
}

export interface CopiedFile {
  from: string;
  path: string;
}

/** Marks a folder as Gazette's own, so that it may be replaced on the next build. */
export const OUTPUT_MARKER = '.gazette-output';

type Folders = Pick<Config, 'root' | 'outDir' | 'contentDir' | 'templatesDir' | 'staticDir'>;

/**
 * Write the site into a temporary folder beside the output folder, then swap it in. With `signal`,
 * an abort before the swap removes the temporary folder and throws the signal's reason; once the
 * swap has begun (two renames) it is finished.
 */
export async function writeSite(folders: Folders, files: readonly OutputFile[], copies: readonly CopiedFile[], signal?: AbortSignal): Promise<void> {
  const outDir = folders.outDir;
  await checkOutputFolder(folders);
  const staging = besideOutput(outDir, 'tmp', process.pid);
  const retired = besideOutput(outDir, 'old', process.pid);
  try {
    await clearInterruptedWrites(outDir);
    signal?.throwIfAborted();
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging, { recursive: true });
    await makeFolders(staging, [...files, ...copies].map((file) => inside(staging, file.path)));
    await inParallel(files, (file) => writeFile(inside(staging, file.path), file.contents), signal);
    await inParallel(copies, (copy) => copyFile(copy.from, inside(staging, copy.path)), signal);
    await writeFile(path.join(staging, OUTPUT_MARKER), 'Written by Gazette: this folder is replaced whole on every build.\n');
    signal?.throwIfAborted();
    const hadSite = await exists(outDir);
    if (hadSite) await rename(outDir, retired);
    await rename(staging, outDir);
    if (hadSite) await rm(retired, { recursive: true, force: true });
  } catch (error) {
    // The first failure is the one to report; a temporary folder that cannot be removed either is
    // cleared by the next build.
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    if (signal?.aborted && error === signal.reason) throw error;
    throw outputFailed(error, folders.root, outDir, staging);
  }
}

/** A failure to write, named by the output path it was for (a file in the temporary folder is named as in dist/). */
function outputFailed(error: unknown, root: string, outDir: string, staging?: string): GazetteError {
  if (error instanceof GazetteError) return error;
  const cause = error as NodeJS.ErrnoException;
  const failed = staging && cause.path && contains(staging, cause.path) ? path.join(outDir, path.relative(staging, cause.path)) : cause.path ?? outDir;
  return new GazetteError({
    code: 'output-failed', file: path.relative(root, failed) || failed,
    message: `cannot write the site: ${cause.code ?? cause.message}`,
    hint: cause.code === 'ENOSPC' ? 'the disk is full' : cause.code === 'EACCES' || cause.code === 'EPERM' || cause.code === 'EROFS' ? 'the output folder is not writable' : undefined,
    cause,
  });
}

/** `.dist.tmp-1234` (being written) and `.dist.old-1234` (being replaced), beside `dist`. */
function besideOutput(outDir: string, kind: 'tmp' | 'old', pid: number): string {
  return path.join(path.dirname(outDir), `.${path.basename(outDir)}.${kind}-${pid}`);
}

/**
 * A build killed while writing leaves its temporary folder beside the output, and one killed between
 * the two renames of the swap leaves no output folder at all, only the previous site under its
 * `.old` name. Put that site back, and remove what builds that no longer run left behind.
 */
async function clearInterruptedWrites(outDir: string): Promise<void> {
  const parent = path.dirname(outDir);
  const pattern = new RegExp(`^\\.${escapeRegExp(path.basename(outDir))}\\.(tmp|old)-(\\d+)$`);
  const names = await readdir(parent).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const leftovers = names
    .map((name) => ({ name, match: pattern.exec(name) }))
    .filter(({ match }) => match && !isRunning(Number(match[2])))
    .map(({ name, match }) => ({ folder: path.join(parent, name), kind: match?.[1] }));
  const previous = leftovers.find(({ kind }) => kind === 'old');
  if (previous && !(await exists(outDir)) && (await exists(path.join(previous.folder, OUTPUT_MARKER)))) {
    await rename(previous.folder, outDir);
  }
  for (const { folder } of leftovers) await rm(folder, { recursive: true, force: true });
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * What the output folder holds, by path: the text of each generated file, the bytes of each copy.
 * Kept in memory by the dev loop, so that deciding what changed is a comparison, not a disk read
 * (an unchanged page is usually the very same string as last time).
 */
export type OutputState = Map<string, string | Buffer>;

export interface SyncReport {
  state: OutputState;
  written: string[];
  removed: string[];
}

/**
 * Bring a folder written by an earlier writeSite or syncSite up to date in place: write the files
 * whose bytes changed, remove the files no longer produced. Used by the dev loop only.
 */
export async function syncSite(folders: Folders, files: readonly OutputFile[], copies: readonly CopiedFile[], previous: OutputState): Promise<SyncReport> {
  await checkOutputFolder(folders);
  const outDir = path.resolve(folders.outDir);
  const state: OutputState = new Map();
  const changed: { path: string; bytes: string | Buffer }[] = [];
  const compare = (sitePath: string, bytes: string | Buffer) => {
    state.set(sitePath, bytes);
    if (!sameBytes(previous.get(sitePath), bytes)) changed.push({ path: sitePath, bytes });
  };
  for (const file of files) compare(file.path, file.contents);
  for (const copy of copies) compare(copy.path, await readFile(copy.from));
  await makeFolders(outDir, changed.map((file) => inside(outDir, file.path)));
  await inParallel(changed, (file) => writeFile(inside(outDir, file.path), file.bytes));
  const removed = [...previous.keys()].filter((sitePath) => !state.has(sitePath)).sort();
  await inParallel(removed, (sitePath) => rm(inside(outDir, sitePath), { force: true }));
  return { state, written: changed.map((file) => file.path), removed };
}

/** The state of a folder just written by writeSite, so that syncSite can follow it. */
export async function outputStateOf(files: readonly OutputFile[], copies: readonly CopiedFile[]): Promise<OutputState> {
  const state: OutputState = new Map();
  for (const file of files) state.set(file.path, file.contents);
  for (const copy of copies) state.set(copy.path, await readFile(copy.from));
  return state;
}

function sameBytes(before: string | Buffer | undefined, after: string | Buffer): boolean {
  if (typeof before === 'string' || typeof after === 'string') return before === after;
  return before !== undefined && before.equals(after);
}

/** Create the folders of these files, each once. */
async function makeFolders(root: string, files: readonly string[]): Promise<void> {
  const folders = [...new Set(files.map((file) => path.dirname(file)))].filter((folder) => folder !== root).sort();
  // Sorted, a folder comes right after its parent, so most calls create one level.
  for (const folder of folders) await mkdir(folder, { recursive: true });
}

/** File operations run a few at a time: the disk is faster with several requests in flight. */
async function inParallel<T>(items: readonly T[], operation: (item: T) => Promise<unknown>, signal?: AbortSignal, width = 16): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      signal?.throwIfAborted();
      await operation(items[next++] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
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
