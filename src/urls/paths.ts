// Where everything lives in the site, as site paths (no leading slash, a folder ends in `/`): the
// stories (the `permalink` pattern), every listing, edition, email, feed, sitemap and index, and the
// folders Gazette writes on its own. Every path rule is here, and only here.

/** A type of feed, and the file each is written to in a feed's folder. */
export type FeedFormat = 'rss' | 'atom' | 'json';
export const FEED_FILES: Record<FeedFormat, string> = { rss: 'feed.xml', atom: 'atom.xml', json: 'feed.json' };

export const ARCHIVE_PAGE = 'archive/';
export const TAGS_PAGE = 'tags/';
export const SECTIONS_PAGE = 'sections/';
export const AUTHORS_PAGE = 'authors/';
export const SEARCH_PAGE = 'search/';
export const NOT_FOUND_PAGE = '404.html';
/** Every feed of the site in one place, and the newsletter's sign-up form. */
export const SUBSCRIBE_PAGE = 'subscribe/';
/** The XSLT stylesheet RSS and Atom feeds name, so that a browser shows them as a page. */
export const FEED_STYLESHEET = 'feed.xsl';
/** The edition feed's folder (its page is the archive). */
export const EDITIONS_FOLDER = 'editions/';
export const SEARCH_FOLDER = 'pagefind/';
export const IMAGES_FOLDER = 'images/';
/** The theme's own files (`templates/assets/`). */
export const ASSETS_FOLDER = 'assets/';
export const SITEMAP_PATH = 'sitemap.xml';
export const NEWS_SITEMAP_PATH = 'news-sitemap.xml';
export const ROBOTS_PATH = 'robots.txt';
/** Marks an output folder as Gazette's own, so that it may be replaced on the next build. */
export const OUTPUT_MARKER = '.gazette-output';
/** The dev server's live-reload events (never written: the dev server answers it). */
export const EVENTS_PATH = '/__gazette/events';
export const EMAIL_FILES = { html: 'email.html', text: 'email.txt' } as const;

/** A story's path from the `permalink` pattern (`/:year/:month/:day/:slug/`) and its values. */
export function expandPermalink(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/:([a-z]+)/g, (token, name: string) => values[name] ?? token).replace(/^\/+/, '');
}

/** The page of a listing's older stories: `tags/algeria/page/3/`. */
export function numberedPage(listing: string, number: number): string {
  return `${listing}page/${number}/`;
}

export function editionPath(day: string): string {
  return `${day.replaceAll('-', '/')}/`;
}

export function emailPaths(day: string): { html: string; text: string } {
  return { html: editionPath(day) + EMAIL_FILES.html, text: editionPath(day) + EMAIL_FILES.text };
}

export function tagPath(tag: { slug: string }): string {
  return `${TAGS_PAGE}${tag.slug}/`;
}

export function sectionPath(section: { slug: string }): string {
  return `${SECTIONS_PAGE}${section.slug}/`;
}

export function authorPath(author: { slug: string }): string {
  return `${AUTHORS_PAGE}${author.slug}/`;
}

/** The three files of the feed in `folder` (the site's: ``, a tag's: `tags/algeria/`). */
export function feedPaths(folder: string): Record<FeedFormat, string> {
  return { rss: folder + FEED_FILES.rss, atom: folder + FEED_FILES.atom, json: folder + FEED_FILES.json };
}

/** The file a page at `sitePath` is written to: `index.html` in its folder, or the file a path ending in `.html` names. */
export function pageFile(sitePath: string): string {
  return /\.html?$/.test(sitePath) ? sitePath : `${sitePath.replace(/\/?$/, '/')}index.html`;
}

/**
 * Output paths as a host that ignores case and Unicode normalization sees them (macOS and Windows
 * disks, many web servers): two pages that differ only so would overwrite each other there.
 */
export function foldCase(sitePath: string): string {
  return sitePath.normalize('NFC').toLowerCase();
}

/**
 * Where a file beside a story is published: at the same path from the story's page as from the
 * story's file (`2020/10/01/slug/` and `data/votes.csv` give `2020/10/01/slug/data/votes.csv`); a
 * page written as a file (`2020/slug.html`) has its folder's.
 */
export function besidePage(pagePath: string, relative: string): string {
  const folder = pagePath.endsWith('/') || pagePath === '' ? pagePath : pagePath.replace(/[^/]*$/, '');
  return folder + relative;
}

/** The folder below the content folder whose files are standalone pages. */
export const PAGES_FOLDER = 'pages/';

/**
 * A standalone page's path. Below `pages/` of the content folder, its path there without the
 * extension (`pages/about.md` → `about/`, `pages/policies/corrections.md` → `policies/corrections/`,
 * `pages/team/index.md` → `team/`); elsewhere (`type: page`), its `slug` or its file name's
 * (`desk/contact.md` → `contact/`). Each segment keeps letters, digits, marks, `_`, `.`, `~` and `-`
 * of any script, case included; any other run of characters becomes one `-`.
 */
export function standalonePagePath(contentPath: string, slug?: string): string {
  const withoutExtension = contentPath.replace(/\.(md|markdown)$/i, '').replace(/(^|\/)index$/, '');
  const segments =
    slug !== undefined
      ? [slug]
      : contentPath.startsWith(PAGES_FOLDER)
        ? withoutExtension.slice(PAGES_FOLDER.length).split('/')
        : [withoutExtension.replace(/^.*\//, '')];
  const cleaned = segments
    .map((segment) =>
      segment
        .normalize('NFC')
        .replace(/[^\p{L}\p{M}\p{N}_.~-]+/gu, '-')
        .replace(/^-+|-+$/g, ''),
    )
    .filter((segment) => segment !== '');
  return cleaned.length === 0 ? '' : `${cleaned.join('/')}/`;
}
