// Every page of the site and its URL: stories, the paginated front page, editions, the archive,
// tags, 404. Each page names its template and carries its view data. URL collisions are errors.

import type { Config } from './config.js';
import { GazetteError, failIfAny } from './errors.js';
import type { Site, Story } from './model/site.js';
import {
  editionPath, editionTitle, monthTitle, editionView, storyCard, storyView, tagPath, tagView,
  type RenderedBody, type StoryCardView,
} from './render/views.js';
import { linkTo } from './urls.js';

export type PageKind = 'story' | 'front' | 'edition' | 'archive' | 'tags' | 'tag' | '404';

export interface Page {
  kind: PageKind;
  /** Site path of the page, `` for the front page, `tags/algeria/`; the file is its index.html. */
  path: string;
  /** The file written, relative to the output folder. */
  file: string;
  template: string;
  title: string;
  description: string;
  data: Record<string, unknown>;
  /** The story file behind the page, for error messages. */
  source?: string;
}

export function planPages(site: Site, bodies: ReadonlyMap<Story, RenderedBody>, config: Config): Page[] {
  const body = (story: Story) => bodies.get(story) ?? { html: '', summary: '' };
  const card = (story: Story) => storyCard(story, body(story), config);
  const pages: Page[] = [];
  const page = (kind: PageKind, path: string, title: string, description: string, data: Record<string, unknown>, source?: string) =>
    pages.push({ kind, path, file: `${path}index.html`, template: kind, title, description, data, ...(source ? { source } : {}) });

  for (const story of site.stories) {
    page('story', story.permalink, story.title, body(story).summary, {
      story: storyView(story, body(story), config),
      older: story.older ? card(story.older) : null,
      newer: story.newer ? card(story.newer) : null,
      related: story.related.map(card),
      edition: { title: editionTitle(story.day, config), url: linkTo(config, editionPath(story.day)) },
    }, story.file);
  }

  paginate(site.stories, config.pageSize, '', config).forEach(({ items, pagination, path }) => {
    const editions = groupCardsByDay(items, config, card);
    const title = pagination.page === 1 ? config.title : `${config.title}, page ${pagination.page}`;
    page('front', path, title, config.description, { editions, pagination });
  });

  site.editions.forEach((edition, index) => {
    const older = site.editions[index + 1];
    const newer = site.editions[index - 1];
    const view = editionView(edition, edition.stories.map(card), config);
    const neighbour = (day: string | undefined) => (day ? { title: editionTitle(day, config), url: linkTo(config, editionPath(day)) } : null);
    page('edition', editionPath(edition.day), view.title, `${config.title}: the stories of ${view.title}`, {
      edition: view, olderEdition: neighbour(older?.day), newerEdition: neighbour(newer?.day),
    });
  });

  page('archive', 'archive/', 'Archive', `Every edition of ${config.title}`, { months: archiveMonths(site, config) });

  const tags = [...site.tags].sort((a, b) => a.name.localeCompare(b.name, config.language) || (a.slug < b.slug ? -1 : 1));
  page('tags', 'tags/', 'Tags', `Every topic covered by ${config.title}`, { tags: tags.map((tag) => tagView(tag, config)) });
  for (const tag of site.tags) {
    paginate(tag.stories, config.pageSize, tagPath(tag), config).forEach(({ items, pagination, path }) => {
      const title = pagination.page === 1 ? tag.name : `${tag.name}, page ${pagination.page}`;
      page('tag', path, title, `Stories about ${tag.name} from ${config.title}`, { tag: tagView(tag, config), stories: items.map(card), pagination });
    });
  }

  pages.push({ kind: '404', path: '404.html', file: '404.html', template: '404', title: 'Page not found', description: 'This page does not exist.', data: {} });
  rejectCollisions(pages);
  return pages;
}

export interface Pagination {
  page: number;
  pages: number;
  previousUrl: string | null;
  nextUrl: string | null;
}

function paginate<T>(items: readonly T[], size: number, base: string, config: Config) {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const pathOf = (number: number) => (number === 1 ? base : `${base}page/${number}/`);
  return Array.from({ length: pages }, (_, index) => {
    const number = index + 1;
    const pagination: Pagination = {
      page: number,
      pages,
      previousUrl: number > 1 ? linkTo(config, pathOf(number - 1)) : null,
      nextUrl: number < pages ? linkTo(config, pathOf(number + 1)) : null,
    };
    return { path: pathOf(number), items: items.slice(index * size, number * size), pagination };
  });
}

function groupCardsByDay(stories: readonly Story[], config: Config, card: (story: Story) => StoryCardView) {
  const days: { day: string; stories: Story[] }[] = [];
  for (const story of stories) {
    const last = days.at(-1);
    if (last?.day === story.day) last.stories.push(story);
    else days.push({ day: story.day, stories: [story] });
  }
  return days.map((edition) => editionView(edition, edition.stories.map(card), config));
}

function archiveMonths(site: Site, config: Config) {
  const months: { key: string; title: string; editions: { title: string; url: string; count: number }[] }[] = [];
  for (const edition of site.editions) {
    const key = edition.day.slice(0, 7);
    const title = monthTitle(key, config);
    let month = months.at(-1);
    if (month?.key !== key) {
      month = { key, title, editions: [] };
      months.push(month);
    }
    month.editions.push({ title: editionTitle(edition.day, config), url: linkTo(config, editionPath(edition.day)), count: edition.stories.length });
  }
  return months.map(({ title, editions }) => ({ title, editions }));
}

function rejectCollisions(pages: Page[]): void {
  const owners = new Map<string, Page>();
  const problems: GazetteError[] = [];
  for (const page of pages) {
    const first = owners.get(page.file);
    if (!first) {
      owners.set(page.file, page);
      continue;
    }
    const story = page.source ?? first.source;
    const other = page.source ? first : page;
    problems.push(new GazetteError({
      code: 'permalink-duplicate', file: story, field: 'slug',
      message: `its URL /${page.path} is already the ${other.source ?? `${other.kind} page`}`,
      hint: 'give the story another "slug:" or change the "permalink" setting',
    }));
  }
  failIfAny(problems);
}
