// One neutral feed model, built from the site graph; each format (rss.ts, atom.ts, json.ts) only
// serializes it. Pure and deterministic: no clock is read here, a feed is dated by its items.

import type { DateTime } from 'luxon';
import type { Config } from '../config-types.js';
import { escapeXml } from '../escape.js';
import type { PublishedImage } from '../images/published.js';
import { keyOf } from '../keys.js';
import { LazyHtml } from '../markdown/lazy-html.js';
import type { Author, Edition, Story, Tag } from '../model/types.js';
import { coverImage, editionTitle } from '../render/views.js';
import { absoluteImageUrl, absoluteUrl, linkTo } from '../urls/links.js';
import { editionPath, FEED_STYLESHEET, type FeedFormat, feedPaths } from '../urls/paths.js';
import { say } from '../words.js';

export interface FeedItem {
  id: string;
  url: string;
  title: string;
  summary: string;
  /** Full HTML, every URL absolute. */
  html: string | LazyHtml;
  published: DateTime;
  /** Set when the item changed after publication (an update or a correction). */
  updated: DateTime | undefined;
  authors: string[];
  tags: string[];
  image: FeedImage | undefined;
  /** The story's own language, when it gives one. */
  language: string | undefined;
}

/** The story's picture: its published copy, what it shows and whom it is by. */
export interface FeedImage {
  url: string;
  alt: string;
  /** The media type, from the copy's extension; undefined for an address whose type is unknown. */
  type: string | undefined;
  /** The copy's size in bytes; undefined for a picture elsewhere on the web. */
  bytes: number | undefined;
  width: number | undefined;
  height: number | undefined;
  caption: string | undefined;
  credit: string | undefined;
}

export interface Feed {
  title: string;
  description: string;
  language: string;
  /** The page the feed follows (the front page, a tag page, the archive). */
  homeUrl: string;
  /** The stylesheet a browser shows the XML formats with (a link on the site: it must come from the feed's origin). */
  stylesheet: string;
  /** Where each format of this feed is published, absolute. */
  links: Record<FeedFormat, string>;
  /** The newest date among the items (publication or update): never the build's clock. */
  updated: DateTime | undefined;
  /** Who publishes the feed: the site's name. */
  publisher: string;
  generator: string;
  items: FeedItem[];
}

export interface FeedSpec {
  title: string;
  description: string;
  /** Site path of the page the feed follows. */
  homePath: string;
  /** Site folder the feed files go in: `` for the site feed, `tags/algeria/`, `editions/`. */
  folder: string;
}

export function buildFeed(spec: FeedSpec, items: FeedItem[], config: Config, generator: string): Feed {
  const paths = feedPaths(spec.folder);
  const latest = items.map((item) => item.updated ?? item.published).sort((a, b) => b.toMillis() - a.toMillis())[0];
  return {
    title: spec.title,
    description: spec.description,
    language: config.language,
    homeUrl: absoluteUrl(config, spec.homePath),
    stylesheet: linkTo(config, FEED_STYLESHEET),
    links: { rss: absoluteUrl(config, paths.rss), atom: absoluteUrl(config, paths.atom), json: absoluteUrl(config, paths.json) },
    updated: latest,
    publisher: config.title,
    generator,
    items,
  };
}

/**
 * How many of a story's tags, and of its authors, its item names: a story is in the feed of each of
 * its tags and authors, so an item naming them all would make those feeds grow with their square.
 */
export const ITEM_NAMES = 10;

/** The tag or author whose feed an item is in: the item always names it. */
export interface ItemOwner {
  tag?: Tag;
  author?: Author;
}

export function storyItem(
  story: Story,
  summary: string,
  absoluteHtml: string | LazyHtml,
  config: Config,
  image = coverImage(story, {}),
  owner: ItemOwner = {},
): FeedItem {
  const ownAuthor = owner.author && story.authors[story.authorList.indexOf(owner.author)];
  return {
    id: story.feedId,
    url: absoluteUrl(config, story.permalink),
    title: story.title,
    summary,
    html: withCredits(absoluteHtml, story),
    published: story.date,
    updated: story.modified > story.date ? story.modified : undefined,
    authors: namedInItem(story.authors, ownAuthor),
    tags: namedInItem(story.tagList, owner.tag).map((tag) => tag.name),
    image: image && feedImage(story, image, config),
    language: story.lang,
  };
}

function feedImage(story: Story, image: PublishedImage, config: Config): FeedImage {
  return {
    url: absoluteImageUrl(config, image.src),
    alt: story.image?.alt ?? '',
    type: IMAGE_TYPES[/\.([a-z]+)(?:[?#]|$)/i.exec(image.src)?.[1]?.toLowerCase() ?? ''],
    bytes: image.bytes,
    width: image.width,
    height: image.height,
    caption: story.image?.caption,
    credit: story.image?.credit,
  };
}

const IMAGE_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
};

/**
 * The story's HTML followed by the picture's credit and the credits line, as its page prints them:
 * wire agreements ask for both wherever the story is republished, a reader's feed included.
 */
function withCredits(html: string | LazyHtml, story: Story): string | LazyHtml {
  const lines = [story.image?.credit && `Photo: ${story.image.credit}`, story.credits].filter((line): line is string => Boolean(line));
  if (lines.length === 0) return html;
  const tail = lines.map((line) => `\n<p><small>${escapeXml(line)}</small></p>`).join('');
  if (typeof html === 'string') return `${html}${tail}`;
  return new LazyHtml(`${html.hash}:${keyOf(tail)}`, () => `${html.text}${tail}`);
}

/** The first ITEM_NAMES of `names`, in order; `own`, when it comes later, takes the last place. */
function namedInItem<T>(names: readonly T[], own: T | undefined): T[] {
  const first = names.slice(0, ITEM_NAMES);
  if (own === undefined || first.includes(own) || !names.includes(own)) return first;
  return [...first.slice(0, -1), own];
}

/**
 * One item per edition day, holding its headlines. The id is the edition's URL, so a story added
 * later that day updates the item rather than making a new one.
 */
export function editionItem(edition: Edition, summaryOf: (story: Story) => string, config: Config): FeedItem {
  const url = absoluteUrl(config, editionPath(edition.day));
  const chronological = [...edition.stories].reverse();
  const first = chronological[0] as Story;
  const modified = edition.stories.reduce((latest, story) => (story.modified > latest ? story.modified : latest), first.modified);
  const html = chronological.map((story) => {
    const summary = summaryOf(story);
    return `<li><a href="${escapeXml(absoluteUrl(config, story.permalink))}">${escapeXml(story.title)}</a>${summary ? `<br>${escapeXml(summary)}` : ''}</li>`;
  });
  const count = edition.stories.length;
  return {
    id: url,
    url,
    title: `${config.title}: ${editionTitle(edition.day, config)}`,
    summary: `${say(config, 'stories_count', { count })}: ${chronological.map((story) => story.title).join('; ')}`,
    html: `<ul>\n${html.join('\n')}\n</ul>`,
    published: first.date,
    updated: modified > first.date ? modified : undefined,
    authors: [],
    tags: [...new Set(chronological.flatMap((story) => story.tagList.map((tag) => tag.name)))],
    image: undefined,
    language: undefined,
  };
}
