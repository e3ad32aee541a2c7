// JSON Feed 1.1 (https://jsonfeed.org/version/1.1): the same items as RSS and Atom, keys in a
// fixed order so that the same site gives the same bytes.

import type { Feed } from './feed.js';
import { rfc3339 } from './atom.js';

export function renderJsonFeed(feed: Feed): string {
  const json = {
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: feed.homeUrl,
    feed_url: feed.links.json,
    description: feed.description,
    language: feed.language,
    items: feed.items.map((item) => ({
      id: item.id,
      url: item.url,
      title: item.title,
      summary: item.summary || undefined,
      content_html: item.html,
      image: item.image?.url,
      date_published: rfc3339(item.published),
      date_modified: item.updated ? rfc3339(item.updated) : undefined,
      authors: item.authors.length > 0 ? item.authors.map((name) => ({ name })) : undefined,
      tags: item.tags.length > 0 ? item.tags : undefined,
    })),
  };
  // "</" never appears raw, so the feed can be embedded in a page's script element safely too.
  return `${JSON.stringify(json, null, 2).replaceAll('</', '<\\/')}\n`;
}
