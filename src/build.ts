// The build in one sentence: load stories and theme, build the site graph, render the Markdown,
// publish the images, decide the pages, render them and the feeds, write the site. A Builder keeps what it made, so
// that the dev loop's rebuild ("these files changed") runs the same stages and redoes only what a
// change touched: unchanged stories are not read again, unchanged Markdown and pages not rendered.
// A `gazette build` first asks whether anything it reads changed since the last one (up-to-date.ts).

import { keyOf } from './keys.js';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { codeFingerprint } from './code-fingerprint.js';
import { cacheFolder } from './incremental/cache-folder.js';
import { openCache, throwawayCache, type BuildCache, type StoryMarkdown } from './incremental/cache.js';
import { settingsKey, type Config } from './config.js';
import { AUTHORS_FILE, loadAuthorProfiles, type AuthorProfiles } from './content/authors.js';
import { loadStories, loadStory, type StoryFileResult } from './content/load.js';
import { heldBody } from './content/body.js';
import { sameFrontMatter, type StorySource } from './content/story.js';
import { loadTheme, unreadableFile, type Theme } from './content/theme.js';
import { GazetteError, failIfAny } from './errors.js';
import { copyWith } from './copy-with.js';
import { storyItem, type FeedItem, type ItemOwner } from './feeds/feed.js';
import { renderSiteFeeds } from './feeds/site-feeds.js';
import { buildSite as buildSiteGraph } from './model/site.js';
import { pagePlans, storyCards, storyIdentity, storyPage } from './pages/plan.js';
import type { Removed, RenderedMarkdown } from './markdown/processor.js';
import { LazyHtml } from './markdown/lazy-html.js';
import { createMarkdownAgain } from './markdown/again.js';
import { createMarkdownPool } from './markdown/pool.js';
import { placeBodyImages } from './render/body-images.js';
import { createImagePublisher, type PublishedImage, type StoryImages } from './images/publish.js';
import { createPageRenderer } from './render/page-pool.js';
import { createThemeRenderer, renderPage, type ThemeRenderer, type ThemeSource } from './render/page-text.js';
import { PAGE_TEMPLATES } from './render/templates.js';
import { sectionLink, type RenderedBody } from './render/views.js';
import { searchDocuments } from './search/documents.js';
import { searchIndexKey } from './search/indexes.js';
import { holdsSearchIndex, renderEachSearchIndex, renderSearchIndex, searchFilesIn } from './search/pagefind.js';
import { NEWS_WINDOW_HOURS, renderNewsSitemap, renderRobots, renderSitemaps, type SitemapEntry } from './sitemaps.js';
import { ARCHIVE_PAGE, ASSETS_FOLDER, AUTHORS_PAGE, FEED_FILES, foldCase, NEWS_SITEMAP_PATH, ROBOTS_PATH, SEARCH_FOLDER, SEARCH_PAGE, SECTIONS_PAGE, TAGS_PAGE } from './urls/paths.js';
import { absoluteImageUrl, absoluteUrl, linkTo, linkToImage } from './urls/links.js';
import { checkUpToDate, recordBuild, trustedStamps, type InputSnapshot, type UpToDate } from './incremental/up-to-date.js';
import { GENERATOR } from './version.js';
import { type CopiedFile, KeptFileMissing, keyOfBytes, type OutputFile, type OutputState, outputStateOf, type PageMade } from './output/files.js';
import { openStaging } from './output/staging.js';
import { syncFiles, syncSite } from './output/sync.js';
import { aliasCollisions } from './pages/aliases.js';
import type { Site, Story } from './model/types.js';
import type { Page } from './render/page.js';

/** How many times a sync Builder renders a story after its first build, so that V8 optimizes remark on the worker it keeps. */
const WARM_UP_RENDERS = 12;

/** How many pages the page loop plans before it lets other work in (Pagefind's answers). */
const PAGES_BETWEEN_BREATHS = 100;
/** How long the page and feed loops run without letting other work in (a signal, to stop the build). */
const MS_BETWEEN_BREATHS = 50;

/** How many pages the page loop plans ahead of one still rendering on a worker thread. */
const PAGES_AHEAD = 128;

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
  /** Nothing the build reads changed since the last build, whose output stands: nothing was done. */
  upToDate?: boolean;
}

export interface Builder {
  /**
   * Build; `changed` lists the absolute paths changed since the last call (everything is read again
   * when absent). Paths of a failed build are read again by the next one.
   */
  build(changed?: ReadonlySet<string>): Promise<BuildReport>;
  /**
   * Sync mode (the dev loop): when every changed file is a story whose front-matter is as the last
   * build read it, writes those stories' own pages at once, from the last build's site (their
   * neighbours, related stories and edition are the same): the pages `build(changed)` then makes,
   * byte for byte. Gives the files written, none when the change is of another kind.
   */
  firstPages(changed: ReadonlySet<string>): Promise<string[]>;
  /** What the output folder holds after the last build in sync mode, to hand to a new Builder. */
  readonly output: OutputState | undefined;
  /** Ends the worker threads a sync Builder keeps between builds. */
  close(): Promise<void>;
  /**
   * With `deferSearch`: waits for the search index of the last build, then gives the step that
   * writes it (a sync of its files only), or undefined when there is nothing to write.
   */
  searchIndexed(): Promise<(() => Promise<{ written: string[]; removed: string[] }>) | undefined>;
}

export interface BuildOptions {
  /** Read and keep the build cache in .gazette/cache/ (default true); false builds everything. */
  cache?: boolean;
  /** Worker threads that render Markdown (default: one per core for large batches, else one). */
  markdownThreads?: number;
  /** Threads that render pages (default: one per core once a build has rendered many; see render/page-pool.ts). */
  pageThreads?: number;
  /**
   * An abort stops the build within moments, whatever it is doing (its workers and Pagefind are
   * ended), before the swap, writing nothing; the build then throws the abort's reason.
   */
  signal?: AbortSignal;
  /**
   * Sync mode only: a build keeps the search index the output folder holds, and Pagefind makes the
   * new one meanwhile, written by the step `searchIndexed` gives (the dev server: pages first).
   */
  deferSearch?: boolean;
}

/**
 * One build, written (swapped in whole) or only checked. A build with the cache first asks whether
 * the last one still stands (see up-to-date.ts), unless `upToDate` gives the answer already.
 */
export async function build(config: Config, options: { write: boolean; upToDate?: UpToDate } & BuildOptions = { write: true }): Promise<BuildReport> {
  if (!options.write || options.cache === false) return createBuilder(config, options.write ? 'swap' : 'none', options).build();
  const check = options.upToDate ?? (await checkUpToDate(config));
  if (check.upToDate) return { ...check.report, written: [], removed: [], upToDate: true };
  return createBuilder(config, 'swap', { ...options, inputs: check.snapshot, outputFolders: check.outputFolders }).build();
}

/**
 * A Builder for one configuration. In sync mode its first build swaps the output folder in whole,
 * unless `output` says what the folder already holds (from the Builder of a previous configuration).
 */
export function createBuilder(config: Config, mode: WriteMode, options: { output?: OutputState; inputs?: InputSnapshot; outputFolders?: ReadonlyMap<string, string> } & BuildOptions = {}): Builder {
  const { signal } = options;
  // The dev loop keeps a worker started between builds, for the next story saved.
  const markdown = createMarkdownPool(config, { keep: mode === 'sync' ? 1 : 0 });
  const again = createMarkdownAgain(config);
  const markdownSettings = JSON.stringify([codeFingerprint(), config.rawHtml, config.baseUrl, config.basePath]);
  let cache: BuildCache | undefined;
  let saving: Promise<void> = Promise.resolve();
  let storyFiles: Map<string, StoryFileResult> | undefined;
  let authorProfiles: AuthorProfiles | undefined;
  const authorsFile = path.join(config.contentDir, AUTHORS_FILE);
  let unbuilt: Set<string> | undefined;
  let storyMarkdown = new Map<string, StoryMarkdown>();
  let theme: (SiteTheme & { key: string }) | undefined;
  const images = createImagePublisher(config, { makeCopies: mode !== 'none' });
  let output = options.output;
  // The pages of the output folder named by their inputs (see pagePlans): the inputs each was made from, with its key.
  let pagesMade: ReadonlyMap<string, PageMade> | undefined;
  let outputId = '';
  const deferSearch = options.deferSearch === true && mode === 'sync';
  let searchJob: { key: string; files: Promise<OutputFile[]> } | undefined;
  // The stamps of the output's folders, when it is exactly as the last build left it (see
  // up-to-date.ts), for the first build only: its changed files may then be patched into it in place.
  let intactFolders = mode === 'swap' ? options.outputFolders : undefined;
  let lastSite: LastSite | undefined;
  let warmUp: { stopped: boolean } | undefined;
  const renderAgain = (story: Story) => () => htmlOf(again.render(story));

  const builder: Builder = {
    get output() {
      return output;
    },
    async build(changed) {
      if (warmUp) warmUp.stopped = true;
      try {
        await saving;
        cache ??= options.cache === false || mode === 'none' ? throwawayCache() : await openCache(config);
        if (output === undefined && mode === 'swap') {
          output = cache.output;
          pagesMade = cache.pagesMade;
        }
        try {
          return await render(cache, changed);
        } catch (error) {
          if (!(error instanceof KeptFileMissing)) throw error;
          // Someone removed a file from the output folder: build every page again.
          output = undefined;
          return await render(cache, changed);
        }
      } catch (error) {
        // Whatever failed as the abort ended it (a worker, Pagefind), the build was stopped.
        throw signal?.aborted ? signal.reason : error;
      } finally {
        if (mode !== 'sync') await Promise.all([markdown.close(), again.close()]);
      }
    },
    async close() {
      if (warmUp) warmUp.stopped = true;
      await Promise.all([markdown.close(), again.close()]);
    },
    async firstPages(changed) {
      if (warmUp) warmUp.stopped = true;
      const pages = lastSite && cache && output && unbuilt === undefined && theme?.key === lastSite.themeKey
        ? await editedStoryPages(lastSite, theme.renderer, cache, changed)
        : undefined;
      if (pages === undefined || output === undefined) return [];
      const report = await syncFiles(config, pages, output);
      output = report.state;
      return report.written;
    },
    async searchIndexed() {
      const job = searchJob;
      if (job === undefined) return undefined;
      await job.files;
      return async () => {
        // A later build made this index stale, or wrote it already.
        if (searchJob !== job || output === undefined) return { written: [], removed: [] };
        searchJob = undefined;
        const rest: OutputFile[] = [...output].filter(([file]) => !file.startsWith(SEARCH_FOLDER)).map(([file, key]) => ({ path: file, key }));
        const report = await syncSite(config, [...rest, ...(await job.files)], [], output);
        output = report.state;
        return { written: report.written, removed: report.removed };
      };
    },
  };
  return builder;

  async function render(cache: BuildCache, changed: ReadonlySet<string> | undefined): Promise<BuildReport> {
    // What the output folder holds, when it is known to be exactly that: the first build may patch it.
    const folders = intactFolders;
    const current = folders ? output : undefined;
    intactFolders = undefined;
    const stale = changed && storyFiles ? new Set([...(unbuilt ?? []), ...changed]) : undefined;
    unbuilt = stale;
    // The last site is not held beside the new one: the first pages come between builds.
    lastSite = undefined;
    // Reading only reads: a build stopped meanwhile leaves it to end on its own.
    const [content, profiles, themeFiles] = await untilAborted(Promise.all([
      loadStories(config.root, config.contentDir, config.timeZone, stale ? storyFiles : undefined, stale, cache.stories, options.inputs && !stale ? trustedStamps(options.inputs) : undefined),
      stale && authorProfiles && !stale.has(authorsFile) ? authorProfiles : loadAuthorProfiles(config.root, config.contentDir),
      loadTheme(config.root, config.templatesDir, config.staticDir),
    ]), signal);
    failIfAny([...content.problems, ...profiles.problems]);
    const warnings = [...content.warnings, ...profiles.warnings];

    const site = buildSiteGraph(content.stories, config, profiles.profiles);
    warnings.push(...site.warnings);
    const usedMarkdown = new Map<string, StoryMarkdown>();
    const bodies = new Map<Story, RenderedBody>();
    const feedHtml = new Map<Story, LazyHtml>();
    const unrendered = new Map<string, Story>();
    const hashes = new Map(site.stories.map((story) => [story, markdownHash(story)]));
    for (const [story, hash] of hashes) {
      const known = usedMarkdown.get(hash) ?? storyMarkdown.get(hash) ?? cache.markdown(hash, renderAgain(story));
      if (known) usedMarkdown.set(hash, known);
      else unrendered.set(hash, story);
    }
    signal?.throwIfAborted();
    // Each story's HTML goes to the cache as soon as it is rendered, and is not held here. A story
    // that cannot be rendered (too slow, too deep) is reported with the images' problems.
    const toRender = [...unrendered];
    const markdownProblems = await markdown.renderEach(toRender.map(([, story]) => story), (index, rendered) => {
      const [hash, story] = toRender[index] as [string, Story];
      usedMarkdown.set(hash, cache.keepMarkdown(hash, rendered, renderAgain(story)));
    }, { threads: options.markdownThreads, signal });
    const markdownOf = (story: Story) => usedMarkdown.get(hashes.get(story) as string) as StoryMarkdown;
    const staticFiles = new Map(themeFiles.staticFiles.map((file) => [file.to, file.from]));
    const bodyImages = site.stories.map((story) => ({ story, body: usedMarkdown.get(hashes.get(story) as string)?.images ?? [] }));
    const published = await untilAborted(images.publish(bodyImages, staticFiles, cache.images, stale), signal);
    failIfAny([...markdownProblems, ...published.problems]);
    signal?.throwIfAborted();
    const imagesKeys = new Map<Story, string>();
    for (const story of site.stories) {
      const rendered = markdownOf(story);
      const storyImages = published.images.get(story) as StoryImages;
      const imagesKey = imagesKeyOf(storyImages);
      imagesKeys.set(story, imagesKey);
      feedHtml.set(story, withImages(rendered.feedHtml, storyImages.body, imagesKey, (src) => absoluteImageUrl(config, src)));
      if (rendered.droppedHtml) warnings.push(droppedHtmlWarning(story, rendered.droppedHtml));
      if (rendered.droppedUrl) warnings.push(droppedUrlWarning(story, rendered.droppedUrl));
      bodies.set(story, pageBody(story, rendered, storyImages, imagesKey));
    }
    warnings.push(...published.warnings);

    // Each story named by what its cards and pages show (see storyIdentity), when its file is named.
    const sourceKeys = new Map([...content.results.values()].flatMap((result) => (result.story && result.key ? [[result.story, result.key] as const] : [])));
    const identityOf = (story: Story) => {
      const source = sourceKeys.get(story.source);
      return source === undefined ? undefined : storyIdentity(story, { source, markdown: hashes.get(story) as string, images: imagesKeys.get(story) as string });
    };
    const identities = new Map(site.stories.map((story) => [story, identityOf(story)]));
    // Pagefind indexes in a process of its own while this one renders the pages (or, deferred,
    // while the dev server serves them): a build whose stories' text did not change keeps the index.
    const documents = config.search && mode !== 'none' ? searchDocuments(site, bodies, config, (story) => identities.get(story)) : [];
    // Each index's files are written as soon as it is made (between pages), not held until the end.
    const searchFiles = arrivals<OutputFile>();
    const searchIndex = config.search && mode !== 'none' && !deferSearch ? renderEachSearchIndex(documents, config, output, searchFiles.put, signal) : undefined;
    searchIndex?.catch(() => {});
    if (deferSearch && config.search && !holdsSearchIndex(documents, output)) {
      const key = searchIndexKey(documents);
      // Indexes the folder holds are kept: only the newest job is ever written, and builds keep the index as it is.
      if (searchJob?.key !== key) {
        const job = { key, files: renderSearchIndex(documents, config, output, signal) };
        // A job that failed is made again by the next build; `searchIndexed` reports its failure.
        job.files.catch(() => {
          if (searchJob === job) searchJob = undefined;
        });
        searchJob = job;
      }
    } else if (deferSearch) {
      searchJob = undefined;
    }
    // Every page shows the sections in its navigation: a change to them is a change to the theme.
    const globals = siteGlobals(config, site);
    const themeKey = fingerprint(JSON.stringify([codeFingerprint(), themeFiles.templates, themeFiles.emailCss, globals]));
    if (theme?.key !== themeKey) theme = { key: themeKey, ...siteTheme(themeFiles, globals, config) };
    const held = (file: string, key: string) => output?.get(file) === key;
    // What the output folder holds at `file`, when it was made from these inputs.
    const keptMade = (file: string, inputs: string | undefined) => {
      const before = inputs === undefined ? undefined : pagesMade?.get(file);
      return before !== undefined && before.inputs === inputs && held(file, before.key) ? before : undefined;
    };
    const names = { site: fingerprint(`${themeKey}\n${settingsKey(config)}`), story: (story: Story) => identities.get(story) };
    const madeNow = new Map<string, PageMade>();
    // A build that replaces its output (or the dev loop's first) writes each file as soon as it is
    // made, so that only a few files' text are held at a time; the dev loop's later builds sync theirs.
    const replaces = mode === 'swap' || (mode === 'sync' && output === undefined);
    const staging = replaces ? await openStaging(config, signal, current) : undefined;
    const files: OutputFile[] = [];
    const copies: CopiedFile[] = [];
    let written: string[] = [];
    let removed: string[] = [];
    let patched = false;
    // A file that an alias's page collides with is left unwritten; the build fails before the swap.
    const aliasCollision = aliasCollisions(site.stories);
    const collisions = new Set<GazetteError>();
    const collides = (file: string) => {
      const problem = aliasCollision(file);
      if (problem) collisions.add(problem);
      return problem !== undefined;
    };
    const emit = async (file: OutputFile) => {
      if (collides(file.path)) return;
      if (staging === undefined) return void files.push(file);
      await staging.add(file);
      if (file.contents !== undefined) written.push(file.path);
      files.push(file.contents === undefined ? file : { path: file.path, key: file.key ?? keyOfBytes(file.contents) });
    };
    const sitemap: SitemapEntry[] = [];
    let pages = 0;
    const pageText = createPageRenderer(theme.renderer, theme.source, config.language, options.pageThreads);
    // Threads asked for render from the first page.
    if (options.pageThreads !== undefined) await pageText.started();
    // Pages rendered by workers are written in the order planned, a few at a time.
    const inOrder = emittedInOrder(emit);
    let breathed = performance.now();
    const breathe = async () => {
      await new Promise((resolve) => setImmediate(resolve));
      breathed = performance.now();
    };
    const outOfBreath = () => performance.now() - breathed > MS_BETWEEN_BREATHS;
    try {
      // Pages are planned, rendered and written one at a time, so that only a few are held at once.
      // Pages kept as they are finish without I/O: every few of them, and every few moments,
      // Pagefind's answers are let in, and the indexes it has finished are written.
      for (const planned of pagePlans(site, bodies, config, names)) {
        signal?.throwIfAborted();
        if (pages % PAGES_BETWEEN_BREATHS === 0 || outOfBreath()) {
          await breathe();
          for (const file of searchFiles.take()) await inOrder.add(file);
        }
        pages += 1;
        if (planned.lastmod !== undefined) sitemap.push({ path: planned.path, lastmod: planned.lastmod });
        // A page made from the same inputs as the one the output folder holds is kept unmade.
        const before = keptMade(planned.file, planned.inputs);
        if (before !== undefined) {
          madeNow.set(planned.file, before);
          await inOrder.add({ path: planned.file, key: before.key });
          continue;
        }
        const page = planned.page();
        const context = pageContext(page, config);
        const key = pageKey(themeKey, context);
        if (planned.inputs !== undefined) madeNow.set(planned.file, { inputs: planned.inputs, key });
        if (held(page.file, key)) await inOrder.add({ path: page.file, key });
        else await inOrder.add(withContents(page.file, key, pageText.render(page, context)));
      }
      await inOrder.flush();
      await pageText.close();

      const text = {
        summary: (story: Story) => bodies.get(story)?.summary ?? '',
        item: (story: Story, owner?: ItemOwner): FeedItem => storyItem(story, text.summary(story), feedHtml.get(story) ?? '', config, bodies.get(story)?.image, owner),
      };
      const feedNames = {
        site: fingerprint(`${codeFingerprint()}\n${settingsKey(config)}`),
        story: names.story,
        kept: (file: string, inputs: string) => keptMade(file, inputs)?.key,
      };
      for (const { path: file, key, contents, inputs } of renderSiteFeeds(site, text, config, GENERATOR, held, feedNames)) {
        signal?.throwIfAborted();
        if (outOfBreath()) await breathe();
        if (inputs !== undefined) madeNow.set(file, { inputs, key });
        await emit(contents === undefined ? { path: file, key } : { path: file, key, contents });
      }
      // The indexes Pagefind is still making are written as each is made.
      if (searchIndex) await searchFiles.untilDone(searchIndex, emit);
      else if (deferSearch && config.search) for (const file of searchFilesIn(output)) await emit(file);
      for (const file of renderSitemaps(sitemap, config)) await emit(file);
      await emit({ path: NEWS_SITEMAP_PATH, contents: renderNewsSitemap(site.stories, config) });
      await emit({ path: ROBOTS_PATH, contents: renderRobots(config) });

      for (const file of themeFiles.staticFiles) {
        const bytes = await readFile(file.from).catch((cause: unknown) => {
          throw unreadableFile(config.root, file.from, cause);
        });
        const copy = { from: file.from, path: file.to, key: keyOfBytes(bytes) };
        if (collides(copy.path)) continue;
        if (held(copy.path, copy.key)) {
          await emit({ path: copy.path, key: copy.key });
          continue;
        }
        copies.push(copy);
        if (staging === undefined) continue;
        await staging.copy(copy);
        written.push(copy.path);
      }
      for (const image of mode === 'none' ? [] : published.outputs) {
        if (collides(image.path)) continue;
        if (held(image.path, image.key)) {
          await emit({ path: image.path, key: image.key });
          continue;
        }
        const bytes = image.bytes();
        if ('bytes' in bytes) {
          await emit({ path: image.path, key: image.key, contents: bytes.bytes });
          continue;
        }
        const copy = { from: bytes.from, path: image.path, key: image.key };
        copies.push(copy);
        if (staging === undefined) continue;
        await staging.copy(copy);
        written.push(copy.path);
      }
      failIfAny([...collisions]);
      rejectSharedDestinations(files, copies, config.root);

      if (staging !== undefined) {
        outputId = await staging.commit();
        ({ patched, removed } = staging);
        output = await outputStateOf(files, copies);
      } else if (mode === 'sync' && output !== undefined) {
        const report = await syncSite(config, files, copies, output);
        ({ state: output, written, removed } = report);
      }
    } catch (error) {
      await pageText.close();
      await staging?.abort();
      throw error;
    }

    storyFiles = content.results;
    pagesMade = madeNow;
    authorProfiles = profiles;
    unbuilt = undefined;
    storyMarkdown = usedMarkdown;
    if (mode === 'sync') lastSite = { storyOf: new Map(site.stories.map((story) => [story.source, story])), bodies, images: published.images, markdownOf, themeKey };
    if (mode === 'sync' && warmUp === undefined && site.stories[0]) void warmMarkdown(site.stories[0], (warmUp = { stopped: false }));
    if (mode !== 'none') {
      // The cache only saves time: the site is written whether or not it can be kept.
      let unsaved: unknown;
      saving = cache.save(content.results.values(), usedMarkdown, mode === 'swap' && output ? { identity: outputId, state: output, pages: madeNow } : undefined)
        .catch((error: unknown) => { unsaved = error; });
      if (mode === 'swap') await saving;
      if (mode === 'swap' && options.inputs && output && unsaved === undefined) {
        // What the next `gazette build` compares with, to find it has nothing to do (see up-to-date.ts).
        const storyDates = content.stories.flatMap(({ date }) => [date.toMillis(), date.toMillis() + NEWS_WINDOW_HOURS * 3_600_000]);
        const report = { stories: site.stories.length, pages, files: files.length + copies.length, warnings: [...warnings] };
        await recordBuild(config, {
          snapshot: options.inputs, identity: outputId, outputFiles: [...output.keys()], storyDates, report,
          patched: patched && folders ? { folders, changedFiles: [...written, ...removed] } : undefined,
        })
          .catch((error: unknown) => { unsaved = error; });
      }
      if (unsaved !== undefined) warnings.push(cacheNotSaved(unsaved, config));
    }
    return { stories: site.stories.length, pages, files: files.length + copies.length, warnings, written, removed };
  }

  /**
   * The pages of stories edited in their text only, from the last build's site, keyed as a build
   * keys them; undefined when any change is of another kind (a new story, front-matter, a template,
   * a problem to report, an image added or removed).
   */
  async function editedStoryPages(last: LastSite, renderer: ThemeRenderer, cache: BuildCache, changed: ReadonlySet<string>): Promise<OutputFile[] | undefined> {
    const card = storyCards((story) => last.bodies.get(story) ?? { html: '', summary: '' }, config);
    const pages: OutputFile[] = [];
    for (const file of changed) {
      const before = storyFiles?.get(file)?.story;
      const story = before && last.storyOf.get(before);
      if (before === undefined || story === undefined) return undefined;
      const read = await loadStory(config.root, file, config.timeZone);
      if (read.story === undefined || read.problems.length > 0 || read.warnings.length > 0 || !sameFrontMatter(before, read.story)) return undefined;
      const edited = copyWith(story, { source: read.story, body: read.story.body, bodyLine: read.story.bodyLine });
      let rendered: RenderedMarkdown | undefined;
      const problems = await markdown.renderEach([edited], (_, made) => (rendered = made), { threads: 1, signal });
      const images = last.images.get(story);
      if (rendered === undefined || problems.length > 0 || images === undefined || rendered.droppedHtml || rendered.droppedUrl || JSON.stringify(rendered.images) !== JSON.stringify(last.markdownOf(story).images)) return undefined;
      // Kept for the build that follows, which then finds this story's Markdown rendered.
      const hash = markdownHash(edited);
      const kept = cache.keepMarkdown(hash, rendered, renderAgain(edited));
      storyMarkdown.set(hash, kept);
      const page = storyPage(edited, pageBody(edited, kept, images), card, config);
      const context = pageContext(page, config);
      pages.push({ path: page.file, key: pageKey(last.themeKey, context), contents: renderPage(page, context, renderer, config.language) });
    }
    return pages;
  }

  /**
   * The dev loop renders an edited story's Markdown on the worker it keeps, where remark runs several
   * times slower until V8 has optimized it, and the first build may render nothing (with the cache):
   * after it, the newest story is rendered there a few times, until a build or the first pages begin.
   */
  async function warmMarkdown(story: Story, state: { stopped: boolean }): Promise<void> {
    let held: Story;
    try {
      // Read from its file once, not at every render.
      held = copyWith(story, { body: heldBody(story.body.text()) });
    } catch {
      return;
    }
    for (let round = 0; round < WARM_UP_RENDERS; round += 1) {
      if (state.stopped) return;
      const problems = await markdown.renderEach([held], () => undefined, { threads: 1 }).catch(() => undefined);
      // A story that fails (the build reports it) warms nothing.
      if (problems === undefined || problems.length > 0) return;
    }
  }

  /** A story's HTML for its page (body images in place), its summary and its cover. */
  function pageBody(story: Story, rendered: StoryMarkdown, images: StoryImages, imagesKey = imagesKeyOf(images)): RenderedBody {
    const html = withImages(rendered.html, images.body, imagesKey, (src) => linkToImage(config, src));
    return { html, summary: story.summary ?? rendered.summary, image: images.cover };
  }

  /** Names a story's rendered Markdown; relative links in feeds resolve against its URL, so the permalink is part of it. */
  function markdownHash(story: Story): string {
    return keyOf(markdownSettings, story.permalink, story.body.hash);
  }


}

/** What the dev loop's first pages are made from: the last build's site, its stories' bodies and images, and its theme. */
interface LastSite {
  storyOf: Map<StorySource, Story>;
  bodies: ReadonlyMap<Story, RenderedBody>;
  images: ReadonlyMap<Story, StoryImages>;
  markdownOf: (story: Story) => StoryMarkdown;
  themeKey: string;
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

/** Items that a job running beside the build gives a few at a time, taken as they arrive. */
function arrivals<T>() {
  let waiting: T[] = [];
  let wake: (() => void) | undefined;
  return {
    put: (items: readonly T[]) => {
      waiting.push(...items);
      wake?.();
    },
    take: (): T[] => {
      const taken = waiting;
      waiting = [];
      return taken;
    },
    /** Hands each item to `use` as it arrives, until the job is done (its failure is thrown). */
    async untilDone(job: Promise<unknown>, use: (item: T) => Promise<void>): Promise<void> {
      let done = false;
      const settled = job.finally(() => {
        done = true;
      });
      settled.catch(() => {});
      for (;;) {
        // Once the job is done, every item it gave is waiting.
        const last = done;
        for (const item of this.take()) await use(item);
        if (last) break;
        await Promise.race([settled, new Promise<void>((resolve) => (wake = resolve))]);
        wake = undefined;
      }
      await job;
    },
  };
}

/** A file whose text may still be rendering on a worker thread. */
function withContents(file: string, key: string, contents: string | Promise<string>): OutputFile | Promise<OutputFile> {
  return typeof contents === 'string' ? { path: file, key, contents } : contents.then((text) => ({ path: file, key, contents: text }));
}

/**
 * Files handed to `emit` in the order added: one still rendering holds back those after it, until
 * PAGES_AHEAD wait behind it. A rendering that failed throws when its turn comes.
 */
function emittedInOrder(emit: (file: OutputFile) => Promise<void>) {
  const waiting: { file?: OutputFile; ready: Promise<OutputFile> }[] = [];
  const next = async () => emit(await (waiting.shift() as (typeof waiting)[number]).ready);
  return {
    async add(file: OutputFile | Promise<OutputFile>) {
      if (file instanceof Promise) {
        const entry: (typeof waiting)[number] = { ready: file };
        file.then((made) => (entry.file = made), () => undefined);
        waiting.push(entry);
      } else {
        waiting.push({ file, ready: Promise.resolve(file) });
      }
      while (waiting.length > PAGES_AHEAD || (waiting.length > 0 && waiting[0]?.file !== undefined)) await next();
    },
    async flush() {
      while (waiting.length > 0) await next();
    },
  };
}

/** A page's key: its theme and the JSON of everything it shows (stories' HTML and cards by their hashes). */
function pageKey(themeKey: string, context: Record<string, unknown>): string {
  return fingerprint(`${themeKey}\n${JSON.stringify(context)}`);
}

function imagesKeyOf(images: StoryImages): string {
  return fingerprint(JSON.stringify(images));
}

/** A story's HTML with its body images filled in (see render/body-images.ts), named by both. */
function withImages(html: LazyHtml, images: readonly (PublishedImage | undefined)[], imagesKey: string, link: (src: string) => string): LazyHtml {
  if (!images.some((image) => image !== undefined)) return html;
  return new LazyHtml(`${html.hash}:${imagesKey}`, () => placeBodyImages(html.text, images, link));
}

function htmlOf(rendered: RenderedMarkdown): { html: string; feedHtml: string } {
  return { html: rendered.html, feedHtml: rendered.feedHtml ?? '' };
}


function fingerprint(text: string): string {
  return keyOf(text);
}

function cacheNotSaved(error: unknown, config: Config): GazetteError {
  return new GazetteError({
    code: 'output-failed', file: path.relative(config.root, cacheFolder(config)), message: `the build cache could not be saved: ${(error as Error).message}`,
    hint: 'the site is written; the next build renders every story again', cause: error,
  });
}

function droppedHtmlWarning(story: Story, removed: Removed): GazetteError {
  return new GazetteError({
    code: 'field-invalid', file: story.file, ...placeInFile(story, removed), message: `raw HTML in the story was removed${elsewhere(removed)}`,
    hint: 'write it in Markdown, or set "markdown: { rawHtml: true }" if your authors are trusted',
  });
}

function droppedUrlWarning(story: Story, removed: Removed): GazetteError {
  return new GazetteError({
    code: 'url-unsafe', file: story.file, ...placeInFile(story, removed), message: `a link or image to a javascript:, vbscript: or data: URL, or an image at a file: or other address not on the web, was removed${elsewhere(removed)}`,
    hint: 'link to an http(s) address or a path on the site',
  });
}

/** The first removed element's line and column in the story's file, where the body starts at `bodyLine`. */
function placeInFile(story: Story, removed: Removed): { line: number; column: number } {
  return { line: story.bodyLine + removed.line - 1, column: removed.column };
}

function elsewhere(removed: Removed): string {
  const others = removed.count - 1;
  return others === 0 ? '' : ` (here and in ${others} more place${others === 1 ? '' : 's'})`;
}

/** The theme ready to render pages, on this thread (`renderer`) and on the page workers' (`source`). */
interface SiteTheme {
  source: ThemeSource;
  renderer: ThemeRenderer;
}

/** The theme as the site's pages use it: every page template the site needs checked to exist, the site's globals given. */
export function siteTheme(theme: Theme, globals: Record<string, unknown>, config: Config): SiteTheme {
  const required = config.search ? [...PAGE_TEMPLATES, 'search'] : PAGE_TEMPLATES;
  const source = { templates: theme.templates, label: theme.label, emailCss: theme.emailCss, site: globals };
  return { source, renderer: createThemeRenderer(source, required) };
}

export function pageContext(page: Page, config: Config): Record<string, unknown> {
  return copyWith(page.data, {
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

export function siteGlobals(config: Config, site: Site): Record<string, unknown> {
  return {
    title: config.title,
    description: config.description,
    language: config.language,
    url: config.baseUrl,
    root: config.basePath,
    assetsUrl: linkTo(config, ASSETS_FOLDER),
    feedUrl: linkTo(config, FEED_FILES.rss),
    feedAbsoluteUrl: absoluteUrl(config, FEED_FILES.rss),
    archiveUrl: linkTo(config, ARCHIVE_PAGE),
    tagsUrl: linkTo(config, TAGS_PAGE),
    sectionsUrl: linkTo(config, SECTIONS_PAGE),
    authorsUrl: linkTo(config, AUTHORS_PAGE),
    searchUrl: config.search ? linkTo(config, SEARCH_PAGE) : null,
    sections: site.sections.map((section) => sectionLink(section, config)),
    generator: GENERATOR,
  };
}

/** A static file may not replace a page or feed: two owners of one URL is an error, not a race. */
function rejectSharedDestinations(files: readonly OutputFile[], copies: readonly { from: string; path: string }[], root: string): void {
  // The copies are few (static files, images), the files many: only the copies' paths are held.
  const copied = new Set(copies.map((copy) => foldCase(copy.path)));
  const written = new Map<string, string>();
  for (const file of files) {
    const folded = foldCase(file.path);
    if (copied.has(folded)) written.set(folded, file.path);
  }
  failIfAny(copies.filter((copy) => written.has(foldCase(copy.path))).map((copy) => new GazetteError({
    code: 'permalink-duplicate', file: path.relative(root, copy.from).split(path.sep).join('/'),
    message: `would replace the generated /${written.get(foldCase(copy.path))}`, hint: 'rename or move the static file',
  })));
}
