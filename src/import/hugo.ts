// Hugo: pages below `content/` (front-matter in TOML, YAML or JSON), page bundles (`x/index.md`
// with their files); URLs from the `permalinks` setting by section (hugo.toml, config.toml, …),
// a page's own `url:` or `slug:`, lower-cased as Hugo does unless `disablePathToLower`.

import path from 'node:path';
import { DateTime } from 'luxon';
import { listOf } from './convert.js';
import { bundleFiles, datedName, dateText, filesBelow, readConfigFile, readPost } from './source-files.js';
import type { SourcePost } from './story.js';

export const HUGO_CONFIGS = ['hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json', 'config.toml', 'config.yaml', 'config.yml', 'config.json'];

/** Hugo's urlize: spaces to hyphens, characters a path cannot hold dropped. */
function urlize(text: string): string {
  return text
    .trim()
    .replace(/\s+/g, '-')
    .replace(/[^\p{L}\p{M}\p{N}\-._~/]/gu, '');
}

function permalinkPattern(config: Record<string, unknown>, section: string): string | undefined {
  const permalinks = (config.permalinks ?? {}) as Record<string, unknown>;
  const page = (permalinks.page ?? {}) as Record<string, unknown>;
  const pattern = page[section] ?? permalinks[section];
  return typeof pattern === 'string' ? pattern : undefined;
}

export function readHugoSite(root: string): { posts: SourcePost[]; skipped: string[]; siteRoots: string[] } {
  const config = readConfigFile(root, HUGO_CONFIGS);
  const contentDir = path.join(root, typeof config.contentDir === 'string' ? config.contentDir : 'content');
  const lower = config.disablePathToLower !== true;
  const ugly = config.uglyURLs === true;
  const files = filesBelow(contentDir);
  const bundles = new Set(files.filter((file) => /(^|\/)index\.(md|markdown)$/i.test(file)).map((file) => path.posix.dirname(file)));
  const posts: SourcePost[] = [];
  const skipped: string[] = [];
  for (const file of files) {
    const name = path.posix.basename(file);
    const folder = path.posix.dirname(file);
    if (!/\.(md|markdown)$/i.test(name) || /^_index\./i.test(name)) {
      if (/\.(html|adoc|rst|org)$/i.test(name) && ![...bundles].some((bundle) => file.startsWith(`${bundle}/`))) skipped.push(file);
      continue;
    }
    const bundle = /^index\./i.test(name);
    // A file inside a bundle's folder is one of its resources, not a page.
    if (!bundle && [...bundles].some((owner) => folder === owner || folder.startsWith(`${owner}/`))) continue;
    if (folder === '.' && !bundle) continue;
    const { fields, body } = readPost(path.join(contentDir, file), `content/${file}`);
    if (fields.headless === true) continue;
    const section = file.split('/')[0] ?? '';
    const stem = bundle ? path.posix.basename(folder) : name.replace(/\.[^.]+$/, '');
    const { date: fileDate, rest } = datedName(stem);
    const written = dateText(fields.date) ?? dateText(fields.publishDate) ?? fileDate;
    const date = written === undefined ? undefined : DateTime.fromISO(written.replace(' ', 'T'), { setZone: true });
    const title = typeof fields.title === 'string' ? fields.title : rest;
    const slug = typeof fields.slug === 'string' ? fields.slug : urlize(title);
    const where = bundle ? path.posix.dirname(folder) : folder;
    let url: string;
    if (typeof fields.url === 'string') url = fields.url.startsWith('/') ? fields.url : `/${fields.url}`;
    else {
      const pattern = permalinkPattern(config, section);
      const values: Record<string, string> = {
        year: date?.toFormat('yyyy') ?? '',
        month: date?.toFormat('MM') ?? '',
        monthname: date?.toFormat('LLLL') ?? '',
        day: date?.toFormat('dd') ?? '',
        weekday: String(date?.weekday === 7 ? 0 : (date?.weekday ?? '')),
        weekdayname: date?.toFormat('cccc') ?? '',
        yearday: String(date?.ordinal ?? ''),
        section,
        sections: where,
        title: urlize(title),
        slug,
        filename: stem,
        contentbasename: stem,
        slugorfilename: typeof fields.slug === 'string' ? fields.slug : stem,
        slugorcontentbasename: typeof fields.slug === 'string' ? fields.slug : stem,
      };
      const own = typeof fields.slug === 'string' ? fields.slug : stem;
      url = pattern
        ? pattern.replace(/:([a-z]+)/g, (token, key: string) => values[key] ?? token)
        : `/${where === '.' ? '' : `${where}/`}${own}${ugly ? '.html' : '/'}`;
      url = `/${url.replace(/^\/+/, '').replace(/\/{2,}/g, '/')}`;
      if (lower) url = url.toLowerCase();
    }
    const categories = listOf(fields.categories);
    posts.push({
      file: `content/${file}`,
      folder: path.join(contentDir, folder),
      fields,
      body,
      oldUrl: url,
      aliases: listOf(fields.aliases).map((alias) => (alias.startsWith('/') ? alias : `/${where === '.' ? '' : `${where}/`}${alias}`)),
      slug: typeof fields.slug === 'string' ? fields.slug : rest,
      date: written,
      bundle: bundle ? bundleFiles(files, folder) : [],
      section: categories[0],
      tags: [...categories.slice(1), ...listOf(fields.tags)],
    });
  }
  return { posts, skipped, siteRoots: [path.join(root, 'static')] };
}
