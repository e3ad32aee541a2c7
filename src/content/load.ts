// Find every story in the content folder and read it. Disk reads for content happen here only.

import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { GazetteError } from '../errors.js';
import { splitStory } from './frontmatter.js';
import { readStory, type StoryResult, type StorySource } from './story.js';

export interface LoadedContent {
  stories: StorySource[];
  problems: GazetteError[];
  warnings: GazetteError[];
}

export async function findStoryFiles(contentDir: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(contentDir, { recursive: true });
  } catch (cause) {
    throw new GazetteError({ code: 'content-unreadable', file: contentDir, message: 'cannot read the content folder', hint: 'check the "content" setting or --content', cause });
  }
  return entries
    .map((entry) => entry.split(path.sep).join('/'))
    .filter((entry) => entry.endsWith('.md') && !entry.split('/').some((part) => part.startsWith('.') || part.startsWith('_')))
    .sort();
}

/** What reading one story file gave; kept between builds so unchanged files are not read again. */
export interface StoryFileResult extends StoryResult {
  /** Names the file's bytes (and what they were read with), when a StoryStore was given. */
  key?: string;
  /** Where the story's body starts in its text (line endings made `\n`). */
  bodyStart?: number;
}

/** Stories read by earlier runs, found by a key of the file's path and bytes. */
export interface StoryStore {
  key(file: string, bytes: Uint8Array): string;
  story(key: string, file: string, text: string): StoryResult | undefined;
}

/**
 * Read every story. With `previous` results and the set of `changed` absolute paths, files that did
 * not change are taken from `previous` instead of being read again.
 */
export async function loadStories(
  root: string,
  contentDir: string,
  timeZone: string,
  previous?: Map<string, StoryFileResult>,
  changed?: ReadonlySet<string>,
  store?: StoryStore,
): Promise<LoadedContent & { results: Map<string, StoryFileResult> }> {
  const files = (await findStoryFiles(contentDir)).map((entry) => path.join(contentDir, entry));
  const results = await Promise.all(files.map((file) => {
    const reused = changed && !changed.has(file) ? previous?.get(file) : undefined;
    return reused ?? loadStory(root, file, timeZone, store);
  }));
  return {
    results: new Map(files.map((file, index) => [file, results[index] as StoryFileResult])),
    stories: results.flatMap((result) => (result.story ? [result.story] : [])),
    problems: results.flatMap((result) => result.problems),
    warnings: results.flatMap((result) => result.warnings),
  };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

async function loadStory(root: string, absolute: string, timeZone: string, store: StoryStore | undefined): Promise<StoryFileResult> {
  const file = path.relative(root, absolute).split(path.sep).join('/');
  try {
    // Thousands of small files are read faster one after the other than through the thread pool.
    const bytes = readFileSync(absolute);
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch (cause) {
      throw new GazetteError({ code: 'content-unreadable', file, message: 'the file is not valid UTF-8 text', hint: 'save it as UTF-8', cause });
    }
    const normalized = text.replace(/\r\n?/g, '\n');
    const key = store?.key(file, bytes);
    const result = (key && store?.story(key, file, normalized)) || readStory(file, splitStory(normalized, file), timeZone);
    const body = result.story?.body;
    return { ...result, key, bodyStart: body !== undefined && normalized.endsWith(body) ? normalized.length - body.length : undefined };
  } catch (error) {
    if (error instanceof GazetteError) return { story: undefined, problems: [error], warnings: [] };
    return {
      story: undefined,
      problems: [new GazetteError({ code: 'content-unreadable', file, message: `cannot read the story: ${(error as Error).message}`, cause: error })],
      warnings: [],
    };
  }
}
