// What search engines and link previews read: schema.org NewsArticle JSON-LD and the Open Graph
// facts of a story, made safe to print inside a <script> element whatever the story says.

import type { Config } from '../config-types.js';
import type { Story } from '../model/types.js';
import { absoluteImageUrl, absoluteUrl } from '../urls/links.js';
import { authorPath } from '../urls/paths.js';
import { authorNames, coverImage } from './views.js';

export interface PageMeta {
  /** Open Graph type. */
  type: 'article' | 'website';
  image: string | null;
  imageAlt: string | null;
  imageWidth: number | null;
  imageHeight: number | null;
  publishedTime: string | null;
  modifiedTime: string | null;
  section: string | null;
  tags: string[];
  author: string | null;
}

export const WEBSITE_META: PageMeta = {
  type: 'website',
  image: null,
  imageAlt: null,
  imageWidth: null,
  imageHeight: null,
  publishedTime: null,
  modifiedTime: null,
  section: null,
  tags: [],
  author: null,
};

export function storyMeta(story: Story, config: Config, image = coverImage(story, {})): PageMeta {
  return {
    type: 'article',
    image: image ? absoluteImageUrl(config, image.src) : null,
    imageAlt: story.image?.alt ?? null,
    imageWidth: image?.width ?? null,
    imageHeight: image?.height ?? null,
    publishedTime: iso(story.date),
    modifiedTime: iso(story.modified),
    section: story.section ?? null,
    tags: story.tagList.map((tag) => tag.name),
    author: authorNames(config, story.authors),
  };
}

export function newsArticleJsonLd(story: Story, summary: string, config: Config, image = coverImage(story, {})): string {
  const url = absoluteUrl(config, story.permalink);
  const data = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: story.title,
    description: summary || undefined,
    url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    datePublished: iso(story.date),
    dateModified: iso(story.modified),
    author:
      story.authors.length > 0
        ? story.authors.map((name, index) => {
            const author = story.authorList[index];
            return { '@type': 'Person', name, url: author ? absoluteUrl(config, authorPath(author)) : undefined };
          })
        : { '@type': 'Organization', name: config.title },
    image: image ? [absoluteImageUrl(config, image.src)] : undefined,
    articleSection: story.section,
    keywords: story.tagList.length > 0 ? story.tagList.map((tag) => tag.name) : undefined,
    inLanguage: config.language,
    publisher: { '@type': 'NewsMediaOrganization', name: config.title, url: config.baseUrl },
  };
  return scriptSafeJson(data);
}

/** JSON that cannot end its <script> element or open a comment: `<`, `>` and `&` are escaped. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function iso(date: Story['date']): string {
  return date.setZone('utc').toISO({ suppressMilliseconds: true }) ?? '';
}
