// A story as its author wrote it: the front-matter validated field by field into a StorySource.
// Every problem of a file is collected, so the author sees them all at once.

import type { DateTime } from 'luxon';
import { GazetteError } from '../errors.js';
import { isDeviceName, slugify } from '../urls/slug.js';
import { describe } from '../yaml.js';
import { heldBody } from './body.js';
import { DATE_FORMS, FieldReader } from './fields.js';
import type { SplitStory } from './frontmatter.js';
import { STORY_LIMITS } from './limits.js';
import { findDeepNesting, MAX_NESTING } from './nesting.js';
import {
  checkFileSlug,
  isPlaceholderBody,
  readAliases,
  readAuthors,
  readCategories,
  readCorrections,
  readImage,
  readLanguage,
  readSlug,
  readUrl,
  STORY_FIELDS,
  warnUnknownFields,
} from './story-fields.js';
import { type StoryKind, type StorySource, UNDATED } from './story-source.js';

/** A story without `date:` is dated by its file name's `YYYY-MM-DD-` (Jekyll's posts), or refused. */
function readFileDate(read: FieldReader, file: string, split: SplitStory): DateTime | undefined {
  const named = /(?:^|\/)(\d{4}-\d{2}-\d{2})-[^/]*(?:\/index\.(?:md|markdown))?$/.exec(file);
  if (named) return read.dateValue('date', named[1], true);
  read.problems.push(
    new GazetteError({
      code: 'field-missing',
      file,
      // The line that closes the front-matter: where the date may go.
      line: Math.max(1, split.bodyLine - 1),
      field: 'date',
      message: 'is required: the story has no date, and its file name does not start with one',
      hint: `add a line "date: …" to the front-matter: ${DATE_FORMS}`,
    }),
  );
  return undefined;
}

export interface StoryResult {
  story: StorySource | undefined;
  problems: GazetteError[];
  warnings: GazetteError[];
}

/**
 * Read a story file's front-matter; `kind` is what the file is unless its `type:` says otherwise
 * (a file below content/pages/ is a page).
 */
export function readStory(file: string, split: SplitStory, timeZone: string, kind: StoryKind = 'story'): StoryResult {
  const value = split.frontMatter.value ?? {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    const reader = new FieldReader(file, split.frontMatter, {}, timeZone);
    reader.problem('', `the front-matter must be a mapping of fields, found ${describe(value)}`, 'e.g. "title: …" on its own line', 'frontmatter-invalid');
    return { story: undefined, problems: reader.problems, warnings: [] };
  }
  const fields = value as Record<string, unknown>;
  const read = new FieldReader(file, split.frontMatter, fields, timeZone);

  const title = read.requiredText('title');
  const type = readKind(read, kind);
  const date = (fields.date === undefined || fields.date === null) && type === 'story' ? readFileDate(read, file, split) : read.date('date', type === 'story');
  const updated = read.date('updated', false);
  if (date && updated && updated < date) {
    read.problem('updated', `is before the story's date (${date.toISO()})`, 'an update comes after publication');
  }
  const slug = readSlug(read);
  if (fields.slug === undefined || fields.slug === null) checkFileSlug(read, file);
  const url = readUrl(read);

  const categories = readCategories(read, fields);
  const tags = [...new Set([...(read.textList('tags', STORY_LIMITS.tags, true) ?? []), ...categories.tags])];
  for (const tag of tags.filter((name) => slugify(name) === '')) {
    read.problem('tags', `"${tag}" gives an empty URL slug`, 'use a tag with letters or digits', 'slug-invalid');
  }
  for (const tag of tags.filter((name) => isDeviceName(slugify(name)))) {
    read.problem('tags', `"${tag}" gives the URL slug "${slugify(tag)}", a reserved device name on Windows`, 'spell the tag another way', 'slug-invalid');
  }
  const deep = findDeepNesting(split.body);
  if (deep) {
    read.problems.push(
      new GazetteError({
        code: 'markdown-too-deep',
        file,
        line: split.bodyLine + deep.line - 1,
        message: `the Markdown is nested ${deep.depth} levels deep (blockquotes, lists, emphasis or links); at most ${MAX_NESTING} are rendered`,
        hint: 'remove the extra ">", list markers, "*" or "["',
      }),
    );
  }

  const authors = readAuthors(read, fields);
  const section = read.text('section') ?? categories.section;
  // A section or author without a letter or digit gets no page; a device name could not have one.
  const refuseDeviceName = (field: string, name: string) => {
    if (isDeviceName(slugify(name)))
      read.problem(field, `"${name}" gives the URL slug "${slugify(name)}", a reserved device name on Windows`, 'spell it another way', 'slug-invalid');
  };
  for (const author of authors) refuseDeviceName(fields.author === undefined ? 'authors' : 'author', author);
  if (section !== undefined) refuseDeviceName('section', section);

  const story: StorySource = {
    file,
    kind: type,
    title: title ?? '',
    date: date ?? UNDATED,
    dated: date !== undefined,
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
    url,
    id: read.text('id'),
    idLine: split.frontMatter.locate('id')?.line,
    ...readAliases(read),
    corrections: readCorrections(read, fields.corrections, date),
    extra: Object.fromEntries(Object.entries(fields).filter(([key]) => !STORY_FIELDS.includes(key))),
    body: heldBody(split.body),
    bodyLine: split.bodyLine,
  };
  warnUnknownFields(read, Object.keys(story.extra));
  // A story `gazette new` wrote and nobody wrote in yet: content/read.ts refuses to publish it.
  if (!story.draft && isPlaceholderBody(split.body)) {
    read.warnings.push(
      new GazetteError({
        code: 'story-unwritten',
        file,
        line: split.bodyLine,
        message: 'the body is still the placeholder "gazette new" wrote',
        hint: 'write the story, or mark it "draft: true"',
      }),
    );
  }
  const ok = read.problems.length === 0;
  return { story: ok ? story : undefined, problems: read.problems, warnings: read.warnings };
}

/** `type: page` or `type: story`, else what the file's folder makes it. */
function readKind(read: FieldReader, kind: StoryKind): StoryKind {
  const type = read.text('type');
  if (type === undefined) return kind;
  if (type === 'page' || type === 'story') return type;
  read.problem('type', `"${type}" is not a kind of content`, 'write "type: page" for a standalone page, or leave it out for a story');
  return kind;
}
