// What a generator wrote, counted the same way for all three, and the checks that make their
// timings comparable: one page per story, tag pages, and an RSS feed that parses with its items.

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface OutputCount {
  files: number;
  /** HTML files, redirects included. */
  pages: number;
  /** `2024/01/31/slug/index.html`: the corpus's permalinks. */
  storyPages: number;
  /** `index.html` and `page/2/index.html`, …. */
  frontPages: number;
  /** Tags with a page (`tags/<tag>/index.html`). */
  tags: number;
  /** Every page under tags/ but the overview, later pages of a tag included. */
  tagPages: number;
  feedItems: number;
}

const STORY_PAGE = /^\d{4}\/\d{2}\/\d{2}\/[^/]+\/index\.html$/;
const FRONT_PAGE = /^(page\/\d+\/)?index\.html$/;
const TAG_FIRST_PAGE = /^tags\/[^/]+\/index\.html$/;
const TAG_PAGE = /^tags\/.+\/index\.html$/;

export async function countOutput(output: string, feed: string): Promise<OutputCount> {
  const entries = await readdir(output, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(output, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
  const pages = files.filter((file) => file.endsWith('.html'));
  return {
    files: files.length,
    pages: pages.length,
    storyPages: pages.filter((file) => STORY_PAGE.test(file)).length,
    frontPages: pages.filter((file) => FRONT_PAGE.test(file)).length,
    tags: pages.filter((file) => TAG_FIRST_PAGE.test(file)).length,
    tagPages: pages.filter((file) => TAG_PAGE.test(file)).length,
    feedItems: await countFeedItems(path.join(output, feed)),
  };
}

/** What is wrong with a build's output for the corpus it was given, or undefined. */
export function checkOutput(count: OutputCount, stories: number, feedSize: number): string | undefined {
  if (count.storyPages !== stories) return `${count.storyPages} story pages for ${stories} stories`;
  if (count.tags === 0) return 'no tag page';
  if (count.feedItems !== Math.min(stories, feedSize)) return `${count.feedItems} items in the feed, expected ${Math.min(stories, feedSize)}`;
  return undefined;
}

export function describeOutput(count: OutputCount): string {
  const other = count.pages - count.storyPages - count.frontPages - count.tagPages;
  return `${count.storyPages} story pages, ${count.frontPages} front pages, ${count.tags} tags on ${count.tagPages} tag pages, ${other} other pages; RSS feed of ${count.feedItems} items`;
}

async function countFeedItems(file: string): Promise<number> {
  const xml = await readFile(file, 'utf8');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`${file} is not well-formed XML: line ${valid.err.line}: ${valid.err.msg}`);
  const feed = new XMLParser({ isArray: (name) => name === 'item' }).parse(xml) as { rss?: { channel?: { item?: unknown[] } } };
  if (!feed.rss?.channel) throw new Error(`${file} is not an RSS feed (no rss/channel)`);
  return feed.rss.channel.item?.length ?? 0;
}
