// Where things live on the site. Model paths (`2020/10/01/slug/`) become root-relative links
// (`/news/2020/10/01/slug/`) on pages and absolute URLs in feeds.

/** How a story's links are written where it is shown: on its page, or absolute in a feed. */
export type ResolveUrl = (url: string) => string;

/** Where the site is published (the configuration's `baseUrl`, and its path part). */
type Site = { readonly baseUrl: string; readonly basePath: string };

/** A site path (no leading slash) as a root-relative link. */
export function linkTo(site: Site, sitePath: string): string {
  return site.basePath + sitePath;
}

export function absoluteUrl(site: Site, sitePath: string): string {
  return new URL(sitePath, site.baseUrl).href;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * What an image address names: a file beside the story (`photo.jpg`, `./img/photo.jpg`), a file of
 * the site (`/images/logo.svg`, from static/), or something elsewhere (`https://…`, `//cdn…`, `#x`).
 */
export function imageKind(url: string): 'file' | 'site' | 'remote' {
  if (url === '' || SCHEME.test(url) || url.startsWith('//') || url.startsWith('#') || url.startsWith('?')) return 'remote';
  return url.startsWith('/') ? 'site' : 'file';
}

/**
 * Whether a picture's address is one the web serves: an http(s) URL, a path from the site root or
 * from the story. Every other scheme is refused: `javascript:` and `data:` can carry script, and
 * `file:` (or `smb:`, `ftp:`, …) would show readers a file of their own machine, or of none.
 */
export function isWebImageAddress(url: string): boolean {
  // As browsers read an address: control characters and spaces around it ignored, tabs and line
  // breaks inside it too ("fi\tle:").
  const scheme = SCHEME.exec(url.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, ''))?.[0];
  return scheme === undefined || /^https?:$/i.test(scheme);
}

/** A published image's address (a site path such as `images/…/photo.jpg`, or an address elsewhere) on a page. */
export function linkToImage(site: Site, src: string): string {
  return imageKind(src) === 'remote' ? src : linkTo(site, src);
}

/** A published image's absolute URL, for feeds and link previews. */
export function absoluteImageUrl(site: Site, src: string): string {
  return new URL(src, site.baseUrl).href;
}

/**
 * Links in a story as they appear on its page: a link written from the site root
 * (`/2020/10/01/other/`) gains the base path; relative and absolute links are kept.
 */
export function pageUrlResolver(site: Site): ResolveUrl {
  return (url) => (url.startsWith('/') && !url.startsWith('//') ? linkTo(site, url.slice(1)) : url);
}

/** Links in a story as they appear in a feed: all absolute, resolved from the story's URL. */
export function feedUrlResolver(site: Site, storyPath: string): ResolveUrl {
  const storyUrl = absoluteUrl(site, storyPath);
  return (url) => {
    if (url === '' || SCHEME.test(url)) return url;
    if (url.startsWith('//')) return new URL(url, site.baseUrl).href;
    if (url.startsWith('/')) return absoluteUrl(site, url.slice(1));
    return new URL(url, storyUrl).href;
  };
}

const UNSAFE_SCHEME = /^(javascript|vbscript|data):/i;

/** Script-bearing URL schemes never reach a page, whatever the raw-HTML switch says. */
export function isSafeUrl(url: string): boolean {
  // Browsers ignore control characters and spaces inside a scheme ("java\tscript:").
  return !UNSAFE_SCHEME.test(url.replace(/[\u0000-\u0020]/g, ''));
}
