// The pages that help a reader follow the site: /subscribe/, every feed in one place with the
// newsletter's sign-up form, and the XSLT stylesheet that shows a feed in a browser as a page.

import type { Config } from '../config-types.js';
import type { FeedSpec } from '../feeds/feed.js';
import { authorFeedSpec, editionFeedSpec, sectionFeedSpec, siteFeedSpec } from '../feeds/site-feeds.js';
import type { Site } from '../model/types.js';
import { linkTo } from '../urls/links.js';
import { FEED_STYLESHEET, feedPaths, SUBSCRIBE_PAGE } from '../urls/paths.js';
import { say } from '../words.js';
import type { PageInit } from './story-page.js';

/** A feed as the subscribe page lists it: its name, the page it follows, and its three formats. */
interface FeedEntry {
  name: string;
  url: string;
  rss: string;
  atom: string;
  json: string;
}

function feedEntry(name: string, spec: FeedSpec, config: Config): FeedEntry {
  const paths = feedPaths(spec.folder);
  return { name, url: linkTo(config, spec.homePath), rss: linkTo(config, paths.rss), atom: linkTo(config, paths.atom), json: linkTo(config, paths.json) };
}

export function subscribePage(site: Site, config: Config, lastmod: PageInit['lastmod']): PageInit {
  return {
    kind: 'subscribe',
    path: SUBSCRIBE_PAGE,
    title: say(config, 'subscribe'),
    description: say(config, config.newsletter ? 'subscribe_description_newsletter' : 'subscribe_description', { site: config.title }),
    lastmod,
    data: {
      siteFeed: feedEntry(config.title, siteFeedSpec(config), config),
      editionFeed: feedEntry(say(config, 'daily_editions'), editionFeedSpec(config), config),
      sectionFeeds: site.sections.map((section) => feedEntry(section.name, sectionFeedSpec(section, config), config)),
      authorFeeds: [...site.authors]
        .sort((a, b) => a.name.localeCompare(b.name, config.language) || (a.slug < b.slug ? -1 : 1))
        .map((author) => feedEntry(author.name, authorFeedSpec(author, config), config)),
      newsletter: config.newsletter ?? null,
    },
  };
}

/** The stylesheet is rendered from the theme's `feed.xsl.liquid`; not in the sitemap. */
export function feedStylesheetPage(config: Config): PageInit {
  return { kind: 'feed-stylesheet', path: FEED_STYLESHEET, file: FEED_STYLESHEET, title: config.title, description: config.description, data: {} };
}
