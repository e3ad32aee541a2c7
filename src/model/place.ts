// Where each story and standalone page goes: its slug (the `slug:` or the file name), its permalink
// (the `url:`, the `permalink` pattern, or a page's place below content/pages/), its edition day and
// feed id; aliases that are its own URL left out.

import path from 'node:path';
import type { DateTime } from 'luxon';
import type { Config } from '../config-types.js';
import type { StorySource } from '../content/story-source.js';
import { GazetteError } from '../errors.js';
import { expandPermalink, foldCase, pageFile, standalonePagePath } from '../urls/paths.js';
import { fileSlug, slugify } from '../urls/slug.js';
import type { Story } from './types.js';

/** Where a story goes depends on its source and the configuration only, both immutable: kept. */
const placements = new WeakMap<Config, WeakMap<StorySource, Pick<Story, 'slug' | 'permalink' | 'day'>>>();

export function placeStory(source: StorySource, config: Config): Story {
  let placed = placements.get(config);
  if (placed === undefined) placements.set(config, (placed = new WeakMap()));
  let place = placed.get(source);
  if (place === undefined) placed.set(source, (place = placeOnce(source, config)));
  const { slug, permalink, day } = place;
  const aliases = source.aliases.filter((alias) => !isOwnUrl(alias, permalink));
  const aliasPlaces = source.aliasPlaces.filter((_, index) => !isOwnUrl(source.aliases[index] as string, permalink));
  // Every field written out, not spread nor assigned: stories share one hidden class and keep their
  // fields inside the object, the smallest way to hold the site graph (see copy-with.ts).
  return {
    file: source.file,
    kind: source.kind,
    title: source.title,
    date: source.date,
    dated: source.dated,
    updated: source.updated,
    tags: source.tags,
    summary: source.summary,
    authors: source.authors,
    section: source.section,
    dateline: source.dateline,
    lang: source.lang,
    image: source.image,
    credits: source.credits,
    draft: source.draft,
    id: source.id,
    idLine: source.idLine,
    aliases,
    aliasPlaces,
    corrections: source.corrections,
    extra: source.extra,
    body: source.body,
    bodyLine: source.bodyLine,
    source,
    slug,
    url: source.url,
    permalink,
    feedId: source.id ?? new URL(aliases[0] ?? permalink, config.baseUrl).href,
    modified: [source.updated, ...source.corrections.map((correction) => correction.date)].reduce<DateTime>(
      (latest, date) => (date && date > latest ? date : latest),
      source.date,
    ),
    day,
    tagList: [],
    sectionFront: undefined,
    authorList: [],
    older: undefined,
    newer: undefined,
    related: [],
    future: source.date > config.now,
  };
}

function placeOnce(source: StorySource, config: Config): Pick<Story, 'slug' | 'permalink' | 'day'> {
  if (source.kind === 'page') {
    const inContent = path.relative(config.contentDir, path.resolve(config.root, source.file)).split(path.sep).join('/');
    const permalink = source.url ?? standalonePagePath(inContent, source.slug);
    return { slug: permalink.replace(/\/$/, '').replace(/^.*\//, ''), permalink, day: '' };
  }
  const slug = source.slug ?? fileSlug(source.file);
  const local = source.date.setZone(config.timeZone);
  // The calendar fields, not toFormat or toISODate: luxon parses a format each time it is given one.
  const [year, month, day] = [String(local.year).padStart(4, '0'), String(local.month).padStart(2, '0'), String(local.day).padStart(2, '0')];
  const permalink =
    source.url ??
    expandPermalink(config.permalink, {
      year,
      month,
      day,
      slug,
      // A section of punctuation alone ("—") has no slug: an empty path segment would break the URL.
      section: (source.section && slugify(source.section)) || 'news',
    });
  return { slug, permalink, day: `${year}-${month}-${day}` };
}

/** Whether an alias is the story's own URL (as a host that ignores case sees it): nothing to redirect. */
function isOwnUrl(alias: string, permalink: string): boolean {
  return foldCase(pageFile(alias)) === foldCase(pageFile(permalink));
}

/** An alias that is the story's own URL is left out, with a warning: an import or a copy often writes one. */
export function ownUrlAliasWarnings(stories: readonly Story[]): GazetteError[] {
  return stories.flatMap((story) =>
    story.source.aliases.flatMap((alias, index) =>
      isOwnUrl(alias, story.permalink)
        ? [
            new GazetteError({
              code: 'alias-own-url',
              file: story.file,
              ...story.source.aliasPlaces[index],
              field: 'aliases',
              message: `the old URL /${alias} is the story's own URL: nothing to redirect`,
              hint: 'remove it from aliases',
            }),
          ]
        : [],
    ),
  );
}
