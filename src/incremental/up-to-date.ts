// The null build: when nothing a build reads has changed since the last one, and the output folder
// is still what that build wrote, `gazette build` has nothing to do. A build records what it read
// (every file of the content, templates and static folders, by size, modification time and inode),
// the settings, Gazette's code, the span of the clock in which its stories give the same site, and
// the folders it wrote (a file added to or removed from a folder changes the folder's modification
// time); the next build compares before loading anything else. A file modified too close to the
// moment its stamp was taken could change again within the same timestamp, so such a file is also
// recorded by a hash of its bytes, and compared by it (as Git does for its index).

import { randomUUID } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { codeFingerprint } from '../code-fingerprint.js';
import { settingsKey } from '../config.js';
import type { Config } from '../config-types.js';
import { GazetteError, type ProblemInit } from '../errors.js';
import { keyMaker } from '../keys.js';
import { outputIdentity } from '../output/marker.js';
import { cacheFolder } from './cache-folder.js';
import type { Stamp } from './stamps.js';
import { failedStamp, hashOf, listFiles, stampOf } from './stamps.js';

const FORMAT = 1;
export const RECORD_FILE = 'last-build.json';

/**
 * A file whose modification time is this close to the moment it was stamped is also hashed: a
 * filesystem's timestamps are coarser than its writes (a few milliseconds on Linux).
 */
export const RACY_MS = 2000;

/** Every file a build reads, by absolute path in sorted order, stamped before the build reads them. */
export interface InputSnapshot {
  files: Map<string, Stamp>;
}

/** What a successful build reports, replayed by a build that has nothing to do. */
export interface RecordedReport {
  stories: number;
  pages: number;
  files: number;
  warnings: GazetteError[];
}

/** Lists are kept as lines and stamps as one hash over them, so that a record of 100,000 files reads fast. */
interface BuildRecord {
  format: number;
  code: string;
  settings: string;
  /** The build's stories give the same site for any clock in [from, until). */
  clock: { from: number | null; until: number | null };
  /** The files read, relative to the project root, one a line; the hash of their stamps (racy files left out); the racy files' hashes. */
  inputs: { files: string; stamps: string; racy: Record<string, string> };
  /** The output folder's marker (see outputIdentity) and its folders (the root as an empty line), with the hash of their stamps. */
  output: { identity: string; folders: string; stamps: string };
  report: { stories: number; pages: number; files: number; warnings: ProblemInit[] };
}

/**
 * When the build must run: its inputs' snapshot, and whether the output folder holds exactly what the
 * last build wrote, with the stamps its folders had then (relative path, the root as '').
 */
export type UpToDate =
  | { upToDate: true; report: RecordedReport }
  | { upToDate: false; snapshot: InputSnapshot; outputIntact: boolean; outputFolders?: ReadonlyMap<string, string> };

/**
 * Whether the last build's output still stands for the project as it is now; if not, a snapshot of
 * the inputs for the build about to run (taken before it reads them, so that a change made while it
 * runs is seen by the next build).
 */
export async function checkUpToDate(config: Config, racyMs = RACY_MS): Promise<UpToDate> {
  const [snapshot, record] = await Promise.all([snapshotInputs(config, racyMs), readRecord(config)]);
  if (record === undefined) return { upToDate: false, snapshot, outputIntact: false };
  const inputsStand = recordStands(record, snapshot, config);
  const outputFolders = (await outputIdentity(config.outDir)) === record.output.identity ? outputStands(record, config) : undefined;
  const outputIntact = outputFolders !== undefined;
  if (!inputsStand || !outputIntact) return { upToDate: false, snapshot, outputIntact, outputFolders };
  // Files that were racy when recorded and have settled since are recorded by their stamps, so that
  // the next check does not read them again.
  const settled = Object.keys(record.inputs.racy).some((file) => snapshot.files.get(path.resolve(config.root, file))?.hash === undefined);
  if (settled) await saveRecord(config, { ...record, inputs: inputsRecord(snapshot, config.root) }).catch(() => undefined);
  const { stories, pages, files, warnings } = record.report;
  return { upToDate: true, report: { stories, pages, files, warnings: warnings.map((init) => new GazetteError(init)) } };
}

export async function snapshotInputs(config: Pick<Config, 'contentDir' | 'templatesDir' | 'themeDir' | 'staticDir'>, racyMs = RACY_MS): Promise<InputSnapshot> {
  const files = new Map<string, Stamp>();
  const now = Date.now();
  const folders = [...new Set([config.contentDir, config.templatesDir, config.themeDir, config.staticDir].map((folder) => path.resolve(folder)))];
  const listed = folders.flatMap((folder) => listFiles(folder)).sort();
  for (const file of listed) {
    // A folder the build cannot read ends with a separator, stamped as such: a change, which the build reports.
    const stamp = file.endsWith(path.sep) ? { text: 'unreadable folder\n' } : (stampOf(file, 'file', now - racyMs) ?? failedStamp(file));
    if (stamp !== undefined) files.set(file, stamp);
  }
  return { files };
}

/** The stamps of the snapshot a build may trust: those of files not modified close to when it was taken. */
export function trustedStamps(snapshot: InputSnapshot): (absolute: string) => string | undefined {
  return (absolute) => {
    const stamp = snapshot.files.get(absolute);
    return stamp === undefined || stamp.hash !== undefined ? undefined : stamp.text;
  };
}

/**
 * Record a build that wrote `outputFiles` into the output folder (swapped in as `identity`) from
 * the inputs in `snapshot`. Its stories' dates give the span of the clock the record holds for.
 * A build that patched the folder gives the stamps its folders had before (`patched.folders`) and
 * the files it wrote or removed: the folders that hold none of them keep those stamps, so they are
 * not read again, and a file someone else added to them meanwhile is seen by the next build.
 */
export async function recordBuild(
  config: Config,
  build: {
    snapshot: InputSnapshot;
    identity: string;
    outputFiles: readonly string[];
    storyDates: readonly number[];
    report: RecordedReport;
    patched?: { folders: ReadonlyMap<string, string>; changedFiles: Iterable<string> };
  },
): Promise<void> {
  const outDir = path.resolve(config.outDir);
  const folders = new Set(['']);
  for (const file of build.outputFiles) {
    for (let end = file.lastIndexOf('/'); end > 0 && !folders.has(file.slice(0, end)); end = file.lastIndexOf('/', end - 1)) folders.add(file.slice(0, end));
  }
  const folderList = [...folders].sort();
  // A folder's stamp changes when an entry of its own is added, replaced or removed: the folders that
  // hold a file the build wrote or removed, or a folder it made or removed, and the root, which
  // holds the output's marker (a patch replaces it).
  const parentOf = (entry: string) => entry.slice(0, Math.max(entry.lastIndexOf('/'), 0));
  const touched = new Set(['']);
  if (build.patched) {
    const before = build.patched.folders;
    for (const file of build.patched.changedFiles) touched.add(parentOf(file));
    for (const folder of folders) if (!before.has(folder)) touched.add(parentOf(folder));
    for (const folder of before.keys()) if (!folders.has(folder)) touched.add(parentOf(folder));
  }
  const folderStamps = keyMaker();
  for (const folder of folderList) {
    const text = (touched.has(folder) ? undefined : build.patched?.folders.get(folder)) ?? stampOf(path.join(outDir, folder), 'folder')?.text;
    if (text === undefined) return;
    folderStamps.add(text);
  }
  await saveRecord(config, {
    format: FORMAT,
    code: codeFingerprint(),
    settings: settingsKey(config),
    clock: clockSpan(build.storyDates, config.now.toMillis()),
    inputs: inputsRecord(build.snapshot, config.root),
    output: { identity: build.identity, folders: folderList.join('\n'), stamps: folderStamps.key() },
    report: {
      stories: build.report.stories,
      pages: build.report.pages,
      files: build.report.files,
      warnings: build.report.warnings.map(({ code, file, line, column, field, message, hint }) => ({ code, file, line, column, field, message, hint })),
    },
  });
}

function inputsRecord(snapshot: InputSnapshot, root: string): BuildRecord['inputs'] {
  const stamps = keyMaker();
  const racy: Record<string, string> = {};
  for (const [file, stamp] of snapshot.files) {
    if (stamp.hash === undefined) stamps.add(stamp.text);
    else racy[path.relative(root, file)] = stamp.hash;
  }
  return { files: [...snapshot.files.keys()].map((file) => path.relative(root, file)).join('\n'), stamps: stamps.key(), racy };
}

async function saveRecord(config: Pick<Config, 'root' | 'outDir'>, record: BuildRecord): Promise<void> {
  const folder = cacheFolder(config);
  const temporary = path.join(folder, `${RECORD_FILE}.${process.pid}-${randomUUID()}`);
  await writeFile(temporary, JSON.stringify(record));
  await rename(temporary, path.join(folder, RECORD_FILE));
}

/**
 * The times at which a site's stories change what is published: a story dated `t` is published
 * from `t` and listed in the news sitemap until `t` plus its window. Between two of them (from the
 * latest at or before `now`, to the earliest after it), any clock gives the same site.
 */
export function clockSpan(times: readonly number[], now: number): BuildRecord['clock'] {
  let from: number | null = null;
  let until: number | null = null;
  for (const time of times) {
    if (time <= now) from = from === null ? time : Math.max(from, time);
    else until = until === null ? time : Math.min(until, time);
  }
  return { from, until };
}

function recordStands(record: BuildRecord, snapshot: InputSnapshot, config: Config): boolean {
  const now = config.now.toMillis();
  if (record.format !== FORMAT || record.code !== codeFingerprint() || record.settings !== settingsKey(config)) return false;
  if ((record.clock.from !== null && now < record.clock.from) || (record.clock.until !== null && now >= record.clock.until)) return false;
  const files = [...snapshot.files].map(([file, stamp]) => ({ file, stamp, relative: path.relative(config.root, file) }));
  if (files.map(({ relative }) => relative).join('\n') !== record.inputs.files) return false;
  const stamps = keyMaker();
  for (const { file, stamp, relative } of files) {
    const racy = record.inputs.racy[relative];
    // A racy file's stamp is not enough: its bytes must be the ones the last build read.
    if (racy === undefined) stamps.add(stamp.text);
    else if (racy !== (stamp.hash ?? hashOf(file))) return false;
  }
  return stamps.key() === record.inputs.stamps;
}

/** The stamps of the output's folders, when they are the ones the record holds. */
function outputStands(record: BuildRecord, config: Config): Map<string, string> | undefined {
  const outDir = path.resolve(config.outDir);
  const stamps = keyMaker();
  const folders = new Map<string, string>();
  for (const folder of record.output.folders.split('\n')) {
    const stamp = stampOf(path.join(outDir, folder), 'folder');
    if (stamp === undefined) return undefined;
    stamps.add(stamp.text);
    folders.set(folder, stamp.text);
  }
  return stamps.key() === record.output.stamps ? folders : undefined;
}

async function readRecord(config: Pick<Config, 'root' | 'outDir'>): Promise<BuildRecord | undefined> {
  try {
    return JSON.parse(await readFile(path.join(cacheFolder(config), RECORD_FILE), 'utf8')) as BuildRecord;
  } catch {
    return undefined;
  }
}
