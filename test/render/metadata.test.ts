import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { DateTime } from 'luxon';
import { buildSiteGraph } from '../../src/model/site.js';
import type { Story } from '../../src/model/types.js';
import { newsArticleJsonLd, scriptSafeJson, storyMeta } from '../../src/render/metadata.js';
import { makeConfig } from '../support/config.js';
import { makeStory, type StoryFields } from '../support/stories.js';

const config = makeConfig({ title: 'The Maghreb Wire', baseUrl: 'https://example.org/news/', timeZone: 'Africa/Algiers', language: 'en-GB' });

function storyOf(fields: Omit<StoryFields, 'zone'>): Story {
  const [story] = buildSiteGraph([makeStory({ zone: 'Africa/Algiers', ...fields })], config).stories;
  assert.ok(story);
  return story;
}

const ESPER: Omit<StoryFields, 'zone'> = {
  title: 'US defense chief’s rare Algeria visit points to Sahel region threats',
  date: '2020-10-01T16:40:00',
  updated: '2020-10-01T18:05:00',
  corrections: [{ date: DateTime.fromISO('2020-10-02T09:00:00', { zone: 'Africa/Algiers' }), text: 'A name was misspelt.' }],
  authors: ['Lamine Chikhi', 'Hamid Ould Ahmed'],
  section: 'Middle East',
  tags: ['Algeria', 'Sahel'],
  image: { src: '/images/algiers-central-post-office.svg', alt: 'The central post office', caption: undefined, credit: undefined },
};

/** The JSON-LD inside a page's script element, as a browser's HTML parser reads it back. */
function throughHtml(jsonLd: string): unknown {
  const $ = cheerio.load(`<!doctype html><html><head><script type="application/ld+json">${jsonLd}</script></head><body><p id="after">after</p></body></html>`);
  const scripts = $('script');
  assert.equal(scripts.length, 1, 'the JSON-LD opened or closed a script element');
  assert.equal($('#after').text(), 'after');
  const text = scripts.first().text();
  assert.equal(text, jsonLd, 'the script element ends before the JSON-LD does');
  return JSON.parse(text);
}

describe('newsArticleJsonLd', () => {
  it('describes the story as a schema.org NewsArticle', () => {
    const json = newsArticleJsonLd(storyOf(ESPER), 'Mark Esper made a rare visit.', config);
    assert.deepEqual(JSON.parse(json), {
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'US defense chief’s rare Algeria visit points to Sahel region threats',
      description: 'Mark Esper made a rare visit.',
      url: 'https://example.org/news/2020/10/01/us-defense-chiefs-rare-algeria-visit-points-to-sahel-region-threats/',
      mainEntityOfPage: {
        '@type': 'WebPage',
        '@id': 'https://example.org/news/2020/10/01/us-defense-chiefs-rare-algeria-visit-points-to-sahel-region-threats/',
      },
      datePublished: '2020-10-01T15:40:00Z',
      dateModified: '2020-10-02T08:00:00Z',
      author: [
        { '@type': 'Person', name: 'Lamine Chikhi', url: 'https://example.org/news/authors/lamine-chikhi/' },
        { '@type': 'Person', name: 'Hamid Ould Ahmed', url: 'https://example.org/news/authors/hamid-ould-ahmed/' },
      ],
      image: ['https://example.org/news/images/algiers-central-post-office.svg'],
      articleSection: 'Middle East',
      keywords: ['Algeria', 'Sahel'],
      inLanguage: 'en-GB',
      publisher: { '@type': 'NewsMediaOrganization', name: 'The Maghreb Wire', url: 'https://example.org/news/' },
    });
  });

  it('names the publication as author when the story has none, and dates an unchanged story by its publication', () => {
    const data = JSON.parse(newsArticleJsonLd(storyOf({ title: 'Wire', date: '2020-10-01T10:00:00' }), '', config)) as Record<string, unknown>;
    assert.deepEqual(data.author, { '@type': 'Organization', name: 'The Maghreb Wire' });
    assert.equal(data.datePublished, '2020-10-01T09:00:00Z');
    assert.equal(data.dateModified, '2020-10-01T09:00:00Z');
    assert.equal('image' in data, false);
    assert.equal('description' in data, false);
    assert.equal('keywords' in data, false);
  });

  it('keeps an absolute image URL as it is', () => {
    const data = JSON.parse(
      newsArticleJsonLd(storyOf({ ...ESPER, image: { src: 'https://cdn.example.com/a.jpg', alt: 'A', caption: undefined, credit: undefined } }), '', config),
    ) as { image: string[] };
    assert.deepEqual(data.image, ['https://cdn.example.com/a.jpg']);
  });

  for (const title of ['</script><script>alert(1)</script>', '<!-- <script>', 'Q&A: "quotes" & \u2028line\u2029separators </SCRIPT >']) {
    it(`cannot close or break the script element with ${JSON.stringify(title)}`, () => {
      const summary = `${title} in the summary`;
      const json = newsArticleJsonLd(storyOf({ title, slug: 'hostile', date: '2020-10-01T10:00:00', authors: [title], tags: [title] }), summary, config);
      assert.ok(!/[<>&\u2028\u2029]/.test(json), json);
      const data = throughHtml(json) as { headline: string; description: string; author: { name: string }[]; keywords: string[] };
      assert.equal(data.headline, title);
      assert.equal(data.description, summary);
      assert.deepEqual(
        data.author.map((author) => author.name),
        [title],
      );
      assert.deepEqual(data.keywords, [title]);
    });
  }
});

describe('scriptSafeJson', () => {
  it('escapes <, >, & and the line separators, and parses back to the same value', () => {
    const value = { a: '</script>', b: '<!--', c: 'x & y', d: '\u2028\u2029', e: [1, null, true] };
    const json = scriptSafeJson(value);
    assert.equal(json, '{"a":"\\u003c/script\\u003e","b":"\\u003c!--","c":"x \\u0026 y","d":"\\u2028\\u2029","e":[1,null,true]}');
    assert.deepEqual(JSON.parse(json), value);
  });
});

describe('storyMeta', () => {
  it('gives the Open Graph facts of a story', () => {
    assert.deepEqual(storyMeta(storyOf(ESPER), config), {
      type: 'article',
      image: 'https://example.org/news/images/algiers-central-post-office.svg',
      imageAlt: 'The central post office',
      imageWidth: null,
      imageHeight: null,
      publishedTime: '2020-10-01T15:40:00Z',
      modifiedTime: '2020-10-02T08:00:00Z',
      section: 'Middle East',
      tags: ['Algeria', 'Sahel'],
      author: 'Lamine Chikhi and Hamid Ould Ahmed',
    });
  });

  it('leaves out what a story does not have', () => {
    assert.deepEqual(storyMeta(storyOf({ title: 'Wire', date: '2020-10-01T10:00:00' }), config), {
      type: 'article',
      image: null,
      imageAlt: null,
      imageWidth: null,
      imageHeight: null,
      publishedTime: '2020-10-01T09:00:00Z',
      modifiedTime: '2020-10-01T09:00:00Z',
      section: null,
      tags: [],
      author: null,
    });
  });
});
