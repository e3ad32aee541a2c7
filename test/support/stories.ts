// Hand-made StorySource objects for the model, page and feed tests: only the fields a test cares
// about are given, dates are ISO strings read in a time zone the way story.ts reads them.

import { DateTime } from 'luxon';
import { heldBody } from '../../src/content/body.js';
import type { StorySource } from '../../src/content/story-source.js';
import { slugify } from '../../src/urls/slug.js';

export interface StoryFields extends Partial<Omit<StorySource, 'date' | 'updated' | 'body'>> {
  title: string;
  /** The Markdown (default: a sentence naming the title). */
  body?: string;
  /** ISO 8601; without an offset it is read in `zone`. */
  date: string;
  updated?: string;
  /** The site's time zone, as readStory would apply it (default UTC). */
  zone?: string;
}

export function makeStory({ zone = 'UTC', date, updated, body, ...fields }: StoryFields): StorySource {
  return {
    // Named from the headline, as `gazette new` names a story: the slug the tests expect.
    file: `content/${slugify(fields.title) || 'story'}.md`,
    tags: [],
    summary: undefined,
    authors: [],
    section: undefined,
    dateline: undefined,
    lang: undefined,
    image: undefined,
    credits: undefined,
    draft: false,
    slug: undefined,
    url: undefined,
    id: undefined,
    idLine: undefined,
    extra: {},
    bodyLine: 5,
    ...fields,
    kind: fields.kind ?? 'story',
    dated: fields.dated ?? true,
    body: heldBody(body ?? `About ${fields.title}.\n`),
    aliases: fields.aliases ?? [],
    aliasPlaces: fields.aliasPlaces ?? (fields.aliases ?? []).map(() => ({ line: 4, column: 1 })),
    corrections: fields.corrections ?? [],
    date: readDate(date, zone),
    updated: updated === undefined ? undefined : readDate(updated, zone),
  };
}

function readDate(text: string, zone: string): DateTime {
  const date = DateTime.fromISO(text, { zone }).setZone(zone);
  if (!date.isValid) throw new Error(`makeStory: "${text}" is not a valid ISO date`);
  return date;
}
