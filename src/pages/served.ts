// Every file of the new site a URL of the previous one may be answered by: the stories and their
// aliases, the listings and the fixed pages (without rendering any of them), for the URL check
// (urls/moved.ts) that runs before anything is written.

import type { Site } from '../model/types.js';
import type { PublishedUrl } from '../urls/moved.js';
import { servedFile } from '../urls/moved.js';
import { ARCHIVE_PAGE, AUTHORS_PAGE, authorPath, editionPath, SEARCH_PAGE, SECTIONS_PAGE, sectionPath, TAGS_PAGE, tagPath } from '../urls/paths.js';

/** The (URL, owner) pairs the site publishes for its stories: each permalink and each alias. */
export function publishedStoryUrls(site: Site): PublishedUrl[] {
  return site.stories
    .filter((story) => !story.draft && !story.future)
    .flatMap((story) => [story.permalink, ...story.aliases].map((url) => ({ url, owner: story.file, title: story.title })));
}

export function servedFiles(site: Site): Set<string> {
  const paths = [
    '',
    ARCHIVE_PAGE,
    SEARCH_PAGE,
    TAGS_PAGE,
    SECTIONS_PAGE,
    AUTHORS_PAGE,
    ...site.stories.flatMap((story) => [story.permalink, ...story.aliases]),
    ...site.tags.map(tagPath),
    ...site.sections.map(sectionPath),
    ...site.authors.map(authorPath),
    ...site.editions.map((edition) => editionPath(edition.day)),
  ];
  return new Set(paths.map(servedFile));
}
