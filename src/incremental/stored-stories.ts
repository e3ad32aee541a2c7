// The stories the build cache keeps: each story's fields as its front-matter gave them (dates as
// milliseconds), where its body starts in its file and the key of its text, and its warnings. A
// story found again by its file's bytes (or its trusted stamp) is not read again.

import { DateTime } from 'luxon';
import { bodyInFile, type StoryFileResult } from '../content/load.js';
import type { StoryResult } from '../content/story.js';
import { type StorySource, storySource } from '../content/story-source.js';
import { GazetteError, type ProblemInit } from '../errors.js';

/** A story as the cache keeps it: dates as milliseconds, the body as where it starts in the file and the hash of its text. */
export interface StoredStory {
  source: Omit<StorySource, 'file' | 'date' | 'updated' | 'corrections' | 'body'>;
  date: number;
  updated: number | null;
  corrections: [date: number, text: string][];
  bodyStart: number;
  bodyHash: string;
  warnings: ProblemInit[];
}

export function freezeStory(result: StoryFileResult): StoredStory | undefined {
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

export function thawStory(stored: StoredStory, file: string, absolute: string, timeZone: string): StoryResult & { bodyStart: number } {
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
