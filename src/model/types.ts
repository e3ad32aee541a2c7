// The site graph's types: the published stories with what the site decides of them, and the
// groups, editions and site they make (see site.ts and groups.ts, which build them).

import type { DateTime } from 'luxon';
import type { AuthorProfile } from '../content/authors.js';
import type { StorySource } from '../content/story-source.js';
import type { GazetteError } from '../errors.js';

export interface Story extends StorySource {
  /** What the story was made from: the same object across rebuilds while its file is unchanged. */
  source: StorySource;
  slug: string;
  /** Path below the site root, without a leading slash: `2020/10/01/slug/`. */
  permalink: string;
  /** The feed id: front-matter `id`, else the story's first URL (its oldest alias, or its permalink). */
  feedId: string;
  /** The last change: the latest of the date, `updated` and the corrections. */
  modified: DateTime;
  /** The edition day in the site's time zone: `2020-10-01`. */
  day: string;
  tagList: Tag[];
  /** The section of its `section`, unless that has no letter or digit. */
  sectionFront: Section | undefined;
  /** The author of each name of its `authors`, in order; undefined for a name without a letter or digit. */
  authorList: (Author | undefined)[];
  /** The next older and next newer stories on the site. */
  older: Story | undefined;
  newer: Story | undefined;
  related: Story[];
  future: boolean;
}

export interface Edition {
  day: string;
  stories: Story[];
}

export interface Site {
  /** Newest first. */
  stories: Story[];
  /** Standalone pages (`kind: 'page'`), by URL: in no feed, edition, listing or group, and with no neighbours. */
  pages: Story[];
  /** Sorted by slug. */
  tags: Tag[];
  /** In the navigation's order: the configured ones first. */
  sections: Section[];
  /** Sorted by slug. */
  authors: Author[];
  /** Newest first. */
  editions: Edition[];
  /** Configured sections and author profiles that no published story uses. */
  warnings: GazetteError[];
}

export interface Group {
  name: string;
  slug: string;
  /** Newest first. */
  stories: Story[];
}

export type Tag = Group;

export interface Section extends Group {
  /** Named in the configuration's `sections`, which decides its place in the navigation. */
  configured: boolean;
}

export interface Author extends Group {
  profile: AuthorProfile | undefined;
}
