// The template contract: plain view objects made from the site graph, with every date formatted
// and every link decided, so that templates only lay things out.

import { DateTime } from 'luxon';
import type { Config } from '../config-types.js';
import type { StoryImage } from '../content/story-source.js';
import type { DrawingSize } from '../images/drawing-size.js';
import { type PublishedImage, publishedAsWritten } from '../images/published.js';
import { textDirection } from '../language.js';
import type { Author, Edition, Section, Story, Tag } from '../model/types.js';
import { absoluteUrl, linkTo, linkToImage, pageUrlResolver } from '../urls/links.js';
import { authorPath, editionPath, sectionPath, tagPath } from '../urls/paths.js';
import { say } from '../words.js';
import { srcsetOf } from './body-images.js';
import { hasDropCap, readingMinutes, standfirst } from './lead.js';
import { shareLinks } from './share.js';
import type {
  AuthorView,
  EditionView,
  ImageView,
  RenderedBody,
  SectionLink,
  SectionView,
  StoryCardView,
  StoryView,
  TagLink,
  TagView,
  TimeView,
} from './view-types.js';

/** The story's front-matter image as its pages and feeds show it. */
export function coverImage(story: Story, body: Pick<RenderedBody, 'image'>): PublishedImage | undefined {
  return story.image && (body.image ?? publishedAsWritten(story.image.src));
}

/**
 * Formatting a date in a zone and language is costly (Intl under luxon) and the same few thousand
 * instants and days come back on every page and every rebuild, so results are kept per Config.
 */
const remembered = new WeakMap<Config, Map<string, unknown>>();
function remember<T>(config: Config, key: string, make: () => T): T {
  let known = remembered.get(config);
  if (known === undefined) remembered.set(config, (known = new Map()));
  if (!known.has(key)) known.set(key, make());
  return known.get(key) as T;
}

export function formatTime(time: DateTime, config: Config): TimeView {
  return remember(config, `time ${time.toMillis()}`, () => formatTimeNow(time, config));
}

function formatTimeNow(time: DateTime, config: Config): TimeView {
  const clock = clockFormat(config);
  const instant = new Date(time.toMillis());
  const date = clock.date(instant);
  const hour = clock.time(instant);
  const zone = clock.zone(instant);
  const iso = time.setZone(config.timeZone).toISO({ suppressMilliseconds: true }) ?? '';
  return { iso, date, time: hour, zone, display: `${date}, ${hour} ${zone}` };
}

/**
 * The site's Intl formatters, made once per configuration and used as luxon's toLocaleString and
 * "ZZZZ" use them (luxon makes a zone of "UTC" or "GMT" a fixed offset, formatted in parts), at a
 * fraction of luxon's cost per call; test/render/views.test.ts checks that they agree.
 */
function clockFormat(config: Config) {
  return remember(config, 'clock', () => {
    const { language: locale, timeZone } = config;
    const fixed = DateTime.fromMillis(0, { zone: timeZone }).zone;
    const isFixed = fixed.type === 'fixed';
    const intlZone = isFixed ? 'UTC' : timeZone;
    const dateFormat = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: intlZone });
    const timeFormat = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: intlZone });
    const zoneFormat = new Intl.DateTimeFormat(locale, {
      hour12: false,
      timeZone: intlZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
    });
    const inParts = (format: Intl.DateTimeFormat) => (instant: Date) =>
      format
        .formatToParts(instant)
        .map((part) => part.value)
        .join('');
    return {
      date: isFixed ? inParts(dateFormat) : (instant: Date) => dateFormat.format(instant),
      time: isFixed ? inParts(timeFormat) : (instant: Date) => timeFormat.format(instant),
      zone: isFixed ? () => fixed.name : (instant: Date) => zoneFormat.formatToParts(instant).find((part) => part.type === 'timeZoneName')?.value ?? '',
    };
  });
}

export function tagView(tag: Tag, config: Config): TagView {
  return { ...tagLink(tag, config), count: tag.stories.length };
}

/**
 * Without the count: a story's card appears on thousands of pages, which would all change (and be
 * rendered again) whenever a story is added to one of its tags.
 */
export function tagLink(tag: Tag, config: Config): TagLink {
  return { name: tag.name, slug: tag.slug, url: linkTo(config, tagPath(tag)) };
}

export function sectionLink(section: Section, config: Config): SectionLink {
  return { name: section.name, slug: section.slug, url: linkTo(config, sectionPath(section)) };
}

export function sectionView(section: Section, config: Config): SectionView {
  return { ...sectionLink(section, config), count: section.stories.length };
}

/** `photoSize`: the photo's size, when it was measured (images/author-photos.ts). */
export function authorView(author: Author, config: Config, photoSize?: DrawingSize): AuthorView {
  const profile = author.profile;
  return {
    name: author.name,
    slug: author.slug,
    url: linkTo(config, authorPath(author)),
    count: author.stories.length,
    bio: profile?.bio ?? null,
    photo: profile?.photo
      ? {
          src: pageUrlResolver(config)(profile.photo),
          srcset: null,
          width: photoSize?.width ?? null,
          height: photoSize?.height ?? null,
          alt: author.name,
          caption: null,
          credit: null,
        }
      : null,
    email: profile?.email ?? null,
    links: profile?.links ?? [],
  };
}

/** The words a byline is made of (see byline). */
export const BYLINE_WORDS = ['by', 'and', 'comma', 'and_others'];

/** "By A, B and C"; with `more` names left out, "By A, B, C and 12 others"; in the site's words. */
export function byline(config: Pick<Config, 'words' | 'language'>, authors: readonly string[], more = 0): string | null {
  const names = authorNames(config, authors, more);
  return names === null ? null : `${say(config, 'by')}${names}`;
}

/** "A, B and C", in the site's words. */
export function authorNames(config: Pick<Config, 'words' | 'language'>, authors: readonly string[], more = 0): string | null {
  if (authors.length === 0) return null;
  const comma = say(config, 'comma');
  if (more > 0) return `${authors.join(comma)}${say(config, 'and_others', { count: more })}`;
  return authors.length === 1 ? (authors[0] as string) : `${authors.slice(0, -1).join(comma)}${say(config, 'and')}${authors.at(-1)}`;
}

/**
 * How many authors and tags a story's card names: a card is on the page of each of its authors and
 * tags, which would otherwise grow with the square of their number.
 */
export const CARD_NAMES = 10;

function imageView(image: StoryImage | undefined, published: PublishedImage | undefined, config: Config): ImageView | null {
  if (!image || !published) return null;
  const link = (src: string) => linkToImage(config, src);
  return {
    src: link(published.src),
    srcset: srcsetOf(published, link),
    width: published.width ?? null,
    height: published.height ?? null,
    alt: image.alt ?? '',
    caption: image.caption ?? null,
    credit: image.credit ?? null,
  };
}

export function storyCard(story: Story, body: RenderedBody, config: Config, names = CARD_NAMES): StoryCardView {
  const authors = story.authors.slice(0, names);
  const tags = story.tagList.slice(0, names);
  return {
    title: story.title,
    url: linkTo(config, story.permalink),
    summary: body.summary,
    published: formatTime(story.date, config),
    section: story.section ?? null,
    sectionUrl: story.sectionFront ? linkTo(config, sectionPath(story.sectionFront)) : null,
    dateline: story.dateline ?? null,
    lang: story.lang ?? null,
    dir: story.lang === undefined ? null : textDirection(story.lang),
    byline: byline(config, authors, story.authors.length - authors.length),
    authors: authors.map((name, index) => {
      const author = story.authorList[index];
      return { name, url: author ? linkTo(config, authorPath(author)) : null };
    }),
    moreAuthors: story.authors.length - authors.length,
    tags: tags.map((tag) => tagLink(tag, config)),
    moreTags: story.tagList.length - tags.length,
    image: imageView(story.image, coverImage(story, body), config),
    draft: story.draft,
    scheduled: story.future,
  };
}

export function storyView(story: Story, body: RenderedBody, config: Config): StoryView {
  return {
    ...storyCard(story, body, config, Infinity),
    html: body.html,
    standfirst: standfirst(story),
    dropCap: hasDropCap(body.lead ?? ''),
    readingTime: config.readingTime ? readingMinutes(body.words ?? 0) : null,
    share: shareLinks(config.share, story.title, absoluteUrl(config, story.permalink)),
    updated: story.modified > story.date ? formatTime(story.modified, config) : null,
    corrections: story.corrections.map((correction) => ({ time: formatTime(correction.date, config), text: correction.text })),
    credits: story.credits ?? null,
    data: story.extra,
  };
}

export function editionTitle(day: string, config: Config): string {
  return remember(config, `day ${day}`, () =>
    DateTime.fromISO(day, { zone: config.timeZone, locale: config.language }).toLocaleString({
      weekday: 'long',
      year: 'numeric',
      month: 'long',
      day: 'numeric',
    }),
  );
}

/** `2020-10` as "October 2020" in the site's language. */
export function monthTitle(month: string, config: Config): string {
  return remember(config, `month ${month}`, () =>
    DateTime.fromISO(`${month}-01`, { zone: config.timeZone, locale: config.language }).toLocaleString({ year: 'numeric', month: 'long' }),
  );
}

export function editionView(edition: Edition, cards: StoryCardView[], config: Config): EditionView {
  return { day: edition.day, title: editionTitle(edition.day, config), url: linkTo(config, editionPath(edition.day)), stories: cards, count: cards.length };
}
