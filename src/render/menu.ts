// The site's own links in its navigation, from the configuration's `menu:`: a standalone page
// (named by its title unless the menu gives one), another path of the site, or an address elsewhere.
// A menu link to a path the site does not publish is an error, found once everything is written.

import path from 'node:path';
import type { Config, MenuItem } from '../config-types.js';
import { failIfAny, GazetteError } from '../errors.js';
import type { Story } from '../model/types.js';
import { linkTo } from '../urls/links.js';

export interface MenuLink {
  title: string;
  url: string;
}

/** The menu's links as the navigation shows them; a link without a title that is not a page is an error. */
export function siteMenu(config: Pick<Config, 'menu' | 'basePath' | 'baseUrl' | 'root' | 'configFile'>, pages: readonly Story[]): MenuLink[] {
  const byPath = new Map(pages.map((page) => [page.permalink, page]));
  const problems: GazetteError[] = [];
  const links = config.menu.map((item) => {
    const sitePath = menuSitePath(item);
    const page = sitePath === undefined ? undefined : (byPath.get(sitePath) ?? byPath.get(`${sitePath}/`));
    const title = item.title ?? page?.title;
    if (title === undefined) {
      problems.push(
        menuProblem(
          config,
          item,
          sitePath === undefined ? `the link to ${item.url} has no title` : `${item.url} is not a page of the site, and has no title`,
          'give it a "title:"',
        ),
      );
    }
    return { title: title ?? '', url: sitePath === undefined ? item.url : linkTo(config, item.url.slice(1)) };
  });
  failIfAny(problems);
  return links;
}

/** The menu's links to paths of the site that it does not publish (`published` says what it does). */
export function unpublishedMenuLinks(config: Pick<Config, 'menu' | 'root' | 'configFile'>, published: (sitePath: string) => boolean): GazetteError[] {
  return config.menu.flatMap((item) => {
    const sitePath = menuSitePath(item);
    if (sitePath === undefined || published(sitePath)) return [];
    return [
      menuProblem(
        config,
        item,
        `${item.url} is not a page or file of the site`,
        'link to a page of content/pages/, a page Gazette makes (/archive/) or a file of static/',
      ),
    ];
  });
}

/** The site path a menu link names (`/about/` → `about/`), or undefined for an address elsewhere. */
function menuSitePath(item: MenuItem): string | undefined {
  if (!item.url.startsWith('/')) return undefined;
  return decodeURIComponent(item.url.replace(/[?#].*$/s, '').slice(1));
}

function menuProblem(config: Pick<Config, 'root' | 'configFile'>, item: MenuItem, message: string, hint: string): GazetteError {
  return new GazetteError({
    code: 'config-invalid',
    file: config.configFile ? path.relative(config.root, config.configFile).split(path.sep).join('/') : undefined,
    line: item.line,
    column: item.column,
    field: 'menu',
    message,
    hint,
  });
}
