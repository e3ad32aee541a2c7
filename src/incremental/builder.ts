// The dev loop's builder: it keeps what its last build made (the stories read, the Markdown
// rendered, the pictures measured, the compiled theme, what its folder holds), so that the next
// build ("these files changed") runs the same stages and redoes only what a change touched. Its
// folder is synced in place; an edited story's own page can be written before the rebuild
// (first-pages.ts); the search index can be made after the pages (the dev server's choice).

import { type BuildOptions, type BuildReport, type BuiltSite, buildSite } from '../build.js';
import type { Config } from '../config-types.js';
import { createImagePublisher } from '../images/publish.js';
import { memoryImageStore } from '../images/store.js';
import { closeMarkdownWorkers, startMarkdownWorkers } from '../markdown/stage.js';
import { type MarkdownStore, type StoryMarkdown, temporaryMarkdownStore } from '../markdown/store.js';
import { KeptFileMissing, type OutputFile, type OutputState } from '../output/files.js';
import { syncFiles, syncSite } from '../output/sync.js';
import type { Reuse } from '../reuse.js';
import { type SearchDocument, searchIndexKey } from '../search/indexes.js';
import { holdsSearchIndex, renderSearchIndex, searchFilesIn } from '../search/pagefind.js';
import type { SearchIndexing } from '../search/stage.js';
import { SEARCH_FOLDER } from '../urls/paths.js';
import { type BuildCache, openCache } from './cache.js';
import { editedStoryPages } from './first-pages.js';
import { type WarmUp, warmUpMarkdown } from './warm-up.js';

export interface Builder {
  /**
   * Build; `changed` lists the absolute paths changed since the last call (everything is read again
   * when absent). Paths of a failed build are read again by the next one.
   */
  build(changed?: ReadonlySet<string>): Promise<BuildReport>;
  /**
   * When every changed file is a story whose front-matter is as the last build read it, writes those
   * stories' own pages at once, from the last build's site (their neighbours, related stories and
   * edition are the same): the pages `build(changed)` then makes, byte for byte. Gives the files
   * written, none when the change is of another kind.
   */
  firstPages(changed: ReadonlySet<string>): Promise<string[]>;
  /** What the output folder holds after the last build, to hand to a new Builder. */
  readonly output: OutputState | undefined;
  /** Ends the worker threads the Builder keeps between builds. */
  close(): Promise<void>;
  /**
   * With `deferSearch`: waits for the search index of the last build, then gives the step that
   * writes it (a sync of its files only), or undefined when there is nothing to write.
   */
  searchIndexed(): Promise<(() => Promise<{ written: string[]; removed: string[] }>) | undefined>;
}

export interface BuilderOptions extends Omit<BuildOptions, 'markdownWorkers'> {
  /** What the output folder holds already (from the Builder of a previous configuration); its first build writes it whole otherwise. */
  output?: OutputState;
  /** Read and keep the build cache (default true), so that a restart does not render every story again. */
  cache?: boolean;
  /** Keep the search index the folder holds, and make the new one meanwhile, written by `searchIndexed`'s step. */
  deferSearch?: boolean;
}

export function createBuilder(config: Config, options: BuilderOptions = {}): Builder {
  const { signal } = options;
  // One worker stays started between builds, for the next story saved.
  const workers = startMarkdownWorkers(config, 1);
  const images = createImagePublisher(config, { makeCopies: true });
  let cache: BuildCache | undefined;
  let saving: Promise<void> = Promise.resolve();
  let output = options.output;
  // What the last good build read, rendered, wrote and compiled: what the next one reuses.
  let kept:
    | { content: BuiltSite['content']; markdown: ReadonlyMap<string, StoryMarkdown>; theme: BuiltSite['theme']; made: BuiltSite['written']['made'] }
    | undefined;
  // The last build's site, for the first pages of the next save; not held beside the next build's.
  let last: BuiltSite | undefined;
  // Without the build cache: what the builder's builds keep in memory (and their HTML in a temporary folder).
  const ownMarkdown = temporaryMarkdownStore();
  const ownImages = memoryImageStore();
  // The files of a failed build, read again by the next one.
  let unbuilt: Set<string> | undefined;
  // Markdown rendered since the last build (its first pages), found by the next one.
  const renderedSince = new Map<string, StoryMarkdown>();
  let searchJob: { key: string; files: Promise<OutputFile[]> } | undefined;
  let warmUp: WarmUp | undefined;

  const deferredSearch = (documents: readonly SearchDocument[]): SearchIndexing => {
    if (holdsSearchIndex(documents, output)) {
      searchJob = undefined;
    } else {
      const key = searchIndexKey(documents);
      // Only the newest job is ever written; until then, builds keep the index the folder holds.
      if (searchJob?.key !== key) {
        const job = { key, files: renderSearchIndex(documents, config, output, signal) };
        // A job that failed is made again by the next build; `searchIndexed` reports its failure.
        job.files.catch(() => {
          if (searchJob === job) searchJob = undefined;
        });
        searchJob = job;
      }
    }
    const held = searchFilesIn(output);
    return {
      take: () => [],
      finish: async (write) => {
        for (const file of held) await write(file);
      },
    };
  };

  const reuseFor = (changed: ReadonlySet<string> | undefined, store: BuildCache | undefined): Reuse => {
    const stale = changed && kept ? new Set([...(unbuilt ?? []), ...changed]) : undefined;
    unbuilt = stale;
    const previous = kept?.markdown;
    const markdown: MarkdownStore = store?.markdown ?? ownMarkdown;
    return {
      content: { previous: stale ? kept?.content.results : undefined, changed: stale, store: store?.stories, authors: kept?.content.profiles },
      markdown: { find: (hash, render) => renderedSince.get(hash) ?? previous?.get(hash) ?? markdown.find(hash, render), keep: markdown.keep },
      images: { store: store?.images ?? ownImages, stale, publisher: images },
      output: { state: output, made: kept?.made, intact: false },
      theme: kept?.theme,
      search: options.deferSearch ? deferredSearch : undefined,
    };
  };

  const builder: Builder = {
    get output() {
      return output;
    },
    async build(changed) {
      warmUp?.stop();
      await saving;
      cache ??= options.cache === false ? undefined : await openCache(config);
      const buildWith = (reuse: Reuse) => buildSite(config, 'sync', reuse, { ...options, markdownWorkers: workers });
      // The last site is not held beside the new one: the first pages come between builds.
      last = undefined;
      let built: BuiltSite;
      try {
        built = await buildWith(reuseFor(changed, cache));
      } catch (error) {
        if (!(error instanceof KeptFileMissing)) throw error;
        // Someone removed a file from the output folder: write every file again.
        output = undefined;
        built = await buildWith(reuseFor(changed, cache));
      }
      last = built;
      kept = { content: built.content, markdown: built.markdown.used, theme: built.theme, made: built.written.made };
      output = built.written.state;
      unbuilt = undefined;
      renderedSince.clear();
      // The cache only saves time: the site is written whether or not it can be kept.
      if (cache) saving = cache.save(built.content.results.values(), built.markdown.used).catch(() => undefined);
      if (warmUp === undefined && built.site.stories[0]) warmUp = warmUpMarkdown(built.site.stories[0], workers.pool);
      return built.report;
    },
    async firstPages(changed) {
      warmUp?.stop();
      if (last === undefined || output === undefined || unbuilt !== undefined) return [];
      const pages = await editedStoryPages(
        last,
        changed,
        config,
        workers,
        (hash, rendered, render) => {
          const markdown = (cache?.markdown ?? ownMarkdown).keep(hash, rendered, render);
          renderedSince.set(hash, markdown);
          return markdown;
        },
        signal,
      );
      if (pages === undefined) return [];
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
    async close() {
      warmUp?.stop();
      await closeMarkdownWorkers(workers);
    },
  };
  return builder;
}
