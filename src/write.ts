// The only module that touches the output folder. A build writes the site into a temporary folder
// beside it and swaps it in whole, so a failed or interrupted build leaves the previous site as it
// was, and files of deleted stories disappear; what a killed build left beside it is cleared by the
// next one. Files the output folder already holds with the same bytes are hard-linked from it
// instead of being written again. When the folder is known to be exactly as the last build left it
// and a build changes only a few files (a publish, a correction), only those are written into the
// temporary folder, then moved into the site in place, under a journal that lets the next build
// finish the move if this one is killed. The dev loop instead syncs its own folder in place, writing
// only the files whose bytes changed.

import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, linkSync, mkdirSync, renameSync, rmdirSync } from 'node:fs';
import { copyFile, lstat, mkdir, readdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
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

export type Folders = Pick<Config, 'root' | 'outDir' | 'contentDir' | 'templatesDir' | 'staticDir'>;

/** A new site being written beside the current one, put in place by commit(). */
export interface Staging {
  /**
   * Add a file (a kept file is linked from the current site, or left where it is when the site is
   * patched). Resolves when the writer has room for more, so a caller that awaits each file holds
   * only a few files' text at a time.
   */
  add(file: OutputFile): Promise<void>;
  copy(copy: CopiedFile): Promise<void>;
  /**
   * Swap the new site in, or patch the current one; resolves with its identity (see outputIdentity).
   * An abort of the build's signal before the swap or patch throws its reason; once the swap has
   * begun (two renames), or the patch's journal is written, it is finished.
   */
  commit(): Promise<string>;
  /** Delete the new site; the current one stays as it is. */
  abort(): Promise<void>;
  /** After commit: whether the current site was patched in place (not swapped). */
  readonly patched: boolean;
  /** After a patch: the files it removed from the current site. */
  readonly removed: string[];
}

const IN_FLIGHT = 32;

/**
 * At most this many files written or removed are patched into the current site in place (each by a
 * rename); a build that changes more writes a whole new site and swaps it in.
 */
export const PATCHED_FILES_MOST = 2_000;

/**
 * A new site to write beside the current one. With `current` (what the output folder holds, known
 * to be intact: see up-to-date.ts), kept files stay where they are and only the files written are
 * staged: the commit then moves them into the current site and removes the files no longer built,
 * when they are few, or links the kept files into the staged site and swaps it in whole.
 */
export async function openStaging(folders: Folders, signal?: AbortSignal, current?: OutputState): Promise<Staging> {
  const outDir = path.resolve(folders.outDir);
  await checkOutputFolder(folders);
  const staging = besideOutput(outDir, 'tmp', process.pid);
  const made = new Set<string>([staging]);
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  const produced = new Set<string>();
  // With `current`: the files staged, and the kept ones, linked only if the site is swapped in whole.
  const written: string[] = [];
  const kept: string[] = [];
  let patched = false;
  let removed: string[] = [];

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
  // What a failure is reported as: the abort's own reason, or a failure to write named by its path.
  const reported = (error: unknown) => (signal?.aborted && error === signal.reason ? error : outputFailed(error, folders.root, outDir, staging));
  const failed = (error: unknown) => {
    failure ??= error;
    return reported(error);
  };

  try {
    await clearInterruptedWrites(outDir);
    signal?.throwIfAborted();
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging, { recursive: true });
  } catch (error) {
    throw reported(error);
  }

  const swap = async () => {
    const retired = besideOutput(outDir, 'old', process.pid);
    try {
      for (const file of kept) keep(inside(outDir, file), folderFor(file), file);
      await writeFile(path.join(staging, OUTPUT_MARKER), MARKER_TEXT);
      signal?.throwIfAborted();
    } catch (error) {
      await abort();
      throw reported(error);
    }
    try {
      const hadSite = await exists(outDir);
      if (hadSite) await rename(outDir, retired);
      await rename(staging, outDir);
      if (hadSite) await discard(retired);
    } catch (error) {
      await abort();
      throw outputFailed(error, folders.root, outDir, staging);
    }
  };
  const patch = async (removed: readonly string[]) => {
    const journal = besideOutput(outDir, 'patch', process.pid);
    try {
      signal?.throwIfAborted();
      await writeFile(journal, JSON.stringify({ staged: path.basename(staging), written, removed } satisfies PatchJournal));
    } catch (error) {
      await rm(journal, { force: true }).catch(() => undefined);
      await abort();
      throw reported(error);
    }
    // From here the patch is finished: by this build, or by the next one if this one is killed.
    try {
      await applyPatch(outDir, staging, written, removed);
    } catch (error) {
      throw outputFailed(error, folders.root, outDir, staging);
    } finally {
      // Once moved, the staged files leave only their folders: removed here, not by a process of its own.
      await rm(staging, { recursive: true, force: true }).catch(() => discard(staging));
      await rm(journal, { force: true }).catch(() => undefined);
    }
  };

  return {
    async add(file) {
      try {
        produced.add(file.path);
        if (current !== undefined && file.contents === undefined) return void kept.push(file.path);
        const target = folderFor(file.path);
        // Linking is a metadata change, done fastest right away.
        if (file.contents === undefined) keep(inside(outDir, file.path), target, file.path);
        else {
          written.push(file.path);
          await start(() => writeFile(target, file.contents));
        }
      } catch (error) {
        throw failed(error);
      }
    },
    async copy(copy) {
      try {
        produced.add(copy.path);
        const target = folderFor(copy.path);
        written.push(copy.path);
        await start(() => copyFile(copy.from, target));
      } catch (error) {
        throw failed(error);
      }
    },
    async commit() {
      try {
        await settle();
      } catch (error) {
        await abort();
        throw reported(error);
      }
      const gone = current === undefined ? [] : [...current.keys()].filter((file) => !produced.has(file));
      patched = current !== undefined && written.length + gone.length <= PATCHED_FILES_MOST && (await exists(outDir));
      if (patched) {
        removed = gone;
        await patch(gone);
      } else await swap();
      return (await outputIdentity(outDir)) ?? '';
    },
    abort,
    get patched() {
      return patched;
    },
    get removed() {
      return removed;
    },
  };
}

const MARKER_TEXT = 'Written by Gazette: every build replaces what this folder holds.\n';

/** What a build patching the current site is doing, kept beside it while it does, for the next build to finish if this one is killed. */
interface PatchJournal {
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
async function applyPatch(outDir: string, staged: string, written: readonly string[], removed: readonly string[]): Promise<void> {
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
  const folders = [...new Set(files.flatMap((file) => {
    const parents: string[] = [];
    for (let end = file.lastIndexOf('/'); end > 0; end = file.lastIndexOf('/', end - 1)) parents.push(file.slice(0, end));
    return parents;
  }))].sort((a, b) => b.length - a.length);
  for (const folder of folders) {
    try {
      rmdirSync(inside(site, folder));
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
  return writeFailed(cause, path.relative(root, failed) || failed);
}

/** A failure to write the site, named by the file (or the output folder) it was for. */
export function writeFailed(cause: NodeJS.ErrnoException, file: string): GazetteError {
  return new GazetteError({
    code: 'output-failed', file,
    message: `cannot write the site: ${cause.code ?? cause.message}`,
    hint: cause.code === 'ENOSPC' ? 'the disk is full' : cause.code === 'EACCES' || cause.code === 'EPERM' || cause.code === 'EROFS' ? 'the output folder is not writable' : undefined,
    cause,
  });
}

/**
 * `.dist.tmp-1234` (being written), `.dist.old-1234` (being replaced), `.dist.patch-1234` (the
 * journal of a patch) and `.dist.trash-1234-…` (replaced, being deleted), beside `dist`.
 */
function besideOutput(outDir: string, kind: 'tmp' | 'old' | 'trash' | 'patch', pid: number): string {
  const suffix = kind === 'trash' ? `-${randomUUID().slice(0, 8)}` : '';
  return path.join(path.dirname(outDir), `.${path.basename(outDir)}.${kind}-${pid}${suffix}`);
}

/**
 * A build killed while writing leaves its temporary folder beside the output; one killed between
 * the two renames of a swap leaves no output folder at all, only the previous site under its `.old`
 * name; one killed while patching the site in place leaves its journal (`.patch`). Put the previous
 * site back, finish the patch, and clear what builds that no longer run left behind.
 */
async function clearInterruptedWrites(outDir: string): Promise<void> {
  const parent = path.dirname(outDir);
  const pattern = new RegExp(`^\\.${escapeRegExp(path.basename(outDir))}\\.(tmp|old|trash|patch)-(\\d+)(-[0-9a-f]+)?$`);
  const names = await readdir(parent).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const leftovers = names
    .map((name) => ({ name, match: pattern.exec(name) }))
    .filter(({ match }) => match && (match[1] === 'trash' || !isRunning(Number(match[2]))))
    .map(({ name, match }) => ({ folder: path.join(parent, name), kind: match?.[1] }));
  const previous = leftovers.find(({ kind }) => kind === 'old');
  if (previous && !(await exists(outDir)) && (await exists(path.join(previous.folder, OUTPUT_MARKER)))) {
    await rename(previous.folder, outDir);
  }
  for (const { folder: journal } of leftovers.filter(({ kind }) => kind === 'patch')) {
    await finishPatch(outDir, journal);
    await rm(journal, { force: true });
  }
  for (const { folder, kind } of leftovers) if (kind !== 'patch') await discard(folder);
}

/**
 * Finish the patch a killed build began. A journal it did not finish writing means the patch had not
 * begun: nothing to do. One that cannot be finished leaves the site with a new marker, which no
 * build trusts: the next one writes the whole site.
 */
async function finishPatch(outDir: string, journal: string): Promise<void> {
  let patch: PatchJournal;
  try {
    patch = JSON.parse(await readFile(journal, 'utf8')) as PatchJournal;
  } catch {
    return;
  }
  const staged = path.join(path.dirname(outDir), path.basename(patch.staged));
  if (!(await exists(outDir)) || !(await exists(staged))) return;
  await applyPatch(outDir, staged, patch.written, patch.removed).catch(() => undefined);
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
export function removeInBackground(folder: string): void {
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

/** Refuses an output folder Gazette may not replace (see the README's Building safely). */
export async function checkOutputFolder(folders: Folders): Promise<void> {
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
