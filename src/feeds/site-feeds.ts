// Every feed of the site, in three formats each: the site feed, one per tag, section and author,
// and the edition feed (one item a day). Also the autodiscovery links pages put in their head.

import { createHash } from 'node:crypto';
import type { Config } from '../config.js';
import { extend } from '../extend.js';
import type { Author, Section, Site, Story, Tag } from '../model/site.js';
import { authorPath, sectionPath, tagPath } from '../render/views.js';
import { absoluteUrl, linkTo } from '../urls.js';
import type { KeptFile, TextFile } from '../write.js';
import { renderAtom } from './atom.js';
import { buildFeed, editionItem, feedPaths, type Feed, type FeedFormat, type FeedItem, type FeedSpec } from './feed.js';
import { renderJsonFeed } from './json.js';
import { renderRss } from './rss.js';

export const EDITIONS_FOLDER = 'editions/';

export interface StoryText {
  summary(story: Story): string;
  /** The story as a feed item, its HTML with every URL absolute. */
  item(story: Story): FeedItem;
}

export interface FeedLink {
  type: string;
  title: string;
  url: string;
}

const TYPES: Record<FeedFormat, string> = { rss: 'application/rss+xml', atom: 'application/atom+xml', json: 'application/feed+json' };
const FORMAT_NAMES: Record<FeedFormat, string> = { rss: 'RSS', atom: 'Atom', json: 'JSON Feed' };

export function siteFeedSpec(config: Config): FeedSpec {
  return { title: config.title, description: config.description, homePath: '', folder: '' };
}

export function tagFeedSpec(tag: Pick<Tag, 'name' | 'slug'>, config: Config): FeedSpec {
  return { title: `${config.title}: ${tag.name}`, description: `Stories about ${tag.name} from ${config.title}`, homePath: tagPath(tag), folder: tagPath(tag) };
}

export function sectionFeedSpec(section: Pick<Section, 'name' | 'slug'>, config: Config): FeedSpec {
  return { title: `${config.title}: ${section.name}`, description: `The ${section.name} section of ${config.title}`, homePath: sectionPath(section), folder: sectionPath(section) };
}

export function authorFeedSpec(author: Pick<Author, 'name' | 'slug'>, config: Config): FeedSpec {
  return { title: `${config.title}: ${author.name}`, description: `Stories by ${author.name} in ${config.title}`, homePath: authorPath(author), folder: authorPath(author) };
}

export function editionFeedSpec(config: Config): FeedSpec {
  return { title: `${config.title}: daily editions`, description: `One item a day with the headlines of ${config.title}`, homePath: 'archive/', folder: EDITIONS_FOLDER };
}

/**
 * Every feed file, each named by a key made from the feed and its items (a story's HTML stands there
 * as its hash). A feed that `held` says the output folder already holds under its key is not
 * serialized again.
 */
export function* renderSiteFeeds(site: Site, text: StoryText, config: Config, generator: string, held: (path: string, key: string) => boolean = () => false): Generator<TextFile | KeptFile> {
  const storyItems = (stories: readonly Story[], size: number) => stories.slice(0, size).map((story) => text.item(story));
  const summaries = new Map(site.stories.map((story) => [story, text.summary(story)]));
  const feeds: [FeedSpec, Feed][] = [];
  const add = (spec: FeedSpec, items: Feed['items']) => feeds.push([spec, buildFeed(spec, items, config, generator)]);

  add(siteFeedSpec(config), storyItems(site.stories, config.feedSize));
  for (const tag of site.tags) add(tagFeedSpec(tag, config), storyItems(tag.stories, config.tagFeedSize));
  for (const section of site.sections) add(sectionFeedSpec(section, config), storyItems(section.stories, config.tagFeedSize));
  for (const author of site.authors) add(authorFeedSpec(author, config), storyItems(author.stories, config.tagFeedSize));
  add(editionFeedSpec(config), site.editions.slice(0, config.editionFeedSize).map((edition) => editionItem(edition, summaries, config)));

  for (const [spec, feed] of feeds) {
    const paths = feedPaths(spec.folder);
    const feedKey = createHash('sha1').update(JSON.stringify(feed)).digest('base64');
    // The items' HTML is read once for the three formats, and only for a feed that is written.
    let withHtml: Feed | undefined;
    const serialize = (format: FeedFormat, render: (feed: Feed) => string): TextFile | KeptFile => {
      const key = `${format}:${feedKey}`;
      if (held(paths[format], key)) return { path: paths[format], key };
      withHtml ??= extend(feed, { items: feed.items.map((item) => extend(item, { html: String(item.html) })) });
      return { path: paths[format], key, contents: render(withHtml) };
    };
    // One file at a time: a caller that writes each before asking for the next holds little text.
    yield serialize('rss', renderRss);
    yield serialize('atom', renderAtom);
    yield serialize('json', renderJsonFeed);
  }
}

/** `<link rel="alternate">` entries for a feed, one per format. */
export function feedLinks(spec: FeedSpec, config: Config): FeedLink[] {
  const paths = feedPaths(spec.folder);
  return (Object.keys(TYPES) as FeedFormat[]).map((format) => ({
    type: TYPES[format],
    title: `${spec.title} (${FORMAT_NAMES[format]})`,
    url: linkTo(config, paths[format]),
  }));
}
