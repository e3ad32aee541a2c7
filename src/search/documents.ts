// What Pagefind reads of each story: one small HTML document made from the model (headline, date,
// section, tags, summary, body), its words in the body and the rest as metadata and filters; and of
// each standalone page, its title, summary and body only, in an index of its own (no story filter
// ever lists a page).

import type { Config } from '../config-types.js';
import { escapeXml } from '../escape.js';
import { keyOfJson } from '../keys.js';
import type { Site, Story } from '../model/types.js';
import type { RenderedBody } from '../render/view-types.js';
import { BYLINE_WORDS, byline, formatTime } from '../render/views.js';
import { linkTo } from '../urls/links.js';
import { PAGES_INDEX, type SearchDocument, searchIndexNames } from './indexes.js';

/**
 * What Pagefind reads of a story: its words in the body, the rest as metadata and filters. A story
 * that `identity` names (see storyIdentity: its file, Markdown, pictures, tags, section and authors)
 * is keyed by that name and the language, and its fields are formatted only when it is indexed.
 */
export function searchDocuments(
  site: Site,
  bodies: ReadonlyMap<Story, RenderedBody>,
  config: Config,
  identity?: (story: Story) => string | undefined,
): SearchDocument[] {
  const indexes = [...searchIndexNames(site.stories), ...site.pages.map(() => PAGES_INDEX)];
  const words = BYLINE_WORDS.map((key) => config.words[key]);
  return [...site.stories, ...site.pages].map((story, position) => {
    const body = bodies.get(story) ?? { html: '', summary: '' };
    const named = identity?.(story);
    const fieldsOf = () => documentFields(story, body, config);
    // The body's HTML stands as its hash here (LazyHtml's JSON), so keys are made without reading it.
    const key = named === undefined ? keyOfJson([fieldsOf(), body.html]) : keyOfJson([named, config.language, words]);
    const html = () => documentHtml(fieldsOf(), body, config);
    return { url: linkTo(config, story.permalink), index: indexes[position] as string, key, html };
  });
}

function documentFields(story: Story, body: RenderedBody, config: Config) {
  if (story.kind === 'page') return { title: story.title, date: null, iso: null, section: null, tags: [], byline: null, summary: body.summary };
  const published = formatTime(story.date, config);
  return {
    title: story.title,
    date: published.date,
    iso: published.iso,
    section: story.sectionFront?.name ?? story.section ?? null,
    tags: story.tagList.map((tag) => tag.name),
    byline: byline(config, story.authors),
    summary: body.summary,
  };
}

/** A story's document as Pagefind reads it. */
function documentHtml(fields: ReturnType<typeof documentFields>, body: RenderedBody, config: Config): string {
  return [
    `<html lang="${escapeXml(config.language)}"><body><div hidden>`,
    fields.date ? `<span data-pagefind-meta="date">${escapeXml(fields.date)}</span>` : '',
    fields.iso ? `<span data-pagefind-sort="date">${escapeXml(fields.iso)}</span>` : '',
    fields.byline ? `<span data-pagefind-meta="byline">${escapeXml(fields.byline)}</span>` : '',
    fields.section ? `<span data-pagefind-filter="section">${escapeXml(fields.section)}</span>` : '',
    ...fields.tags.map((tag) => `<span data-pagefind-filter="tag">${escapeXml(tag)}</span>`),
    `</div><main data-pagefind-body><h1>${escapeXml(fields.title)}</h1><p>${escapeXml(fields.summary)}</p>`,
    String(body.html),
    '</main></body></html>',
  ].join('');
}
