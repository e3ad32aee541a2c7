// JSON Feed 1.1 (https://jsonfeed.org/version/1.1): the same items as RSS and Atom, keys in a
// fixed order so that the same site gives the same bytes.

import { rfc3339 } from './atom.js';
import type { Feed, FeedItem } from './feed.js';

export function renderJsonFeed(feed: Feed): string {
  const head = {
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: feed.homeUrl,
    feed_url: feed.links.json,
    description: feed.description,
    language: feed.language,
    items: [],
  };
  const items = feed.items.length === 0 ? '[]' : `[\n${feed.items.map(renderItem).join(',\n')}\n  ]`;
  // A function, not a string, as the replacement: "$&" or "$'" in a story would be read as patterns.
  return `${scriptSafe(JSON.stringify(head, null, 2)).replace(/"items": \[\]\n\}$/, () => `"items": ${items}\n}`)}\n`;
}

/** One item as JSON.stringify would indent it inside the feed's "items" array. */
function renderItem(item: FeedItem): string {
  const json = {
    id: item.id,
    url: item.url,
    title: item.title,
    summary: item.summary || undefined,
    content_html: String(item.html),
    image: item.image?.url,
    banner_image: item.image?.url,
    date_published: rfc3339(item.published),
    date_modified: item.updated ? rfc3339(item.updated) : undefined,
    authors: item.authors.length > 0 ? item.authors.map((name) => ({ name })) : undefined,
    tags: item.tags.length > 0 ? item.tags : undefined,
    language: item.language,
  };
  // Indented line by line: only "\n" ends a line here (a title may hold U+2028, which /^/m would split).
  return `    ${scriptSafe(JSON.stringify(json, null, 2)).replaceAll('\n', '\n    ')}`;
}

/**
 * "</" never appears raw, so the feed can be embedded in a page's script element safely too; nor do
 * U+2028 and U+2029, which end lines in JavaScript (and in regular expressions) though not in JSON.
 */
function scriptSafe(json: string): string {
  return json.replaceAll('</', '<\\/').replaceAll('\u2028', '\\u2028').replaceAll('\u2029', '\\u2029');
}
