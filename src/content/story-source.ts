// A story as its author wrote it, once its front-matter is read: every field, validated, and its body.

import { DateTime } from 'luxon';
import type { StoryBody } from './body.js';

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

/** A dated news item, or a standalone page (`content/pages/about.md`, or `type: page`). */
export type StoryKind = 'story' | 'page';

/** The date of a page that gives none: shown nowhere, as the page is in no list and no feed. */
export const UNDATED = DateTime.fromMillis(0, { zone: 'utc' });

export interface StorySource {
  /** Path for messages, relative to the project root, with `/` separators. */
  file: string;
  kind: StoryKind;
  title: string;
  /** UNDATED for a page without a date (see `dated`). */
  date: DateTime;
  /** Whether the front-matter gives a date (a story's always does). */
  dated: boolean;
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
  /** `slug:` as written; without it the file name gives the slug (urls/slug.ts fileSlug). */
  slug: string | undefined;
  /** `url:`: the story's whole site path, kept exactly (`2020/10/03/My_Post.html`, `blog/post/`). */
  url: string | undefined;
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
 * fields inside the object, as a spread or Object.assign would not (see copy-with.ts).
 */
export function storySource(fields: StorySource): StorySource {
  return {
    file: fields.file,
    kind: fields.kind,
    title: fields.title,
    date: fields.date,
    dated: fields.dated,
    updated: fields.updated,
    tags: fields.tags,
    summary: fields.summary,
    authors: fields.authors,
    section: fields.section,
    dateline: fields.dateline,
    lang: fields.lang,
    image: fields.image,
    credits: fields.credits,
    draft: fields.draft,
    slug: fields.slug,
    url: fields.url,
    id: fields.id,
    idLine: fields.idLine,
    aliases: fields.aliases,
    aliasPlaces: fields.aliasPlaces,
    corrections: fields.corrections,
    extra: fields.extra,
    body: fields.body,
    bodyLine: fields.bodyLine,
  };
}

/** Whether two readings of a story file have the same front-matter: every field the same but the body. */
export function sameFrontMatter(a: StorySource, b: StorySource): boolean {
  const { body: _bodyA, ...fieldsA } = a;
  const { body: _bodyB, ...fieldsB } = b;
  return sameValue(fieldsA, fieldsB);
}

/** Deep equality of front-matter values; a luxon DateTime fills caches as it is used, so dates are compared by `equals`. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (DateTime.isDateTime(a) || DateTime.isDateTime(b)) return DateTime.isDateTime(a) && DateTime.isDateTime(b) && a.equals(b);
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && Object.is(a.getTime(), b.getTime());
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every((key) => Object.hasOwn(b, key) && sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
  );
}
