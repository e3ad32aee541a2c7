// A page of the site as the render stage takes it: its kind (each rendered by the template of its
// name, a redirect by none), where it goes, what its head announces and its view data.

import type { DateTime } from 'luxon';
import type { PageMeta } from './metadata.js';

export type PageKind =
  | 'story'
  | 'page'
  | 'front'
  | 'edition'
  | 'archive'
  | 'tags'
  | 'tag'
  | 'sections'
  | 'section'
  | 'authors'
  | 'author'
  | 'search'
  | 'subscribe'
  | 'feed-stylesheet'
  | '404'
  | 'redirect'
  | 'email'
  | 'email-text';

/** A feed a page announces in its head (`<link rel="alternate">`). */
export interface FeedLink {
  type: string;
  title: string;
  url: string;
}

export interface Page {
  kind: PageKind;
  /** Site path of the page, `` for the front page, `tags/algeria/`; the file is its index.html. */
  path: string;
  /** The file written, relative to the output folder. */
  file: string;
  title: string;
  description: string;
  /** The last change of anything the page shows, for the sitemap; none for 404 and redirects. */
  lastmod: DateTime | undefined;
  /** Feeds the page announces in its head: the site's, then its own (a tag's, section's or author's). */
  feeds: FeedLink[];
  meta: PageMeta;
  jsonLd: string | null;
  data: Record<string, unknown>;
  /** The story file behind the page, for error messages. */
  source?: string;
}
