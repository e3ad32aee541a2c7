// A new site written beside the current one and put in place by a commit: swapped in whole, or
// patched in (see patch.ts) when the current site is intact and few files change. A failed or
// interrupted build leaves the previous site as it was.

import { copyFileSync, linkSync, mkdirSync } from 'node:fs';
import { copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { OUTPUT_MARKER } from '../urls/paths.js';
import { outputFailed } from './failures.js';
import { type CopiedFile, KeptFileMissing, type OutputFile, type OutputState } from './files.js';
import { checkOutputFolder, exists, type Folders, inside } from './folders.js';
import { MARKER_TEXT, outputIdentity } from './marker.js';
import { applyPatch, PATCHED_FILES_MOST, type PatchJournal } from './patch.js';
import { besideOutput, clearInterruptedWrites, discard } from './recovery.js';

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
  /** After a commit: the files of the current site no longer built (known when it was opened with `current`). */
  readonly removed: string[];
}

const IN_FLIGHT = 32;

/**
 * A new site to write beside the current one. With `current` (what the output folder holds, known
 * to be intact: see incremental/up-to-date.ts), kept files stay where they are and only the files written are
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
    const running: Promise<void> = operation()
      .catch((error: unknown) => {
        failure ??= error;
      })
      .finally(() => inFlight.delete(running));
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
      removed = gone;
      if (patched) {
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
