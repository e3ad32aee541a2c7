// The story's picture and credits in every feed format, read back by the parsers feed readers use:
// RSS enclosure and Media RSS, Atom's enclosure link, JSON Feed's image and banner_image.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseFeed } from 'feedsmith';
import Parser from 'rss-parser';
import { renderAtom } from '../../src/feeds/atom.js';
import { buildFeed, type Feed, storyItem } from '../../src/feeds/feed.js';
import { renderJsonFeed } from '../../src/feeds/json.js';
import { renderRss } from '../../src/feeds/rss.js';
import { siteFeedSpec } from '../../src/feeds/site-feeds.js';
import type { PublishedImage } from '../../src/images/published.js';
import { buildSiteGraph } from '../../src/model/site.js';
import { algiers, assertValidJsonFeed, parseAtomXml } from '../support/feeds.js';
import { makeStory } from '../support/stories.js';

const PHOTO: PublishedImage = {
  src: 'images/0123456789abcdef/post-office-1600.jpg',
  width: 1600,
  height: 900,
  bytes: 127_123,
  srcset: [{ src: 'images/0123456789abcdef/post-office-1600.jpg', width: 1600, bytes: 127_123 }],
  copied: true,
};
const PHOTO_URL = 'https://example.org/news/images/0123456789abcdef/post-office-1600.jpg';
const CREDITS = 'Reporting by Lamine Chikhi; Editing by Chizu Nomiyama & Daniel Wallis';

function pictureFeed(): Feed {
  const site = buildSiteGraph(
    [
      makeStory({
        title: 'Esper visits Algiers',
        date: '2020-10-01T16:40:00',
        zone: algiers.timeZone,
        image: {
          src: 'post-office.jpg',
          alt: 'The central post office',
          caption: 'The post office <in> Algiers',
          credit: 'REUTERS/Ramzi Boudina',
          place: undefined,
        },
        credits: CREDITS,
      }),
      makeStory({ title: 'No picture', date: '2020-10-02T09:00:00', zone: algiers.timeZone }),
    ],
    algiers,
  );
  const items = site.stories.map((story) => storyItem(story, 'A summary', '<p>The story.</p>', algiers, story.image ? PHOTO : undefined));
  return buildFeed(siteFeedSpec(algiers), items, algiers, 'Gazette test');
}

const CONTENT_END =
  '<p>The story.</p>\n<p><small>Photo: REUTERS/Ramzi Boudina</small></p>\n<p><small>Reporting by Lamine Chikhi; Editing by Chizu Nomiyama &amp; Daniel Wallis</small></p>';

describe('the picture and credits in RSS', () => {
  const xml = renderRss(pictureFeed());

  it('gives an enclosure with the copy’s length and type, and Media RSS with description and credit', () => {
    assert.equal(XMLValidator.validate(xml), true);
    assert.match(xml, / xmlns:media="http:\/\/search\.yahoo\.com\/mrss\/"/);
    const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (name) => name === 'item' });
    const [withPicture, without] = (parser.parse(xml).rss.channel.item as Record<string, unknown>[]).reverse();
    assert.deepEqual(withPicture?.enclosure, { '@_url': PHOTO_URL, '@_length': '127123', '@_type': 'image/jpeg' });
    assert.deepEqual(withPicture?.['media:content'], {
      '@_url': PHOTO_URL,
      '@_medium': 'image',
      '@_type': 'image/jpeg',
      '@_fileSize': '127123',
      '@_width': '1600',
      '@_height': '900',
      'media:description': { '#text': 'The post office <in> Algiers', '@_type': 'plain' },
      'media:credit': 'REUTERS/Ramzi Boudina',
    });
    assert.equal(without?.enclosure, undefined);
    assert.equal(without?.['media:content'], undefined);
  });

  it('is read by rss-parser with the enclosure and the credits after the story', async () => {
    const parser = new Parser<object, { 'content:encoded': string; media: { $: { url: string } } }>({
      customFields: { item: ['content:encoded', ['media:content', 'media', { keepArray: false }]] },
    });
    const feed = await parser.parseString(xml);
    const item = feed.items.find((each) => each.title === 'Esper visits Algiers');
    assert.deepEqual({ ...item?.enclosure }, { url: PHOTO_URL, length: '127123', type: 'image/jpeg' });
    assert.equal(item?.['content:encoded'], CONTENT_END);
    assert.equal(item?.media.$.url, PHOTO_URL);
  });

  it('is read by feedsmith with the enclosure and Media RSS', () => {
    const { format, feed } = parseFeed(xml);
    assert.equal(format, 'rss');
    const item = (feed as { items?: Record<string, unknown>[] }).items?.find((each) => each.title === 'Esper visits Algiers');
    assert.deepEqual(item?.enclosures, [{ url: PHOTO_URL, length: 127123, type: 'image/jpeg' }]);
    const media = item?.media as { contents?: { url: string; credits?: { value: string }[]; description?: { value: string } }[] };
    assert.equal(media.contents?.[0]?.url, PHOTO_URL);
    assert.equal(media.contents?.[0]?.credits?.[0]?.value, 'REUTERS/Ramzi Boudina');
    assert.equal(media.contents?.[0]?.description?.value, 'The post office <in> Algiers');
  });
});

describe('the picture and credits in Atom', () => {
  const xml = renderAtom(pictureFeed());

  it('links the picture as an enclosure with its type and length, and ends the content with the credits', () => {
    const entry = parseAtomXml(xml).entry?.find((each) => each.title === 'Esper visits Algiers');
    assert.deepEqual(
      entry?.link.find((link) => link['@_rel'] === 'enclosure'),
      { '@_href': PHOTO_URL, '@_rel': 'enclosure', '@_type': 'image/jpeg', '@_length': '127123' },
    );
    assert.equal(entry?.content?.['#text'], CONTENT_END);
  });

  it('is read by feedsmith with the enclosure', () => {
    const { format, feed } = parseFeed(xml);
    assert.equal(format, 'atom');
    const entries = (feed as { entries?: { title?: { value?: string }; links?: Record<string, unknown>[] }[] }).entries;
    const entry = entries?.find((each) => each.title?.value === 'Esper visits Algiers');
    assert.deepEqual(
      entry?.links?.find((link) => link.rel === 'enclosure'),
      { href: PHOTO_URL, rel: 'enclosure', type: 'image/jpeg', length: 127123 },
    );
  });
});

describe('the picture and credits in JSON Feed', () => {
  const text = renderJsonFeed(pictureFeed());

  it('gives image and banner_image, the credits after the story, and stays valid', () => {
    assertValidJsonFeed(text);
    const { feed } = parseFeed(text);
    const item = (feed as { items?: Record<string, unknown>[] }).items?.find((each) => each.title === 'Esper visits Algiers');
    assert.equal(item?.image, PHOTO_URL);
    assert.equal(item?.banner_image ?? item?.bannerImage, PHOTO_URL);
    assert.equal(item?.content_html ?? item?.contentHtml, CONTENT_END);
  });
});
