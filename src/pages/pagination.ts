// A listing's pages, counted from the oldest so that a page, once full, never changes.

import type { Config } from '../config-types.js';
import { linkTo } from '../urls/links.js';
import { numberedPage } from '../urls/paths.js';

export interface Pagination {
  /** The page's number, counted from the oldest stories; null for the listing's own page (its newest stories). */
  page: number | null;
  /** The page of newer stories, and of older ones. */
  previousUrl: string | null;
  nextUrl: string | null;
}

/**
 * A listing's pages (items newest first), counted from the oldest so that a page, once full, never
 * changes: the listing's own URL shows the newest `size` items; `page/1/` the oldest `size`,
 * `page/2/` the next `size`, and so on up to the page just older than the newest ones. A new story
 * changes the first page only, and every `size` stories adds a numbered one; the newest numbered
 * page may repeat some items of the listing's own page.
 */
export function paginate<T>(items: readonly T[], size: number, base: string, config: Config) {
  const count = items.length;
  const numbered = Math.max(0, Math.ceil((count - size) / size));
  const pathOf = (number: number | null) => (number === null ? base : numberedPage(base, number));
  const own: Pagination = { page: null, previousUrl: null, nextUrl: numbered > 0 ? linkTo(config, pathOf(numbered)) : null };
  const newest = { path: base, items: items.slice(0, size), pagination: own };
  const older = Array.from({ length: numbered }, (_, index) => {
    const number = numbered - index;
    const pagination: Pagination = {
      page: number,
      previousUrl: linkTo(config, pathOf(number < numbered ? number + 1 : null)),
      nextUrl: number > 1 ? linkTo(config, pathOf(number - 1)) : null,
    };
    return { path: pathOf(number), items: items.slice(count - number * size, count - (number - 1) * size), pagination };
  });
  return [newest, ...older];
}
