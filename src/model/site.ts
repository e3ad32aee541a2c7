// The site graph: which stories are published, their slugs and permalinks (decided here, once),
// tags, editions (one per day in the site's time zone), previous/next and related stories.
// Pure: stories and config in, graph out. Knows nothing of HTML or files.

import type { DateTime } from 'luxon';
import { GazetteError, failIfAny } from '../errors.js';
import type { Config } from '../config.js';
import type { StorySource } from '../content/story.js';
import { slugify } from '../slug.js';

export interface Story extends StorySource {
  /** What the story was made from: the same object across rebuilds while its file is unchanged. */
  source: StorySource;
  slug: string;
  /** Path below the site root, without a leading slash: `2020/10/01/slug/`. */
  permalink: string;
  /** The feed id: front-matter `id`, else the story's first URL (its oldest alias, or its permalink). */
  feedId: string;
  /** The last change: the latest of the date, `updated` and the corrections. */
  modified: DateTime;
  /** The edition day in the site's time zone: `2020-10-01`. */
  day: string;
  tagList: Tag[];
  /** The next older and next newer stories on the site. */
  older: Story | undefined;
  newer: Story | undefined;
  related: Story[];
  future: boolean;
}

export interface Tag {
  name: string;
  slug: string;
  stories: Story[];
}

export interface Edition {
  day: string;
  stories: Story[];
}

export interface Site {
  /** Newest first. */
  stories: Story[];
  /** Sorted by slug. */
  tags: Tag[];
  /** Newest first. */
  editions: Edition[];
}

const RELATED_LIMIT = 4;

export function buildSite(sources: readonly StorySource[], config: Config): Site {
  const published = sources
    .filter((source) => config.drafts || !source.draft)
    .filter((source) => config.future || source.date <= config.now)
    .sort(newestFirst);

  const stories = published.map((source) => placeStory(source, config));
  rejectDuplicatePermalinks(stories);
  stories.forEach((story, index) => {
    story.newer = stories[index - 1];
    story.older = stories[index + 1];
  });

  const tags = groupByTag(stories);
  for (const story of stories) story.related = relatedStories(story);
  return { stories, tags, editions: groupByEdition(stories) };
}

function newestFirst(a: StorySource, b: StorySource): number {
  return b.date.toMillis() - a.date.toMillis() || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
}

/** Where a story goes depends on its source and the configuration only, both immutable: kept. */
const placements = new WeakMap<Config, WeakMap<StorySource, Pick<Story, 'slug' | 'permalink' | 'day'>>>();

function placeStory(source: StorySource, config: Config): Story {
  let placed = placements.get(config);
  if (placed === undefined) placements.set(config, (placed = new WeakMap()));
  let place = placed.get(source);
  if (place === undefined) placed.set(source, (place = placeOnce(source, config)));
  const { slug, permalink, day } = place;
  return {
    ...source,
    source,
    slug,
    permalink,
    feedId: source.id ?? new URL(source.aliases[0] ?? permalink, config.baseUrl).href,
    modified: [source.updated, ...source.corrections.map((correction) => correction.date)]
      .reduce<DateTime>((latest, date) => (date && date > latest ? date : latest), source.date),
    day,
    tagList: [],
    older: undefined,
    newer: undefined,
    related: [],
    future: source.date > config.now,
  };
}

function placeOnce(source: StorySource, config: Config): Pick<Story, 'slug' | 'permalink' | 'day'> {
  const slug = source.slug ?? slugify(source.title);
  const local = source.date.setZone(config.timeZone);
  const permalink = expandPermalink(config.permalink, {
    year: local.toFormat('yyyy'),
    month: local.toFormat('MM'),
    day: local.toFormat('dd'),
    slug,
    // A section of punctuation alone ("—") has no slug: an empty path segment would break the URL.
    section: (source.section && slugify(source.section)) || 'news',
  });
  return { slug, permalink, day: local.toISODate() ?? '' };
}

export function expandPermalink(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/:([a-z]+)/g, (token, name: string) => values[name] ?? token).replace(/^\/+/, '');
}

function rejectDuplicatePermalinks(stories: Story[]): void {
  const owners = new Map<string, Story>();
  const problems: GazetteError[] = [];
  for (const story of [...stories].sort((a, b) => (a.file < b.file ? -1 : 1))) {
    const first = owners.get(story.permalink);
    if (first) {
      problems.push(new GazetteError({
        code: 'permalink-duplicate', file: story.file, field: story.slug === slugify(story.title) ? 'title' : 'slug',
        message: `has the same URL /${story.permalink} as ${first.file}`,
        hint: 'give one of the two stories a different "slug:"',
      }));
    } else {
      owners.set(story.permalink, story);
    }
  }
  failIfAny(problems);
}

/** Tags that differ only in case or diacritics are one tag, named by its most used spelling. */
function groupByTag(stories: Story[]): Tag[] {
  const bySlug = new Map<string, { tag: Tag; spellings: Map<string, number> }>();
  for (const story of stories) {
    for (const name of story.tags) {
      const slug = slugify(name);
      let entry = bySlug.get(slug);
      if (!entry) {
        entry = { tag: { name, slug, stories: [] }, spellings: new Map() };
        bySlug.set(slug, entry);
      }
      entry.spellings.set(name, (entry.spellings.get(name) ?? 0) + 1);
      if (!story.tagList.includes(entry.tag)) {
        entry.tag.stories.push(story);
        story.tagList.push(entry.tag);
      }
    }
  }
  for (const { tag, spellings } of bySlug.values()) {
    tag.name = [...spellings].sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : 1))[0]?.[0] ?? tag.name;
  }
  return [...bySlug.values()].map(({ tag }) => tag).sort((a, b) => (a.slug < b.slug ? -1 : 1));
}

function groupByEdition(stories: Story[]): Edition[] {
  const editions: Edition[] = [];
  for (const story of stories) {
    const last = editions.at(-1);
    if (last?.day === story.day) last.stories.push(story);
    else editions.push({ day: story.day, stories: [story] });
  }
  return editions;
}

/** Stories sharing the most tags with this one; ties go to the nearest in time. */
function relatedStories(story: Story): Story[] {
  const shared = new Map<Story, number>();
  for (const tag of story.tagList) {
    for (const other of tag.stories) {
      if (other !== story) shared.set(other, (shared.get(other) ?? 0) + 1);
    }
  }
  // The best few, kept in order in one pass: most tags in common, then closest in time, then by file.
  const millis = story.date.toMillis();
  const best: { other: Story; count: number; distance: number }[] = [];
  const before = (a: (typeof best)[number], b: (typeof best)[number]) =>
    b.count - a.count || a.distance - b.distance || (a.other.file < b.other.file ? -1 : 1);
  for (const [other, count] of shared) {
    const candidate = { other, count, distance: Math.abs(other.date.toMillis() - millis) };
    if (best.length === RELATED_LIMIT && before(candidate, best[RELATED_LIMIT - 1]!) >= 0) continue;
    let index = Math.min(best.length, RELATED_LIMIT - 1);
    while (index > 0 && before(candidate, best[index - 1]!) < 0) index -= 1;
    best.splice(index, 0, candidate);
    if (best.length > RELATED_LIMIT) best.pop();
  }
  return best.map(({ other }) => other);
}
