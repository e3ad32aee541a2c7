// Every page of the site and its URL: stories, the paginated front page, editions (and each
// edition's email and its plain-text twin), the archive, tags, sections, authors, search, 404. Each
// page names its template and carries its view data. URL collisions are errors.

import type { DateTime } from 'luxon';
import type { Config } from '../config-types.js';
import { copyWith } from '../copy-with.js';
import { failIfAny, type GazetteError } from '../errors.js';
import { authorFeedSpec, editionFeedSpec, feedLinks, sectionFeedSpec, siteFeedSpec, tagFeedSpec } from '../feeds/site-feeds.js';
import type { DrawingSize } from '../images/drawing-size.js';
import { keyOf } from '../keys.js';
import type { Author, Site, Story } from '../model/types.js';
import type { FeedLink, Page } from '../render/page.js';
import type { RenderedBody } from '../render/view-types.js';
import { authorView, sectionView, tagView } from '../render/views.js';
import { searchIndexScripts } from '../search/indexes.js';
import {
  ARCHIVE_PAGE,
  AUTHORS_PAGE,
  authorPath,
  editionPath,
  emailPaths,
  NOT_FOUND_PAGE,
  pageFile,
  SEARCH_PAGE,
  SECTIONS_PAGE,
  sectionPath,
  TAGS_PAGE,
  tagPath,
} from '../urls/paths.js';
import { say } from '../words.js';
import { reservedAliasProblems } from './aliases.js';
import { archiveMonths, groupCardsByDay } from './archive.js';
import { storyCards } from './cards.js';
import type { PagePlace } from './claims.js';
import { claimUrl } from './claims.js';
import { editionPage } from './edition-page.js';
import { emailPages } from './email-pages.js';
import { paginate } from './pagination.js';
import { feedStylesheetPage, subscribePage } from './reader-pages.js';
import type { PageInit } from './story-page.js';
import { completePage, redirectPage, standaloneLastmod, standalonePage, storyPage } from './story-page.js';

/** A page as the build plans it: where it goes, and the page itself, made when asked. */
export interface PlannedPage {
  path: string;
  file: string;
  /** For the sitemap (see Page). */
  lastmod: DateTime | undefined;
  /** In the sitemap even without a lastmod (a standalone page that gives no date). */
  listed?: boolean;
  /** Names everything the page is made from, when that is known without making it: equal names, equal pages. */
  inputs: string | undefined;
  page(): Page;
}

/**
 * Every page of the site, one at a time, so that a build holds only the page it renders. Two pages
 * with one URL are refused once all are planned (the caller writes nothing before the end).
 */
export function* planPages(site: Site, bodies: ReadonlyMap<Story, RenderedBody>, config: Config): Generator<Page> {
  for (const planned of pagePlans(site, bodies, config)) yield planned.page();
}

/** Names each story as cards and pages show it (see storyIdentity), and everything else that pages are made from (`site`: the configuration and theme). */
export interface PageNames {
  site: string;
  story(story: Story): string | undefined;
}

/**
 * The plans of every page (see planPages). With `names`, the pages of stories, editions and
 * listings are named by what they are made from and made only when asked: a build that finds a
 * page written from the same inputs keeps it without making it.
 */
/** `photos`: the sizes of the authors' photos, by address. */
export function* pagePlans(
  site: Site,
  bodies: ReadonlyMap<Story, RenderedBody>,
  config: Config,
  names?: PageNames,
  photos: ReadonlyMap<string, DrawingSize> = new Map(),
): Generator<PlannedPage> {
  // Before any page: an alias's page in one of Gazette's own places would be written, then overwritten.
  failIfAny(reservedAliasProblems([...site.stories, ...site.pages]));
  const body = (story: Story) => bodies.get(story) ?? { html: '', summary: '' };
  const card = storyCards(body, config);
  const siteFeeds = feedLinks(siteFeedSpec(config), config);
  const owners = new Map<string, PagePlace>();
  const problems: GazetteError[] = [];
  const claimed = (made: Page): PlannedPage => {
    claimUrl(made, owners, problems);
    return { path: made.path, file: made.file, lastmod: made.lastmod, inputs: undefined, page: () => made };
  };
  const page = (init: PageInit): PlannedPage => claimed(completePage(init, siteFeeds));
  /**
   * A page made when asked; `facts` and `shown` (its stories, in the places it shows them) are
   * everything it is made from beside the configuration and theme.
   */
  const planned = (place: PagePlace & Pick<Page, 'lastmod'>, facts: unknown[], shown: readonly (Story | undefined)[], make: () => Page): PlannedPage => {
    claimUrl(place, owners, problems);
    const named = names && shown.map((story) => (story === undefined ? null : names.story(story)));
    const inputs = names && named && !named.includes(undefined) ? keyOf(names.site, JSON.stringify([place.kind, place.path, facts, named])) : undefined;
    return { path: place.path, file: place.file, lastmod: place.lastmod, inputs, page: make };
  };
  const photoOf = (author: Author) => (author.profile?.photo === undefined ? undefined : photos.get(author.profile.photo));
  const newestChange = (stories: readonly Story[]) =>
    stories.reduce<DateTime | undefined>((latest, story) => (latest === undefined || story.modified > latest ? story.modified : latest), undefined);

  for (const story of site.stories) {
    const place = { kind: 'story' as const, path: story.permalink, file: pageFile(story.permalink), source: story.file, lastmod: story.modified };
    yield planned(place, [], [story, story.older, story.newer, ...story.related], () => storyPage(story, body(story), card, config, siteFeeds));
    yield* aliasPages(story);
  }

  for (const page of site.pages) {
    const place = { kind: 'page' as const, path: page.permalink, file: pageFile(page.permalink), source: page.file, lastmod: standaloneLastmod(page) };
    yield { ...planned(place, [], [page], () => standalonePage(page, body(page), config, siteFeeds)), listed: true };
    yield* aliasPages(page);
  }

  /** The pages of a story's (or standalone page's) old URLs, each sending readers on to it. */
  function* aliasPages(story: Story): Generator<PlannedPage> {
    for (const [index, alias] of story.aliases.entries()) {
      const made = redirectPage(story, alias, config, siteFeeds);
      claimUrl({ kind: made.kind, path: made.path, file: made.file, source: made.source, place: story.aliasPlaces[index] }, owners, problems);
      yield { path: made.path, file: made.file, lastmod: made.lastmod, inputs: undefined, page: () => made };
    }
  }

  for (const { items, pagination, path } of paginate(site.stories, config.pageSize, '', config)) {
    const title = pagination.page === null ? config.title : say(config, 'numbered_page_title', { title: config.title, page: pagination.page });
    const lastmod = newestChange(items);
    yield planned({ kind: 'front', path, file: `${path}index.html`, lastmod }, [title, pagination], items, () =>
      completePage(
        {
          kind: 'front',
          path,
          title,
          description: config.description,
          lastmod,
          data: { editions: groupCardsByDay(items, config, card), pagination },
        },
        siteFeeds,
      ),
    );
  }

  const editionFeeds = feedLinks(editionFeedSpec(config), config);
  for (const [index, edition] of site.editions.entries()) {
    const older = site.editions[index + 1]?.day;
    const newer = site.editions[index - 1]?.day;
    const path = editionPath(edition.day);
    const lastmod = newestChange(edition.stories);
    yield planned({ kind: 'edition', path, file: `${path}index.html`, lastmod }, [older ?? null, newer ?? null], edition.stories, () =>
      editionPage(edition, { older, newer, lastmod }, card, config, { site: siteFeeds, editions: editionFeeds }),
    );
    const emails = emailPaths(edition.day);
    let made: Page[] | undefined;
    const email = (position: 0 | 1) => () => (made ??= emailPages(edition, body, config))[position] as Page;
    yield planned({ kind: 'email', path: emails.html, file: emails.html, lastmod: undefined }, [], edition.stories, email(0));
    yield planned({ kind: 'email-text', path: emails.text, file: emails.text, lastmod: undefined }, [], edition.stories, email(1));
  }

  const newest = newestChange(site.stories);
  yield page({
    kind: 'archive',
    path: ARCHIVE_PAGE,
    title: say(config, 'archive'),
    description: say(config, 'archive_description', { site: config.title }),
    lastmod: newest,
    feeds: editionFeeds,
    data: { months: archiveMonths(site, config) },
  });

  /**
   * The paginated stories of a tag, section or author, with its own feeds; `view` is what its pages
   * show of it. Its count is on its own page only, so that a full numbered page never changes.
   */
  function* listing(
    kind: 'tag' | 'section' | 'author',
    group: { name: string; stories: readonly Story[] },
    base: string,
    description: string,
    feeds: FeedLink[],
    view: { count: number },
  ) {
    for (const { items, pagination, path } of paginate(group.stories, config.pageSize, base, config)) {
      const title = pagination.page === null ? group.name : say(config, 'numbered_page_title', { title: group.name, page: pagination.page });
      const shown = copyWith(view, { count: pagination.page === null ? view.count : null, feeds });
      const lastmod = newestChange(items);
      yield planned({ kind, path, file: `${path}index.html`, lastmod }, [title, description, shown, pagination], items, () =>
        completePage(
          {
            kind,
            path,
            title,
            description,
            lastmod,
            feeds,
            data: { [kind]: shown, stories: items.map(card), pagination },
          },
          siteFeeds,
        ),
      );
    }
  }
  /** A kind of group (tags, sections, authors): the page listing them all in `shown` order, then each one's listing. */
  function* groups<G extends { name: string; stories: readonly Story[] }>(
    kind: 'tags' | 'sections' | 'authors',
    path: string,
    title: string,
    description: string,
    shown: readonly G[],
    all: readonly G[],
    view: (group: G) => { count: number },
    place: (group: G) => { kind: 'tag' | 'section' | 'author'; path: string; description: string; feeds: FeedLink[] },
  ) {
    yield page({ kind, path, title, description, lastmod: newest, data: { [kind]: shown.map(view) } });
    for (const group of all) {
      const { kind: groupKind, path: base, description: about, feeds } = place(group);
      yield* listing(groupKind, group, base, about, feeds, view(group));
    }
  }
  const byName = <T extends { name: string; slug: string }>(items: readonly T[]) =>
    [...items].sort((a, b) => a.name.localeCompare(b.name, config.language) || (a.slug < b.slug ? -1 : 1));

  yield* groups(
    'tags',
    TAGS_PAGE,
    say(config, 'tags'),
    say(config, 'tags_description', { site: config.title }),
    byName(site.tags),
    site.tags,
    (tag) => tagView(tag, config),
    (tag) => ({
      kind: 'tag',
      path: tagPath(tag),
      description: say(config, 'tag_description', { tag: tag.name, site: config.title }),
      feeds: feedLinks(tagFeedSpec(tag, config), config),
    }),
  );
  yield* groups(
    'sections',
    SECTIONS_PAGE,
    say(config, 'sections'),
    say(config, 'sections_description', { site: config.title }),
    site.sections,
    site.sections,
    (section) => sectionView(section, config),
    (section) => ({
      kind: 'section',
      path: sectionPath(section),
      description: say(config, 'section_description', { section: section.name, site: config.title }),
      feeds: feedLinks(sectionFeedSpec(section, config), config),
    }),
  );
  yield* groups(
    'authors',
    AUTHORS_PAGE,
    say(config, 'authors'),
    say(config, 'authors_description', { site: config.title }),
    byName(site.authors),
    site.authors,
    (author) => authorView(author, config, photoOf(author)),
    (author) => ({
      kind: 'author',
      path: authorPath(author),
      description: author.profile?.bio ?? say(config, 'author_description', { author: author.name, site: config.title }),
      feeds: feedLinks(authorFeedSpec(author, config), config),
    }),
  );

  if (config.search) {
    yield page({
      kind: 'search',
      path: SEARCH_PAGE,
      title: say(config, 'search'),
      description: say(config, 'search_description', { site: config.title }),
      data: { indexes: searchIndexScripts(site.stories, config, site.pages.length > 0) },
    });
  }
  yield page(subscribePage(site, config, newest));
  yield page(feedStylesheetPage(config));
  yield page({
    kind: '404',
    path: NOT_FOUND_PAGE,
    file: NOT_FOUND_PAGE,
    title: say(config, 'not_found'),
    description: say(config, 'not_found_description'),
    data: {},
  });
  failIfAny(problems);
}
