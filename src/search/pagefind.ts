// Pagefind, in a process of its own, makes each index whose stories' text changed; the files of
// an index the output folder holds as they are kept.

import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as pagefind from 'pagefind';
import type { Config } from '../config-types.js';
import { filesAmong } from '../content/files.js';
import { GazetteError } from '../errors.js';
import { keyOfBytes, type OutputFile } from '../output/files.js';
import { SEARCH_FOLDER } from '../urls/paths.js';
import { type SearchDocument, type SearchShard, searchShards } from './indexes.js';

/** Pagefind's own search interfaces and page highlighter: the search page does without them. */
const PAGEFIND_UI = /^pagefind-(ui|modular-ui|component-ui|highlight)\./;
/** How many documents are handed to Pagefind at once. */
const INDEXING_BATCH = 64;
/** Pagefind's entry file, which the search page's script reads first. */
const ENTRY_FILE = 'pagefind-entry.json';

/**
 * Every index's files. An index the output folder (`held`: path to key) already holds under its key
 * is kept; the others are made by Pagefind again. Each file is keyed by its bytes,
 * so that a new index rewrites only the files that changed; the entry file's key also names the
 * index key, which tells the next build what the folder holds.
 */
export async function renderSearchIndex(
  documents: readonly SearchDocument[],
  config: Config,
  held: ReadonlyMap<string, string> | undefined,
  signal?: AbortSignal,
): Promise<OutputFile[]> {
  const files: OutputFile[] = [];
  await renderEachSearchIndex(documents, config, held, (shard) => files.push(...shard), signal);
  return files;
}

/**
 * The same files, given to `each` an index at a time as soon as it is made (or found kept), so that
 * a caller that writes them at once holds one index's bytes, not the whole archive's. An abort of
 * `signal` stops Pagefind's process at once (the indexing then fails).
 */
export async function renderEachSearchIndex(
  documents: readonly SearchDocument[],
  config: Config,
  held: ReadonlyMap<string, string> | undefined,
  each: (files: OutputFile[]) => void,
  signal?: AbortSignal,
): Promise<void> {
  signal?.throwIfAborted();
  const stop = () => void pagefind.close();
  signal?.addEventListener('abort', stop, { once: true });
  try {
    await indexEach(documents, config, held, each, signal);
  } finally {
    signal?.removeEventListener('abort', stop);
  }
}

async function indexEach(
  documents: readonly SearchDocument[],
  config: Config,
  held: ReadonlyMap<string, string> | undefined,
  each: (files: OutputFile[]) => void,
  signal: AbortSignal | undefined,
): Promise<void> {
  const heldFiles = searchFilesByFolder(held);
  for (const shard of searchShards(documents)) {
    signal?.throwIfAborted();
    const kept = heldShard(shard, held, heldFiles);
    if (kept !== undefined) {
      each(kept);
      continue;
    }
    const made = `search:${shard.key}:`;
    each(
      (await indexWithPagefind(shard.documents, shard.folder, config, signal)).map((file): OutputFile => {
        const key = file.path === `${shard.folder}${ENTRY_FILE}` ? made + keyOfBytes(file.content) : keyOfBytes(file.content);
        return held?.get(file.path) === key ? { path: file.path, key } : { path: file.path, key, contents: file.content };
      }),
    );
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

async function indexWithPagefind(
  documents: readonly SearchDocument[],
  folder: string,
  config: Config,
  signal: AbortSignal | undefined,
): Promise<{ path: string; content: Uint8Array }[]> {
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
    code: 'search-failed',
    file: SEARCH_FOLDER,
    message: `Pagefind could not index the site: ${errors.join('; ') || 'no reason given'}`,
    hint: 'check that npm installed the "pagefind" package for this platform, or set "search: false"',
    cause,
  });
}
