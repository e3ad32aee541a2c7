// The page loop: pages are planned, rendered and written one at a time, so that a build holds only
// a few at once. A page made from the same inputs as the one the output folder holds is kept
// without being made; one whose text would be the same is kept without being rendered. Pages
// rendered on worker threads are written in the order planned.

import type { Config } from '../config-types.js';
import type { OutputFile } from '../output/files.js';
import type { SiteWriter } from '../output/writer.js';
import type { Progress } from '../progress.js';
import { createPageRenderer } from '../render/page-pool.js';
import { pageContext, pageKey, type SiteTheme } from '../render/theme.js';
import type { SitemapEntry } from '../sitemaps.js';
import type { PlannedPage } from './plan.js';

/** How many pages the page loop plans before it lets other work in (Pagefind's answers). */
const PAGES_BETWEEN_BREATHS = 100;
/** How long the page and feed loops run without letting other work in (a signal, to stop the build). */
const MS_BETWEEN_BREATHS = 50;
/** How many pages the page loop plans ahead of one still rendering on a worker thread. */
const PAGES_AHEAD = 128;

export interface PagesWritten {
  pages: number;
  sitemap: SitemapEntry[];
}

export interface PageLoopOptions {
  /** Threads that render pages (see render/page-pool.ts). */
  threads?: number;
  signal?: AbortSignal;
  /** Files that arrived meanwhile (a search index Pagefind finished), written between pages. */
  arrived?: () => readonly OutputFile[];
  /** Told of each page made or kept (their number is known only at the end). */
  progress?: Progress;
}

export async function writePages(
  plans: Iterable<PlannedPage>,
  theme: SiteTheme,
  writer: SiteWriter,
  config: Config,
  options: PageLoopOptions = {},
): Promise<PagesWritten> {
  const { signal } = options;
  const pageText = createPageRenderer(theme.renderer, theme.source, config.language, options.threads);
  // Threads asked for render from the first page.
  if (options.threads !== undefined) await pageText.started();
  const inOrder = writtenInOrder(writer);
  const breath = breathing();
  const sitemap: SitemapEntry[] = [];
  let pages = 0;
  try {
    for (const planned of plans) {
      signal?.throwIfAborted();
      if (pages % PAGES_BETWEEN_BREATHS === 0 || breath.out()) {
        await breath.take();
        for (const file of options.arrived?.() ?? []) await inOrder.add(file);
      }
      pages += 1;
      options.progress?.({ stage: 'pages', done: pages });
      if (planned.lastmod !== undefined || planned.listed) sitemap.push({ path: planned.path, lastmod: planned.lastmod });
      const kept = writer.madeFrom(planned.file, planned.inputs);
      if (kept !== undefined) {
        await inOrder.add({ path: planned.file, key: kept, inputs: planned.inputs });
        continue;
      }
      const page = planned.page();
      const context = pageContext(page, config);
      const key = pageKey(theme, context);
      if (writer.holds(page.file, key)) await inOrder.add({ path: page.file, key, inputs: planned.inputs });
      else await inOrder.add(withContents(page.file, key, planned.inputs, pageText.render(page, context)));
    }
    await inOrder.flush();
  } finally {
    await pageText.close();
  }
  return { pages, sitemap };
}

/** Lets other work in (a signal, files arrived) every few moments of a loop that does not wait for I/O. */
export function breathing() {
  let breathed = performance.now();
  return {
    out: () => performance.now() - breathed > MS_BETWEEN_BREATHS,
    async take() {
      await new Promise((resolve) => setImmediate(resolve));
      breathed = performance.now();
    },
  };
}

type SiteFile = Parameters<SiteWriter['add']>[0];

/** A file whose text may still be rendering on a worker thread. */
function withContents(file: string, key: string, inputs: string | undefined, contents: string | Promise<string>): SiteFile | Promise<SiteFile> {
  return typeof contents === 'string' ? { path: file, key, inputs, contents } : contents.then((text) => ({ path: file, key, inputs, contents: text }));
}

/**
 * Files handed to the writer in the order added: one still rendering holds back those after it,
 * until PAGES_AHEAD wait behind it. A rendering that failed throws when its turn comes.
 */
function writtenInOrder(writer: SiteWriter) {
  const waiting: { file?: SiteFile; ready: Promise<SiteFile> }[] = [];
  const next = async () => writer.add(await (waiting.shift() as (typeof waiting)[number]).ready);
  return {
    async add(file: SiteFile | Promise<SiteFile>) {
      if (file instanceof Promise) {
        const entry: (typeof waiting)[number] = { ready: file };
        file.then(
          (made) => (entry.file = made),
          () => undefined,
        );
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
