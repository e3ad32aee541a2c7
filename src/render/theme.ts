// The theme as the site's pages use it: its templates compiled with the site's globals, every page
// template the site needs checked to exist, and each page's view data as the templates see it.

import { codeFingerprint } from '../code-fingerprint.js';
import type { Config } from '../config-types.js';
import type { Theme } from '../content/theme.js';
import { copyWith } from '../copy-with.js';
import { keyOf, keyOfJson } from '../keys.js';
import { textDirection } from '../language.js';
import type { Site } from '../model/types.js';
import { absoluteUrl, linkTo } from '../urls/links.js';
import { ARCHIVE_PAGE, ASSETS_FOLDER, AUTHORS_PAGE, FEED_FILES, SEARCH_PAGE, SECTIONS_PAGE, SUBSCRIBE_PAGE, TAGS_PAGE } from '../urls/paths.js';
import { GENERATOR } from '../version.js';
import { siteMenu } from './menu.js';
import type { Page } from './page.js';
import { createThemeRenderer, type ThemeRenderer, type ThemeSource } from './page-text.js';
import { PAGE_TEMPLATES } from './templates.js';
import { sectionLink } from './views.js';

/** The theme ready to render pages, on this thread (`renderer`) and on the page workers' (`source`); `key` names it. */
export interface SiteTheme {
  key: string;
  source: ThemeSource;
  renderer: ThemeRenderer;
}

/**
 * The theme with the site's globals, named by its templates, its email stylesheet, the globals
 * (every page shows the sections in its navigation), its words and Gazette's code. `previous` is given back
 * when it has the same name: its templates are compiled already.
 */
export function siteTheme(theme: Theme, site: Site, config: Config, previous?: SiteTheme): SiteTheme {
  const globals = siteGlobals(config, site);
  const required = [...PAGE_TEMPLATES, ...(config.search ? ['search'] : []), ...(site.pages.length > 0 ? ['page'] : [])];
  const key = keyOfJson([codeFingerprint(), theme.templates, theme.emailCss, config.words, globals, required]);
  if (previous?.key === key) return previous;
  const source = {
    templates: theme.templates,
    origins: theme.origins,
    label: theme.label,
    emailCss: theme.emailCss,
    words: config.words,
    language: config.language,
    site: globals,
  };
  return { key, source, renderer: createThemeRenderer(source, required) };
}

/** What every template sees as `site`. */
export function siteGlobals(config: Config, site: Site): Record<string, unknown> {
  return {
    title: config.title,
    description: config.description,
    language: config.language,
    direction: textDirection(config.language),
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
    subscribeUrl: linkTo(config, SUBSCRIBE_PAGE),
    favicon: iconLink(config, config.favicon),
    touchIcon: iconLink(config, config.touchIcon),
    sections: site.sections.map((section) => sectionLink(section, config)),
    menu: siteMenu(config, site.pages),
    generator: GENERATOR,
    params: config.params,
  };
}

/** An icon setting as a link: a site path under the base path, an address elsewhere as it is. */
function iconLink(config: Config, icon: string): string {
  return icon.startsWith('/') ? linkTo(config, icon.slice(1)) : icon;
}

/** A page's view data as its template sees it: its own data, and `page`. */
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

/** A page's key: its theme and the JSON of everything it shows (stories' HTML and cards by their keys). */
export function pageKey(theme: Pick<SiteTheme, 'key'>, context: Record<string, unknown>): string {
  return keyOf(theme.key, JSON.stringify(context));
}
