// The fields a story may have, and those that are more than a text: its slug, language, aliases,
// corrections, authors and picture, each read from the front-matter with its problems and their places.

import type { DateTime } from 'luxon';
import { canonicalLanguage } from '../language.js';
import { closest } from '../suggest.js';
import { isSafeUrl, isWebImageAddress } from '../urls/links.js';
import { pagePath, readSitePath } from '../urls/site-path.js';
import { fileSlug, fitInFolderName, isDeviceName, MAX_SLUG_BYTES, slugProblem, storySlug } from '../urls/slug.js';
import { describe } from '../yaml.js';
import type { FieldReader } from './fields.js';
import { STORY_LIMITS } from './limits.js';
import type { Correction, StoryImage, StorySource } from './story-source.js';

/** Every front-matter field Gazette reads; any other is the site's own (config `fields:`) or a slip. */
export const STORY_FIELDS = [
  'title',
  'date',
  'updated',
  'tags',
  'summary',
  'author',
  'authors',
  'section',
  'dateline',
  'lang',
  'image',
  'credits',
  'draft',
  'slug',
  'url',
  'categories',
  'category',
  'id',
  'aliases',
  'corrections',
  'type',
];

/** The body `gazette new` writes: a story still saying it is not written yet. */
export const PLACEHOLDER_BODY = 'Write the story here.';

export function isPlaceholderBody(body: string): boolean {
  return body.trim() === PLACEHOLDER_BODY;
}

/** A warning for each field Gazette does not read, with the known field it was probably meant to be. */
export function warnUnknownFields(read: FieldReader, fields: readonly string[]): void {
  for (const field of fields) {
    const meant = closest(field, STORY_FIELDS);
    read.warn(
      field,
      meant ? `unknown field "${field}": did you mean "${meant}"?` : `unknown field "${field}"`,
      `a field of your own is declared in the configuration: fields: [${field}]`,
      'field-unknown',
    );
  }
}

/** `slug:` as written, or undefined (with its problem) when it cannot be a folder of the site. */
export function readSlug(read: FieldReader): string | undefined {
  const slug = read.text('slug');
  if (slug === undefined) return undefined;
  const problem = slugProblem(slug);
  if (problem === undefined) return slug;
  const suggestion = fitInFolderName(storySlug(slug).replace(/^\.+/, ''));
  if (Buffer.byteLength(slug) > MAX_SLUG_BYTES && slug.startsWith(suggestion)) {
    read.problem('slug', `is longer than ${MAX_SLUG_BYTES} bytes, more than a folder name can hold`, `e.g. "${suggestion}"`, 'slug-invalid');
    return undefined;
  }
  read.problem(
    'slug',
    `"${slug}" ${problem}`,
    suggestion && suggestion !== slug && !isDeviceName(suggestion)
      ? `use letters, digits, "-", "_", "." and "~", e.g. "${suggestion}"`
      : 'use letters, digits, "-", "_", "." and "~"',
    'slug-invalid',
  );
  return undefined;
}

/** The slug the file name gives, when the story has no `slug:`: refused when it cannot be a folder. */
export function checkFileSlug(read: FieldReader, file: string): void {
  const problem = slugProblem(fileSlug(file));
  if (problem !== undefined)
    read.problem('slug', `the file name gives the URL slug "${fileSlug(file)}", which ${problem}`, 'add a "slug:" field, or rename the file', 'slug-invalid');
}

/** `url:`: the story's whole site path, kept exactly (see urls/site-path.ts). */
export function readUrl(read: FieldReader): string | undefined {
  const url = read.text('url');
  if (url === undefined) return undefined;
  const sitePath = readSitePath(url);
  if ('path' in sitePath) return pagePath(sitePath.path);
  read.problem('url', `"${url}" ${sitePath.problem}`, 'write the path from the site root, e.g. url: /2020/10/03/My_Post.html', 'url-unsafe');
  return undefined;
}

/** A BCP 47 language tag, in its canonical form. */
export function readLanguage(read: FieldReader): string | undefined {
  const tag = read.text('lang');
  if (tag === undefined) return undefined;
  const canonical = canonicalLanguage(tag);
  if (canonical === undefined) read.problem('lang', `"${tag}" is not a language tag`, 'use a BCP 47 tag such as ar, fr, en-GB or pt-BR');
  return canonical;
}

/** Old URLs as site paths (`/2020/10/01/old-slug/` → `2020/10/01/old-slug/`), and where each is written. */
export function readAliases(read: FieldReader): Pick<StorySource, 'aliases' | 'aliasPlaces'> {
  const aliases: string[] = [];
  const aliasPlaces: StorySource['aliasPlaces'] = [];
  for (const [index, alias] of (read.textList('aliases', STORY_LIMITS.aliases) ?? []).entries()) {
    const sitePath = readSitePath(alias);
    if ('problem' in sitePath) {
      read.problem(
        'aliases',
        `"${alias}" is not a path on this site: it ${sitePath.problem}`,
        'write the old URL from the site root, e.g. /2020/10/01/old-slug/',
        'slug-invalid',
      );
    } else {
      aliases.push(sitePath.path);
      // An item of a YAML list has a place of its own; a comma-separated text has the field's.
      aliasPlaces.push(read.frontMatter.locate(['aliases', String(index)]) ?? read.frontMatter.locate('aliases') ?? { line: 1, column: 1 });
    }
  }
  return { aliases, aliasPlaces };
}

export function readCorrections(read: FieldReader, value: unknown, published: DateTime | undefined): Correction[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    read.problem(
      'corrections',
      `expected a list, found ${describe(value)}`,
      'e.g. corrections: [{ date: 2020-10-02T09:00:00+01:00, text: "An earlier version misspelt …" }]',
    );
    return [];
  }
  if (read.isOverLimit('corrections', value.length, STORY_LIMITS.corrections)) return [];
  const corrections: Correction[] = [];
  value.forEach((entry, index) => {
    const field = `corrections`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      read.problem(field, `item ${index + 1}: expected a mapping with date and text, found ${describe(entry)}`);
      return;
    }
    const correction = entry as Record<string, unknown>;
    const date = read.dateValue(field, correction.date, true);
    const missingText = correction.text === undefined || correction.text === null;
    if (missingText) read.problem(field, `item ${index + 1} has no text`, 'say what was corrected', 'field-missing');
    const text = missingText ? undefined : read.text(field, correction.text);
    if (date && published && date < published) read.problem(field, `item ${index + 1} is dated before the story`, 'a correction comes after publication');
    if (date && text) corrections.push({ date, text });
  });
  return corrections.sort((a, b) => a.date.toMillis() - b.date.toMillis());
}

export function readAuthors(read: FieldReader, fields: Record<string, unknown>): string[] {
  if (fields.author !== undefined && fields.authors !== undefined) {
    read.problem('authors', 'both "author" and "authors" are given', 'keep one: "authors" takes a list');
    return [];
  }
  const field = fields.author !== undefined ? 'author' : 'authors';
  const value = fields[field];
  // Jekyll's `author: { name, url, twitter }`: the name is the byline; the profile goes in authors.yaml.
  const mappings = Array.isArray(value) ? value : [value];
  if (value !== undefined && value !== null && mappings.some((item) => typeof item === 'object' && item !== null && !Array.isArray(item))) {
    return mappings.flatMap((item, index) => {
      const name = typeof item === 'object' && item !== null && !Array.isArray(item) ? (item as Record<string, unknown>).name : item;
      if (name === undefined || name === null) {
        read.problem(field, `item ${index + 1} has no name`, `e.g. ${field}: { name: Lamine Chikhi }`, 'field-missing');
        return [];
      }
      return read.text(field, name) ?? [];
    });
  }
  return read.textList(field, STORY_LIMITS.authors) ?? [];
}

/**
 * Jekyll's and Pelican's categories: the first is the section when the story has none, the others
 * (and the first, when it has one) join its tags.
 */
export function readCategories(read: FieldReader, fields: Record<string, unknown>): { section?: string; tags: string[] } {
  const field = fields.categories !== undefined ? 'categories' : 'category';
  const categories = read.textList(field, STORY_LIMITS.tags, true) ?? [];
  if (fields.section !== undefined && fields.section !== null) return { tags: categories };
  const [section, ...tags] = categories;
  return { section, tags };
}

export function readImage(read: FieldReader, value: unknown): StoryImage | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') {
    read.warn('image', 'has no alt text', 'write image as a mapping with "src:" and "alt:" describing the picture');
    return { src: readImageSource(read, 'image', value), alt: undefined, caption: undefined, credit: undefined, ...placeOf(read, 'image') };
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    read.problem('image', `expected a mapping with src, alt, caption and credit, found ${describe(value)}`);
    return undefined;
  }
  const image = value as Record<string, unknown>;
  for (const key of Object.keys(image)) {
    if (!IMAGE_FIELDS.includes(key)) read.problem(`image.${key}`, `unknown image field "${key}"`, `known fields: ${IMAGE_FIELDS.join(', ')}`);
  }
  if (image.src === undefined || image.src === null) {
    read.problem('image', 'has no src', 'add "src:" with the image path or URL', 'field-missing');
    return undefined;
  }
  const alt = read.text('image.alt', image.alt);
  if (alt === undefined) read.warn('image', 'has no alt text', 'describe the picture in "alt:" for readers who cannot see it');
  return {
    src: readImageSource(read, 'image.src', image.src),
    alt,
    caption: read.text('image.caption', image.caption),
    credit: read.text('image.credit', image.credit),
    ...placeOf(read, 'image.src'),
  };
}

export function placeOf(read: FieldReader, field: string): Pick<StoryImage, 'place'> {
  const place = read.frontMatter.locate(field);
  return place ? { place: { line: place.line, column: place.column } } : {};
}

/** An image's address: a path from the site root, a relative path or an http(s) URL, never script nor a file: address. */
export function readImageSource(read: FieldReader, field: string, value: unknown): string {
  const src = read.text(field, value) ?? '';
  if (!isSafeUrl(src) || !isWebImageAddress(src)) {
    read.problem(
      field,
      `"${src}" is not an image address`,
      'give a path such as photo.jpg (beside the story), /images/photo.jpg (in static/) or an https:// URL',
      'url-unsafe',
    );
    return '';
  }
  return src;
}

export const IMAGE_FIELDS = ['src', 'alt', 'caption', 'credit'];
