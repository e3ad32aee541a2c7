// The build in one sentence: load stories and theme, build the site graph, render the Markdown,
// decide the pages, render them and the feeds, write the site. A Builder keeps what it made, so
// that the dev loop's rebuild ("these files changed") runs the same stages and redoes only what a
// change touched: unchanged stories are not read again, unchanged Markdown and pages not rendered.

import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Config } from './config.js';
import { loadStories, type StoryFileResult } from './content/load.js';
import type { StorySource } from './content/story.js';
import { loadTheme } from './content/theme.js';
import { GazetteError, failIfAny } from './errors.js';
import { FEED_FILES, storyItem, type FeedItem } from './feeds/feed.js';
import { renderSiteFeeds, renderStoryMarkdown, type FeedCache } from './feeds/site-feeds.js';
import { buildSite as buildSiteGraph, type Story } from './model/site.js';
import { foldCase, planPages, type Page } from './pages.js';
import { createMarkdownRenderer, cutOnWord, type RenderedMarkdown } from './render/markdown.js';
import { renderRedirect } from './render/redirect.js';
import { createTemplateRenderer, type TemplateRenderer } from './render/templates.js';
import type { RenderedBody } from './render/views.js';
import { NEWS_SITEMAP_PATH, renderNewsSitemap, renderRobots, renderSitemap, SITEMAP_PATH } from './sitemaps.js';
import { absoluteUrl, linkTo } from './urls.js';
import { GENERATOR } from './version.js';
import { outputStateOf, syncSite, writeSite, type OutputFile, type OutputState } from './write.js';

/** How a build leaves its output: swapped in whole, synced in place (dev), or not written (check). */
export type WriteMode = 'swap' | 'sync' | 'none';

export interface BuildReport {
  stories: number;
  pages: number;
  files: number;
  warnings: GazetteError[];
  /** Files written and removed by this build (every file for a swap). */
  written: string[];
  removed: string[];
}

export interface Builder {
  /**
   * Build; `changed` lists the absolute paths changed since the last call (everything is read again
   * when absent). Paths of a failed build are read again by the next one.
   */
  build(changed?: ReadonlySet<string>): Promise<BuildReport>;
  /** What the output folder holds after the last build in sync mode, to hand to a new Builder. */
  readonly output: OutputState | undefined;
}

const SUMMARY_LENGTH = 280;

interface CachedItem {
  permalink: string;
  tags: string;
  item: FeedItem;
}

/** One build. An abort of `signal` stops it before the next page, or before the swap, writing nothing. */
export function build(config: Config, options: { write: boolean; signal?: AbortSignal } = { write: true }): Promise<BuildReport> {
  return createBuilder(config, options.write ? 'swap' : 'none', { signal: options.signal }).build();
}

/**
 * A Builder for one configuration. In sync mode its first build swaps the output folder in whole,
 * unless `output` says what the folder already holds (from the Builder of a previous configuration).
 */
export function createBuilder(config: Config, mode: WriteMode, options: { output?: OutputState; signal?: AbortSignal } = {}): Builder {
  const { signal } = options;
  const markdown = createMarkdownRenderer({ rawHtml: config.rawHtml });
  let storyFiles: Map<string, StoryFileResult> | undefined;
  let unbuilt: Set<string> | undefined;
  let markdownCache = new Map<string, RenderedMarkdown>();
  let theme: { key: string; templates: TemplateRenderer } | undefined;
  let pageCache = new Map<string, { key: string; html: string }>();
  // A story's feed item stays the same object while its file, URL and tag names do, so that the
  // feed serializers can reuse what they made of it.
  let itemCache = new Map<StorySource, CachedItem>();
  const feedCache: FeedCache = new Map();
  let output = options.output;

  return {
    get output() {
      return output;
    },
    async build(changed) {
      const stale = changed && storyFiles ? new Set([...(unbuilt ?? []), ...changed]) : undefined;
      unbuilt = stale;
      const [content, themeFiles] = await Promise.all([
        loadStories(config.root, config.contentDir, config.timeZone, stale ? storyFiles : undefined, stale),
        loadTheme(config.root, config.templatesDir, config.staticDir),
      ]);
      failIfAny(content.problems);
      const warnings = [...content.warnings];

      const site = buildSiteGraph(content.stories, config);
      const renderedMarkdown = new Map<string, RenderedMarkdown>();
      const bodies = new Map<Story, RenderedBody>();
      const feedHtml = new Map<Story, string>();
      for (const story of site.stories) {
        signal?.throwIfAborted();
        // Relative links in feeds resolve against the story's URL, so the permalink is part of the key.
        const key = `${story.permalink}\n${story.body}`;
        const rendered = renderedMarkdown.get(key) ?? markdownCache.get(key) ?? renderStoryMarkdown(markdown, story, config);
        renderedMarkdown.set(key, rendered);
        feedHtml.set(story, rendered.feedHtml ?? '');
        if (rendered.droppedHtml) warnings.push(droppedHtmlWarning(story));
        if (rendered.droppedUrl) warnings.push(droppedUrlWarning(story));
        bodies.set(story, { html: rendered.html, summary: story.summary ?? shortSummary(rendered) });
      }

      const pages = planPages(site, bodies, config);
      const themeKey = fingerprint(JSON.stringify(themeFiles.templates));
      if (theme?.key !== themeKey) {
        theme = { key: themeKey, templates: createTemplateRenderer(themeFiles, { site: siteGlobals(config) }) };
        pageCache = new Map();
      }
      const renderedPages = new Map<string, { key: string; html: string }>();
      const files: OutputFile[] = [];
      for (const page of pages) {
        signal?.throwIfAborted();
        const context = pageContext(page, config);
        const key = fingerprint(JSON.stringify(context));
        const cached = pageCache.get(page.file);
        const html = cached?.key === key ? cached.html : await renderPage(page, context, theme.templates, config);
        renderedPages.set(page.file, { key, html });
        files.push({ path: page.file, contents: html });
      }

      const items = new Map<StorySource, CachedItem>();
      const text = {
        summary: (story: Story) => bodies.get(story)?.summary ?? '',
        item(story: Story): FeedItem {
          const tags = story.tagList.map((tag) => tag.name).join('\n');
          const cached = itemCache.get(story.source);
          const fresh = cached && cached.permalink === story.permalink && cached.tags === tags
            ? cached
            : { permalink: story.permalink, tags, item: storyItem(story, text.summary(story), feedHtml.get(story) ?? '', config) };
          items.set(story.source, fresh);
          return fresh.item;
        },
      };
      files.push(...renderSiteFeeds(site, text, config, GENERATOR, feedCache));
      files.push(
        { path: SITEMAP_PATH, contents: renderSitemap(pages.filter((page) => page.lastmod !== undefined), config) },
        { path: NEWS_SITEMAP_PATH, contents: renderNewsSitemap(site.stories, config) },
        { path: 'robots.txt', contents: renderRobots(config) },
      );

      const copies = themeFiles.staticFiles.map((file) => ({ from: file.from, path: file.to }));
      rejectSharedDestinations(files, copies, config.root);
      const { written, removed } = await writeOutput(files, copies);

      storyFiles = content.results;
      unbuilt = undefined;
      markdownCache = renderedMarkdown;
      pageCache = renderedPages;
      itemCache = items;
      return { stories: site.stories.length, pages: pages.length, files: files.length + copies.length, warnings, written, removed };
    },
  };

  async function writeOutput(files: OutputFile[], copies: { from: string; path: string }[]): Promise<{ written: string[]; removed: string[] }> {
    if (mode === 'none') return { written: [], removed: [] };
    if (mode === 'swap' || output === undefined) {
      await writeSite(config, files, copies, signal);
      if (mode === 'sync') output = await outputStateOf(files, copies);
      return { written: [...files.map((file) => file.path), ...copies.map((copy) => copy.path)], removed: [] };
    }
    const report = await syncSite(config, files, copies, output);
    output = report.state;
    return { written: report.written, removed: report.removed };
  }
}

const shortSummaries = new WeakMap<RenderedMarkdown, string>();
function shortSummary(rendered: RenderedMarkdown): string {
  let summary = shortSummaries.get(rendered);
  if (summary === undefined) shortSummaries.set(rendered, (summary = cutOnWord(rendered.firstParagraph, SUMMARY_LENGTH)));
  return summary;
}

function fingerprint(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}

function droppedHtmlWarning(story: Story): GazetteError {
  return new GazetteError({
    code: 'field-invalid', file: story.file, line: story.bodyLine, message: 'raw HTML in the story was removed',
    hint: 'write it in Markdown, or set "markdown: { rawHtml: true }" if your authors are trusted',
  });
}

function droppedUrlWarning(story: Story): GazetteError {
  return new GazetteError({
    code: 'url-unsafe', file: story.file, line: story.bodyLine, message: 'a link or image to a javascript:, vbscript: or data: URL was removed',
    hint: 'link to an http(s) address or a path on the site',
  });
}

function pageContext(page: Page, config: Config): Record<string, unknown> {
  return {
    ...page.data,
    page: {
      kind: page.kind,
      title: page.title,
      description: page.description,
      url: linkTo(config, page.path),
      absoluteUrl: absoluteUrl(config, page.path),
      feeds: page.feeds,
      meta: page.meta,
      jsonLd: page.jsonLd,
    },
  };
}

function renderPage(page: Page, context: Record<string, unknown>, templates: TemplateRenderer, config: Config): Promise<string> | string {
  if (page.kind === 'redirect') {
    const { link, absoluteUrl: target } = page.data as { link: string; absoluteUrl: string };
    return renderRedirect(page.title, link, target, config.language);
  }
  return templates.render(page.kind, context);
}

function siteGlobals(config: Config) {
  return {
    title: config.title,
    description: config.description,
    language: config.language,
    url: config.baseUrl,
    root: config.basePath,
    assetsUrl: linkTo(config, 'assets/'),
    feedUrl: linkTo(config, FEED_FILES.rss),
    feedAbsoluteUrl: absoluteUrl(config, FEED_FILES.rss),
    archiveUrl: linkTo(config, 'archive/'),
    tagsUrl: linkTo(config, 'tags/'),
    generator: GENERATOR,
  };
}

/** A static file may not replace a page or feed: two owners of one URL is an error, not a race. */
function rejectSharedDestinations(files: readonly OutputFile[], copies: readonly { from: string; path: string }[], root: string): void {
  const written = new Map(files.map((file) => [foldCase(file.path), file.path]));
  failIfAny(copies.filter((copy) => written.has(foldCase(copy.path))).map((copy) => new GazetteError({
    code: 'permalink-duplicate', file: path.relative(root, copy.from).split(path.sep).join('/'),
    message: `would replace the generated /${written.get(foldCase(copy.path))}`, hint: 'rename or move the static file',
  })));
}
