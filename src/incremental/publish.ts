// `gazette build` (and `check`): a build that first asks whether the last one still stands
// (up-to-date.ts), then builds with what the build cache holds (cache.ts) and leaves the cache, and
// the record of what it read, for the next one. Without the cache, or to check, it is the plain build.

import path from 'node:path';
import { type BuildOptions, type BuildReport, type BuiltSite, buildSite } from '../build.js';
import type { Config } from '../config-types.js';
import { GazetteError } from '../errors.js';
import { KeptFileMissing } from '../output/files.js';
import { NOTHING_HELD, type OutputHeld } from '../output/writer.js';
import { noReuse, type Reuse } from '../reuse.js';
import { NEWS_WINDOW_HOURS } from '../sitemaps.js';
import { type BuildCache, openCache } from './cache.js';
import { cacheFolder } from './cache-folder.js';
import { checkUpToDate, type InputSnapshot, recordBuild, trustedStamps, type UpToDate } from './up-to-date.js';

export interface PublishOptions extends BuildOptions {
  /** Write the site (`gazette build`), or only check it (`gazette check`). */
  write: boolean;
  /** Read and keep the build cache in .gazette/cache/ (default true); false builds everything. */
  cache?: boolean;
  /** What the up-to-date check found, when the caller asked already. */
  upToDate?: UpToDate;
}

export async function build(config: Config, options: PublishOptions = { write: true }): Promise<BuildReport> {
  // A sitemap to compare with is read by a whole build: the last build cannot answer for it.
  if (!options.write || options.cache === false || options.previousSitemap !== undefined)
    return (await buildSite(config, options.write ? 'swap' : 'none', noReuse(), options)).report;
  const check = options.upToDate ?? (await checkUpToDate(config));
  if (check.upToDate) return { ...check.report, written: [], removed: [], upToDate: true };
  const cache = await openCache(config);
  const reuse = (output: OutputHeld): Reuse => ({
    content: { store: cache.stories, trustedStamp: trustedStamps(check.snapshot) },
    markdown: cache.markdown,
    images: { store: cache.images },
    output,
  });
  let built: BuiltSite;
  let patchedFrom = check.outputFolders;
  try {
    built = await buildSite(config, 'swap', reuse({ state: cache.output, made: cache.pagesMade, intact: patchedFrom !== undefined }), options);
  } catch (error) {
    if (!(error instanceof KeptFileMissing)) throw error;
    // Someone removed a file from the output folder: build every page again.
    patchedFrom = undefined;
    built = await buildSite(config, 'swap', reuse(NOTHING_HELD), options);
  }
  return keepForNextBuild(config, built, cache, check.snapshot, patchedFrom);
}

/** The cache and the record of this build, for the next one; a failure to keep them is a warning (the site is written). */
async function keepForNextBuild(
  config: Config,
  built: BuiltSite,
  cache: BuildCache,
  snapshot: InputSnapshot,
  patchedFrom: ReadonlyMap<string, string> | undefined,
): Promise<BuildReport> {
  const { written, report } = built;
  try {
    const state = written.state ?? new Map<string, string>();
    await cache.save(built.content.results.values(), built.markdown.used, { identity: written.identity ?? '', state, pages: written.made });
    // What the next `gazette build` compares with, to find it has nothing to do.
    const storyDates = built.content.stories.flatMap(({ date }) => [date.toMillis(), date.toMillis() + NEWS_WINDOW_HOURS * 3_600_000]);
    await recordBuild(config, {
      snapshot,
      identity: written.identity ?? '',
      outputFiles: [...state.keys()],
      storyDates,
      report: { stories: report.stories, pages: report.pages, files: report.files, warnings: [...report.warnings] },
      patched: written.patched && patchedFrom ? { folders: patchedFrom, changedFiles: [...written.written, ...written.removed] } : undefined,
    });
  } catch (error) {
    report.warnings.push(cacheNotSaved(error, config));
  }
  return report;
}

export function cacheNotSaved(error: unknown, config: Config): GazetteError {
  return new GazetteError({
    code: 'output-failed',
    file: path.relative(config.root, cacheFolder(config)),
    message: `the build cache could not be saved: ${(error as Error).message}`,
    hint: 'the site is written; the next build renders every story again',
    cause: error,
  });
}
