// RSS 2.0 with the content, Dublin Core, Media RSS and Atom (self link) namespaces, as feed readers and the
// W3C feed validator expect: RFC 822 dates with their offset, a stable guid, absolute URLs.

import type { DateTime } from 'luxon';
import { escapeXml } from '../escape.js';
import type { Feed, FeedImage, FeedItem } from './feed.js';
import { cdata, element, stylesheetInstruction } from './xml.js';

export function renderRss(feed: Feed): string {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    stylesheetInstruction(feed.stylesheet),
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">',
    '<channel>',
    element('title', feed.title),
    element('link', feed.homeUrl),
    element('description', feed.description),
    element('language', feed.language),
    element('generator', feed.generator),
    feed.updated ? element('lastBuildDate', rfc822(feed.updated)) : '',
    `<atom:link href="${escapeXml(feed.links.rss)}" rel="self" type="application/rss+xml"/>`,
    ...feed.items.map(renderItem),
    '</channel>',
    '</rss>',
  ];
  return `${lines.filter(Boolean).join('\n')}\n`;
}

function renderItem(item: FeedItem): string {
  const isPermaLink = item.id === item.url ? 'true' : 'false';
  return [
    '<item>',
    element('title', item.title),
    element('link', item.url),
    element('guid', item.id, { isPermaLink }),
    element('pubDate', rfc822(item.published)),
    element('description', item.summary),
    `<content:encoded>${cdata(String(item.html))}</content:encoded>`,
    ...item.tags.map((tag) => element('category', tag)),
    ...item.authors.map((author) => element('dc:creator', author)),
    ...(item.image ? renderPicture(item.image) : []),
    '</item>',
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * The story's picture twice: an enclosure (RSS 2.0 allows one, and needs its type and length; the
 * length of a picture elsewhere on the web is unknown, 0 as the RSS Advisory Board advises), and
 * Media RSS, which feed readers show as the item's card, with its description and credit.
 */
function renderPicture(image: FeedImage): string[] {
  const { url, type, bytes, width, height } = image;
  const enclosure = type === undefined ? '' : `<enclosure url="${escapeXml(url)}" length="${bytes ?? 0}" type="${type}"/>`;
  const attributes = [
    `url="${escapeXml(url)}"`,
    'medium="image"',
    type && `type="${type}"`,
    bytes !== undefined && `fileSize="${bytes}"`,
    width !== undefined && `width="${width}"`,
    height !== undefined && `height="${height}"`,
  ].filter(Boolean);
  const description = image.caption ?? image.alt;
  return [
    enclosure,
    `<media:content ${attributes.join(' ')}>`,
    element('media:description', description, { type: 'plain' }),
    element('media:credit', image.credit),
    '</media:content>',
  ];
}

/** RFC 822 (as updated by RFC 1123): `Thu, 01 Oct 2020 16:40:00 +0100`, in English whatever the locale. */
export function rfc822(date: DateTime): string {
  return date.setLocale('en-US').toRFC2822() ?? '';
}
