// A story's page, a standalone page, and what every page gets that its plan does not give: its
// file, the site's feeds, default metadata.

import type { Config } from '../config-types.js';
import { copyWith } from '../copy-with.js';
import { feedLinks, siteFeedSpec } from '../feeds/site-feeds.js';
import type { Story } from '../model/types.js';
import { newsArticleJsonLd, storyMeta, WEBSITE_META } from '../render/metadata.js';
import type { FeedLink, Page } from '../render/page.js';
import type { RenderedBody, StoryCardView } from '../render/view-types.js';
import { coverImage, editionTitle, storyView } from '../render/views.js';
import { absoluteUrl, linkTo } from '../urls/links.js';
import { editionPath, pageFile } from '../urls/paths.js';

export type PageInit = Pick<Page, 'kind' | 'path' | 'title' | 'description' | 'data'> &
  Partial<Pick<Page, 'file' | 'lastmod' | 'feeds' | 'meta' | 'jsonLd' | 'source'>>;

export function completePage(init: PageInit, siteFeeds: readonly FeedLink[]): Page {
  return { file: `${init.path}index.html`, lastmod: undefined, meta: WEBSITE_META, jsonLd: null, ...init, feeds: [...siteFeeds, ...(init.feeds ?? [])] };
}

/**
 * A story's page: the story, its older and newer neighbours' and its related stories' cards, its
 * edition. What it is made from is named by pagePlans: the story, those stories, the configuration and theme.
 */
export function storyPage(
  story: Story,
  body: RenderedBody,
  card: (story: Story) => StoryCardView,
  config: Config,
  siteFeeds = feedLinks(siteFeedSpec(config), config),
): Page {
  const cover = coverImage(story, body);
  return completePage(
    {
      kind: 'story',
      path: story.permalink,
      // A `url:` may name a file (`/2020/10/03/My_Post.html`), not only a folder.
      file: pageFile(story.permalink),
      title: story.title,
      description: body.summary,
      source: story.file,
      lastmod: story.modified,
      meta: storyMeta(story, config, cover),
      jsonLd: newsArticleJsonLd(story, body.summary, config, cover),
      data: {
        story: storyView(story, body, config),
        older: story.older ? card(story.older) : null,
        newer: story.newer ? card(story.newer) : null,
        related: story.related.map(card),
        edition: { title: editionTitle(story.day, config), url: linkTo(config, editionPath(story.day)) },
      },
    },
    siteFeeds,
  );
}

/** A standalone page (`content/pages/about.md`): its text, its picture, its date only when it gives one. */
export function standalonePage(page: Story, body: RenderedBody, config: Config, siteFeeds = feedLinks(siteFeedSpec(config), config)): Page {
  const view = storyView(page, body, config);
  return completePage(
    {
      kind: 'page',
      path: page.permalink,
      file: pageFile(page.permalink),
      title: page.title,
      description: body.summary,
      source: page.file,
      lastmod: standaloneLastmod(page),
      data: { article: copyWith(view, { published: page.dated ? view.published : null }) },
    },
    siteFeeds,
  );
}

/** A page's last change for the sitemap: its date or `updated`, the latest given; none for a page that gives neither. */
export function standaloneLastmod(page: Story): Page['lastmod'] {
  return page.dated ? page.modified : page.updated;
}

/** The page of a story's (or standalone page's) old URL, sending readers on to it. */
export function redirectPage(story: Story, alias: string, config: Config, siteFeeds: readonly FeedLink[]): Page {
  return completePage(
    {
      kind: 'redirect',
      path: alias,
      file: pageFile(alias),
      title: story.title,
      description: '',
      source: story.file,
      feeds: [],
      data: { link: linkTo(config, story.permalink), absoluteUrl: absoluteUrl(config, story.permalink) },
    },
    siteFeeds,
  );
}
