// A source post made a Gazette story: its fields mapped (title, dates, authors, tags, section,
// summary, draft, picture), its old URL kept as `url:`, its template tags converted, and the
// pictures it shows copied beside it (a page bundle's files too).

import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { readSitePath } from '../urls/site-path.js';
import { storySlug } from '../urls/slug.js';
import type { ImportedStory, ImportNote, SourcePost } from './story.js';
import { convertTemplateTags } from './template-tags.js';

export interface ConvertContext {
  /** Folders a path from the site root (`/assets/x.png`) is looked for in, in order. */
  siteRoots: string[];
  urlOf(reference: string): string | undefined;
  notes: ImportNote[];
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : undefined;

/** Names from `author:`/`authors:` as text, a list, or mappings with a name. */
export function namesOf(value: unknown): string[] {
  const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return items.flatMap((item) => {
    const name = typeof item === 'object' && item !== null ? (item as Record<string, unknown>).name : item;
    return text(name) ?? [];
  });
}

/** A list from a list, or from text separated by commas. */
export function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => text(item) ?? []);
  const written = text(value);
  return written === undefined ? [] : written.split(',').flatMap((item) => text(item) ?? []);
}

function imageOf(fields: Record<string, unknown>): { src: string; alt?: string } | undefined {
  const extra = (fields.extra ?? {}) as Record<string, unknown>;
  const cover = (fields.cover ?? {}) as Record<string, unknown>;
  const candidates = [fields.image, (fields.images as unknown[] | undefined)?.[0], fields.featured_image, fields.feature_image, cover.image, extra.image];
  for (const candidate of candidates) {
    if (typeof candidate === 'string' && candidate.trim()) return { src: candidate.trim() };
    if (typeof candidate === 'object' && candidate !== null) {
      const image = candidate as Record<string, unknown>;
      const src = text(image.path) ?? text(image.src) ?? text(image.url) ?? text(image.feature);
      if (src) return { src, alt: text(image.alt) };
    }
  }
  return undefined;
}

export function convertPost(post: SourcePost, context: ConvertContext): ImportedStory {
  const { fields } = post;
  const copies = post.bundle.map((file) => ({ from: path.join(post.folder, file), to: file }));
  const taken = new Set(copies.map((copy) => copy.to));
  /** A picture the post shows, copied beside the story when the source has it; its new address. */
  const localFile = (address: string): string | undefined => {
    if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(address) || address.startsWith('#')) return undefined;
    const clean = decodeURI(address.split(/[?#]/)[0] ?? '');
    const candidates = clean.startsWith('/') ? context.siteRoots.map((root) => path.join(root, clean)) : [path.join(post.folder, clean)];
    const found = candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
    if (found === undefined) return undefined;
    const already = copies.find((copy) => copy.from === found);
    if (already) return already.to;
    let name = path.basename(found);
    for (let count = 2; taken.has(name); count += 1) name = `${path.basename(found, path.extname(found))}-${count}${path.extname(found)}`;
    taken.add(name);
    copies.push({ from: found, to: name });
    return name;
  };

  let body = convertTemplateTags(post.body, { file: post.file, urlOf: context.urlOf, notes: context.notes });
  body = body
    .replace(/(!\[[^\]]*\]\()(<[^>]+>|[^)\s]+)/g, (whole, start: string, address: string) => {
      const written = address.replace(/^<|>$/g, '');
      const local = localFile(written);
      if (local !== undefined) return `${start}${local.includes(' ') ? `<${local}>` : local}`;
      if (/^[a-z][a-z0-9+.-]*:|^\/|^#/i.test(written)) return whole;
      // A picture beside the post that the source does not have: a link, not a build error.
      context.notes.push({ kind: 'picture not found', file: post.file, detail: written });
      return whole.slice(1);
    })
    .replace(/(<img\b[^>]*?\bsrc=["'])([^"']+)/gi, (whole, start: string, address: string) => {
      const local = localFile(address);
      return local === undefined ? whole : `${start}${local}`;
    });

  const title = text(fields.title) ?? text(fields.Title) ?? post.slug;
  const story: Record<string, unknown> = { title };
  if (post.date) story.date = post.date;
  const updated = text(fields.lastmod) ?? text(fields.updated) ?? text(fields.modified) ?? text(fields.last_modified_at);
  if (updated && post.date && updated >= post.date) story.updated = updated;
  const authors = namesOf(fields.authors ?? fields.author);
  if (authors.length > 0) story.authors = authors;
  if (post.section) story.section = post.section;
  if (post.tags.length > 0) story.tags = [...new Set(post.tags)];
  const summary = text(fields.summary) ?? text(fields.excerpt) ?? text(fields.description);
  if (summary) story.summary = summary;
  if (fields.draft === true || fields.published === false || /^draft$/i.test(text(fields.status) ?? '')) story.draft = true;

  const picture = imageOf(fields);
  if (picture) {
    const local = localFile(picture.src);
    if (local !== undefined || /^https?:\/\//i.test(picture.src)) story.image = { src: local ?? picture.src, ...(picture.alt ? { alt: picture.alt } : {}) };
    else context.notes.push({ kind: 'picture not found', file: post.file, detail: picture.src });
  }
  const keep = (url: string, what: string): string | undefined => {
    const safe = readSitePath(url);
    if ('path' in safe) return url;
    context.notes.push({ kind: `${what} not kept`, file: post.file, detail: `${url}: it ${safe.problem}` });
    return undefined;
  };
  const url = post.oldUrl === undefined ? undefined : keep(post.oldUrl, 'old URL');
  if (url) story.url = url;
  const aliases = post.aliases.flatMap((alias) => keep(alias, 'alias') ?? []).filter((alias) => alias !== url);
  if (aliases.length > 0) story.aliases = aliases;

  const slug = storySlug(post.slug).replace(/^\.+/, '') || 'story';
  const year = post.date?.slice(0, 4) ?? 'undated';
  const target = copies.length > 0 ? `${year}/${slug}/index.md` : `${year}/${slug}.md`;
  return { target, fields: story, body, copies, source: post.file };
}
