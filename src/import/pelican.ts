// Pelican: articles below PATH with `Key: value` headers (or YAML front-matter); their URLs from
// ARTICLE_URL (else ARTICLE_SAVE_AS) in pelicanconf.py. The configuration is Python: it is read as
// text, a setting at a time, and never run.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { slugify } from '../urls/slug.js';
import { listOf } from './convert.js';
import { filesBelow, readPost } from './source-files.js';
import type { SourcePost } from './story.js';

/** A string setting of pelicanconf.py (`ARTICLE_URL = 'posts/{slug}/'`), read as text. */
export function pelicanSetting(config: string, name: string): string | undefined {
  const match = new RegExp(`^${name}\\s*=\\s*(?:[rRuU]?)(['"])(.*?)\\1\\s*(?:#.*)?$`, 'm').exec(config);
  return match?.[2];
}

/** A list of strings (`ARTICLE_PATHS = ['articles', "news"]`), read as text. */
function pelicanList(config: string, name: string): string[] | undefined {
  const match = new RegExp(`^${name}\\s*=\\s*[[(]([^\\])]*)[\\])]`, 'm').exec(config);
  return match ? [...(match[1] ?? '').matchAll(/(['"])(.*?)\1/g)].map((item) => item[2] ?? '') : undefined;
}

/** Pelican's `Key: value` headers, up to the first empty line; keys in lower case. */
function readHeaders(text: string): { fields: Record<string, unknown>; body: string } {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const fields: Record<string, unknown> = {};
  let last: string | undefined;
  let index = 0;
  for (; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (line.trim() === '') break;
    const header = /^([A-Za-z][\w-]*):\s*(.*)$/.exec(line);
    if (header) fields[(last = (header[1] ?? '').toLowerCase())] = header[2]?.trim() ?? '';
    else if (last !== undefined && /^\s/.test(line)) fields[last] = `${String(fields[last])} ${line.trim()}`;
    else break;
  }
  return { fields, body: lines.slice(index).join('\n') };
}

const STRFTIME: Record<string, string> = {
  Y: 'yyyy',
  m: 'MM',
  d: 'dd',
  b: 'LLL',
  B: 'LLLL',
  y: 'yy',
  H: 'HH',
  M: 'mm',
  S: 'ss',
  j: 'ooo',
  a: 'ccc',
  A: 'cccc',
};

export function pelicanUrl(pattern: string, values: { slug: string; date: DateTime | undefined; category: string; author: string; lang: string }): string {
  const url = pattern.replace(/\{(\w+)(?::([^}]*))?\}/g, (token, name: string, format?: string) => {
    if (name === 'date' && values.date) {
      return format
        ? format.replace(/%(\w)/g, (code, letter: string) => (STRFTIME[letter] ? values.date?.toFormat(STRFTIME[letter]) : code) ?? code)
        : (values.date.toISO() ?? '');
    }
    const value = (values as unknown as Record<string, unknown>)[name];
    return typeof value === 'string' ? value : token;
  });
  return `/${url.replace(/^\/+/, '')}`;
}

/** FILENAME_METADATA (`(?P<date>\d{4}-\d{2}-\d{2})_(?P<slug>.*)`): fields a file's name gives. */
function filenameMetadata(pattern: string | undefined): (stem: string) => Record<string, string> {
  if (pattern === undefined) return () => ({});
  let expression: RegExp;
  try {
    expression = new RegExp(`^(?:${pattern.replace(/\(\?P</g, '(?<')})`, 'u');
  } catch {
    return () => ({});
  }
  return (stem) => ({ ...expression.exec(stem)?.groups });
}

export function readPelicanSite(root: string): { posts: SourcePost[]; skipped: string[]; siteRoots: string[] } {
  let config = '';
  try {
    config = readFileSync(path.join(root, 'pelicanconf.py'), 'utf8');
  } catch {
    // Pelican's defaults, then
  }
  const contentDir = path.join(root, pelicanSetting(config, 'PATH') ?? 'content');
  const pattern = pelicanSetting(config, 'ARTICLE_URL') ?? pelicanSetting(config, 'ARTICLE_SAVE_AS') ?? '{slug}.html';
  const pagePaths = pelicanList(config, 'PAGE_PATHS') ?? ['pages'];
  const articlePaths = pelicanList(config, 'ARTICLE_PATHS') ?? [''];
  const byFilename = pelicanSetting(config, 'SLUGIFY_SOURCE') === 'basename';
  const fromFilename = filenameMetadata(pelicanSetting(config, 'FILENAME_METADATA'));
  const lang = pelicanSetting(config, 'DEFAULT_LANG') ?? 'en';
  const zone = pelicanSetting(config, 'TIMEZONE') ?? 'UTC';
  const posts: SourcePost[] = [];
  const skipped: string[] = [];
  for (const file of filesBelow(contentDir)) {
    const inArticles = articlePaths.some((folder) => folder === '' || file.startsWith(`${folder.replace(/\/$/, '')}/`));
    if (!inArticles || pagePaths.some((folder) => file.startsWith(`${folder.replace(/\/$/, '')}/`))) continue;
    if (/\.(rst|html?)$/i.test(file)) skipped.push(file);
    if (!/\.(md|markdown|mdown|mkd)$/i.test(file)) continue;
    const absolute = path.join(contentDir, file);
    const text = readFileSync(absolute, 'utf8').replace(/^\uFEFF/, '');
    const stem = path.posix.basename(file).replace(/\.[^.]+$/, '');
    const read = text.startsWith('---') ? readPost(absolute, file) : readHeaders(text);
    const body = read.body;
    const fields = { ...fromFilename(stem), ...read.fields };
    const title = typeof fields.title === 'string' ? fields.title : stem;
    const slug = typeof fields.slug === 'string' ? fields.slug : slugify(byFilename ? stem : title);
    const written = typeof fields.date === 'string' ? fields.date : undefined;
    const date = written === undefined ? undefined : DateTime.fromISO(written.replace(' ', 'T'), { zone });
    const folder = path.posix.dirname(file);
    const category = typeof fields.category === 'string' ? fields.category : folder === '.' ? undefined : path.posix.basename(folder);
    const authors = listOf(fields.authors ?? fields.author);
    posts.push({
      file: path.posix.join(path.relative(root, contentDir).split(path.sep).join('/'), file),
      folder: path.dirname(absolute),
      fields: { ...fields, ...(authors.length > 0 ? { authors } : {}), status: fields.status },
      body: body.replace(/\{(static|attach)\}/g, ''),
      oldUrl: pelicanUrl(pattern, { slug, date, category: slugify(category ?? 'misc'), author: slugify(authors[0] ?? ''), lang }),
      aliases: [],
      slug,
      date: written,
      bundle: [],
      section: category,
      tags: listOf(fields.tags),
    });
  }
  return { posts, skipped, siteRoots: [contentDir] };
}
