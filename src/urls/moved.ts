// URLs are forever: the URLs the previous site published (as (URL, owner) pairs: stories today,
// pages as they join) that the new site neither serves nor redirects. A story's URL is an error
// naming the story, with the alias line that keeps it; another generator's listing (tags,
// categories, page/N) is a warning. `allowMoved` makes every one a warning.

import { GazetteError } from '../errors.js';
import { pageFile } from './paths.js';

/** A URL a site publishes, as a site path (`2020/10/01/slug/`), and what it belongs to. */
export interface PublishedUrl {
  url: string;
  /** The file of the story (or page) the URL is, or redirects to; unknown for another generator's sitemap. */
  owner?: string;
  /** Its headline, to name it when its file is gone. */
  title?: string;
}

/** The file a URL is served from: `a/b`, `a/b/` and `a/b/index.html` are one page. */
export function servedFile(url: string): string {
  return url === '' || url === '/' ? 'index.html' : pageFile(url.replace(/^\/+/, '')).normalize('NFC');
}

// Listings and feeds of Gazette and its peers: an archive's structure, not a story's address.
const LISTING = /(^|\/)(tags?|categor(y|ies)|topics?|series|sections?|authors?|archives?|page\/\d+|feed|rss)(\/|$)|\.(xml|json|atom|rss)$|^index\.html$/i;

export interface MovedUrls {
  problems: GazetteError[];
  warnings: GazetteError[];
}

/** The files of the stories (and pages) being published, and of those the content holds unpublished. */
export interface Owners {
  published: ReadonlySet<string>;
  /** Drafts and stories dated after the build's clock: withdrawn on purpose, a warning. */
  unpublished: ReadonlySet<string>;
}

/**
 * The previous site's URLs that `served` (the files of every page and redirect the new site has)
 * lacks, said of their owners' files (`owners`) when known.
 */
export function movedUrls(previous: readonly PublishedUrl[], served: ReadonlySet<string>, owners: Owners, allowMoved: boolean): MovedUrls {
  const problems: GazetteError[] = [];
  const warnings: GazetteError[] = [];
  const seen = new Set<string>();
  for (const { url, owner, title } of previous) {
    const file = servedFile(url);
    if (served.has(file) || seen.has(file)) continue;
    seen.add(file);
    const shown = `/${url.replace(/^\/+/, '')}`;
    if (owner === undefined && LISTING.test(file)) {
      warnings.push(
        new GazetteError({
          code: 'permalink-moved',
          message: `the previous site's listing ${shown} is not on this site`,
          hint: 'readers following it get the page for missing URLs; redirect it on the host if it matters',
        }),
      );
      continue;
    }
    if (owner !== undefined && owners.unpublished.has(owner)) {
      warnings.push(
        new GazetteError({
          code: 'permalink-moved',
          file: owner,
          message: `its published URL ${shown} is withdrawn: the story is now a draft, or dated after the build's clock`,
          hint: 'readers following it get the page for missing URLs until it is published again',
        }),
      );
      continue;
    }
    const aliasLine = `aliases: [${shown}]`;
    const problem = new GazetteError({
      code: 'permalink-moved',
      file: owner,
      field: owner === undefined ? undefined : 'aliases',
      message:
        owner === undefined
          ? `the previous site's URL ${shown} would disappear: no story has it as its URL or an alias`
          : owners.published.has(owner)
            ? `its published URL ${shown} would disappear (its slug, url or the permalink setting changed)`
            : `the story published at ${shown}${title === undefined ? '' : ` ("${title}")`} is no longer in the content folder (renamed or removed)`,
      hint:
        owner === undefined || !owners.published.has(owner)
          ? `add the line "${aliasLine}" to the story it was (merge into its aliases), or build with --allow-moved to let it go`
          : `add the line "${aliasLine}" to its front-matter (merge into its aliases), or build with --allow-moved to let it go`,
    });
    (allowMoved ? warnings : problems).push(problem);
  }
  return { problems, warnings };
}
