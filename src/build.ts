// The build in one sentence: read the content and the theme, build the site graph, render each
// story's Markdown, publish its pictures, then plan, render and write the pages, the feeds, the
// search index, the sitemaps and the static files, and put the new site in place. Each stage is a
// function of plain data; what earlier builds made reaches the stages through one Reuse (reuse.ts),
// which a plain build leaves empty and the build cache and the dev loop fill in (incremental/).

import { publishAttachments } from './attachments/publish.js';
import { settingsKey } from './config.js';
import type { Config } from './config-types.js';
import { type Content, readContent } from './content/read.js';
import { staticCopies } from './content/theme.js';
import { failIfAny, GazetteError } from './errors.js';
import { writeFeeds } from './feeds/write-feeds.js';
import { measureAuthorPhotos } from './images/author-photos.js';
import { createImagePublisher, type PublishedImages } from './images/publish.js';
import { writePictures } from './images/write.js';
import { checkUrlsKept, keepPublishedUrls } from './kept-urls.js';
import { keyOf } from './keys.js';
import { closeMarkdownWorkers, type MarkdownWorkers, type RenderedStories, renderStories, startMarkdownWorkers } from './markdown/stage.js';
import { buildSiteGraph } from './model/site.js';
import type { Site } from './model/types.js';
import { PUBLISHED_URLS_FILE } from './output/published-urls.js';
import { openWriter, type WriteMode, type WrittenSite } from './output/writer.js';
import { aliasCollisions } from './pages/aliases.js';
import { checkingLinks } from './pages/link-check.js';
import { nameStories } from './pages/names.js';
import { pagePlans } from './pages/plan.js';
import { breathing, writePages } from './pages/write-pages.js';
import type { Progress } from './progress.js';
import { type StoryBodies, storyBodies } from './render/bodies.js';
import { unpublishedMenuLinks } from './render/menu.js';
import { type SiteTheme, siteTheme } from './render/theme.js';
import { noReuse, type Reuse } from './reuse.js';
import { searchDocuments } from './search/documents.js';
import { indexNow, NO_SEARCH_INDEX } from './search/stage.js';
import { renderNewsSitemap, renderRobots, renderSitemaps } from './sitemaps.js';
import { NEWS_SITEMAP_PATH, ROBOTS_PATH } from './urls/paths.js';

export interface BuildReport {
  stories: number;
  pages: number;
  files: number;
  warnings: GazetteError[];
  /** Files written and removed by this build (every file, for a site written whole). */
  written: string[];
  removed: string[];
  /** Files below the content folder that look like stories but were not read (for --verbose). */
  ignored?: string[];
  /** Nothing the build reads changed since the last build, whose output stands: nothing was done. */
  upToDate?: boolean;
}

export interface BuildOptions {
  /** Worker threads that render Markdown (default: one per core for large batches, else one). */
  markdownThreads?: number;
  /** Threads that render pages (default: one per core once a build has rendered many; see render/page-pool.ts). */
  pageThreads?: number;
  /**
   * An abort stops the build within moments, whatever it is doing (its workers and Pagefind are
   * ended), before the site is put in place, writing nothing; the build throws the abort's reason.
   */
  signal?: AbortSignal;
  /** Every warning is an error (`--strict`): the build fails with them all, writing nothing. */
  strict?: boolean;
  /** Told what the build is doing, for a progress display; the stages never print. */
  progress?: Progress;
  /** Workers kept between builds (the dev loop's); a build starts its own and ends them otherwise. */
  markdownWorkers?: MarkdownWorkers;
  /** Let URLs the previous site published disappear (`--allow-moved`). */
  allowMoved?: boolean;
  /** The previous site's sitemap, file or URL (`--previous-sitemap`). */
  previousSitemap?: string;
}

/** A build's site, and what it made on the way: what a later build may reuse. */
export interface BuiltSite {
  report: BuildReport;
  content: Content;
  site: Site;
  markdown: RenderedStories;
  pictures: PublishedImages;
  bodies: StoryBodies;
  theme: SiteTheme;
  written: WrittenSite;
}

export async function buildSite(config: Config, mode: WriteMode, reuse: Reuse = noReuse(), options: BuildOptions = {}): Promise<BuiltSite> {
  const { signal, progress } = options;
  const workers = options.markdownWorkers ?? startMarkdownWorkers(config);
  try {
    // Reading only reads: a build stopped meanwhile leaves it to end on its own.
    // Stories are read one after the other, without a pause to show a count.
    progress?.({ stage: 'reading', done: 0 });
    const content = await untilAborted(readContent(config, reuse.content), signal);
    const site = buildSiteGraph(content.stories, config, content.profiles.profiles);
    // Stories and standalone pages are written alike: Markdown, pictures, files beside them, links.
    // The dev loop shows drafts and scheduled stories: it is no published site to compare.
    const movedWarnings = mode === 'sync' ? [] : await checkUrlsKept(site, content.stories, config, options);
    const published = [...site.stories, ...site.pages];
    const markdown = await renderStories(published, config, reuse.markdown, workers, { threads: options.markdownThreads, signal, progress });
    progress?.({ stage: 'pictures', done: 0 });
    const publisher = reuse.images.publisher ?? createImagePublisher(config, { makeCopies: mode !== 'none' });
    const staticFiles = new Map(content.theme.staticFiles.map((file) => [file.to, file.from]));
    const bodyImages = published.map((story) => ({ story, body: markdown.of(story)?.images ?? [] }));
    const pictures = await untilAborted(publisher.publish(bodyImages, staticFiles, reuse.images.store, reuse.images.stale), signal);
    failIfAny([...markdown.problems, ...pictures.problems]);
    signal?.throwIfAborted();
    const bodyLinks = published.map((story) => ({ story, links: markdown.of(story).links }));
    const attachments = await untilAborted(publishAttachments(bodyLinks, config), signal);
    const bodies = storyBodies(published, markdown.of, pictures.images, config, storyFiles(site, content));
    const warnings = [...content.warnings, ...site.warnings, ...movedWarnings, ...bodies.warnings, ...pictures.warnings, ...attachments.warnings];
    if (options.strict) failIfAny(warnings);
    const name = nameStories(content.results, markdown, bodies);

    // Pagefind indexes in a process of its own while this one renders the pages.
    const documents = config.search && mode !== 'none' ? searchDocuments(site, bodies.pages, config, name) : [];
    const search = !config.search || mode === 'none' ? NO_SEARCH_INDEX : (reuse.search?.(documents) ?? indexNow(documents, config, reuse.output.state, signal));
    const theme = siteTheme(content.theme, site, config, reuse.theme);
    const links = checkingLinks(await openWriter(config, mode, reuse.output, { signal, refuse: aliasCollisions(published) }), config, published);
    const writer = links.writer;
    for (const { story, links: storyLinks } of bodyLinks) links.check.storyLinks(story, storyLinks, attachments.warned);
    try {
      const photos = await measureAuthorPhotos(site.authors, staticFiles);
      const plans = pagePlans(site, bodies.pages, config, { site: keyOf(theme.key, settingsKey(config)), story: name }, photos);
      const pages = await writePages(plans, theme, writer, config, { threads: options.pageThreads, signal, arrived: search.take, progress });
      progress?.({ stage: 'feeds', done: 0 });
      const breath = breathing();
      await writeFeeds(site, bodies, config, name, writer, async () => {
        signal?.throwIfAborted();
        if (breath.out()) await breath.take();
      });
      progress?.({ stage: 'finishing', done: 0 });
      await search.finish(writer.add);
      for (const file of renderSitemaps(pages.sitemap, config)) await writer.add(file);
      await writer.add({ path: NEWS_SITEMAP_PATH, contents: renderNewsSitemap(site.stories, config) });
      await writer.add({ path: ROBOTS_PATH, contents: renderRobots(config) });
      for await (const copy of staticCopies(content.theme, config.root)) await writer.copy(copy);
      if (mode !== 'none') await writePictures(pictures.outputs, writer);
      for (const attachment of attachments.attachments) await writer.copy(attachment);
      failIfAny(unpublishedMenuLinks(config, links.check.published));
      warnings.push(...links.check.warnings());
      // Stages after the first check may have warned too.
      if (options.strict) failIfAny(warnings);
      const written = await writer.commit();
      if (mode === 'swap') await keepPublishedUrls(site, config).catch((error) => warnings.push(urlsNotKept(error)));
      const report = {
        stories: site.stories.length,
        pages: pages.pages,
        files: written.files,
        warnings,
        written: written.written,
        removed: written.removed,
        ignored: content.ignored,
      };
      return { report, content, site, markdown, pictures, bodies, theme, written };
    } catch (error) {
      await writer.abort();
      throw error;
    }
  } catch (error) {
    // Whatever failed as the abort ended it (a worker, Pagefind), the build was stopped.
    throw signal?.aborted ? signal.reason : error;
  } finally {
    if (options.markdownWorkers === undefined) await closeMarkdownWorkers(workers);
  }
}

/** The site path of each story's file, and the story files read but not published (drafts, stories to come), for links between stories. */
function storyFiles(site: Site, content: Content): { sitePathOf: Map<string, string>; unpublished: Set<string> } {
  const sitePathOf = new Map([...site.stories, ...site.pages].map((story) => [story.file, story.permalink]));
  const unpublished = new Set(content.stories.map((story) => story.file).filter((file) => !sitePathOf.has(file)));
  return { sitePathOf, unpublished };
}

function urlsNotKept(error: unknown): GazetteError {
  return new GazetteError({
    code: 'output-failed',
    file: PUBLISHED_URLS_FILE,
    message: `the record of the published URLs could not be saved: ${(error as Error).message}`,
    hint: 'the site is written; the next build cannot check that its URLs are kept',
    cause: error,
  });
}

/** `work`, or the abort's reason as soon as `signal` is aborted: what the work does after that ends on its own. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return work;
  work.catch(() => undefined);
  return new Promise((resolve, reject) => {
    const abort = () => reject(signal.reason);
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}
