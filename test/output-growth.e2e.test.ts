// One story's output grows in proportion to the story: a one-story site is built with more and more
// tags, authors and text, up to the most a story may have, and its output's size is measured. Each
// tag and author is a page and three feeds; were every item and card to name them all, the output
// would grow with their square.

import assert from 'node:assert/strict';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { XMLValidator } from 'fast-xml-parser';
import { parseFeed } from 'feedsmith';
import { STORY_LIMITS } from '../src/content/limits.js';
import { assertValidJsonFeed } from './support/feeds.js';
import { buildSmallSite, SMALL_SITE_CONFIG } from './support/small-site.js';

interface Shape {
  tags?: number;
  authors?: number;
  aliases?: number;
  corrections?: number;
  /** Paragraphs of the body. */
  paragraphs?: number;
}

const names = (kind: string, count: number) => Array.from({ length: count }, (_, index) => `${kind} number ${index + 1} of a long list`);

function storyOf({ tags = 1, authors = 1, aliases = 0, corrections = 0, paragraphs = 10 }: Shape): string {
  const fixes = Array.from({ length: corrections }, (_, index) => ({
    date: `2020-10-02T${String(index).padStart(2, '0')}:00:00Z`,
    text: `Correction ${index + 1}.`,
  }));
  return [
    '---',
    'title: A story that lists a lot',
    'date: 2020-10-01T09:00:00Z',
    `tags: ${JSON.stringify(names('Topic', tags))}`,
    `authors: ${JSON.stringify(names('Writer', authors))}`,
    `aliases: ${JSON.stringify(Array.from({ length: aliases }, (_, index) => `/old/${index + 1}/`))}`,
    `corrections: ${JSON.stringify(fixes)}`,
    '---',
    'A paragraph of the story, long enough to be a paragraph.\n\n'.repeat(paragraphs),
  ].join('\n');
}

async function folderBytes(folder: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}

async function siteBytes(shape: Shape): Promise<number> {
  const site = await buildSmallSite({ 'story.md': storyOf(shape) });
  try {
    assert.deepEqual(site.problems, []);
    return await folderBytes(site.out);
  } finally {
    await site.remove();
  }
}

/**
 * What the second half of the way to `most` adds to the output, over what the first half added:
 * about 1 when the output grows in proportion, about 1.5 or more when it grows with the square.
 */
async function secondHalfOverFirst(most: number, shape: (count: number) => Shape): Promise<number> {
  const [none, half, all] = [await siteBytes(shape(0)), await siteBytes(shape(most / 2)), await siteBytes(shape(most))];
  return (all - half) / (half - none);
}

describe("one story's output", () => {
  it('grows in proportion to its tags, up to the most a story may have', async () => {
    const growth = await secondHalfOverFirst(STORY_LIMITS.tags.most, (tags) => ({ tags }));
    assert.ok(growth < 1.1, `the second half of the tags added ${growth.toFixed(2)} times what the first half did`);
  });

  it('grows in proportion to its authors, up to the most a story may have', async () => {
    const growth = await secondHalfOverFirst(STORY_LIMITS.authors.most, (authors) => ({ authors }));
    assert.ok(growth < 1.1, `the second half of the authors added ${growth.toFixed(2)} times what the first half did`);
  });

  it('grows in proportion to its text, with every list at its most', async () => {
    const most = {
      tags: STORY_LIMITS.tags.most,
      authors: STORY_LIMITS.authors.most,
      aliases: STORY_LIMITS.aliases.most,
      corrections: STORY_LIMITS.corrections.most,
    };
    const growth = await secondHalfOverFirst(200, (paragraphs) => ({ ...most, paragraphs }));
    assert.ok(growth < 1.1, `the second half of the text added ${growth.toFixed(2)} times what the first half did`);
  });

  it('is a site whose feeds readers take, when every list is at its most', async () => {
    const site = await buildSmallSite(
      {
        'a-story-that-lists-a-lot.md': storyOf({
          tags: STORY_LIMITS.tags.most,
          authors: STORY_LIMITS.authors.most,
          aliases: STORY_LIMITS.aliases.most,
          corrections: STORY_LIMITS.corrections.most,
        }),
      },
      { config: SMALL_SITE_CONFIG },
    );
    try {
      assert.deepEqual([site.problems, site.warnings], [[], []]);
      const page = cheerio.load(await site.read('2020/10/01/a-story-that-lists-a-lot/index.html'));
      assert.equal(page('.story__tags a[rel="tag"]').length, STORY_LIMITS.tags.most);
      assert.equal(page('.story__head a[rel="author"]').length, STORY_LIMITS.authors.most);
      assert.equal(page('.story__corrections li').length, STORY_LIMITS.corrections.most);
      assert.match(await site.read(`old/${STORY_LIMITS.aliases.most}/index.html`), /a-story-that-lists-a-lot/);

      // A card names ten authors and counts the others, on every list it is on.
      const tagPage = cheerio.load(await site.read('tags/topic-number-50-of-a-long-list/index.html'));
      assert.equal(tagPage('.card a[rel="author"]').length, 10);
      assert.match(tagPage('.card .meta__byline').text(), /Writer number 10 of a long list and 10 others$/);

      // An item names ten tags and ten authors; in a tag's or an author's feed, that one among them.
      for (const folder of ['', 'tags/topic-number-50-of-a-long-list/', 'authors/writer-number-20-of-a-long-list/']) {
        for (const file of ['feed.xml', 'atom.xml', 'feed.json']) {
          const text = await site.read(`${folder}${file}`);
          if (file.endsWith('.json')) assertValidJsonFeed(text, folder + file);
          else assert.equal(XMLValidator.validate(text), true, folder + file);
          const { feed } = parseFeed(text);
          const items = ('items' in feed ? feed.items : 'entries' in feed ? feed.entries : undefined) ?? [];
          assert.equal(items.length, 1, folder + file);
          const item = items[0] as { categories?: { name?: string; label?: string; term?: string }[]; tags?: string[]; authors?: unknown[] };
          const tags = item.tags ?? (item.categories ?? []).map((category) => category.name ?? category.term ?? category.label);
          assert.equal(tags.length, 10, folder + file);
          assert.equal(tags.includes('Topic number 50 of a long list'), folder.startsWith('tags/'), folder + file);
        }
      }
      const authorFeed = JSON.parse(await site.read('authors/writer-number-20-of-a-long-list/feed.json')) as { items: { authors: { name: string }[] }[] };
      assert.deepEqual(
        authorFeed.items[0]?.authors.map((author) => author.name),
        [...names('Writer', 9), 'Writer number 20 of a long list'],
      );
    } finally {
      await site.remove();
    }
  });
});
