// The configuration as the build sees it: one frozen Config, and what the command line may override.

import type { DateTime } from 'luxon';
import type { Newsletter, ShareTarget } from './config-settings.js';
import type { Words } from './words.js';

export interface Config {
  readonly root: string;
  readonly configFile: string | undefined;
  readonly title: string;
  readonly description: string;
  /** Absolute base URL, always ending in `/`, e.g. `https://example.org/news/`. */
  readonly baseUrl: string;
  /** The base URL was given (setting, --base-url or GAZETTE_BASE_URL), not the localhost default. */
  readonly baseUrlGiven: boolean;
  /** The path part of the base URL: `/` or `/news/`. Every internal link starts with it. */
  readonly basePath: string;
  readonly language: string;
  readonly timeZone: string;
  readonly permalink: string;
  readonly pageSize: number;
  /** Stories in the site feed. */
  readonly feedSize: number;
  /** Stories in each tag's feed. */
  readonly tagFeedSize: number;
  /** Days in the edition feed. */
  readonly editionFeedSize: number;
  /** The sections in the order the navigation lists them, as the configuration spells them. */
  readonly sections: readonly ConfiguredSection[];
  /** Links the navigation lists after Gazette's own (`menu:`), in order. */
  readonly menu: readonly MenuItem[];
  readonly rawHtml: boolean;
  /** The site's own front-matter fields (`fields:`): read into `story.data`, never warned about. */
  readonly customFields: readonly string[];
  /** The embed providers and host names an <iframe> may come from (markdown.embeds). */
  readonly embeds: readonly string[];
  /** Build the Pagefind search index and the search page. */
  readonly search: boolean;
  /** The subscribe page's sign-up form, when the newsroom has a newsletter. */
  readonly newsletter: Newsletter | undefined;
  /** The icons every page links: site paths (the theme's by default) or http(s) addresses. */
  readonly favicon: string;
  readonly touchIcon: string;
  /** Where a story page offers to share it, in order; none with `share: false`. */
  readonly share: readonly ShareTarget[];
  /** The story's meta line gives its reading time. */
  readonly readingTime: boolean;
  /** How long one story's Markdown may take to render before it fails (`limits.storySeconds`). */
  readonly storySeconds: number;
  /** Free-form settings for templates (`params:`), seen as `site.params`. */
  readonly params: Readonly<Record<string, unknown>>;
  /** The words the theme shows, in the site's language: its translation tables with the site's `strings:` over them. */
  readonly words: Words;
  readonly contentDir: string;
  /** The site's templates: each file there replaces the packaged theme's of the same name. */
  readonly templatesDir: string;
  /** The configuration names the templates folder: it must then be there (a typo would give the default theme). */
  readonly templatesNamed: boolean;
  /** The packaged theme, the fallback for every file the site's templates folder does not have. */
  readonly themeDir: string;
  readonly staticDir: string;
  readonly outDir: string;
  readonly drafts: boolean;
  readonly future: boolean;
  /** The build's clock, read once: stories dated after it are not published. */
  readonly now: DateTime;
}

/** A section named in the configuration, with its place there for messages. */
export interface ConfiguredSection {
  readonly name: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
}

/** A link of the configuration's `menu`: a path of the site (`/about/`) or an http(s) URL, and its words. */
export interface MenuItem {
  /** Undefined for a page of the site, which is named by its title. */
  readonly title: string | undefined;
  readonly url: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
}

/** What the command line may override. */
export interface ConfigOverrides {
  configFile?: string;
  content?: string;
  out?: string;
  baseUrl?: string;
  /** Where `baseUrl` came from, for messages: the flag (default) or the environment variable. */
  baseUrlFrom?: '--base-url' | 'GAZETTE_BASE_URL';
  drafts?: boolean;
  future?: boolean;
  now?: string;
}
