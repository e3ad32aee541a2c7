// The Eleventy project of `npm run bench:peers`: the corpus's stories in content/, the same pages as
// the Hugo site (stories, a front page by day, a page per tag, a tags overview) and one RSS feed.

import { readFileSync } from 'node:fs';
import { feedPlugin } from '@11ty/eleventy-plugin-rss';

const site = JSON.parse(readFileSync(new URL('./content/_data/site.json', import.meta.url), 'utf8'));

export default function (eleventyConfig) {
  // Every story is laid out as one; the listing templates name their own layout.
  eleventyConfig.addGlobalData('layout', 'story.liquid');
  // Eleventy turns LiquidJS's cache off by default, so that each `render` of a partial reads and
  // parses its file again: twice the build's time here. Dates show in the process's time zone (UTC):
  // LiquidJS's `timezoneOffset` set to the site's zone costs a third more.
  eleventyConfig.setLiquidOptions({ cache: true });

  const slugify = eleventyConfig.getFilter('slugify');
  eleventyConfig.addCollection('tagList', (collections) => groupByTag(collections, slugify).map(({ name, slug, stories }) => ({ name, url: `/tags/${slug}/`, count: stories.length })));

  // Eleventy paginates one collection per template: the pages of every tag are made here, a
  // page of `pageSize` stories each, newest first, and tag.liquid paginates over them one by one.
  eleventyConfig.addCollection('tagPages', (collections) => groupByTag(collections, slugify).flatMap(({ name, slug, stories }) => {
    const pages = Math.ceil(stories.length / site.pageSize);
    const url = (number) => (number < 1 || number > pages ? undefined : `/tags/${slug}/${number > 1 ? `page/${number}/` : ''}`);
    return Array.from({ length: pages }, (_, index) => ({
      name,
      count: stories.length,
      number: index + 1,
      pages,
      url: url(index + 1),
      previous: url(index),
      next: url(index + 2),
      stories: stories.slice(index * site.pageSize, (index + 1) * site.pageSize),
    }));
  }));

  eleventyConfig.addPlugin(feedPlugin, {
    type: 'rss',
    outputPath: '/feed.xml',
    collection: { name: 'all', limit: site.feedSize },
    metadata: { language: site.language, title: site.title, subtitle: site.description, base: site.baseUrl, author: { name: site.title } },
  });
}

/**
 * Tags by slug, as Gazette and Hugo (with removePathAccents) take them: `Élections` and `Elections`
 * are one tag, named by its most used spelling. Stories newest first; tags sorted by slug.
 */
function groupByTag(collections, slugify) {
  const tags = new Map();
  for (const story of collections.getAllSorted().reverse()) {
    for (const spelling of story.data.tags ?? []) {
      const slug = slugify(spelling);
      const tag = tags.get(slug) ?? { slug, spellings: new Map(), stories: [] };
      tag.spellings.set(spelling, (tag.spellings.get(spelling) ?? 0) + 1);
      tag.stories.push(story);
      tags.set(slug, tag);
    }
  }
  return [...tags.values()]
    .sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))
    .map(({ slug, spellings, stories }) => ({ slug, stories, name: [...spellings].sort((a, b) => b[1] - a[1])[0][0] }));
}

export const config = {
  dir: { input: 'content', output: '_site' },
  // Stories are Markdown, not templates, as in Gazette and Hugo.
  markdownTemplateEngine: false,
};
