// Old URLs (aliases) that would take a path Gazette writes on its own (feeds, sitemaps, listings,
// search, pictures, the output folder's marker), or collide with a file the build writes: each an
// error naming the story, the alias's line and the field, found before the build writes either.

import { GazetteError } from '../errors.js';
import type { Story } from '../model/types.js';
import {
  ARCHIVE_PAGE,
  ASSETS_FOLDER,
  authorPath,
  EDITIONS_FOLDER,
  EVENTS_PATH,
  FEED_FILES,
  FEED_STYLESHEET,
  foldCase,
  IMAGES_FOLDER,
  NEWS_SITEMAP_PATH,
  NOT_FOUND_PAGE,
  OUTPUT_MARKER,
  pageFile,
  ROBOTS_PATH,
  SEARCH_FOLDER,
  SEARCH_PAGE,
  SITEMAP_PATH,
  SUBSCRIBE_PAGE,
  sectionPath,
  tagPath,
} from '../urls/paths.js';

/** A path of the site that is Gazette's, whether or not this build writes it, and what it holds. */
interface Reserved {
  /** The site path, case-folded: a folder ends in `/`, and everything in it is Gazette's. */
  path: string | RegExp;
  what: string;
}

/** The folder of every page of a kind: `tags/` for tagPath's `tags/algeria/`. */
const folderOf = (page: (group: { slug: string }) => string) => `${page({ slug: '' }).split('/')[0]}/`;
const RESERVED: readonly Reserved[] = [
  { path: 'index.html', what: 'the front page' },
  { path: /^page\/\d+\//, what: "the front page's pages of older stories" },
  ...Object.values(FEED_FILES).map((file) => ({ path: file, what: "the site's feed" })),
  { path: SITEMAP_PATH, what: 'the sitemap' },
  { path: /^sitemap-\d+\.xml$/, what: 'a part of the sitemap' },
  { path: NEWS_SITEMAP_PATH, what: 'the news sitemap' },
  { path: ROBOTS_PATH, what: 'robots.txt' },
  { path: NOT_FOUND_PAGE, what: 'the page for missing URLs' },
  { path: `${ARCHIVE_PAGE}index.html`, what: 'the archive' },
  { path: `${SEARCH_PAGE}index.html`, what: 'the search page' },
  { path: `${SUBSCRIBE_PAGE}index.html`, what: 'the subscribe page' },
  { path: FEED_STYLESHEET, what: "the feeds' stylesheet" },
  { path: OUTPUT_MARKER, what: "the file that marks the output folder as Gazette's" },
  { path: folderOf(tagPath), what: 'the tag pages and feeds' },
  { path: folderOf(sectionPath), what: 'the section fronts and feeds' },
  { path: folderOf(authorPath), what: 'the author pages and feeds' },
  { path: EDITIONS_FOLDER, what: 'the edition feed' },
  { path: SEARCH_FOLDER, what: 'the search index' },
  { path: IMAGES_FOLDER, what: 'the pictures' },
  { path: ASSETS_FOLDER, what: "the theme's stylesheet and scripts" },
  { path: `${EVENTS_PATH.split('/')[1]}/`, what: "the dev server's live reload" },
];

/** What Gazette's own path the page of alias `file` (case-folded) would take, or be inside of. */
function reservedFor(file: string): string | undefined {
  for (const { path, what } of RESERVED) {
    if (typeof path !== 'string' ? path.test(file) : path.endsWith('/') ? file.startsWith(path) : file === path || file.startsWith(`${path}/`)) return what;
  }
  return undefined;
}

/** The alias of a story at `index`, as a problem names it. */
function aliasProblem(story: Story, index: number, message: string, hint: string): GazetteError {
  const place = story.aliasPlaces[index];
  return new GazetteError({ code: 'permalink-duplicate', file: story.file, line: place?.line, column: place?.column, field: 'aliases', message, hint });
}

/** Every alias that is, or is inside, a path Gazette keeps for itself. */
export function reservedAliasProblems(stories: readonly Story[]): GazetteError[] {
  return stories.flatMap((story) =>
    story.aliases.flatMap((alias, index) => {
      const what = reservedFor(foldCase(pageFile(alias)));
      return what === undefined
        ? []
        : [aliasProblem(story, index, `the old URL /${alias} is Gazette's own: ${what}`, 'remove it from aliases: its page cannot be there')];
    }),
  );
}

/**
 * For each file a build writes, the alias whose page would need a folder at that file's path, or
 * would be a file where that one needs a folder: one of the two could not be written.
 */
export function aliasCollisions(stories: readonly Story[]): (path: string) => GazetteError | undefined {
  const files = new Map<string, (path: string) => GazetteError>();
  const folders = new Map<string, (path: string) => GazetteError>();
  for (const story of stories) {
    story.aliases.forEach((alias, index) => {
      // One problem an alias, however many files it collides with.
      let problem: GazetteError | undefined;
      const once = (message: string) => (problem ??= aliasProblem(story, index, message, 'remove it from aliases, or rename the file it collides with'));
      const file = foldCase(pageFile(alias));
      files.set(file, (path) => once(`the page of the old URL /${alias} is a file where Gazette needs a folder, for /${path}`));
      for (let slash = file.indexOf('/'); slash !== -1; slash = file.indexOf('/', slash + 1)) {
        folders.set(file.slice(0, slash), (path) => once(`the page of the old URL /${alias} needs a folder where Gazette writes /${path}`));
      }
    });
  }
  return (path) => {
    const folded = foldCase(path);
    const folder = folders.get(folded);
    if (folder) return folder(path);
    for (let slash = folded.indexOf('/'); slash !== -1; slash = folded.indexOf('/', slash + 1)) {
      const file = files.get(folded.slice(0, slash));
      if (file) return file(path);
    }
    return undefined;
  };
}
