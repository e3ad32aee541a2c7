// The allow-list raw HTML in a story is kept by: GitHub's schema (hast-util-sanitize's default), with
// what newsrooms write beside it (figures, asides, abbreviations, marks, captions) and what Gazette
// adds itself (embeds, heading anchors, highlighted code). Everything else is removed by the sanitizer.

import { defaultSchema, type Schema } from 'hast-util-sanitize';

type Definitions = NonNullable<Schema['attributes']>[string];

/** Tags newsrooms write that GitHub's list lacks; `iframe` reaches the sanitizer only as an allowed embed (embeds.ts). */
const NEWSROOM_TAGS = ['figure', 'figcaption', 'abbr', 'mark', 'aside', 'cite', 'caption', 'colgroup', 'col', 'small', 'time', 'u', 'iframe'];

/** Where an embed's aspect ratio is written: the only inline style kept, and only in this exact form. */
export const ASPECT_RATIO = /^aspect-ratio: \d{1,5} \/ \d{1,5}$/;

/** Class names can neither run nor fetch anything: kept on every element, so that a theme can style what authors mark. */
const withoutClassRules = (definitions: Definitions): Definitions =>
  definitions.filter((definition) => (typeof definition === 'string' ? definition : definition[0]) !== 'className');

const attributes = Object.fromEntries(Object.entries(defaultSchema.attributes ?? {}).map(([tag, definitions]) => [tag, withoutClassRules(definitions)]));

// GitHub's schema, without a second "user-content-" prefix on ids: footnotes' ids come prefixed
// from mdast-util-to-hast (their links expect one), and in-page links (`[see](#method)`) must reach
// heading ids and the ids authors write. The image mark is kept; one written by an author is
// removed before images are marked (images.ts).
export const SANITIZE_SCHEMA: Schema = {
  ...defaultSchema,
  clobberPrefix: '',
  tagNames: [...(defaultSchema.tagNames ?? []), ...NEWSROOM_TAGS],
  strip: ['script', 'style'],
  attributes: {
    ...attributes,
    '*': [...(attributes['*'] ?? []), 'className'],
    img: [...(attributes.img ?? []), 'srcSet', 'sizes', 'loading', 'decoding', 'dataGazetteImage'],
    source: [...(attributes.source ?? []), 'sizes', 'type', 'media'],
    a: [...(attributes.a ?? []), 'rel', 'target', 'dataGazetteLink'],
    iframe: ['src', 'title', 'loading', 'sandbox', 'allow', 'allowFullScreen', 'referrerPolicy', ['style', ASPECT_RATIO]],
    abbr: ['title'],
    time: ['dateTime'],
    td: [...(attributes.td ?? []), 'colSpan', 'rowSpan'],
    th: [...(attributes.th ?? []), 'colSpan', 'rowSpan', 'scope'],
  },
  protocols: { ...defaultSchema.protocols, src: ['http', 'https'], srcSet: ['http', 'https'] },
};

const tagNames = new Set(SANITIZE_SCHEMA.tagNames);
const stripped = new Set(SANITIZE_SCHEMA.strip);

/** What the sanitizer does with an element of this name: keep it, remove it with its content, or keep only its content. */
export function elementFate(tagName: string): 'kept' | 'stripped' | 'unwrapped' {
  if (tagNames.has(tagName)) return 'kept';
  return stripped.has(tagName) ? 'stripped' : 'unwrapped';
}

/** Whether the schema lets an element keep an attribute (by its hast property name), whatever its value. */
export function keepsAttribute(tagName: string, property: string): boolean {
  const named = (definitions: Definitions | undefined) =>
    definitions?.some((definition) => (typeof definition === 'string' ? definition : definition[0]) === property) ?? false;
  return named(SANITIZE_SCHEMA.attributes?.[tagName]) || named(SANITIZE_SCHEMA.attributes?.['*']);
}

/** The schemes a URL attribute may use (a relative URL always may); undefined for an attribute that is no URL. */
export function allowedSchemes(property: string): readonly string[] | undefined {
  return SANITIZE_SCHEMA.protocols?.[property] ?? undefined;
}
