// Crawlers' view of the site: /sitemap.xml (every page with its last change; an index of several
// sitemaps for a site of more than 50,000 pages), the Google News
// sitemap (stories of the 48 hours before "now") and /robots.txt pointing at both.

import type { DateTime } from 'luxon';
import type { Config } from './config-types.js';
import { escapeXml } from './escape.js';
import type { Story } from './model/types.js';
import { absoluteUrl } from './urls/links.js';
import { NEWS_SITEMAP_PATH, SITEMAP_PATH } from './urls/paths.js';

/** The news sitemap lists the stories of the last this many hours. */
export const NEWS_WINDOW_HOURS = 48;

export interface SitemapEntry {
  path: string;
  lastmod: DateTime | undefined;
}

/** The sitemap protocol's limit of URLs per file (sitemaps.org); a larger site gets a sitemap index. */
export const SITEMAP_URL_LIMIT = 50_000;

/**
 * /sitemap.xml listing every entry; beyond `limit` entries, /sitemap.xml is a sitemap index of
 * /sitemap-1.xml, /sitemap-2.xml, … holding `limit` entries each, dated by their newest entry.
 */
export function renderSitemaps(entries: readonly SitemapEntry[], config: Config, limit = SITEMAP_URL_LIMIT): { path: string; contents: string }[] {
  if (entries.length <= limit) return [{ path: SITEMAP_PATH, contents: renderSitemap(entries, config) }];
  const parts = Array.from({ length: Math.ceil(entries.length / limit) }, (_, index) => {
    const part = entries.slice(index * limit, (index + 1) * limit);
    const lastmod = part.reduce<DateTime | undefined>(
      (latest, entry) => (entry.lastmod && (latest === undefined || entry.lastmod > latest) ? entry.lastmod : latest),
      undefined,
    );
    return { path: `sitemap-${index + 1}.xml`, lastmod, contents: renderSitemap(part, config) };
  });
  const index = parts.map((part) => located('sitemap', absoluteUrl(config, part.path), part.lastmod));
  const contents = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...index,
    '</sitemapindex>',
    '',
  ].join('\n');
  return [{ path: SITEMAP_PATH, contents }, ...parts.map(({ path, contents: part }) => ({ path, contents: part }))];
}

export function renderSitemap(entries: readonly SitemapEntry[], config: Config): string {
  const urls = entries.map((entry) => located('url', absoluteUrl(config, entry.path), entry.lastmod));
  return ['<?xml version="1.0" encoding="utf-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', ...urls, '</urlset>', ''].join('\n');
}

/** A sitemap's `<url>` or an index's `<sitemap>`: its address and, when known, its last change. */
function located(element: 'url' | 'sitemap', url: string, lastmod: DateTime | undefined): string {
  const date = lastmod ? `<lastmod>${lastmod.toISO({ suppressMilliseconds: true })}</lastmod>` : '';
  return `<${element}><loc>${escapeXml(url)}</loc>${date}</${element}>`;
}

export function renderNewsSitemap(stories: readonly Story[], config: Config): string {
  const since = config.now.minus({ hours: NEWS_WINDOW_HOURS });
  const recent = stories.filter((story) => story.date > since && story.date <= config.now);
  const urls = recent.map((story) =>
    [
      '<url>',
      `<loc>${escapeXml(absoluteUrl(config, story.permalink))}</loc>`,
      '<news:news>',
      `<news:publication><news:name>${escapeXml(config.title)}</news:name><news:language>${escapeXml(newsLanguage(config.language))}</news:language></news:publication>`,
      `<news:publication_date>${story.date.toISO({ suppressMilliseconds: true })}</news:publication_date>`,
      `<news:title>${escapeXml(story.title)}</news:title>`,
      '</news:news>',
      '</url>',
    ].join(''),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">',
    ...urls,
    '</urlset>',
    '',
  ].join('\n');
}

export function renderRobots(config: Config): string {
  return ['User-agent: *', 'Allow: /', '', `Sitemap: ${absoluteUrl(config, SITEMAP_PATH)}`, `Sitemap: ${absoluteUrl(config, NEWS_SITEMAP_PATH)}`, ''].join(
    '\n',
  );
}

/** Google News wants ISO 639 codes, with zh-cn and zh-tw the only regional exceptions. */
function newsLanguage(language: string): string {
  const lower = language.toLowerCase();
  return lower === 'zh-cn' || lower === 'zh-tw' ? lower : (lower.split('-')[0] ?? lower);
}
