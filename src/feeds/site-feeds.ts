// Every feed of the site, in three formats each: the site feed, one per tag, and the edition feed
// (one item a day). Also the autodiscovery links pages put in their head.

import type { Config } from '../config.js';
import { GazetteError } from '../errors.js';
import type { Site, Story, Tag } from '../model/site.js';
import { tagPath } from '../render/views.js';
import type { MarkdownRenderer, RenderedMarkdown } from '../render/markdown.js';
import { absoluteUrl, feedUrlResolver, linkTo, pageUrlResolver } from '../urls.js';
import type { OutputFile } from '../write.js';
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

export function editionFeedSpec(config: Config): FeedSpec {
  return { title: `${config.title}: daily editions`, description: `One item a day with the headlines of ${config.title}`, homePath: 'archive/', folder: EDITIONS_FOLDER };
}

/**
 * What the last build wrote for each feed, with the items it held: a feed whose items are the very
 * same objects as last time (and whose description is the same) is not serialized again.
 */
export type FeedCache = Map<string, { key: readonly unknown[]; contents: string }>;

export function renderSiteFeeds(site: Site, text: StoryText, config: Config, generator: string, cache: FeedCache = new Map()): OutputFile[] {
  const storyItems = (stories: readonly Story[], size: number) => stories.slice(0, size).map((story) => text.item(story));
  const summaries = new Map(site.stories.map((story) => [story, text.summary(story)]));
  const feeds: [FeedSpec, Feed][] = [];
  const add = (spec: FeedSpec, items: Feed['items']) => feeds.push([spec, buildFeed(spec, items, config, generator)]);

  add(siteFeedSpec(config), storyItems(site.stories, config.feedSize));
  for (const tag of site.tags) add(tagFeedSpec(tag, config), storyItems(tag.stories, config.tagFeedSize));
  add(editionFeedSpec(config), site.editions.slice(0, config.editionFeedSize).map((edition) => editionItem(edition, summaries, config)));

  const serialize = (path: string, feed: Feed, render: (feed: Feed) => string): OutputFile => {
    const key = [feed.title, feed.description, feed.homeUrl, feed.updated?.toMillis(), ...feed.items];
    const cached = cache.get(path);
    const contents = cached && sameItems(cached.key, key) ? cached.contents : render(feed);
    cache.set(path, { key, contents });
    return { path, contents };
  };
  return feeds.flatMap(([spec, feed]) => {
    const paths = feedPaths(spec.folder);
    return [serialize(paths.rss, feed, renderRss), serialize(paths.atom, feed, renderAtom), serialize(paths.json, feed, renderJsonFeed)];
  });
}

function sameItems(before: readonly unknown[], after: readonly unknown[]): boolean {
  return before.length === after.length && before.every((value, index) => value === after[index]);
}

/** A story's Markdown rendered for its page and for feeds, where every link must be absolute. */
export function renderStoryMarkdown(markdown: MarkdownRenderer, story: Story, config: Config): RenderedMarkdown {
  let rendered: RenderedMarkdown;
  try {
    rendered = markdown.render(story.body, pageUrlResolver(config), feedUrlResolver(config, story.permalink));
  } catch (error) {
    // The nesting check of content/nesting.ts should have refused such a story; this is the last guard.
    if (!(error instanceof RangeError)) throw error;
    throw new GazetteError({
      code: 'markdown-too-deep', file: story.file, line: story.bodyLine, message: 'the Markdown is nested too deeply to render',
      hint: 'remove the extra ">", list markers, "*" or "["', cause: error,
    });
  }
  // Footnote links come from footnote nodes, not link nodes, so the resolver never sees them.
  const storyUrl = absoluteUrl(config, story.permalink);
  // A function as the replacement: a "$&" in the base URL must stay as it is.
  return { ...rendered, feedHtml: rendered.feedHtml?.replaceAll('href="#', () => `href="${storyUrl}#`) };
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
