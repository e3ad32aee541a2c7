import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DateTime } from 'luxon';
import Parser from 'rss-parser';
import type { Config } from '../../src/config-types.js';
import { buildFeed, type Feed, storyItem } from '../../src/feeds/feed.js';
import { renderRss, rfc822 } from '../../src/feeds/rss.js';
import { siteFeedSpec } from '../../src/feeds/site-feeds.js';
import { buildSiteGraph } from '../../src/model/site.js';
import { makeConfig } from '../support/config.js';
import { algiers, stories } from '../support/feeds.js';
import { makeStory, type StoryFields } from '../support/stories.js';

const HTML_WITH_CDATA_END = '<p>Compare <code>a[b[0]]>0</code> &amp; more ]]> here.</p>';

/** A feed of the given stories, each with a summary and an absolute-URL body. */
function feedOf(config: Config, stories: StoryFields[]): Feed {
  const site = buildSiteGraph(
    stories.map((fields) => makeStory({ zone: config.timeZone, ...fields })),
    config,
  );
  const items = site.stories.map((story) => storyItem(story, `Summary of ${story.title}`, `<p>${story.title}</p>${HTML_WITH_CDATA_END}`, config));
  return buildFeed(siteFeedSpec(config), items, config, 'Gazette test');
}

/** The channel as a generic XML parser reads it. */
interface XmlChannel {
  title: string;
  link: string;
  description: string;
  language: string;
  generator: string;
  lastBuildDate: string;
  'atom:link': Record<string, string>;
  item: {
    title: string;
    link: string;
    guid: { '#text': string; '@_isPermaLink': string };
    pubDate: string;
    description: string;
    'content:encoded': string;
    category: string | string[];
    'dc:creator': string | string[];
  }[];
}

function parseXml(xml: string): XmlChannel {
  assert.equal(XMLValidator.validate(xml), true);
  const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (name) => name === 'item' });
  return parser.parse(xml).rss.channel as XmlChannel;
}

const readerParser = () =>
  new Parser<{ language: string; lastBuildDate: string; generator: string }, { 'content:encoded': string }>({
    customFields: { feed: ['language', 'lastBuildDate', 'generator'], item: ['content:encoded'] },
  });

describe('rfc822', () => {
  it('writes the date in English with its real offset', () => {
    assert.equal(rfc822(DateTime.fromISO('2020-10-01T16:40:00', { zone: 'Africa/Algiers' })), 'Thu, 01 Oct 2020 16:40:00 +0100');
    assert.equal(rfc822(DateTime.fromISO('2020-10-01T16:40:00', { zone: 'Africa/Algiers', locale: 'fr' })), 'Thu, 01 Oct 2020 16:40:00 +0100');
    assert.equal(rfc822(DateTime.fromISO('2020-07-14T10:00:00', { zone: 'Europe/Paris' })), 'Tue, 14 Jul 2020 10:00:00 +0200');
    assert.equal(rfc822(DateTime.fromISO('2020-12-01T10:00:00', { zone: 'Europe/Paris' })), 'Tue, 01 Dec 2020 10:00:00 +0100');
    assert.equal(rfc822(DateTime.fromISO('2020-10-01T16:40:00Z', { zone: 'UTC' })), 'Thu, 01 Oct 2020 16:40:00 +0000');
  });
});

describe('renderRss', () => {
  const xml = renderRss(feedOf(algiers, stories));

  it('writes a channel that an XML parser reads back', () => {
    const channel = parseXml(xml);
    assert.equal(channel.title, 'Maghreb & Sahel Digest');
    assert.equal(channel.link, 'https://example.org/news/');
    assert.equal(channel.description, 'News from <North Africa>');
    assert.equal(channel.language, 'fr');
    assert.equal(channel.generator, 'Gazette test');
    assert.deepEqual(channel['atom:link'], { '@_href': 'https://example.org/news/feed.xml', '@_rel': 'self', '@_type': 'application/rss+xml' });
  });

  it('dates the channel by its newest item, not by the clock', () => {
    const channel = parseXml(xml);
    assert.equal(channel.lastBuildDate, 'Fri, 02 Oct 2020 09:15:00 +0100');
    assert.equal(channel.lastBuildDate, channel.item[0]?.pubDate);
  });

  it('dates the channel by an update newer than every publication', () => {
    const updated = parseXml(renderRss(feedOf(algiers, [{ ...stories[0]!, updated: '2020-10-03T08:00:00' }, stories[1]!])));
    assert.equal(updated.lastBuildDate, 'Sat, 03 Oct 2020 08:00:00 +0100');
  });

  it('writes every item, newest first, with RFC 822 dates, guid, categories and creators', () => {
    const [libya, esper] = parseXml(xml).item;
    assert.deepEqual(libya, {
      title: 'Libya talks: "progress" & hope',
      link: 'https://example.org/news/2020/10/02/libya-talks-progress-hope/',
      guid: { '#text': 'https://example.org/news/2020/10/02/libya-talks-progress-hope/', '@_isPermaLink': 'true' },
      pubDate: 'Fri, 02 Oct 2020 09:15:00 +0100',
      description: 'Summary of Libya talks: "progress" & hope',
      'content:encoded': `<p>Libya talks: "progress" & hope</p>${HTML_WITH_CDATA_END}`,
      category: 'Libya',
      'dc:creator': 'Aidan Lewis',
    });
    assert.deepEqual(esper?.guid, { '#text': 'urn:uuid:5f0c6f0e-2b7e-4d7a-9c62-3f1f4f0b9a11', '@_isPermaLink': 'false' });
    assert.equal(esper?.pubDate, 'Thu, 01 Oct 2020 16:40:00 +0100');
    assert.deepEqual(esper?.category, ['Algeria', 'Sahel']);
    assert.deepEqual(esper?.['dc:creator'], ['Lamine Chikhi', 'Hamid Ould Ahmed']);
  });

  it('is read by a feed reader', async () => {
    const feed = await readerParser().parseString(xml);
    assert.equal(feed.title, 'Maghreb & Sahel Digest');
    assert.equal(feed.link, 'https://example.org/news/');
    assert.equal(feed.description, 'News from <North Africa>');
    assert.equal(feed.language, 'fr');
    assert.equal(feed.feedUrl, 'https://example.org/news/feed.xml');
    assert.equal(feed.lastBuildDate, 'Fri, 02 Oct 2020 09:15:00 +0100');
    assert.deepEqual(
      feed.items.map((item) => ({
        title: item.title,
        link: item.link,
        guid: item.guid,
        isoDate: item.isoDate,
        categories: item.categories,
        creator: item.creator,
        html: item['content:encoded'],
      })),
      [
        {
          title: 'Libya talks: "progress" & hope',
          link: 'https://example.org/news/2020/10/02/libya-talks-progress-hope/',
          guid: 'https://example.org/news/2020/10/02/libya-talks-progress-hope/',
          isoDate: '2020-10-02T08:15:00.000Z',
          categories: ['Libya'],
          creator: 'Aidan Lewis',
          html: `<p>Libya talks: "progress" & hope</p>${HTML_WITH_CDATA_END}`,
        },
        {
          title: 'Esper visits Algiers',
          link: 'https://example.org/news/2020/10/01/esper-visits-algiers/',
          guid: 'urn:uuid:5f0c6f0e-2b7e-4d7a-9c62-3f1f4f0b9a11',
          isoDate: '2020-10-01T15:40:00.000Z',
          categories: ['Algeria', 'Sahel'],
          creator: 'Lamine Chikhi',
          html: `<p>Esper visits Algiers</p>${HTML_WITH_CDATA_END}`,
        },
      ],
    );
  });

  it('writes the summer offset of a zone with daylight saving time', async () => {
    const paris = makeConfig({ baseUrl: 'https://example.org/', timeZone: 'Europe/Paris' });
    const xmlParis = renderRss(
      feedOf(paris, [
        { title: 'Bastille Day', date: '2020-07-14T10:00:00' },
        { title: 'Winter', date: '2020-01-15T10:00:00' },
      ]),
    );
    assert.deepEqual(
      parseXml(xmlParis).item.map((item) => item.pubDate),
      ['Tue, 14 Jul 2020 10:00:00 +0200', 'Wed, 15 Jan 2020 10:00:00 +0100'],
    );
    const feed = await readerParser().parseString(xmlParis);
    assert.deepEqual(
      feed.items.map((item) => item.isoDate),
      ['2020-07-14T08:00:00.000Z', '2020-01-15T09:00:00.000Z'],
    );
  });

  it('removes characters XML forbids from titles', () => {
    const channel = parseXml(renderRss(feedOf(algiers, [{ title: 'Bad\u0000 byte\uFFFE here', slug: 'bad-byte', date: '2020-10-01T10:00:00' }])));
    assert.equal(channel.item[0]?.title, 'Bad byte here');
  });

  it('writes a channel without items and without lastBuildDate for an empty site', () => {
    const empty = renderRss(feedOf(algiers, []));
    const channel = parseXml(empty);
    assert.equal(channel.lastBuildDate, undefined);
    assert.equal(channel.item, undefined);
    assert.equal(channel.title, 'Maghreb & Sahel Digest');
  });
});
