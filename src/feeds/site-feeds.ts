// Every feed of the site, in three formats each: the site feed, one per tag, section and author,
// and the edition feed (one item a day). Also the autodiscovery links pages put in their head.

import type { Config } from '../config-types.js';
import { copyWith } from '../copy-with.js';
import { keyOf, keyOfJson } from '../keys.js';
import type { Author, Edition, Section, Site, Story, Tag } from '../model/types.js';
import type { FeedLink } from '../render/page.js';
import { linkTo } from '../urls/links.js';
import { ARCHIVE_PAGE, authorPath, EDITIONS_FOLDER, type FeedFormat, feedPaths, sectionPath, tagPath } from '../urls/paths.js';
import { say } from '../words.js';
import { renderAtom } from './atom.js';
import { buildFeed, editionItem, type Feed, type FeedItem, type FeedSpec, type ItemOwner } from './feed.js';
import { renderJsonFeed } from './json.js';
import { renderRss } from './rss.js';

export interface StoryText {
  summary(story: Story): string;
  /** The story as an item of `owner`'s feed (or the site's), its HTML with every URL absolute. */
  item(story: Story, owner?: ItemOwner): FeedItem;
}

const TYPES: Record<FeedFormat, string> = { rss: 'application/rss+xml', atom: 'application/atom+xml', json: 'application/feed+json' };
const FORMAT_NAMES: Record<FeedFormat, string> = { rss: 'RSS', atom: 'Atom', json: 'JSON Feed' };
const FEED_RENDERERS: Record<FeedFormat, (feed: Feed) => string> = { rss: renderRss, atom: renderAtom, json: renderJsonFeed };

export function siteFeedSpec(config: Config): FeedSpec {
  return { title: config.title, description: config.description, homePath: '', folder: '' };
}

export function tagFeedSpec(tag: Pick<Tag, 'name' | 'slug'>, config: Config): FeedSpec {
  return {
    title: `${config.title}: ${tag.name}`,
    description: say(config, 'tag_description', { tag: tag.name, site: config.title }),
    homePath: tagPath(tag),
    folder: tagPath(tag),
  };
}

export function sectionFeedSpec(section: Pick<Section, 'name' | 'slug'>, config: Config): FeedSpec {
  return {
    title: `${config.title}: ${section.name}`,
    description: say(config, 'section_description', { section: section.name, site: config.title }),
    homePath: sectionPath(section),
    folder: sectionPath(section),
  };
}

export function authorFeedSpec(author: Pick<Author, 'name' | 'slug'>, config: Config): FeedSpec {
  return {
    title: `${config.title}: ${author.name}`,
    description: say(config, 'author_description', { author: author.name, site: config.title }),
    homePath: authorPath(author),
    folder: authorPath(author),
  };
}

export function editionFeedSpec(config: Config): FeedSpec {
  return {
    title: say(config, 'editions_feed_title', { site: config.title }),
    description: say(config, 'editions_feed_description', { site: config.title }),
    homePath: ARCHIVE_PAGE,
    folder: EDITIONS_FOLDER,
  };
}

/**
 * Names what feeds are made from, when that is known without making them (as pages are named, see
 * pagePlans): `site` names the settings and Gazette's code, `story` each story as its item shows it;
 * `kept` gives the key of the file the output folder holds at a path, when it was made from `inputs`.
 */
export interface FeedNames {
  site: string;
  story(story: Story): string | undefined;
  kept(path: string, inputs: string): string | undefined;
}

/** A feed's file, with the name of what it was made from when its feed was named. */
export interface FeedFile {
  path: string;
  key: string;
  contents?: string;
  inputs?: string;
}

/**
 * Every feed file, each keyed by a hash of its feed and items (a story's HTML stands there as its
 * hash). A feed that `held` says the output folder already holds under its key is not serialized
 * again; with `names`, a feed whose files were made from the same inputs is not even made.
 */
export function* renderSiteFeeds(
  site: Site,
  text: StoryText,
  config: Config,
  generator: string,
  held: (path: string, key: string) => boolean = () => false,
  names?: FeedNames,
): Generator<FeedFile> {
  const summaries = new Map<Story, string>();
  const summaryOf = (story: Story) => {
    let summary = summaries.get(story);
    if (summary === undefined) summaries.set(story, (summary = text.summary(story)));
    return summary;
  };
  const editions = site.editions.slice(0, config.editionFeedSize);
  const feeds: SiteFeed[] = [
    { spec: siteFeedSpec(config), stories: site.stories.slice(0, config.feedSize) },
    ...site.tags.map((tag) => ({ spec: tagFeedSpec(tag, config), stories: tag.stories.slice(0, config.tagFeedSize), owner: { tag } })),
    ...site.sections.map((section) => ({ spec: sectionFeedSpec(section, config), stories: section.stories.slice(0, config.tagFeedSize) })),
    ...site.authors.map((author) => ({ spec: authorFeedSpec(author, config), stories: author.stories.slice(0, config.tagFeedSize), owner: { author } })),
    { spec: editionFeedSpec(config), stories: editions.flatMap((edition) => edition.stories), editions },
  ];

  for (const { spec, stories, editions, owner } of feeds) {
    const paths = feedPaths(spec.folder);
    const inputs = names && feedName(names, spec, stories, editions);
    const formats = (Object.keys(FEED_RENDERERS) as FeedFormat[]).map((format) => ({
      format,
      path: paths[format],
      kept: inputs === undefined ? undefined : names?.kept(paths[format], inputs),
    }));
    if (formats.every(({ kept }) => kept !== undefined)) {
      for (const { path, kept } of formats) yield { path, key: kept as string, inputs };
      continue;
    }
    const items = editions ? editions.map((edition) => editionItem(edition, summaryOf, config)) : stories.map((story) => text.item(story, owner));
    const feed = buildFeed(spec, items, config, generator);
    const feedKey = keyOfJson(feed);
    // The items' HTML is read once for the three formats, and only for a feed that is written.
    let withHtml: Feed | undefined;
    // One file at a time: a caller that writes each before asking for the next holds little text.
    for (const { format, path } of formats) {
      const key = `${format}:${feedKey}`;
      if (held(path, key)) {
        yield { path, key, inputs };
        continue;
      }
      withHtml ??= copyWith(feed, { items: feed.items.map((item) => copyWith(item, { html: String(item.html) })) });
      yield { path, key, contents: FEED_RENDERERS[format](withHtml), inputs };
    }
  }
}

/** A feed of the site: its spec, its stories in order, and for the edition feed the editions they come in. */
interface SiteFeed {
  spec: FeedSpec;
  stories: readonly Story[];
  editions?: readonly Edition[];
  /** The tag or author the feed follows. */
  owner?: ItemOwner;
}

/** The name of what a feed is made from; undefined when one of its stories has no name. */
function feedName(names: FeedNames, spec: FeedSpec, stories: readonly Story[], editions: readonly Edition[] | undefined): string | undefined {
  const named: string[] = [];
  for (const story of stories) {
    const name = names.story(story);
    if (name === undefined) return undefined;
    named.push(name);
  }
  const days = editions?.map((edition) => [edition.day, edition.stories.length]) ?? null;
  return keyOf(names.site, JSON.stringify([spec, days, named]));
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
