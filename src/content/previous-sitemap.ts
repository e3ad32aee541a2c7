// `--previous-sitemap FILE|URL`: the URLs another generator's site (or the live site) published,
// read from its sitemap.xml (a sitemap index followed to its parts), as site paths of this site.
// A URL is fetched with a timeout; nothing in the sitemap is run.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { Config } from '../config-types.js';
import { GazetteError } from '../errors.js';
import type { PublishedUrl } from '../urls/moved.js';

/** How long one sitemap may take to arrive. */
const FETCH_SECONDS = 20;
/** Sitemap parts followed from an index: the protocol allows 50,000; an archive has a few. */
const MAX_PARTS = 100;

// Entities are not expanded (a sitemap's DOCTYPE could hold a billion laughs); a URL's `&amp;` is decoded below.
const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, processEntities: false, isArray: (name) => name === 'url' || name === 'sitemap' });
const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (text: string) => text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => XML_ENTITIES[name] ?? '');

export async function readPreviousSitemap(where: string, config: Pick<Config, 'root' | 'baseUrl'>): Promise<PublishedUrl[]> {
  const urls: PublishedUrl[] = [];
  const queue = [where];
  for (let parts = 0; queue.length > 0 && parts < MAX_PARTS; parts += 1) {
    const source = queue.shift() as string;
    const xml = await readSitemap(source, config.root);
    let parsed: { urlset?: { url?: { loc?: string }[] }; sitemapindex?: { sitemap?: { loc?: string }[] } };
    try {
      parsed = parser.parse(xml);
    } catch (cause) {
      throw sitemapProblem(source, `is not XML: ${(cause as Error).message}`, cause);
    }
    if (parsed.sitemapindex) {
      for (const { loc } of parsed.sitemapindex.sitemap ?? []) if (loc) queue.push(partOf(source, unescapeXml(loc.trim())));
    } else if (parsed.urlset) {
      for (const { loc } of parsed.urlset.url ?? []) {
        const url = loc && sitePathOf(unescapeXml(loc.trim()), config.baseUrl);
        if (url !== undefined) urls.push({ url });
      }
    } else {
      throw sitemapProblem(source, 'is neither a <urlset> nor a <sitemapindex>');
    }
  }
  return urls;
}

async function readSitemap(source: string, root: string): Promise<string> {
  if (/^https?:\/\//i.test(source)) {
    try {
      const response = await fetch(source, { signal: AbortSignal.timeout(FETCH_SECONDS * 1000), redirect: 'follow' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return await response.text();
    } catch (cause) {
      throw sitemapProblem(source, `could not be fetched: ${(cause as Error).message}`, cause);
    }
  }
  try {
    return await readFile(path.resolve(root, source), 'utf8');
  } catch (cause) {
    throw sitemapProblem(source, `could not be read: ${(cause as Error).message}`, cause);
  }
}

/** A part named by an index: fetched when the index was; a file beside the index file otherwise. */
function partOf(index: string, loc: string): string {
  if (/^https?:\/\//i.test(index)) return new URL(loc, index).href;
  return path.join(path.dirname(index), path.posix.basename(new URL(loc, 'https://x/').pathname));
}

/**
 * A sitemap's URL as a path of this site: below the base URL's path when it starts with it (the old
 * site was at the same place), else its path from its host's root.
 */
function sitePathOf(loc: string, baseUrl: string): string | undefined {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(loc).pathname);
  } catch {
    return undefined;
  }
  const base = new URL(baseUrl).pathname;
  return pathname.startsWith(base) ? pathname.slice(base.length) : pathname.replace(/^\/+/, '');
}

function sitemapProblem(source: string, message: string, cause?: unknown): GazetteError {
  return new GazetteError({
    code: 'usage',
    field: '--previous-sitemap',
    message: `the sitemap ${source} ${message}`,
    hint: 'give the path of a sitemap.xml file, or its http(s) URL',
    cause,
  });
}
