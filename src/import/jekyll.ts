// Jekyll: posts in `_posts/` (and `<category>/_posts/`), named `YYYY-MM-DD-title.md`, with YAML
// front-matter; their URLs from `permalink:` in _config.yml or the post (named styles included:
// date, pretty, ordinal, weekdate, none), categories in the URL as Jekyll puts them there.

import path from 'node:path';
import { DateTime } from 'luxon';
import { listOf } from './convert.js';
import { datedName, dateText, filesBelow, readConfigFile, readPost } from './source-files.js';
import type { SourcePost } from './story.js';

const STYLES: Record<string, string> = {
  date: '/:categories/:year/:month/:day/:title:output_ext',
  pretty: '/:categories/:year/:month/:day/:title/',
  ordinal: '/:categories/:year/:y_day/:title:output_ext',
  weekdate: '/:categories/:year/W:week/:short_day/:title:output_ext',
  none: '/:categories/:title:output_ext',
};

/** Jekyll's categories: a list, or words separated by spaces. */
function categoriesOf(fields: Record<string, unknown>): string[] {
  const value = fields.categories ?? fields.category;
  return typeof value === 'string' ? value.split(/\s+/).filter(Boolean) : listOf(value);
}

/** A post's URL from a permalink pattern, as Jekyll expands it. */
export function jekyllUrl(pattern: string, post: { date: DateTime; title: string; categories: string[] }): string {
  const style = STYLES[pattern] ?? pattern;
  const { date } = post;
  const values: Record<string, string> = {
    year: date.toFormat('yyyy'),
    short_year: date.toFormat('yy'),
    month: date.toFormat('MM'),
    i_month: String(date.month),
    short_month: date.toFormat('LLL'),
    long_month: date.toFormat('LLLL'),
    day: date.toFormat('dd'),
    i_day: String(date.day),
    y_day: String(date.ordinal).padStart(3, '0'),
    week: date.toFormat('WW'),
    short_day: date.toFormat('ccc'),
    long_day: date.toFormat('cccc'),
    hour: date.toFormat('HH'),
    minute: date.toFormat('mm'),
    second: date.toFormat('ss'),
    title: post.title,
    slug: post.title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, ''),
    categories: [...new Set(post.categories.map((category) => category.toLowerCase()))].join('/'),
    output_ext: '.html',
  };
  const url = style.replace(/:([a-z_]+)/g, (token, name: string) => values[name] ?? token).replace(/\/{2,}/g, '/');
  return url.startsWith('/') ? url : `/${url}`;
}

/** A Jekyll date (`2020-10-03 16:40:00 +0100`, ISO, or the file name's day) in the site's zone. */
function jekyllDate(written: string, zone: string): DateTime {
  const iso = written.replace(/^(\d{4}-\d{2}-\d{2}) /, '$1T').replace(/ ([+-]\d{2}):?(\d{2})$/, '$1:$2');
  const date = DateTime.fromISO(iso, { zone, setZone: false });
  return date.setZone(zone);
}

export function readJekyllSite(root: string): { posts: SourcePost[]; skipped: string[]; siteRoots: string[] } {
  const config = readConfigFile(root, ['_config.yml', '_config.yaml', '_config.toml']);
  const zone = typeof config.timezone === 'string' ? config.timezone : 'UTC';
  const pattern = typeof config.permalink === 'string' ? config.permalink : 'date';
  const posts: SourcePost[] = [];
  const skipped: string[] = [];
  for (const file of filesBelow(root)) {
    const parts = file.split('/');
    if (!parts.slice(0, -1).includes('_posts') || parts[0]?.startsWith('_site')) continue;
    const name = parts.at(-1) ?? '';
    if (!/\.(md|markdown|mkdown|mkd)$/i.test(name)) {
      if (/\.(html|textile)$/i.test(name)) skipped.push(file);
      continue;
    }
    const { date: fileDate, rest } = datedName(name.replace(/\.[^.]+$/, ''));
    const { fields, body } = readPost(path.join(root, file), file);
    const written = dateText(fields.date) ?? fileDate;
    const date = written === undefined ? undefined : jekyllDate(written, zone);
    const title = typeof fields.slug === 'string' ? fields.slug : rest;
    // Categories from the folders above _posts/, then the post's own.
    const categories = [...parts.slice(0, parts.indexOf('_posts')), ...categoriesOf(fields)];
    const tags = typeof fields.tags === 'string' ? fields.tags.split(/\s+/).filter(Boolean) : listOf(fields.tags);
    const own = typeof fields.permalink === 'string' ? fields.permalink : pattern;
    posts.push({
      file,
      folder: path.dirname(path.join(root, file)),
      fields,
      body,
      oldUrl: date?.isValid ? jekyllUrl(own, { date, title, categories }) : undefined,
      aliases: listOf(fields.redirect_from),
      slug: rest,
      date: written,
      bundle: [],
      section: categories[0],
      tags: [...categories.slice(1), ...tags],
    });
  }
  return { posts, skipped, siteRoots: [root] };
}
