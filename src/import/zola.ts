// Zola: pages below `content/` with TOML front-matter between `+++`, sections marked by
// `_index.md`, dates in file names (`2020-10-03-slug.md`, `2020-10-03_slug/index.md`); a page's URL
// is its section's path and its slug (`path =` or `slug =` set it), lower-cased and folded.

import path from 'node:path';
import { slugify } from '../urls/slug.js';
import { listOf } from './convert.js';
import { bundleFiles, datedName, dateText, filesBelow, readPost } from './source-files.js';
import type { SourcePost } from './story.js';

export function readZolaSite(root: string): { posts: SourcePost[]; skipped: string[]; siteRoots: string[] } {
  const contentDir = path.join(root, 'content');
  const files = filesBelow(contentDir);
  const bundles = new Set(files.filter((file) => /(^|\/)index\.md$/i.test(file)).map((file) => path.posix.dirname(file)));
  const posts: SourcePost[] = [];
  for (const file of files) {
    const name = path.posix.basename(file);
    const folder = path.posix.dirname(file);
    if (!/\.md$/i.test(name) || /^_index\./i.test(name)) continue;
    const bundle = /^index\./i.test(name);
    if (!bundle && [...bundles].some((owner) => folder === owner || folder.startsWith(`${owner}/`))) continue;
    const { fields, body } = readPost(path.join(contentDir, file), `content/${file}`);
    const stem = bundle ? path.posix.basename(folder) : name.replace(/\.md$/i, '');
    const { date: fileDate, rest } = datedName(stem);
    const where = bundle ? path.posix.dirname(folder) : folder;
    const slug = typeof fields.slug === 'string' ? fields.slug : slugify(rest);
    const own = typeof fields.path === 'string' ? `/${fields.path.replace(/^\/+/, '')}` : `/${where === '.' ? '' : `${where}/`}${slug}/`;
    const url = own.endsWith('/') || /\.[a-z]+$/i.test(own) ? own : `${own}/`;
    const taxonomies = (fields.taxonomies ?? {}) as Record<string, unknown>;
    const categories = listOf(taxonomies.categories);
    posts.push({
      file: `content/${file}`,
      folder: path.join(contentDir, folder),
      fields,
      body,
      oldUrl: url,
      aliases: listOf(fields.aliases).map((alias) => (alias.startsWith('/') ? alias : `/${alias}`)),
      slug,
      date: dateText(fields.date) ?? fileDate,
      bundle: bundle ? bundleFiles(files, folder) : [],
      section: categories[0],
      tags: [...categories.slice(1), ...listOf(taxonomies.tags)],
    });
  }
  return { posts, skipped: [], siteRoots: [path.join(root, 'static')] };
}
