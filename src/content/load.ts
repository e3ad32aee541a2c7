// Find every story in the content folder and read it. Disk reads for content happen here only.

import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config-types.js';
import { copyWith } from '../copy-with.js';
import { GazetteError } from '../errors.js';
import { PAGES_FOLDER } from '../urls/paths.js';
import { bodyHash, type StoryBody } from './body.js';
import { listFolder, unreadable } from './files.js';
import { splitStory } from './frontmatter.js';
import { readStory, type StoryResult } from './story.js';
import { type StoryKind, type StorySource, storySource } from './story-source.js';
import { describeRemoved, REMOVED_HINT, type RemovedCharacters, removeUnpublishable } from './text.js';

export interface LoadedContent {
  stories: StorySource[];
  /** Files below the content folder that look like stories but are not read, relative to it. */
  ignored: string[];
  problems: GazetteError[];
  warnings: GazetteError[];
}

/** Folders of other generators that hold no stories (`_posts/` does: it is read). */
export const IGNORED_FOLDERS = ['_drafts', '_includes', '_layouts', '_data', '_site'];
/** Section pages of Hugo and Zola: listings, not stories. */
const SECTION_INDEX = /^_index\.(md|markdown)$/i;
const STORY_FILE = /\.(md|markdown)$/i;
/** Text that other generators publish but Gazette does not read: named when left out, never silently. */
const OTHER_MARKUP = /\.(html?|textile|adoc|asciidoc|rst|org|mdx)$/i;

/**
 * Story files below the content folder (`.md`, `.markdown`), relative, with `/`, sorted, and the
 * files that look like stories but are left out (in an ignored folder, a section index, another
 * markup). Folders and files whose name starts with `.` are never read. A symbolic link to a file is
 * read as the file it points to; a link to a folder is not walked (it could lead outside, or in a loop).
 */
export function findStoryFiles(root: string, contentDir: string): { stories: string[]; ignored: string[] } {
  const files = listFolder(contentDir, root, (name) => name.startsWith('.'));
  if (files === undefined) {
    throw new GazetteError({
      code: 'content-unreadable',
      file: path.relative(root, contentDir).split(path.sep).join('/') || contentDir,
      message: 'the content folder does not exist',
      hint: 'check the "content" setting or --content',
    });
  }
  const stories: string[] = [];
  const ignored: string[] = [];
  for (const file of files) {
    const parts = file.split('/');
    const name = parts.at(-1) ?? '';
    const story = STORY_FILE.test(name);
    if (story && !SECTION_INDEX.test(name) && !parts.slice(0, -1).some((folder) => IGNORED_FOLDERS.includes(folder))) stories.push(file);
    else if (story || OTHER_MARKUP.test(name)) ignored.push(file);
  }
  return { stories, ignored };
}

/** What reading one story file gave; kept between builds so unchanged files are not read again. */
export interface StoryFileResult extends StoryResult {
  /** Names the file's bytes (and what they were read with), when a StoryStore was given. */
  key?: string;
  /** Where the story's body starts in its text (line endings made `\n`). */
  bodyStart?: number;
  /** The file's trusted stamp when it was read, if it had one. */
  stamp?: string;
}

/** Stories read by earlier runs, found by a key of the file's path and bytes, or by the file's stamp. */
export interface StoryStore {
  key(file: string, bytes: Uint8Array): string;
  /** The story read from the bytes `key` names, its body in the file at `absolute` from `bodyStart`. */
  story(key: string, file: string, absolute: string): (StoryResult & { bodyStart: number }) | undefined;
  /** The key of the bytes an earlier run read from the file when it had this stamp. */
  keyByStamp(file: string, stamp: string): string | undefined;
}

/**
 * A file's stamp (its size, modification time and inode) taken before the build read anything, when
 * it is old enough to be trusted: a file with an unchanged trusted stamp holds unchanged bytes.
 */
export type TrustedStamp = (absolute: string) => string | undefined;

/**
 * What a build may take from earlier ones instead of reading a file again: the results of the last
 * build (`previous`) for the files not `changed` since; what the build cache holds (`store`),
 * found by a file's bytes or its trusted stamp (`trustedStamp`).
 */
export interface StoryReuse {
  previous?: ReadonlyMap<string, StoryFileResult>;
  changed?: ReadonlySet<string>;
  store?: StoryStore;
  trustedStamp?: TrustedStamp;
}

/** Read every story (below `contentDir`), each file once, or taken from `reuse`. */
export async function loadStories(
  config: Pick<Config, 'root' | 'contentDir' | 'timeZone'>,
  reuse: StoryReuse = {},
): Promise<LoadedContent & { results: Map<string, StoryFileResult> }> {
  const { root, contentDir, timeZone } = config;
  const { previous, changed, store, trustedStamp } = reuse;
  const found = findStoryFiles(root, contentDir);
  const files = found.stories.map((entry) => path.join(contentDir, entry));
  const results = await Promise.all(
    files.map((file) => {
      const reused = changed && !changed.has(file) ? previous?.get(file) : undefined;
      return reused ?? loadStory(root, file, timeZone, store, trustedStamp?.(file), kindByFolder(contentDir, file));
    }),
  );
  return {
    results: new Map(files.map((file, index) => [file, results[index] as StoryFileResult])),
    stories: results.flatMap((result) => (result.story ? [result.story] : [])),
    ignored: found.ignored,
    problems: results.flatMap((result) => result.problems),
    warnings: results.flatMap((result) => result.warnings),
  };
}

/**
 * A story longer than this is refused before it is read: 1 MiB is a hundred long reads, and the
 * Markdown stage needs seconds and hundreds of megabytes for each such megabyte.
 */
export const MAX_STORY_BYTES = 1024 * 1024;

// Decoding drops a byte order mark at the start; bytes that are not UTF-8 are an error.
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A file below content/pages/ is a page (unless its `type:` says otherwise), any other a story. */
export function kindByFolder(contentDir: string, absolute: string): StoryKind {
  return `${path.relative(contentDir, absolute).split(path.sep)[0]}/` === PAGES_FOLDER ? 'page' : 'story';
}

/** Read one story file (`store` gives what earlier runs read, by the file's bytes or by its trusted `stamp`); `kind` by its folder. */
export async function loadStory(
  root: string,
  absolute: string,
  timeZone: string,
  store?: StoryStore,
  stamp?: string,
  kind: StoryKind = 'story',
): Promise<StoryFileResult> {
  const file = path.relative(root, absolute).split(path.sep).join('/');
  try {
    // A file unchanged since an earlier run read it is not read again.
    const known = stamp === undefined ? undefined : store?.keyByStamp(file, stamp);
    const trusted = known === undefined ? undefined : store?.story(known, file, absolute);
    if (known !== undefined && trusted?.story !== undefined) return copyWith(trusted, { key: known, stamp });

    // Thousands of small files are read faster one after the other than through the thread pool.
    const { size } = statSync(absolute);
    if (size > MAX_STORY_BYTES) {
      throw new GazetteError({
        code: 'content-too-large',
        file,
        message: `the story is ${megabytes(size)}; a story may be at most ${megabytes(MAX_STORY_BYTES)}`,
        hint: 'split it into several stories, or put data and pictures in static/ and link to them',
      });
    }
    const bytes = readFileSync(absolute);
    const { removed, lines } = decodeStory(bytes, file);
    if (removed.count === 0) {
      const key = store?.key(file, bytes);
      const stored = key === undefined ? undefined : store?.story(key, file, absolute);
      if (stored?.story !== undefined) return copyWith(stored, { key, stamp });
      const result = readStory(file, splitStory(removed.text, file), timeZone, kind);
      const body = result.story?.body.text();
      const bodyStart = body !== undefined && removed.text.endsWith(body) ? removed.text.length - body.length : undefined;
      if (result.story === undefined || body === undefined || bodyStart === undefined) return copyWith(result, { key, stamp });
      return copyWith(result, { story: storySource({ ...result.story, body: bodyInFile(absolute, file, bodyStart, bodyHash(body)) }), key, bodyStart, stamp });
    }
    // A story with characters removed is read again each time, so that its warning is given each time.
    const result = readStory(file, splitStory(removed.text, file), timeZone, kind);
    const before = lines.slice(0, removed.first?.offset);
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    const warning = new GazetteError({ code: 'control-characters', file, line, column, message: describeRemoved(removed), hint: REMOVED_HINT });
    return copyWith(result, { warnings: [warning, ...result.warnings] });
  } catch (error) {
    if (error instanceof GazetteError) return { story: undefined, problems: [error], warnings: [] };
    return {
      story: undefined,
      problems: [new GazetteError({ code: 'content-unreadable', file, message: `cannot read the story: ${unreadable(error)}`, cause: error })],
      warnings: [],
    };
  }
}

/**
 * A story file's text as the build reads it: UTF-8 (a byte order mark dropped), line endings made
 * `\n`, unpublishable characters removed (`lines` is the text before their removal).
 */
function decodeStory(bytes: Uint8Array, file: string): { removed: RemovedCharacters; lines: string } {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch (cause) {
    const at = firstInvalidByte(bytes);
    throw new GazetteError({
      code: 'content-unreadable',
      file,
      ...at.place,
      message: `the file is not valid UTF-8 text (byte 0x${at.byte})`,
      hint: 'save it as UTF-8',
      cause,
    });
  }
  const lines = text.replace(/\r\n?/g, '\n');
  return { removed: removeUnpublishable(lines), lines };
}

/**
 * The body of the story in the file at `absolute`, from `start` in its text, read when rendered. A
 * file changed since the build read its front-matter is refused: the page would mix two versions.
 */
export function bodyInFile(absolute: string, file: string, start: number, hash: string): StoryBody {
  return {
    hash,
    text() {
      let body: string | undefined;
      try {
        body = decodeStory(readFileSync(absolute), file).removed.text.slice(start);
      } catch {
        body = undefined;
      }
      if (body === undefined || bodyHash(body) !== hash) {
        throw new GazetteError({ code: 'content-unreadable', file, message: 'the story changed while the site was being built', hint: 'build again' });
      }
      return body;
    },
  };
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/**
 * Where the first byte that is not UTF-8 is: decoded leniently and encoded again, a file matches
 * its own bytes up to there (every bad sequence became U+FFFD).
 */
function firstInvalidByte(bytes: Uint8Array): { place: { line: number; column: number }; byte: string } {
  const again = Buffer.from(Buffer.from(bytes).toString('utf8'));
  let offset = 0;
  while (offset < bytes.length && bytes[offset] === again[offset]) offset += 1;
  const lineStart = bytes.lastIndexOf(0x0a, offset - 1) + 1;
  const line = bytes.subarray(0, lineStart).filter((byte) => byte === 0x0a).length + 1;
  const column = [...Buffer.from(bytes.subarray(lineStart, offset)).toString('utf8')].length + 1;
  return { place: { line, column }, byte: (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0') };
}
