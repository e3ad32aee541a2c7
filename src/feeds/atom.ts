// Atom 1.0 (RFC 4287): RFC 3339 dates with their offset, an author on the feed so every entry has
// one, the story's stable id, summary as text and content as escaped HTML.

import type { DateTime } from 'luxon';
import { escapeXml } from '../escape.js';
import type { Feed, FeedImage, FeedItem } from './feed.js';
import { element, stylesheetInstruction } from './xml.js';

export function renderAtom(feed: Feed): string {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    stylesheetInstruction(feed.stylesheet),
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(feed.language)}">`,
    element('title', feed.title),
    element('subtitle', feed.description),
    `<link href="${escapeXml(feed.homeUrl)}" rel="alternate" type="text/html"/>`,
    `<link href="${escapeXml(feed.links.atom)}" rel="self" type="application/atom+xml"/>`,
    element('id', feed.homeUrl),
    element('updated', rfc3339(feed.updated)),
    `<author>${element('name', feed.publisher)}</author>`,
    element('generator', feed.generator),
    ...feed.items.map(renderEntry),
    '</feed>',
  ];
  return `${lines.filter(Boolean).join('\n')}\n`;
}

function renderEntry(item: FeedItem): string {
  return [
    item.language === undefined ? '<entry>' : `<entry xml:lang="${escapeXml(item.language)}">`,
    element('title', item.title),
    `<link href="${escapeXml(item.url)}" rel="alternate" type="text/html"/>`,
    element('id', item.id),
    element('published', rfc3339(item.published)),
    element('updated', rfc3339(item.updated ?? item.published)),
    ...item.authors.map((author) => `<author>${element('name', author)}</author>`),
    item.image?.type === undefined ? '' : enclosure(item.image),
    element('summary', item.summary, { type: 'text' }),
    element('content', String(item.html), { type: 'html' }),
    ...item.tags.map((tag) => `<category term="${escapeXml(tag)}"/>`),
    '</entry>',
  ]
    .filter(Boolean)
    .join('\n');
}

/** The story's picture, as RFC 4287 links a large resource: its type and, when known, its length. */
function enclosure({ url, type, bytes }: FeedImage): string {
  const length = bytes === undefined ? '' : ` length="${bytes}"`;
  return `<link href="${escapeXml(url)}" rel="enclosure" type="${type}"${length}/>`;
}

/** RFC 3339 with the real offset: `2020-10-01T16:40:00+01:00`. An empty feed is dated 1970. */
export function rfc3339(date: DateTime | undefined): string {
  return date?.toISO({ suppressMilliseconds: true }) ?? '1970-01-01T00:00:00Z';
}
