// One neutral feed model, built from the site graph and the stories' absolute-URL bodies;
// each format (rss.ts, …) only serializes it. Pure and deterministic: no clock is read here.

import type { DateTime } from 'luxon';
import type { Config } from '../config.js';
import type { Story } from '../model/site.js';
import { absoluteUrl } from '../urls.js';

export interface FeedItem {
  id: string;
  url: string;
  title: string;
  summary: string;
  /** Full story HTML, every URL absolute. */
  html: string;
  published: DateTime;
  updated: DateTime | undefined;
  authors: string[];
  tags: string[];
  image: { url: string; alt: string } | undefined;
}

export interface Feed {
  title: string;
  description: string;
  language: string;
  homeUrl: string;
  /** Where the feed is published, by format: `rss` → `https://…/feed.xml`. */
  selfUrl: string;
  /** The newest date among the items (publication or update): never the build's clock. */
  updated: DateTime | undefined;
  generator: string;
  items: FeedItem[];
}

export interface FeedEntry {
  story: Story;
  summary: string;
  absoluteHtml: string;
}

export function buildFeed(entries: readonly FeedEntry[], config: Config, feedPath: string, generator: string): Feed {
  const items = entries.map(({ story, summary, absoluteHtml }): FeedItem => ({
    id: story.feedId,
    url: absoluteUrl(config, story.permalink),
    title: story.title,
    summary,
    html: absoluteHtml,
    published: story.date,
    updated: story.updated,
    authors: story.authors,
    tags: story.tagList.map((tag) => tag.name),
    image: story.image && { url: new URL(story.image.src.replace(/^\//, ''), config.baseUrl).href, alt: story.image.alt ?? '' },
  }));
  const latest = items.map((item) => item.updated ?? item.published).sort((a, b) => b.toMillis() - a.toMillis())[0];
  return {
    title: config.title,
    description: config.description,
    language: config.language,
    homeUrl: config.baseUrl,
    selfUrl: absoluteUrl(config, feedPath),
    updated: latest,
    generator,
    items,
  };
}
