// The URLs-are-forever stage: the URLs the previous site published (the last build's record,
// output/published-urls.ts, and `--previous-sitemap`) each still served or redirected by the new
// site, checked before anything is written; the record of what this build publishes, kept after.

import type { Config } from './config-types.js';
import { readPreviousSitemap } from './content/previous-sitemap.js';
import type { StorySource } from './content/story-source.js';
import { failIfAny, type GazetteError } from './errors.js';
import type { Site } from './model/types.js';
import { readPublishedUrls, recordPublishedUrls } from './output/published-urls.js';
import { publishedStoryUrls, servedFiles } from './pages/served.js';
import { movedUrls } from './urls/moved.js';

export interface KeptUrlsOptions {
  /** Let published URLs disappear (each a warning, not an error). */
  allowMoved?: boolean;
  /** A sitemap.xml (file or http(s) URL) of the previous site, another generator's or the live one. */
  previousSitemap?: string;
}

/** Refuses a build that would drop a published story URL; returns the warnings. */
export async function checkUrlsKept(site: Site, stories: readonly StorySource[], config: Config, options: KeptUrlsOptions): Promise<GazetteError[]> {
  const previous = [
    ...(await readPublishedUrls(config)),
    ...(options.previousSitemap === undefined ? [] : await readPreviousSitemap(options.previousSitemap, config)),
  ];
  if (previous.length === 0) return [];
  const published = new Set(site.stories.filter((story) => !story.draft && !story.future).map((story) => story.file));
  const unpublished = new Set(stories.map((story) => story.file).filter((file) => !published.has(file)));
  const { problems, warnings } = movedUrls(previous, servedFiles(site), { published, unpublished }, options.allowMoved ?? false);
  failIfAny(problems);
  return warnings;
}

/** What this build published, for the next build to compare with. */
export async function keepPublishedUrls(site: Site, config: Config): Promise<void> {
  await recordPublishedUrls(config, publishedStoryUrls(site));
}
