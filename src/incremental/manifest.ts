// The build cache's manifest: the stories, Markdown and output files it knows, written whole now and
// then and followed by a journal of each build's changes (journal.ts), so that a publish appends a
// few kilobytes rather than rewriting the whole manifest.

import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { StoryFileResult } from '../content/load.js';
import type { MarkdownNotice } from '../markdown/notices.js';
import type { BodyImage, BodyLink, Removed } from '../markdown/processor.js';
import type { StoryMarkdown } from '../markdown/store.js';
import type { OutputState, PageMade } from '../output/files.js';
import { isRunning } from '../processes.js';
import { applyTableChange, isEmptyChange, readJournal, type TableChange, tableChange } from './journal.js';
import { jsonParts } from './json-parts.js';
import { freezeStory, type StoredStory } from './stored-stories.js';
import { RECORD_FILE } from './up-to-date.js';

const FORMAT = 13;
export const MANIFEST_FILE = 'manifest.json';
/** The changes of each save since the manifest was last written whole (see journal.ts). */
export const JOURNAL_FILE = 'manifest-journal.jsonl';
/** The manifest is written whole again once its journal has grown to this share of it. */
export const JOURNAL_SHARE = 0.25;
/** How much of the manifest's text is held before it is written out. */
const MANIFEST_CHUNK = 1 << 20;

/** What a build wrote into the output folder: the folder's identity, its files, and the pages named by their inputs. */
export interface SavedOutput {
  identity: string;
  state: OutputState;
  pages: ReadonlyMap<string, PageMade>;
}

export interface Manifest {
  format: number;
  code: string;
  /** Names this writing of the manifest: the journal's lines that follow it carry its name. */
  base: string;
  stories: Record<string, StoredStory>;
  /** The key of the stories read from files with a trusted stamp: file, then stamp and key. */
  stamps: Record<string, [stamp: string, key: string]>;
  markdown: Record<string, [summary: string, notices: MarkdownNotice[], droppedUrl: Removed | null, images: BodyImage[], links: BodyLink[], words: number]>;
  output: ManifestOutput | null;
}

interface ManifestOutput {
  identity: string;
  files: Record<string, string>;
  /** What each page named by its inputs (see pagePlans) was made from; its key is in `files`. */
  inputs: Record<string, string>;
}

/** A save's line in the journal: each table's change, and the output's, from the one it replaces (`from`). */
export interface JournalLine {
  base: string;
  stories: TableChange<StoredStory>;
  stamps: TableChange<Manifest['stamps'][string]>;
  markdown: TableChange<Manifest['markdown'][string]>;
  output: { from: string | null; identity: string; files: TableChange<string>; inputs: TableChange<string> } | null;
}

export function pagesMadeIn(output: Manifest['output']): Map<string, PageMade> {
  const made = new Map<string, PageMade>();
  for (const [file, inputs] of Object.entries(output?.inputs ?? {})) {
    const key = output?.files[file];
    if (key !== undefined) made.set(file, { inputs, key });
  }
  return made;
}

/**
 * The change a save makes to the manifest: its stories (a story or Markdown entry is named by a
 * hash of what it was made from, so an entry the manifest holds is kept as it is), and what the
 * output folder now holds (none in the dev loop, which syncs it).
 */
export function journalLine(
  manifest: Manifest,
  stories: Iterable<StoryFileResult>,
  markdown: ReadonlyMap<string, StoryMarkdown>,
  output: SavedOutput | undefined,
): JournalLine {
  const storiesNow = new Map<string, StoredStory>();
  const stampsNow = new Map<string, [stamp: string, key: string]>();
  for (const result of stories) {
    if (result.key === undefined || result.story === undefined) continue;
    const stored = Object.hasOwn(manifest.stories, result.key) ? manifest.stories[result.key] : freezeStory(result);
    if (stored === undefined) continue;
    storiesNow.set(result.key, stored);
    if (result.stamp !== undefined) stampsNow.set(result.story.file, [result.stamp, result.key]);
  }
  const markdownNow = new Map(
    [...markdown.values()].map((entry) => [
      entry.hash,
      [entry.summary, entry.notices, entry.droppedUrl, entry.images, entry.links, entry.words] as Manifest['markdown'][string],
    ]),
  );
  const before = manifest.output ?? { files: {}, inputs: {} };
  const inputs = output && new Map([...output.pages].flatMap(([file, made]) => (output.state.get(file) === made.key ? [[file, made.inputs] as const] : [])));
  const same = (was: string, is: string) => was === is;
  return {
    base: manifest.base,
    stories: tableChange(manifest.stories, storiesNow, () => true),
    stamps: tableChange(manifest.stamps, stampsNow, (was, is) => was[0] === is[0] && was[1] === is[1]),
    markdown: tableChange(manifest.markdown, markdownNow, () => true),
    output:
      output && inputs
        ? {
            from: manifest.output?.identity ?? null,
            identity: output.identity,
            files: tableChange(before.files, output.state, same),
            inputs: tableChange(before.inputs, inputs, same),
          }
        : null,
  };
}

/**
 * A journal's line applied to the manifest it follows. The output's change applies to the output
 * it was made from only: a line from a build that raced another leaves the output unknown.
 */
export function applyJournalLine(manifest: Manifest, line: JournalLine): void {
  applyTableChange(manifest.stories, line.stories);
  applyTableChange(manifest.stamps, line.stamps);
  applyTableChange(manifest.markdown, line.markdown);
  const change = line.output;
  if (change === null || (change.from !== null && change.from !== manifest.output?.identity)) {
    manifest.output = null;
    return;
  }
  const output: ManifestOutput = change.from === null || manifest.output === null ? { identity: '', files: {}, inputs: {} } : manifest.output;
  applyTableChange(output.files, change.files);
  applyTableChange(output.inputs, change.inputs);
  output.identity = change.identity;
  manifest.output = output;
}

/** Whether the line changes the manifest: a table, or the output (an output it leaves unknown, unless it was so already). */
export function changesManifest(manifest: Manifest, line: JournalLine): boolean {
  return line.output !== null || manifest.output !== null || ![line.stories, line.stamps, line.markdown].every(isEmptyChange);
}

/** The manifest written whole (replacing the file at once), a few of its entries at a time; gives its size. */
export async function writeManifest(folder: string, manifest: Manifest): Promise<number> {
  const temporary = path.join(folder, `${MANIFEST_FILE}.${process.pid}-${randomUUID()}`);
  const file = await open(temporary, 'w');
  let bytes = 0;
  try {
    let chunk = '';
    const flush = async () => {
      bytes += Buffer.byteLength(chunk);
      await file.write(chunk);
      chunk = '';
    };
    // The tables (stories, Markdown, the output's files) are written an entry at a time.
    for (const part of jsonParts(manifest, 3)) {
      chunk += part;
      if (chunk.length >= MANIFEST_CHUNK) await flush();
    }
    await flush();
  } finally {
    await file.close();
  }
  await rename(temporary, path.join(folder, MANIFEST_FILE));
  return bytes;
}

/** The manifest as the last save left it: its last writing, with the journal's lines that follow it applied. */
export async function readManifest(folder: string, code: string): Promise<{ manifest: Manifest; baseBytes: number; journalBytes: number }> {
  const empty = { manifest: { format: FORMAT, code, base: '', stories: {}, stamps: {}, markdown: {}, output: null }, baseBytes: 0, journalBytes: 0 };
  await mkdir(folder, { recursive: true });
  await removeUnfinishedSaves(folder);
  let text: string;
  let manifest: Manifest;
  try {
    text = await readFile(path.join(folder, MANIFEST_FILE), 'utf8');
    manifest = JSON.parse(text) as Manifest;
  } catch {
    return empty;
  }
  if (manifest.format !== FORMAT || manifest.code !== code) {
    await rm(path.join(folder, 'markdown'), { recursive: true, force: true });
    return empty;
  }
  const journal = await readJournal<JournalLine>(path.join(folder, JOURNAL_FILE), manifest.base);
  for (const line of journal.lines) applyJournalLine(manifest, line);
  return { manifest, baseBytes: Buffer.byteLength(text), journalBytes: journal.bytes };
}

/** Whether the manifest and its journal are as large as this process last read or wrote them (none: 0). */
export async function savedAsRead(folder: string, baseBytes: number, journalBytes: number): Promise<boolean> {
  const size = (file: string) =>
    stat(path.join(folder, file)).then(
      (found) => found.size,
      () => 0,
    );
  const [base, journal] = await Promise.all([size(MANIFEST_FILE), size(JOURNAL_FILE)]);
  return base === baseBytes && journal === journalBytes;
}

/** The temporary files of saves (the manifest, the build record) that a process killed while saving left. */
async function removeUnfinishedSaves(folder: string): Promise<void> {
  const names = await readdir(folder).catch(() => []);
  const unfinished = names.filter((name) => {
    const pid = [MANIFEST_FILE, RECORD_FILE].some((file) => name.startsWith(`${file}.`)) ? /\.(\d+)-[0-9a-f-]+$/.exec(name)?.[1] : undefined;
    return pid !== undefined && Number(pid) !== process.pid && !isRunning(Number(pid));
  });
  await Promise.all(unfinished.map((name) => rm(path.join(folder, name), { force: true })));
}
