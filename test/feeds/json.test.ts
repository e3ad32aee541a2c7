import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFeed, parseJsonFeed } from 'feedsmith';
import { DateTime } from 'luxon';
import type { Config } from '../../src/config-types.js';
import { buildFeed, type Feed, storyItem } from '../../src/feeds/feed.js';
import { renderJsonFeed } from '../../src/feeds/json.js';
import { siteFeedSpec } from '../../src/feeds/site-feeds.js';
import { buildSiteGraph } from '../../src/model/site.js';
import { makeConfig } from '../support/config.js';
import { assertValidJsonFeed, jsonFeedErrors } from '../support/feeds.js';
import { makeStory, type StoryFields } from '../support/stories.js';

function feedOf(config: Config, stories: StoryFields[], html = (title: string) => `<p>${title}</p>`): Feed {
  const site = buildSiteGraph(
    stories.map((fields) => makeStory({ zone: config.timeZone, ...fields })),
    config,
  );
  const items = site.stories.map((story) => storyItem(story, story.summary ?? `Summary of ${story.title}`, html(story.title), config));
  return buildFeed(siteFeedSpec(config), items, config, 'Gazette test');
}

const correction = (date: string, text: string, zone: string) => ({ date: DateTime.fromISO(date, { zone }).setZone(zone), text });

const paris = makeConfig({
  title: 'Maghreb & Sahel Digest',
  description: 'News from <North Africa>',
  baseUrl: 'https://example.org/news/',
  language: 'fr',
  timeZone: 'Europe/Paris',
});

const stories: StoryFields[] = [
  {
    title: 'Esper visits Algiers',
    date: '2020-07-14T10:00:00',
    tags: ['Algeria', 'Sahel'],
    authors: ['Lamine Chikhi', 'Hamid Ould Ahmed'],
    id: 'urn:uuid:5f0c6f0e-2b7e-4d7a-9c62-3f1f4f0b9a11',
    image: { src: '/images/algiers.svg', alt: 'The post office', caption: undefined, credit: undefined },
    corrections: [correction('2020-10-02T09:30:00', 'A name was misspelt.', 'Europe/Paris')],
  },
  { title: 'Winter talks', date: '2020-01-15T10:00:00', tags: ['Libya'] },
];

const json = renderJsonFeed(feedOf(paris, stories));

describe('renderJsonFeed', () => {
  it('validates against the JSON Feed 1.1 schema', () => {
    assertValidJsonFeed(json);
  });

  it('is checked by a schema that does refuse a broken feed', () => {
    const feed = JSON.parse(json) as { items: Record<string, unknown>[] };
    const item = feed.items[0] as Record<string, unknown>;
    assert.deepEqual(jsonFeedErrors({ ...feed, items: [{ ...item, date_published: '14/07/2020' }] }), [
      '/items/0/date_published must match format "date-time"',
    ]);
    assert.deepEqual(jsonFeedErrors({ ...feed, items: [{ ...item, url: 'not a URL' }] }), ['/items/0/url must match format "uri"']);
    assert.ok(jsonFeedErrors({ ...feed, items: [{ ...item, content_html: undefined }] }).length > 0);
  });

  it('writes the feed and its items with every field, in a fixed order', () => {
    assert.deepEqual(JSON.parse(json), {
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Maghreb & Sahel Digest',
      home_page_url: 'https://example.org/news/',
      feed_url: 'https://example.org/news/feed.json',
      description: 'News from <North Africa>',
      language: 'fr',
      items: [
        {
          id: 'urn:uuid:5f0c6f0e-2b7e-4d7a-9c62-3f1f4f0b9a11',
          url: 'https://example.org/news/2020/07/14/esper-visits-algiers/',
          title: 'Esper visits Algiers',
          summary: 'Summary of Esper visits Algiers',
          content_html: '<p>Esper visits Algiers</p>',
          image: 'https://example.org/news/images/algiers.svg',
          banner_image: 'https://example.org/news/images/algiers.svg',
          date_published: '2020-07-14T10:00:00+02:00',
          date_modified: '2020-10-02T09:30:00+02:00',
          authors: [{ name: 'Lamine Chikhi' }, { name: 'Hamid Ould Ahmed' }],
          tags: ['Algeria', 'Sahel'],
        },
        {
          id: 'https://example.org/news/2020/01/15/winter-talks/',
          url: 'https://example.org/news/2020/01/15/winter-talks/',
          title: 'Winter talks',
          summary: 'Summary of Winter talks',
          content_html: '<p>Winter talks</p>',
          date_published: '2020-01-15T10:00:00+01:00',
          tags: ['Libya'],
        },
      ],
    });
    assert.deepEqual(Object.keys(JSON.parse(json).items[0]), [
      'id',
      'url',
      'title',
      'summary',
      'content_html',
      'image',
      'banner_image',
      'date_published',
      'date_modified',
      'authors',
      'tags',
    ]);
  });

  it('writes dates with their real offset, summer and winter time apart', () => {
    const items = (JSON.parse(json) as { items: { date_published: string; date_modified?: string }[] }).items;
    assert.deepEqual(
      items.map((item) => [item.date_published, item.date_modified]),
      [
        ['2020-07-14T10:00:00+02:00', '2020-10-02T09:30:00+02:00'],
        ['2020-01-15T10:00:00+01:00', undefined],
      ],
    );
    const autumn = JSON.parse(renderJsonFeed(feedOf(paris, [{ title: 'Autumn', date: '2019-10-20T10:00:00', updated: '2019-11-02T09:30:00' }]))) as {
      items: { date_published: string; date_modified?: string }[];
    };
    assert.deepEqual(
      autumn.items.map((item) => [item.date_published, item.date_modified]),
      [['2019-10-20T10:00:00+02:00', '2019-11-02T09:30:00+01:00']],
    );
  });

  it('is read by feedsmith as a JSON Feed, with the same facts', () => {
    const { format, feed } = parseFeed(json);
    assert.equal(format, 'json');
    assert.deepEqual(feed, parseJsonFeed(json));
    const parsed = parseJsonFeed(json);
    assert.equal(parsed.title, 'Maghreb & Sahel Digest');
    assert.equal(parsed.feed_url, 'https://example.org/news/feed.json');
    assert.deepEqual(
      parsed.items?.map((item) => [item.id, item.title, item.date_published, item.date_modified, item.content_html]),
      [
        [
          'urn:uuid:5f0c6f0e-2b7e-4d7a-9c62-3f1f4f0b9a11',
          'Esper visits Algiers',
          '2020-07-14T10:00:00+02:00',
          '2020-10-02T09:30:00+02:00',
          '<p>Esper visits Algiers</p>',
        ],
        ['https://example.org/news/2020/01/15/winter-talks/', 'Winter talks', '2020-01-15T10:00:00+01:00', undefined, '<p>Winter talks</p>'],
      ],
    );
    assert.deepEqual(parsed.items?.[0]?.authors, [{ name: 'Lamine Chikhi' }, { name: 'Hamid Ould Ahmed' }]);
  });

  it('never writes "</script>" raw, yet parses back to the exact text', () => {
    const title = '</script><script>alert(1)</script> <!-- x';
    const html = '<p>a</p><script>alert(2)</script></SCRIPT>';
    const text = renderJsonFeed(feedOf(paris, [{ title, slug: 'script', summary: 'ends </script>', date: '2020-10-01T10:00:00' }], () => html));
    assert.ok(!/<\//.test(text), 'a raw "</" is left');
    assert.ok(!/<\/script/i.test(text));
    const parsed = JSON.parse(text) as { items: { title: string; summary: string; content_html: string }[] };
    assert.equal(parsed.items[0]?.title, title);
    assert.equal(parsed.items[0]?.summary, 'ends </script>');
    assert.equal(parsed.items[0]?.content_html, html);
    assert.equal(parseJsonFeed(text).items?.[0]?.title, title);
    assertValidJsonFeed(text);
  });

  it('leaves out what a story does not have, and stays valid with no items', () => {
    const bare = JSON.parse(renderJsonFeed(feedOf(paris, [{ title: 'Bare', date: '2020-10-01T10:00:00', summary: '' }]))) as {
      items: Record<string, unknown>[];
    };
    assert.deepEqual(Object.keys(bare.items[0] ?? {}), ['id', 'url', 'title', 'content_html', 'date_published']);
    assertValidJsonFeed(JSON.stringify(bare));
    const empty = renderJsonFeed(feedOf(paris, []));
    assertValidJsonFeed(empty);
    assert.deepEqual(JSON.parse(empty).items, []);
  });

  it('writes the same bytes for the same feed', () => {
    assert.equal(renderJsonFeed(feedOf(paris, stories)), json);
    assert.ok(json.endsWith('}\n'));
  });
});

describe('renderJsonFeed: text that looks like syntax', () => {
  it('keeps "$&", "$\'" and "$`" in a story as written (they are patterns to String.replace)', () => {
    const text = "Prices fell below $<10 & rose: $& $' $` $$";
    const json = renderJsonFeed(
      feedOf(paris, [{ title: text, date: '2020-10-01T10:00:00' }], (title) => `<p>${title.replaceAll('&', '&amp;').replaceAll('<', '&lt;')}</p>`),
    );
    const feed = JSON.parse(json) as { items: { title: string; content_html: string }[] };
    assert.equal(feed.items[0]?.title, text);
    assert.equal(feed.items[0]?.content_html, "<p>Prices fell below $&lt;10 &amp; rose: $&amp; $' $` $$</p>");
  });

  it('keeps U+2028 and U+2029 in a title, escaped, without indenting after them', () => {
    const title = 'Line\u2028separator and paragraph\u2029separator';
    const json = renderJsonFeed(feedOf(paris, [{ title, date: '2020-10-01T10:00:00' }]));
    assert.ok(!/[\u2028\u2029]/.test(json));
    assert.equal((JSON.parse(json) as { items: { title: string }[] }).items[0]?.title, title);
  });
});
