// The build in one sentence: load stories and theme, build the site graph, render the Markdown,
// decide the pages, render them and the feed, write the site.

import type { Config } from './config.js';
import { loadStories } from './content/load.js';
import { loadTheme } from './content/theme.js';
import { GazetteError, failIfAny } from './errors.js';
import { buildFeed } from './feeds/feed.js';
import { renderRss } from './feeds/rss.js';
import { buildSite as buildSiteGraph, type Story } from './model/site.js';
import { planPages } from './pages.js';
import { createMarkdownRenderer, cutOnWord } from './render/markdown.js';
import { createTemplateRenderer } from './render/templates.js';
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

export const FEED_PATH = 'feed.xml';
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
  for (const page of pages) {
    const html = await templates.render(page.template, {
      ...page.data,
      page: { kind: page.kind, title: page.title, description: page.description, url: linkTo(config, page.path), absoluteUrl: absoluteUrl(config, page.path) },
    });
    files.push({ path: page.file, contents: html });
  }

  const feedEntries = site.stories.slice(0, config.feedSize).map((story) => ({
    story,
    summary: bodies.get(story)?.summary ?? '',
    absoluteHtml: markdown.render(story.body, feedUrlResolver(config, story.permalink)).html,
  }));
  files.push({ path: FEED_PATH, contents: renderRss(buildFeed(feedEntries, config, FEED_PATH, GENERATOR)) });

  const copies = theme.staticFiles.map((file) => ({ from: file.from, path: file.to }));
  rejectSharedDestinations(files, copies, theme.label);
  if (options.write) await writeSite(config, files, copies);
  return { stories: site.stories.length, pages: pages.length, files: files.length + copies.length, warnings };
}

function siteGlobals(config: Config) {
  return {
    title: config.title,
    description: config.description,
    language: config.language,
    url: config.baseUrl,
    root: config.basePath,
    assetsUrl: linkTo(config, 'assets/'),
    feedUrl: linkTo(config, FEED_PATH),
    feedAbsoluteUrl: absoluteUrl(config, FEED_PATH),
    archiveUrl: linkTo(config, 'archive/'),
    tagsUrl: linkTo(config, 'tags/'),
    generator: GENERATOR,
  };
}

/** A static file may not replace a page or feed: two owners of one URL is an error, not a race. */
function rejectSharedDestinations(files: readonly OutputFile[], copies: readonly { from: string; path: string }[], themeLabel: string): void {
  const written = new Set(files.map((file) => file.path));
  failIfAny(copies.filter((copy) => written.has(copy.path)).map((copy) => new GazetteError({
    code: 'permalink-duplicate', file: copy.from, message: `would replace the generated /${copy.path}`,
    hint: `rename or move the static file (static files come from static/ and ${themeLabel}/assets/)`,
  })));
}
