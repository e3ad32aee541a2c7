// The build cache, kept between runs in .gazette/cache/ (one folder per output folder): the stories
// earlier builds read, the Markdown they rendered, the images they made (src/images/store.ts), and
// the keys of the files the last build wrote, listed in a manifest that each build adds its changes
// to as a line of a journal (cache-journal.ts). Every key is a hash of everything its value was
// made from, Gazette's own code included, so a stale entry is never found; an unreadable entry is
// rendered again. The folder is safe to delete at any time.

import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';
import { bodyInFile, type StoryFileResult, type StoryStore } from '../content/load.js';
import { storySource, type StoryResult, type StorySource } from '../content/story.js';
import { GazetteError, type ProblemInit } from '../errors.js';
import { appendJournal, applyTableChange, isEmptyChange, readJournal, tableChange, type TableChange } from './journal.js';
import { LazyHtml } from '../markdown/lazy-html.js';
import { diskImageStore, memoryImageStore, type ImageStore } from '../images/store.js';
import type { BodyImage, Removed, RenderedMarkdown } from '../markdown/processor.js';
import { cacheFolder } from './cache-folder.js';
import { codeFingerprint } from '../code-fingerprint.js';
import { jsonParts } from './json-parts.js';
import { RECORD_FILE } from './up-to-date.js';
import type { OutputState } from '../output/files.js';
import { outputIdentity } from '../output/marker.js';
import { removeInBackground } from '../output/recovery.js';
import { isRunning } from '../processes.js';
import { keyOf } from '../keys.js';
import type { PageMade } from '../output/files.js';

const FORMAT = 9;
const MANIFEST_FILE = 'manifest.json';
/** The changes of each save since the manifest was last written whole (see cache-journal.ts). */
const JOURNAL_FILE = 'manifest-journal.jsonl';
/** The manifest is written whole again once its journal has grown to this share of it. */
const JOURNAL_SHARE = 0.25;
/** How much of the manifest's text is held before it is written out. */
const MANIFEST_CHUNK = 1 << 20;

/** A story's Markdown as pages and feeds use it; the HTML is read from the cache when printed. */
export interface StoryMarkdown {
  /** The hash of what the HTML was made from. */
  hash: string;
  html: LazyHtml;
  /** The HTML with every link absolute, for feeds. */
  feedHtml: LazyHtml;
  summary: string;
  droppedHtml: Removed | null;
  droppedUrl: Removed | null;
  images: BodyImage[];
}

export interface BuildCache {
  /** Stories read by an earlier run from the very same bytes. */
  readonly stories: StoryStore;
  /** Markdown rendered by an earlier run; `render` makes it again if its HTML cannot be read. */
  markdown(hash: string, render: () => StoryHtml): StoryMarkdown | undefined;
  /**
   * Markdown rendered now. Its HTML goes to disk at once and is read back whenever a page or feed
   * prints it, so that a build of many stories does not hold all their HTML.
   */
  keepMarkdown(hash: string, rendered: RenderedMarkdown, render: () => StoryHtml): StoryMarkdown;
  /** What the output folder holds, when it is still exactly as the last build recorded it. */
  readonly output: OutputState | undefined;
  /** The pages of that output named by their inputs, by file: what each was made from, and its key. */
  readonly pagesMade: ReadonlyMap<string, PageMade> | undefined;
  /** The images earlier runs measured, and the copies they made. */
  readonly images: ImageStore;
  /** Keep this build's stories, Markdown and images, and what the output folder now holds, for the next run. */
  save(stories: Iterable<StoryFileResult>, markdown: ReadonlyMap<string, StoryMarkdown>, output?: SavedOutput): Promise<void>;
}

/** A story as the cache keeps it: dates as milliseconds, the body as where it starts in the file and the hash of its text. */
interface StoredStory {
  source: Omit<StorySource, 'file' | 'date' | 'updated' | 'corrections' | 'body'>;
  date: number;
  updated: number | null;
  corrections: [date: number, text: string][];
  bodyStart: number;
  bodyHash: string;
  warnings: ProblemInit[];
}

type StoryHtml = { html: string; feedHtml: string };

/** What a build wrote into the output folder: the folder's identity, its files, and the pages named by their inputs. */
interface SavedOutput {
  identity: string;
  state: OutputState;
  pages: ReadonlyMap<string, PageMade>;
}

interface Manifest {
  format: number;
  code: string;
  /** Names this writing of the manifest: the journal's lines that follow it carry its name. */
  base: string;
  stories: Record<string, StoredStory>;
  /** The key of the stories read from files with a trusted stamp: file, then stamp and key. */
  stamps: Record<string, [stamp: string, key: string]>;
  markdown: Record<string, [summary: string, droppedHtml: Removed | null, droppedUrl: Removed | null, images: BodyImage[]]>;
  output: ManifestOutput | null;
}

interface ManifestOutput {
  identity: string;
  files: Record<string, string>;
  /** What each page named by its inputs (see pagePlans) was made from; its key is in `files`. */
  inputs: Record<string, string>;
}

/** A save's line in the journal: each table's change, and the output's, from the one it replaces (`from`). */
interface JournalLine {
  base: string;
  stories: TableChange<StoredStory>;
  stamps: TableChange<Manifest['stamps'][string]>;
  markdown: TableChange<Manifest['markdown'][string]>;
  output: { from: string | null; identity: string; files: TableChange<string>; inputs: TableChange<string> } | null;
}

/**
 * A cache that keeps nothing for later runs (`--no-cache`, `gazette check`). Its Markdown still goes
 * to disk, to a temporary folder removed when the process ends, so that a build of many stories
 * does not hold all their HTML at once.
 */
export function throwawayCache(): BuildCache {
  let folder: string | undefined;
  const madeFolders = new Set<string>();
  return {
    stories: { key: () => '', story: () => undefined, keyByStamp: () => undefined },
    markdown: () => undefined,
    keepMarkdown(hash, rendered, render) {
      try {
        folder ??= temporaryFolder();
        const file = path.join(folder, hash.slice(0, 2), `${hash}.json`);
        if (!madeFolders.has(path.dirname(file))) mkdirSync(path.dirname(file), { recursive: true });
        madeFolders.add(path.dirname(file));
        writeFileSync(file, JSON.stringify([rendered.html, rendered.feedHtml ?? '']));
        return storedMarkdown(file, hash, rendered, render);
      } catch {
        return inMemory(hash, rendered);
      }
    },
    output: undefined,
    pagesMade: undefined,
    images: memoryImageStore(),
    save: async () => undefined,
  };
}

const temporaryFolders = new Set<string>();

function temporaryFolder(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'gazette-markdown-'));
  if (temporaryFolders.size === 0) {
    // Deleting thousands of files would hold the process up as it ends (a build stopped by Ctrl+C too).
    process.once('exit', () => {
      for (const made of temporaryFolders) removeInBackground(made);
    });
  }
  temporaryFolders.add(folder);
  return folder;
}

/** Markdown whose HTML is in `file`, read when printed (and made again by `render` if it cannot be read). */
function storedMarkdown(file: string, hash: string, found: Pick<StoryMarkdown, 'summary' | 'droppedHtml' | 'droppedUrl' | 'images'>, render: () => StoryHtml): StoryMarkdown {
  const read = () => readBlob(file) ?? render();
  return {
    hash, summary: found.summary, droppedHtml: found.droppedHtml, droppedUrl: found.droppedUrl, images: found.images,
    html: new LazyHtml(hash, () => read().html),
    feedHtml: new LazyHtml(`${hash}-feed`, () => read().feedHtml),
  };
}

function inMemory(hash: string, rendered: RenderedMarkdown): StoryMarkdown {
  return {
    hash, summary: rendered.summary, droppedHtml: rendered.droppedHtml, droppedUrl: rendered.droppedUrl, images: rendered.images,
    html: new LazyHtml(hash, rendered.html),
    feedHtml: new LazyHtml(`${hash}-feed`, rendered.feedHtml ?? ''),
  };
}

export async function openCache(config: Pick<Config, 'root' | 'outDir' | 'timeZone'>): Promise<BuildCache> {
  const folder = cacheFolder(config);
  const code = codeFingerprint();
  const read = await readManifest(folder, code);
  const { manifest } = read;
  let { baseBytes, journalBytes } = read;
  // With no manifest yet, or after a save that failed part way (what is on disk is not known), the next save writes it whole.
  let writeWhole = baseBytes === 0;
  const identity = manifest.output ? await outputIdentity(config.outDir) : undefined;
  const trusted = manifest.output !== null && identity === manifest.output.identity;
  const stored = new Set(Object.keys(manifest.markdown));
  const blobPath = (hash: string) => path.join(folder, 'markdown', hash.slice(0, 2), `${hash}.json`);
  const madeFolders = new Set<string>();
  const images = diskImageStore(path.join(folder, 'images'));
  const fromDisk = (hash: string, found: Pick<StoryMarkdown, 'summary' | 'droppedHtml' | 'droppedUrl' | 'images'>, render: () => StoryHtml) =>
    storedMarkdown(blobPath(hash), hash, found, render);

  return {
    stories: {
      key: (file, bytes) => keyOf(code, config.timeZone, file, bytes),
      story(key, file, absolute) {
        const stored = manifest.stories[key];
        return stored && thawStory(stored, file, absolute, config.timeZone);
      },
      keyByStamp(file, stamp) {
        const known = manifest.stamps[file];
        return known?.[0] === stamp ? known[1] : undefined;
      },
    },

    output: trusted ? new Map(Object.entries(manifest.output?.files ?? {})) : undefined,
    pagesMade: trusted ? pagesMadeIn(manifest.output) : undefined,
    images,

    markdown(hash, render) {
      const entry = manifest.markdown[hash];
      return entry === undefined ? undefined : fromDisk(hash, { summary: entry[0], droppedHtml: entry[1], droppedUrl: entry[2], images: entry[3] }, render);
    },

    keepMarkdown(hash, rendered, render) {
      try {
        const file = blobPath(hash);
        const folder = path.dirname(file);
        if (!madeFolders.has(folder)) mkdirSync(folder, { recursive: true });
        madeFolders.add(folder);
        writeFileSync(file, JSON.stringify([rendered.html, rendered.feedHtml ?? '']));
        stored.add(hash);
        return fromDisk(hash, rendered, render);
      } catch {
        return inMemory(hash, rendered);
      }
    },

    async save(stories, markdown, output) {
      // Markdown kept while this saves (the dev loop's first pages) is not this save's to drop.
      const known = [...stored];
      const line = journalLine(manifest, stories, markdown, output);
      const changes = changesManifest(manifest, line);
      applyJournalLine(manifest, line);
      try {
        if (writeWhole || journalBytes > baseBytes * JOURNAL_SHARE) {
          // A save by another build since this one read the manifest is lost by writing it whole:
          // what the output folder holds is then not known (a journal line would say so, see applyJournalLine).
          if (!(await savedAsRead(folder, baseBytes, journalBytes))) manifest.output = null;
          manifest.base = randomUUID();
          baseBytes = await writeManifest(folder, manifest);
          await rm(path.join(folder, JOURNAL_FILE), { force: true });
          journalBytes = 0;
          writeWhole = false;
        } else if (changes) {
          journalBytes += await appendJournal(path.join(folder, JOURNAL_FILE), line);
        }
      } catch (error) {
        writeWhole = true;
        throw error;
      }
      const dropped = known.filter((hash) => !markdown.has(hash));
      await inBatches(dropped, (hash) => rm(blobPath(hash), { force: true }));
      for (const hash of dropped) stored.delete(hash);
      await images.save();
    },
  };
}

function pagesMadeIn(output: Manifest['output']): Map<string, PageMade> {
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
function journalLine(manifest: Manifest, stories: Iterable<StoryFileResult>, markdown: ReadonlyMap<string, StoryMarkdown>, output: SavedOutput | undefined): JournalLine {
  const storiesNow = new Map<string, StoredStory>();
  const stampsNow = new Map<string, [stamp: string, key: string]>();
  for (const result of stories) {
    if (result.key === undefined || result.story === undefined) continue;
    const stored = Object.hasOwn(manifest.stories, result.key) ? manifest.stories[result.key] : freezeStory(result);
    if (stored === undefined) continue;
    storiesNow.set(result.key, stored);
    if (result.stamp !== undefined) stampsNow.set(result.story.file, [result.stamp, result.key]);
  }
  const markdownNow = new Map([...markdown.values()].map((entry) => [entry.hash, [entry.summary, entry.droppedHtml, entry.droppedUrl, entry.images] as Manifest['markdown'][string]]));
  const before = manifest.output ?? { files: {}, inputs: {} };
  const inputs = output && new Map([...output.pages].flatMap(([file, made]) => (output.state.get(file) === made.key ? [[file, made.inputs] as const] : [])));
  const same = (was: string, is: string) => was === is;
  return {
    base: manifest.base,
    stories: tableChange(manifest.stories, storiesNow, () => true),
    stamps: tableChange(manifest.stamps, stampsNow, (was, is) => was[0] === is[0] && was[1] === is[1]),
    markdown: tableChange(manifest.markdown, markdownNow, () => true),
    output: output && inputs ? {
      from: manifest.output?.identity ?? null, identity: output.identity,
      files: tableChange(before.files, output.state, same), inputs: tableChange(before.inputs, inputs, same),
    } : null,
  };
}

/**
 * A journal's line applied to the manifest it follows. The output's change applies to the output
 * it was made from only: a line from a build that raced another leaves the output unknown.
 */
function applyJournalLine(manifest: Manifest, line: JournalLine): void {
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
function changesManifest(manifest: Manifest, line: JournalLine): boolean {
  return line.output !== null || manifest.output !== null || ![line.stories, line.stamps, line.markdown].every(isEmptyChange);
}

/** The manifest written whole (replacing the file at once), a few of its entries at a time; gives its size. */
async function writeManifest(folder: string, manifest: Manifest): Promise<number> {
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
async function readManifest(folder: string, code: string): Promise<{ manifest: Manifest; baseBytes: number; journalBytes: number }> {
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
async function savedAsRead(folder: string, baseBytes: number, journalBytes: number): Promise<boolean> {
  const size = (file: string) => stat(path.join(folder, file)).then((found) => found.size, () => 0);
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

function freezeStory(result: StoryFileResult): StoredStory | undefined {
  const story = result.story;
  if (story === undefined || result.bodyStart === undefined || result.problems.length > 0 || !isJsonData(story.extra)) return undefined;
  const { file, date, updated, corrections, body, ...source } = story;
  return {
    source,
    date: date.toMillis(),
    updated: updated?.toMillis() ?? null,
    corrections: corrections.map((correction) => [correction.date.toMillis(), correction.text]),
    bodyStart: result.bodyStart,
    bodyHash: story.body.hash,
    warnings: result.warnings.map(({ code, file, line, column, field, message, hint }) => ({ code, file, line, column, field, message, hint })),
  };
}

function thawStory(stored: StoredStory, file: string, absolute: string, timeZone: string): StoryResult & { bodyStart: number } {
  const time = (millis: number) => DateTime.fromMillis(millis, { zone: timeZone });
  return {
    story: storySource({
      ...stored.source,
      file,
      date: time(stored.date),
      updated: stored.updated === null ? undefined : time(stored.updated),
      corrections: stored.corrections.map(([date, correctionText]) => ({ date: time(date), text: correctionText })),
      body: bodyInFile(absolute, file, stored.bodyStart, stored.bodyHash),
    }),
    problems: [],
    warnings: stored.warnings.map((init) => new GazetteError(init)),
    bodyStart: stored.bodyStart,
  };
}

/** Values JSON keeps as they are (YAML's core schema gives nothing else, but for .inf and .nan). */
function isJsonData(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJsonData);
  if (typeof value === 'object') return Object.values(value).every(isJsonData);
  return false;
}

function readBlob(file: string): { html: string; feedHtml: string } | undefined {
  try {
    const [html, feedHtml] = JSON.parse(readFileSync(file, 'utf8')) as unknown[];
    return typeof html === 'string' && typeof feedHtml === 'string' ? { html, feedHtml } : undefined;
  } catch {
    return undefined;
  }
}

async function inBatches<T>(items: readonly T[], operation: (item: T) => Promise<unknown>, width = 16): Promise<void> {
  for (let start = 0; start < items.length; start += width) await Promise.all(items.slice(start, start + width).map(operation));
}
