// The site graph: which stories and standalone pages are published, their slugs and permalinks
// (decided here, once), tags, sections, authors, editions (one per day in the site's time zone),
// previous/next and related stories. Pages are in none of the stories' groups.
// Pure: stories and config in, graph out. Knows nothing of HTML or files.

import type { Config } from '../config-types.js';
import type { AuthorProfile } from '../content/authors.js';
import type { StorySource } from '../content/story-source.js';
import { failIfAny, GazetteError } from '../errors.js';
import { slugify } from '../urls/slug.js';
import { gatherByName, groupByAuthor, groupBySection, mostUsed, resolveAuthorIds, unusedProfileWarnings, unusedSectionWarnings } from './groups.js';
import { ownUrlAliasWarnings, placeStory } from './place.js';
import type { Edition, Site, Story, Tag } from './types.js';

const RELATED_LIMIT = 4;

export function buildSiteGraph(sources: readonly StorySource[], config: Config, profiles: readonly AuthorProfile[] = []): Site {
  const published = sources
    .filter((source) => config.drafts || !source.draft)
    .filter((source) => config.future || source.date <= config.now)
    .sort(newestFirst);

  const stories = published.filter((source) => source.kind === 'story').map((source) => placeStory(source, config));
  const pages = published
    .filter((source) => source.kind === 'page')
    .map((source) => placeStory(source, config))
    .sort((a, b) => (a.permalink < b.permalink ? -1 : a.permalink > b.permalink ? 1 : 0));
  rejectDuplicatePermalinks([...stories, ...pages]);
  rejectDuplicateIds(stories);
  stories.forEach((story, index) => {
    story.newer = stories[index - 1];
    story.older = stories[index + 1];
  });

  const tags = groupByTag(stories);
  relateStories(stories, tags);
  const sections = groupBySection(stories, config);
  resolveAuthorIds(stories, profiles);
  const { authors, problems } = groupByAuthor(stories, profiles);
  failIfAny(problems);
  const warnings = [...ownUrlAliasWarnings([...stories, ...pages]), ...unusedSectionWarnings(sections, config), ...unusedProfileWarnings(authors, profiles)];
  return { stories, pages, tags, sections, authors, editions: groupByEdition(stories), warnings };
}

function newestFirst(a: StorySource, b: StorySource): number {
  return b.date.toMillis() - a.date.toMillis() || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
}

function rejectDuplicatePermalinks(stories: Story[]): void {
  const owners = new Map<string, Story>();
  const problems: GazetteError[] = [];
  for (const story of [...stories].sort((a, b) => (a.file < b.file ? -1 : 1))) {
    const first = owners.get(story.permalink);
    if (first) {
      problems.push(
        new GazetteError({
          code: 'permalink-duplicate',
          file: story.file,
          field: story.url !== undefined ? 'url' : 'slug',
          message: `has the same URL /${story.permalink} as ${first.file}`,
          hint:
            story.kind === 'page' || first.kind === 'page'
              ? 'rename or move one of the two files, or give one a different "slug:"'
              : 'give one of the two stories a different "slug:" (or "url:")',
        }),
      );
    } else {
      owners.set(story.permalink, story);
    }
  }
  failIfAny(problems);
}

/**
 * Feed readers know an item by its id: two stories with one id are one item to them, and duplicate
 * guids make a feed invalid. A story copied as a template keeps the original's `id:`. Ids are
 * compared as a reader might compare them: ignoring case, Unicode normalization, runs of spaces and
 * the spelling of a URL. Two ids from URLs are one URL, which the URL check reports.
 */
function rejectDuplicateIds(stories: Story[]): void {
  const owners = new Map<string, Story>();
  const problems: GazetteError[] = [];
  for (const story of [...stories].sort((a, b) => (a.file < b.file ? -1 : 1))) {
    const key = comparableId(story.feedId);
    const first = owners.get(key);
    if (first === undefined) owners.set(key, story);
    else if (story.id !== undefined || first.id !== undefined) {
      // Named at an `id:`; when both have one, at the newer story's (then the later file's): the
      // copy, usually, which readers do not know yet.
      const copy = first.id === undefined || (story.id !== undefined && story.date.toMillis() >= first.date.toMillis()) ? story : first;
      problems.push(duplicateId(copy, copy === story ? first : story));
    }
  }
  failIfAny(problems);
}

/** The problem of `story`, whose `id:` is also the id of `other`. */
function duplicateId(story: Story, other: Story): GazetteError {
  const same = story.feedId === other.feedId;
  const owner =
    other.id === undefined
      ? `${other.file}, which has no "id:" and is known by its first URL`
      : `${other.file}${other.idLine === undefined ? '' : `:${other.idLine}`}${same ? '' : ` ("${other.feedId}")`}`;
  return new GazetteError({
    code: 'id-duplicate',
    file: story.file,
    line: story.idLine,
    field: 'id',
    message: same
      ? `"${story.feedId}" is also the feed id of ${owner}`
      : `"${story.feedId}" differs only in case, spacing or spelling from the feed id of ${owner}`,
    hint: 'feed readers would take the two for one story: a story copied from another keeps its "id:"; remove it from the copy, or give the copy a new one',
  });
}

function comparableId(id: string): string {
  let text = id.normalize('NFC').replace(/\s+/g, ' ');
  try {
    text = new URL(text).href;
  } catch {
    // not a URL: compared as text
  }
  return text.toLowerCase();
}

/** Tags that differ only in case or diacritics are one tag, named by its most used spelling. */
function groupByTag(stories: Story[]): Tag[] {
  const bySlug = new Map(
    [...gatherByName(stories, (story) => story.tags)].map(([slug, { stories: tagged, spellings }]) => [
      slug,
      { name: mostUsed(spellings), slug, stories: tagged },
    ]),
  );
  // In the order the story lists them, each once.
  for (const story of stories) story.tagList = [...new Set(story.tags.flatMap((name) => bySlug.get(slugify(name)) ?? []))];
  return [...bySlug.values()].sort((a, b) => (a.slug < b.slug ? -1 : 1));
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

/**
 * Stories sharing the most tags with each story; ties go to the nearest in time, then by file. A
 * popular tag can hold a quarter of the archive, so a story's candidates are not all counted: one
 * sharing two tags or more is also in a tag other than its largest, and among those sharing one
 * tag only the nearest few of each tag can rank.
 */
function relateStories(stories: readonly Story[], tags: readonly Tag[]): void {
  // Stories by their index in `stories`, tags as arrays and bit sets of indexes: counting with typed
  // arrays, not sets of objects, keeps this pass small beside the rest of the build.
  const indexOf = new Map(stories.map((story, index) => [story, index]));
  const words = (stories.length + 31) >>> 5;
  const lists = new Map(
    tags.map((tag) => {
      const members = Int32Array.from(tag.stories, (story) => indexOf.get(story) ?? -1);
      const bits = new Uint32Array(words);
      for (const member of members) {
        if (member >= 0) bits[member >>> 5] = (bits[member >>> 5] as number) | (1 << (member & 31));
      }
      return [tag, { members, bits, position: new Map(Array.from(members, (member, position) => [member, position])) }];
    }),
  );
  const millis = Float64Array.from(stories, (story) => story.date.toMillis());
  // How many of the story's tags, its largest left out, each other story is in; zeroed after each story.
  const sharedOutsideLargest = new Uint8Array(stories.length);
  type Candidate = { other: number; count: number; distance: number };
  const fileOf = (index: number) => (stories[index] as Story).file;
  const before = (a: Candidate, b: Candidate) => b.count - a.count || a.distance - b.distance || (fileOf(a.other) < fileOf(b.other) ? -1 : 1);

  stories.forEach((story, self) => {
    const own = story.tagList.flatMap((tag) => lists.get(tag) ?? []);
    const at = millis[self] as number;
    const largest = own.reduce<(typeof own)[number] | undefined>(
      (big, list) => (big === undefined || list.members.length > big.members.length ? list : big),
      undefined,
    );
    const touched: number[] = [];
    for (const list of own) {
      if (list === largest) continue;
      for (const other of list.members) {
        if (other === self || other < 0) continue;
        if (sharedOutsideLargest[other] === 0) touched.push(other);
        sharedOutsideLargest[other] = (sharedOutsideLargest[other] as number) + 1;
      }
    }
    const inLargest = (other: number) => (largest === undefined ? 0 : ((largest.bits[other >>> 5] as number) >>> (other & 31)) & 1);
    const count = (other: number) => (sharedOutsideLargest[other] as number) + inLargest(other);
    const candidates: Candidate[] = [];
    for (const other of touched) {
      const shared = count(other);
      if (shared >= 2) candidates.push({ other, count: shared, distance: Math.abs((millis[other] as number) - at) });
    }
    for (const list of own) candidates.push(...nearestSharingOnly(list.members, list.position.get(self) ?? 0, self, at, count, millis));
    for (const other of touched) sharedOutsideLargest[other] = 0;
    story.related = candidates
      .sort(before)
      .slice(0, RELATED_LIMIT)
      .map(({ other }) => stories[other] as Story);
  });
}

/**
 * The RELATED_LIMIT stories of a tag (`members`, newest first) nearest in time to the story `self`
 * (ties included) that share no other tag with it, walking out from its `position` in the tag.
 */
function nearestSharingOnly(members: Int32Array, position: number, self: number, at: number, count: (other: number) => number, millis: Float64Array) {
  const found: { other: number; count: number; distance: number }[] = [];
  let newer = position - 1;
  let older = position + 1;
  const distance = (place: number) => {
    const other = members[place];
    return other === undefined || other < 0 ? Infinity : Math.abs((millis[other] as number) - at);
  };
  for (;;) {
    const next = distance(newer) <= distance(older) ? newer : older;
    const away = distance(next);
    if (away === Infinity) break;
    if (found.length >= RELATED_LIMIT && away > (found[RELATED_LIMIT - 1]?.distance ?? Infinity)) break;
    if (next === newer) newer -= 1;
    else older += 1;
    const other = members[next] as number;
    if (other !== self && count(other) === 1) found.push({ other, count: 1, distance: away });
  }
  return found;
}
