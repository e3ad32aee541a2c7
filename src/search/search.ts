// Full-text search of the archive with Pagefind: one small HTML document per story, made from the
// model (headline, date, section, tags, summary, body), indexed by Pagefind's own binary into one
// index for each week or so of the newest month (`pagefind/2024-03-15/`), one a month for recent
// stories (`pagefind/2024-02/`) and one a year for the settled archive (`pagefind/2020/`), which the
// search page's script queries together in the reader's browser.
// Pagefind cannot add a story to an index, so an index is made again, whole, when one of its
// stories' searchable text changed; the others are kept as they are.

import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { codeFingerprint } from '../code-fingerprint.js';
import type { Config } from '../config.js';
import { filesAmong } from '../content/files.js';
import { GazetteError } from '../errors.js';
import { byline, formatTime, type RenderedBody } from '../render/views.js';
import { linkTo } from '../urls/links.js';
import { keyOfBytes, type OutputFile } from '../output/files.js';
import { SEARCH_FOLDER } from '../urls/paths.js';
import type { Site, Story } from '../model/types.js';
import { escapeXml } from '../escape.js';
import { keyMaker, keyOfJson } from '../keys.js';

/** Pagefind's own search interfaces and page highlighter: the search page does without them. */
const PAGEFIND_UI = /^pagefind-(ui|modular-ui|component-ui|highlight)\./;
/** How many documents are handed to Pagefind at once. */
const INDEXING_BATCH = 64;
/** Pagefind's entry file, which the search page's script reads first. */
const ENTRY_FILE = 'pagefind-entry.json';
/**
 * A year of more stories than this is indexed by month however old: Pagefind's process grows with
 * its index, and a year of a large archive's stories outgrew the machine's memory.
 */
export const MONTHLY_ABOVE = 10_000;

export interface SearchDocument {
  url: string;
  /** The story's index: the month or year of its edition (see searchIndexNames). */
  index: string;
  /** Stands for the document's text: equal keys, equal documents. */
  key: string;
  html: () => string;
}

/**
 * What Pagefind reads of a story: its words in the body, the rest as metadata and filters. A story
 * that `identity` names (see storyIdentity: its file, Markdown, pictures, tags, section and authors)
 * is keyed by that name and the language, and its fields are formatted only when it is indexed.
 */
export function searchDocuments(site: Site, bodies: ReadonlyMap<Story, RenderedBody>, config: Config, identity?: (story: Story) => string | undefined): SearchDocument[] {
  const indexes = searchIndexNames(site.stories);
  return site.stories.map((story, position) => {
    const body = bodies.get(story) ?? { html: '', summary: '' };
    const named = identity?.(story);
    const fieldsOf = () => documentFields(story, body, config);
    // The body's HTML stands as its hash here (LazyHtml's JSON), so keys are made without reading it.
    const key = named === undefined
      ? keyOfJson([fieldsOf(), body.html])
      : keyOfJson([named, config.language]);
    const html = () => documentHtml(fieldsOf(), body, config);
    return { url: linkTo(config, story.permalink), index: indexes[position] as string, key, html };
  });
}

function documentFields(story: Story, body: RenderedBody, config: Config) {
  const published = formatTime(story.date, config);
  return {
    title: story.title,
    date: published.date,
    iso: published.iso,
    section: story.sectionFront?.name ?? story.section ?? null,
    tags: story.tagList.map((tag) => tag.name),
    byline: byline(story.authors),
    summary: body.summary,
  };
}

/** A story's document as Pagefind reads it. */
function documentHtml(fields: ReturnType<typeof documentFields>, body: RenderedBody, config: Config): string {
  return [
    `<html lang="${escapeXml(config.language)}"><body><div hidden>`,
    `<span data-pagefind-meta="date">${escapeXml(fields.date)}</span>`,
    `<span data-pagefind-sort="date">${escapeXml(fields.iso)}</span>`,
    fields.byline ? `<span data-pagefind-meta="byline">${escapeXml(fields.byline)}</span>` : '',
    fields.section ? `<span data-pagefind-filter="section">${escapeXml(fields.section)}</span>` : '',
    ...fields.tags.map((tag) => `<span data-pagefind-filter="tag">${escapeXml(tag)}</span>`),
    `</div><main data-pagefind-body><h1>${escapeXml(fields.title)}</h1><p>${escapeXml(fields.summary)}</p>`,
    String(body.html),
    '</main></body></html>',
  ].join('');
}

/** The first days of the parts of the newest month, each indexed apart: days 1–7, 8–14, 15–21, 22 to the end. */
const PART_FIRST_DAYS = ['22', '15', '08', '01'];

/**
 * Each story's index, in the order of `stories`: in the newest story's month, the part of the month
 * its edition day is in, named by the part's first day (`2024-03-15`); the month of its edition day
 * (`2024-03`) in the rest of the newest story's year, in the year before it until the newest story
 * reaches April (corrections just after New Year stay cheap), and in any year of more than
 * MONTHLY_ABOVE stories; its year (`2021`) elsewhere. Publishing re-indexes about a week of stories,
 * a correction a month or a week, and the settled archive stays in a few large indexes, each of which
 * the search page loads with its own script.
 */
export function searchIndexNames(stories: readonly Pick<Story, 'day'>[]): string[] {
  const yearOf = (day: string) => day.slice(0, 4);
  const newest = stories.reduce((latest, story) => (story.day > latest ? story.day : latest), '');
  const newestMonth = newest.slice(0, 7);
  const perYear = new Map<string, number>();
  for (const { day } of stories) perYear.set(yearOf(day), (perYear.get(yearOf(day)) ?? 0) + 1);
  const monthly = new Set([...perYear].filter(([, count]) => count > MONTHLY_ABOVE).map(([year]) => year));
  monthly.add(yearOf(newest));
  if (Number(newest.slice(5, 7)) <= 3) monthly.add(String(Number(yearOf(newest)) - 1));
  return stories.map(({ day }) => {
    if (day.startsWith(newestMonth)) return `${newestMonth}-${PART_FIRST_DAYS.find((first) => day.slice(8, 10) >= first) as string}`;
    return monthly.has(yearOf(day)) ? day.slice(0, 7) : yearOf(day);
  });
}

/** The script of every index, newest first: what the search page loads. */
export function searchIndexScripts(stories: readonly Story[], config: Config): string[] {
  return [...new Set(searchIndexNames(stories))].sort().reverse().map((index) => linkTo(config, `${SEARCH_FOLDER}${index}/pagefind.js`));
}

interface SearchShard {
  folder: string;
  documents: SearchDocument[];
  /** The index key of the shard's documents. */
  key: string;
}

/** The indexes that have stories, newest first, each with its documents, its folder and key. */
export function searchShards(documents: readonly SearchDocument[]): SearchShard[] {
  const byIndex = new Map<string, SearchDocument[]>();
  for (const document of documents) {
    const shard = byIndex.get(document.index);
    if (shard) shard.push(document);
    else byIndex.set(document.index, [document]);
  }
  return [...byIndex].sort(([a], [b]) => (a < b ? 1 : -1))
    .map(([index, shard]) => ({ folder: `${SEARCH_FOLDER}${index}/`, documents: shard, key: searchIndexKey(shard) }));
}

/** Names an index: Gazette's code and libraries (Pagefind's version), and every document in order. */
export function searchIndexKey(documents: readonly SearchDocument[]): string {
  const key = keyMaker().add(codeFingerprint());
  for (const document of documents) key.add(document.url).add(document.key);
  return key.key();
}

/**
 * Every index's files. An index the output folder (`held`: path to key) already holds under its key
 * is kept; the others are made by Pagefind again. Each file is keyed by its bytes,
 * so that a new index rewrites only the files that changed; the entry file's key also names the
 * index key, which tells the next build what the folder holds.
 */
export async function renderSearchIndex(documents: readonly SearchDocument[], config: Config, held: ReadonlyMap<string, string> | undefined, signal?: AbortSignal): Promise<OutputFile[]> {
  const files: OutputFile[] = [];
  await renderEachSearchIndex(documents, config, held, (shard) => files.push(...shard), signal);
  return files;
}

/**
 * The same files, given to `each` an index at a time as soon as it is made (or found kept), so that
 * a caller that writes them at once holds one index's bytes, not the whole archive's. An abort of
 * `signal` stops Pagefind's process at once (the indexing then fails).
 */
export async function renderEachSearchIndex(documents: readonly SearchDocument[], config: Config, held: ReadonlyMap<string, string> | undefined, each: (files: OutputFile[]) => void, signal?: AbortSignal): Promise<void> {
  signal?.throwIfAborted();
  const stop = () => void pagefind.close();
  signal?.addEventListener('abort', stop, { once: true });
  try {
    await indexEach(documents, config, held, each, signal);
  } finally {
    signal?.removeEventListener('abort', stop);
  }
}

async function indexEach(documents: readonly SearchDocument[], config: Config, held: ReadonlyMap<string, string> | undefined, each: (files: OutputFile[]) => void, signal: AbortSignal | undefined): Promise<void> {
  const heldFiles = searchFilesByFolder(held);
  for (const shard of searchShards(documents)) {
    signal?.throwIfAborted();
    const kept = heldShard(shard, held, heldFiles);
    if (kept !== undefined) {
      each(kept);
      continue;
    }
    const made = `search:${shard.key}:`;
    each((await indexWithPagefind(shard.documents, shard.folder, config, signal)).map((file): OutputFile => {
      const key = file.path === `${shard.folder}${ENTRY_FILE}` ? made + keyOfBytes(file.content) : keyOfBytes(file.content);
      return held?.get(file.path) === key ? { path: file.path, key } : { path: file.path, key, contents: file.content };
    }));
  }
}

/** Whether the output folder holds every index of these documents as they are. */
export function holdsSearchIndex(documents: readonly SearchDocument[], held: ReadonlyMap<string, string> | undefined): boolean {
  const shards = searchShards(documents);
  const folders = new Set(shards.map((shard) => shard.folder));
  const heldFiles = searchFilesByFolder(held);
  // An index that no longer has stories (a year now indexed by month, or the reverse) is to remove.
  const leftOver = [...heldFiles.keys()].some((folder) => !folders.has(folder));
  return !leftOver && shards.every((shard) => heldShard(shard, held, heldFiles) !== undefined);
}

function heldShard(shard: SearchShard, held: ReadonlyMap<string, string> | undefined, heldFiles: ReadonlyMap<string, OutputFile[]>): OutputFile[] | undefined {
  if (!held?.get(`${shard.folder}${ENTRY_FILE}`)?.startsWith(`search:${shard.key}:`)) return undefined;
  return heldFiles.get(shard.folder) ?? [];
}

/** The search index files the output folder holds, by index folder (`pagefind/2024-03/`). */
function searchFilesByFolder(held: ReadonlyMap<string, string> | undefined): Map<string, OutputFile[]> {
  const byFolder = new Map<string, OutputFile[]>();
  for (const [file, key] of held ?? []) {
    if (!file.startsWith(SEARCH_FOLDER)) continue;
    const folder = file.slice(0, file.indexOf('/', SEARCH_FOLDER.length) + 1);
    const files = byFolder.get(folder);
    if (files) files.push({ path: file, key });
    else byFolder.set(folder, [{ path: file, key }]);
  }
  return byFolder;
}

/** Whatever search index files the output folder holds, kept as they are. */
export function searchFilesIn(held: ReadonlyMap<string, string> | undefined): OutputFile[] {
  return [...searchFilesByFolder(held).values()].flat();
}

async function indexWithPagefind(documents: readonly SearchDocument[], folder: string, config: Config, signal: AbortSignal | undefined): Promise<{ path: string; content: Uint8Array }[]> {
  const program = pagefindProgram();
  if (program === undefined || !existsSync(program)) {
    throw searchFailed([`its program for ${process.platform}-${process.arch} is not installed${program ? ` (${program})` : ''}`]);
  }
  const service = await openService();
  const bundle = await mkdtemp(path.join(tmpdir(), 'gazette-search-'));
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: pagefindLanguage(config.language) });
    if (index === undefined) throw searchFailed(errors);
    try {
      // A few documents at a time: each is a story's whole text, and an index can hold thousands.
      for (let start = 0; start < documents.length; start += INDEXING_BATCH) {
        const batch = documents.slice(start, start + INDEXING_BATCH).map((document) => ({ url: document.url, content: document.html() }));
        // Stopped meanwhile, Pagefind's process is gone: asking it again would start another.
        signal?.throwIfAborted();
        const added = await Promise.all(batch.map((file) => index.addHTMLFile(file)));
        const failed = added.flatMap((response) => response.errors);
        if (failed.length > 0) throw searchFailed(failed);
      }
      // Pagefind writes its files itself: asked for them instead (getFiles), it sends every file of
      // the index at once through its pipe, as base64 text inside JSON, into this process's memory.
      const written = await index.writeFiles({ outputPath: bundle });
      if (written.errors.length > 0) throw searchFailed(written.errors);
      const files = (await filesAmong(bundle, await readdir(bundle, { recursive: true, withFileTypes: true })))
        .filter((file) => !PAGEFIND_UI.test(file))
        .sort();
      const read: { path: string; content: Uint8Array }[] = [];
      for (const file of files) read.push({ path: `${folder}${file}`, content: await readFile(path.join(bundle, file)) });
      return read;
    } finally {
      // Stopped, Pagefind's process is gone with the index; asking would start another.
      if (!signal?.aborted) await index.deleteIndex();
    }
  } catch (error) {
    throw error instanceof GazetteError ? error : searchFailed([(error as Error).message], error);
  } finally {
    await rm(bundle, { recursive: true, force: true });
    await service.release();
  }
}

/**
 * Pagefind runs as one child process for every build of this process; it is stopped when the last
 * build using it is done, so that `gazette build` can exit.
 */
let users = 0;
async function openService() {
  users += 1;
  return {
    async release() {
      users -= 1;
      if (users === 0) await pagefind.close();
    },
  };
}

/**
 * Where the pagefind package will look for its program (its lib/resolveBinary.js), so that a missing
 * one is reported plainly rather than by the stack traces its service prints.
 */
function pagefindProgram(): string | undefined {
  for (const name of ['pagefind_extended', 'pagefind']) {
    const fromEnvironment = process.env[`${name.toUpperCase()}_BINARY_PATH`];
    if (fromEnvironment) return fromEnvironment;
  }
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const cpu = process.env.npm_config_arch || process.arch;
  const require = createRequire(import.meta.resolve('pagefind'));
  for (const name of ['pagefind_extended', 'pagefind']) {
    try {
      return require.resolve(`@pagefind/${platform}-${cpu}/bin/${platform === 'windows' ? `${name}.exe` : name}`);
    } catch {
      // Not this one: try the next name.
    }
  }
  return undefined;
}

/** Pagefind stems words by the language's ISO 639-1 code: `fr-CA` is indexed as `fr`. */
function pagefindLanguage(language: string): string {
  return language.split('-')[0]?.toLowerCase() ?? 'en';
}

function searchFailed(errors: readonly string[], cause?: unknown): GazetteError {
  return new GazetteError({
    code: 'search-failed', file: SEARCH_FOLDER, message: `Pagefind could not index the site: ${errors.join('; ') || 'no reason given'}`,
    hint: 'check that npm installed the "pagefind" package for this platform, or set "search: false"', cause,
  });
}

