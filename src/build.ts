// The build in one sentence: load stories and theme, build the site graph, render the Markdown,
// decide the pages, render them and the feed, write the site.

import path from 'node:path';
import type { Config } from './config.js';
import { loadStories } from './content/load.js';
import { loadTheme } from './content/theme.js';
import { GazetteError, failIfAny } from './errors.js';
import { FEED_FILES } from './feeds/feed.js';
import { renderSiteFeeds } from './feeds/site-feeds.js';
import { buildSite as buildSiteGraph, type Story } from './model/site.js';
import { planPages, type Page } from './pages.js';
import { renderRedirect } from './render/redirect.js';
import { NEWS_SITEMAP_PATH, renderNewsSitemap, renderRobots, renderSitemap, SITEMAP_PATH } from './sitemaps.js';
import { createMarkdownRenderer, cutOnWord } from './render/markdown.js';
import { createTemplateRenderer, type TemplateRenderer } from './render/templates.js';
import type { RenderedBody } from './render/views.js';
import { absoluteUrl, feedUrlResolver, linkTo, pageUrlResolver } from './urls.js';
import { GENERATOR } from './version.js';
import { writeSite, type OutputFile } from './write.js';

export interface BuildOptions {
  /** false: validate and render everything, write nothing (`gazette check`). */
  write: boolean;
}

export interface BuildReport {
  stories: number;
  pages: number;
  files: number;
  warnings: GazetteError[];
}

const SUMMARY_LENGTH = 280;

export async function build(config: Config, options: BuildOptions = { write: true }): Promise<BuildReport> {
  const [content, theme] = await Promise.all([
    loadStories(config.root, config.contentDir, config.timeZone),
    loadTheme(config.root, config.templatesDir, config.staticDir),
  ]);
  failIfAny(content.problems);
  const warnings = [...content.warnings];

  const site = buildSiteGraph(content.stories, config);
  const markdown = createMarkdownRenderer({ rawHtml: config.rawHtml });
  const bodies = new Map<Story, RenderedBody>();
  for (const story of site.stories) {
    const rendered = markdown.render(story.body, pageUrlResolver(config));
    if (rendered.droppedHtml) {
      warnings.push(new GazetteError({
        code: 'field-invalid', file: story.file, line: story.bodyLine, message: 'raw HTML in the story was removed',
        hint: 'write it in Markdown, or set "markdown: { rawHtml: true }" if your authors are trusted',
      }));
    }
    bodies.set(story, { html: rendered.html, summary: story.summary ?? cutOnWord(rendered.firstParagraph, SUMMARY_LENGTH) });
  }

  const pages = planPages(site, bodies, config);
  const templates = createTemplateRenderer(theme, { site: siteGlobals(config) });
  const files: OutputFile[] = [];
  for (const page of pages) files.push({ path: page.file, contents: await renderPage(page, templates, config) });

  const absoluteHtml = new Map<Story, string>();
  const text = {
    summary: (story: Story) => bodies.get(story)?.summary ?? '',
    absoluteHtml(story: Story) {
      let html = absoluteHtml.get(story);
      if (html === undefined) {
        html = markdown.render(story.body, feedUrlResolver(config, story.permalink)).html;
        absoluteHtml.set(story, html);
      }
      return html;
    },
  };
  files.push(...renderSiteFeeds(site, text, config, GENERATOR));
  files.push(
    { path: SITEMAP_PATH, contents: renderSitemap(pages.filter((page) => page.lastmod !== undefined), config) },
    { path: NEWS_SITEMAP_PATH, contents: renderNewsSitemap(site.stories, config) },
    { path: 'robots.txt', contents: renderRobots(config) },
  );

  const copies = theme.staticFiles.map((file) => ({ from: file.from, path: file.to }));
  rejectSharedDestinations(files, copies, config.root);
  if (options.write) await writeSite(config, files, copies);
  return { stories: site.stories.length, pages: pages.length, files: files.length + copies.length, warnings };
}

function renderPage(page: Page, templates: TemplateRenderer, config: Config): Promise<string> | string {
  if (page.kind === 'redirect') {
    const { link, absoluteUrl: target } = page.data as { link: string; absoluteUrl: string };
    return renderRedirect(page.title, link, target, config.language);
  }
  return templates.render(page.kind, {
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
  });
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
  const written = new Set(files.map((file) => file.path));
  failIfAny(copies.filter((copy) => written.has(copy.path)).map((copy) => new GazetteError({
    code: 'permalink-duplicate', file: path.relative(root, copy.from).split(path.sep).join('/'),
    message: `would replace the generated /${copy.path}`, hint: 'rename or move the static file',
  })));
}
