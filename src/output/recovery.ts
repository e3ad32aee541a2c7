// What builds leave beside the output folder while they write (`.dist.tmp-…`, `.dist.old-…`,
// `.dist.patch-…`, `.dist.trash-…`), and the next build's clearing of what killed builds left.

import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { isRunning } from '../processes.js';
import { OUTPUT_MARKER } from '../urls/paths.js';
import { exists } from './folders.js';
import { applyPatch, type PatchJournal } from './patch.js';

/**
 * `.dist.tmp-1234` (being written), `.dist.old-1234` (being replaced), `.dist.patch-1234` (the
 * journal of a patch) and `.dist.trash-1234-…` (replaced, being deleted), beside `dist`.
 */
export function besideOutput(outDir: string, kind: 'tmp' | 'old' | 'trash' | 'patch', pid: number): string {
  const suffix = kind === 'trash' ? `-${randomUUID().slice(0, 8)}` : '';
  return path.join(path.dirname(outDir), `.${path.basename(outDir)}.${kind}-${pid}${suffix}`);
}

/**
 * A build killed while writing leaves its temporary folder beside the output; one killed between
 * the two renames of a swap leaves no output folder at all, only the previous site under its `.old`
 * name; one killed while patching the site in place leaves its journal (`.patch`). Put the previous
 * site back, finish the patch, and clear what builds that no longer run left behind.
 */
export async function clearInterruptedWrites(outDir: string): Promise<void> {
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
export async function discard(folder: string): Promise<void> {
  const name = path.basename(folder);
  if (/\.trash-\d+-[0-9a-f]+$/.test(name)) return removeInBackground(folder);
  const trash = path.join(path.dirname(folder), `${name.replace(/\.(tmp|old)-(\d+)$/, '.trash-$2')}-${randomUUID().slice(0, 8)}`);
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
  const [command, args] =
    process.platform === 'win32'
      ? [process.execPath, ['-e', `require('node:fs').rmSync(${JSON.stringify(folder)}, { recursive: true, force: true })`]]
      : ['rm', ['-rf', folder]];
  try {
    spawn(command, args, { detached: true, stdio: 'ignore' })
      .on('error', () => undefined)
      .unref();
  } catch {
    // A folder left behind is deleted by the next build.
  }
}
