// A story as its author wrote it: the front-matter validated field by field into a StorySource.
// Every problem of a file is collected, so the author sees them all at once.

import { DateTime } from 'luxon';
import { describe } from '../config.js';
import { heldBody, type StoryBody } from './body.js';
import { GazetteError } from '../errors.js';
import { isSafeUrl } from '../urls/links.js';
import { canonicalLanguage } from '../language.js';
import { isDeviceName, isValidSlug, MAX_SLUG_BYTES, slugify } from '../urls/slug.js';
import { isWebImageAddress } from '../urls/links.js';
import { FieldReader } from './fields.js';
import { STORY_LIMITS } from './limits.js';
import type { SplitStory } from './frontmatter.js';
import { findDeepNesting, MAX_NESTING } from './nesting.js';

export interface StoryImage {
  src: string;
  alt: string | undefined;
  caption: string | undefined;
  credit: string | undefined;
  /** Where `src` is written in the front-matter, for messages about the image file. */
  place?: { line: number; column: number };
}

export interface Correction {
  date: DateTime;
  text: string;
}

export interface StorySource {
  /** Path for messages, relative to the project root, with `/` separators. */
  file: string;
  title: string;
  date: DateTime;
  updated: DateTime | undefined;
  tags: string[];
  summary: string | undefined;
  authors: string[];
  section: string | undefined;
  dateline: string | undefined;
  /** The story's language (BCP 47, canonical), when it is not the site's. */
  lang: string | undefined;
  image: StoryImage | undefined;
  credits: string | undefined;
  draft: boolean;
  slug: string | undefined;
  id: string | undefined;
  /** The line of `id` in the story file, for messages about it. */
  idLine: number | undefined;
  /** Earlier site paths of the story (`2020/10/01/old-slug/`), each redirected to its page. */
  aliases: string[];
  /** Where each alias is written in the front-matter, for messages about the page it gets. */
  aliasPlaces: { line: number; column: number }[];
  corrections: Correction[];
  /** Front-matter fields Gazette does not know, passed through to templates. */
  extra: Record<string, unknown>;
  /** The Markdown after the front-matter. */
  body: StoryBody;
  bodyLine: number;
}

/**
 * A story source from its fields, every one written out in readStory's order: sources read from a
 * file, taken from the cache or given their body by the loader share one hidden class and keep their
 * fields inside the object, as a spread or Object.assign would not (see extend.ts).
 */
export function storySource(fields: StorySource): StorySource {
  return {
    file: fields.file, title: fields.title, date: fields.date, updated: fields.updated, tags: fields.tags, summary: fields.summary,
    authors: fields.authors, section: fields.section, dateline: fields.dateline, lang: fields.lang, image: fields.image, credits: fields.credits,
    draft: fields.draft, slug: fields.slug, id: fields.id, idLine: fields.idLine, aliases: fields.aliases, aliasPlaces: fields.aliasPlaces, corrections: fields.corrections, extra: fields.extra,
    body: fields.body, bodyLine: fields.bodyLine,
  };
}

/** Whether two readings of a story file have the same front-matter: every field the same but the body. */
export function sameFrontMatter(a: StorySource, b: StorySource): boolean {
  const { body: _bodyA, ...fieldsA } = a;
  const { body: _bodyB, ...fieldsB } = b;
  return sameValue(fieldsA, fieldsB);
}

/** Deep equality of front-matter values; a luxon DateTime fills caches as it is used, so dates are compared by `equals`. */
function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (DateTime.isDateTime(a) || DateTime.isDateTime(b)) return DateTime.isDateTime(a) && DateTime.isDateTime(b) && a.equals(b);
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && Object.is(a.getTime(), b.getTime());
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length
    && keys.every((key) => Object.hasOwn(b, key) && sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

export const STORY_FIELDS = [
  'title', 'date', 'updated', 'tags', 'summary', 'author', 'authors', 'section', 'dateline', 'lang',
  'image', 'credits', 'draft', 'slug', 'id', 'aliases', 'corrections',
];
const IMAGE_FIELDS = ['src', 'alt', 'caption', 'credit'];

export interface StoryResult {
  story: StorySource | undefined;
  problems: GazetteError[];
  warnings: GazetteError[];
}

export function readStory(file: string, split: SplitStory, timeZone: string): StoryResult {
  const value = split.frontMatter.value ?? {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    const reader = new FieldReader(file, split.frontMatter, {}, timeZone);
    reader.problem('', `the front-matter must be a mapping of fields, found ${describe(value)}`, 'e.g. "title: …" on its own line', 'frontmatter-invalid');
    return { story: undefined, problems: reader.problems, warnings: [] };
  }
  const fields = value as Record<string, unknown>;
  const read = new FieldReader(file, split.frontMatter, fields, timeZone);

  const title = read.requiredText('title');
  const date = read.date('date', true);
  const updated = read.date('updated', false);
  if (date && updated && updated < date) {
    read.problem('updated', `is before the story's date (${date.toISO()})`, 'an update comes after publication');
  }
  const slug = read.text('slug');
  if (slug !== undefined && !isValidSlug(slug)) readBadSlug(read, slug);
  if (title !== undefined && slug === undefined && slugify(title) === '') {
    read.problem('title', 'gives an empty URL slug', 'add a "slug:" field', 'slug-invalid');
  }
  if (title !== undefined && slug === undefined && isDeviceName(slugify(title))) {
    read.problem('title', `gives the URL slug "${slugify(title)}", a reserved device name on Windows`, 'add a "slug:" field', 'slug-invalid');
  }

  const tags = read.textList('tags', STORY_LIMITS.tags) ?? [];
  for (const tag of tags.filter((name) => slugify(name) === '')) {
    read.problem('tags', `"${tag}" gives an empty URL slug`, 'use a tag with letters or digits', 'slug-invalid');
  }
  for (const tag of tags.filter((name) => isDeviceName(slugify(name)))) {
    read.problem('tags', `"${tag}" gives the URL slug "${slugify(tag)}", a reserved device name on Windows`, 'spell the tag another way', 'slug-invalid');
  }
  const deep = findDeepNesting(split.body);
  if (deep) {
    read.problems.push(new GazetteError({
      code: 'markdown-too-deep', file, line: split.bodyLine + deep.line - 1,
      message: `the Markdown is nested ${deep.depth} levels deep (blockquotes, lists, emphasis or links); at most ${MAX_NESTING} are rendered`,
      hint: 'remove the extra ">", list markers, "*" or "["',
    }));
  }

  const authors = readAuthors(read, fields);
  const section = read.text('section');
  // A section or author without a letter or digit gets no page; a device name could not have one.
  const refuseDeviceName = (field: string, name: string) => {
    if (isDeviceName(slugify(name))) read.problem(field, `"${name}" gives the URL slug "${slugify(name)}", a reserved device name on Windows`, 'spell it another way', 'slug-invalid');
  };
  for (const author of authors) refuseDeviceName(fields.author === undefined ? 'authors' : 'author', author);
  if (section !== undefined) refuseDeviceName('section', section);

  const story: StorySource = {
    file,
    title: title ?? '',
    date: date as DateTime,
    updated,
    tags,
    summary: read.text('summary'),
    authors,
    section,
    dateline: read.text('dateline'),
    lang: readLanguage(read),
    image: readImage(read, fields.image),
    credits: read.text('credits'),
    draft: read.boolean('draft') ?? false,
    slug,
    id: read.text('id'),
    idLine: split.frontMatter.locate('id')?.line,
    ...readAliases(read),
    corrections: readCorrections(read, fields.corrections, date),
    extra: Object.fromEntries(Object.entries(fields).filter(([key]) => !STORY_FIELDS.includes(key))),
    body: heldBody(split.body),
    bodyLine: split.bodyLine,
  };
  const ok = read.problems.length === 0;
  return { story: ok ? story : undefined, problems: read.problems, warnings: read.warnings };
}

function readBadSlug(read: FieldReader, slug: string): void {
  const suggestion = slugify(slug);
  if (isDeviceName(slug)) {
    read.problem('slug', `"${slug}" is a reserved device name on Windows`, `e.g. "${slug}-story"`, 'slug-invalid');
  } else if (Buffer.byteLength(slug) > MAX_SLUG_BYTES && slug.startsWith(suggestion)) {
    read.problem('slug', `is longer than ${MAX_SLUG_BYTES} bytes, more than a folder name can hold`, `e.g. "${suggestion}"`, 'slug-invalid');
  } else {
    read.problem('slug', `"${slug}" is not a URL slug`, suggestion ? `use lower-case letters, digits and hyphens, e.g. "${suggestion}"` : 'use lower-case letters, digits and hyphens', 'slug-invalid');
  }
}

/** A BCP 47 language tag, in its canonical form. */
function readLanguage(read: FieldReader): string | undefined {
  const tag = read.text('lang');
  if (tag === undefined) return undefined;
  const canonical = canonicalLanguage(tag);
  if (canonical === undefined) read.problem('lang', `"${tag}" is not a language tag`, 'use a BCP 47 tag such as ar, fr, en-GB or pt-BR');
  return canonical;
}

/** Old URLs as site paths (`/2020/10/01/old-slug/` → `2020/10/01/old-slug/`), and where each is written. */
function readAliases(read: FieldReader): Pick<StorySource, 'aliases' | 'aliasPlaces'> {
  const aliases: string[] = [];
  const aliasPlaces: StorySource['aliasPlaces'] = [];
  for (const [index, alias] of (read.textList('aliases', STORY_LIMITS.aliases) ?? []).entries()) {
    let sitePath: string;
    try {
      sitePath = decodeURIComponent(alias).replace(/^\/+/, '');
    } catch {
      read.problem('aliases', `"${alias}" has a broken percent-escape`, 'write % as %25', 'slug-invalid');
      continue;
    }
    // Checked as the server will read it, escapes decoded: "%2e%2e" is "..", "%2f" a slash.
    const segments = sitePath.split('/');
    if (!alias.startsWith('/') || /[?#\\\u0000-\u001f\u007f]/.test(sitePath) || segments.some((segment) => segment === '.' || segment === '..') || sitePath === '') {
      read.problem('aliases', `"${alias}" is not a path on this site`, 'write the old URL from the site root, e.g. /2020/10/01/old-slug/', 'slug-invalid');
    } else {
      aliases.push(sitePath);
      // An item of a YAML list has a place of its own; a comma-separated text has the field's.
      aliasPlaces.push(read.frontMatter.locate(['aliases', String(index)]) ?? read.frontMatter.locate('aliases') ?? { line: 1, column: 1 });
    }
  }
  return { aliases, aliasPlaces };
}

function readCorrections(read: FieldReader, value: unknown, published: DateTime | undefined): Correction[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    read.problem('corrections', `expected a list, found ${describe(value)}`, 'e.g. corrections: [{ date: 2020-10-02T09:00:00+01:00, text: "An earlier version misspelt …" }]');
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

function readAuthors(read: FieldReader, fields: Record<string, unknown>): string[] {
  if (fields.author !== undefined && fields.authors !== undefined) {
    read.problem('authors', 'both "author" and "authors" are given', 'keep one: "authors" takes a list');
    return [];
  }
  if (fields.author !== undefined) return read.textList('author', STORY_LIMITS.authors) ?? [];
  return read.textList('authors', STORY_LIMITS.authors) ?? [];
}

function readImage(read: FieldReader, value: unknown): StoryImage | undefined {
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

function placeOf(read: FieldReader, field: string): Pick<StoryImage, 'place'> {
  const place = read.frontMatter.locate(field);
  return place ? { place: { line: place.line, column: place.column } } : {};
}

/** An image's address: a path from the site root, a relative path or an http(s) URL, never script nor a file: address. */
function readImageSource(read: FieldReader, field: string, value: unknown): string {
  const src = read.text(field, value) ?? '';
  if (!isSafeUrl(src) || !isWebImageAddress(src)) {
    read.problem(field, `"${src}" is not an image address`, 'give a path such as photo.jpg (beside the story), /images/photo.jpg (in static/) or an https:// URL', 'url-unsafe');
    return '';
  }
  return src;
}
