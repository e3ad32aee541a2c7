import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { XMLValidator } from 'fast-xml-parser';
import { parseAtomFeed, parseFeed } from 'feedsmith';
import { DateTime } from 'luxon';
import type { Config } from '../../src/config-types.js';
import { renderAtom, rfc3339 } from '../../src/feeds/atom.js';
import { buildFeed, type Feed, storyItem } from '../../src/feeds/feed.js';
import { siteFeedSpec } from '../../src/feeds/site-feeds.js';
import { buildSiteGraph } from '../../src/model/site.js';
import { makeConfig } from '../support/config.js';
import { type AtomEntry, algiers, parseAtomXml, stories } from '../support/feeds.js';
import { makeStory, type StoryFields } from '../support/stories.js';

const HTML = '<p>Compare <code>a[b[0]]>0</code> &amp; more ]]> here.</p>';

/** A feed of the given stories; each body is `<p>title</p>` plus HTML that needs escaping. */
function feedOf(config: Config, stories: StoryFields[], html = (title: string) => `<p>${title}</p>${HTML}`): Feed {
  const site = buildSiteGraph(
    stories.map((fields) => makeStory({ zone: config.timeZone, ...fields })),
    config,
  );
  const items = site.stories.map((story) => storyItem(story, story.summary ?? `Summary of ${story.title}`, html(story.title), config));
  return buildFeed(siteFeedSpec(config), items, config, 'Gazette test');
}

/** A correction as readStory gives it: the date read in the site's zone. */
const correction = (date: string, text: string, zone: string) => ({ date: DateTime.fromISO(date, { zone }).setZone(zone), text });

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const link = (entry: { link: Record<string, string>[] }, rel: string) => entry.link.filter((item) => item['@_rel'] === rel);

describe('rfc3339', () => {
  it('writes the date with its real offset, summer and winter time apart', () => {
    assert.equal(rfc3339(DateTime.fromISO('2020-10-01T16:40:00', { zone: 'Africa/Algiers' })), '2020-10-01T16:40:00+01:00');
    assert.equal(rfc3339(DateTime.fromISO('2020-07-14T10:00:00', { zone: 'Europe/Paris' })), '2020-07-14T10:00:00+02:00');
    assert.equal(rfc3339(DateTime.fromISO('2020-12-01T10:00:00', { zone: 'Europe/Paris' })), '2020-12-01T10:00:00+01:00');
    assert.equal(rfc3339(DateTime.fromISO('2020-10-01T16:40:00', { zone: 'Asia/Kolkata' })), '2020-10-01T16:40:00+05:30');
    assert.equal(rfc3339(DateTime.fromISO('2020-10-01T16:40:00Z', { zone: 'UTC' })), '2020-10-01T16:40:00Z');
  });

  it('keeps milliseconds only when there are some', () => {
    assert.equal(rfc3339(DateTime.fromISO('2020-10-01T16:40:00.250', { zone: 'Africa/Algiers' })), '2020-10-01T16:40:00.250+01:00');
  });

  it('dates a feed without items at the epoch', () => {
    assert.equal(rfc3339(undefined), '1970-01-01T00:00:00Z');
  });
});

describe('renderAtom', () => {
  const xml = renderAtom(feedOf(algiers, stories));

  it('is well-formed XML in the Atom namespace, with the language', () => {
    assert.equal(XMLValidator.validate(xml), true);
    assert.ok(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<?xml-stylesheet type="text/xsl" href="/news/feed.xsl"?>\n<feed '));
    const feed = parseAtomXml(xml);
    assert.equal(feed['@_xmlns'], 'http://www.w3.org/2005/Atom');
    assert.equal(feed['@_xml:lang'], 'fr');
  });

  it('has every element RFC 4287 requires of a feed', () => {
    const feed = parseAtomXml(xml);
    assert.equal(feed.id, 'https://example.org/news/');
    assert.equal(feed.title, 'Maghreb & Sahel Digest');
    assert.equal(feed.subtitle, 'News from <North Africa>');
    assert.equal(feed.updated, '2020-10-02T09:15:00+01:00');
    assert.deepEqual(feed.author, [{ name: 'Maghreb & Sahel Digest' }]);
    assert.deepEqual(link(feed, 'self'), [{ '@_href': 'https://example.org/news/atom.xml', '@_rel': 'self', '@_type': 'application/atom+xml' }]);
    assert.deepEqual(link(feed, 'alternate'), [{ '@_href': 'https://example.org/news/', '@_rel': 'alternate', '@_type': 'text/html' }]);
    assert.equal(feed.generator, 'Gazette test');
  });

  it('writes every entry, newest first, with id, title, updated, link, authors and content', () => {
    const [libya, esper] = parseAtomXml(xml).entry ?? [];
    assert.deepEqual(libya, {
      title: 'Libya talks: "progress" & hope',
      link: [{ '@_href': 'https://example.org/news/2020/10/02/libya-talks-progress-hope/', '@_rel': 'alternate', '@_type': 'text/html' }],
      id: 'https://example.org/news/2020/10/02/libya-talks-progress-hope/',
      published: '2020-10-02T09:15:00+01:00',
      updated: '2020-10-02T09:15:00+01:00',
      author: [{ name: 'Aidan Lewis' }],
      summary: { '#text': 'Summary of Libya talks: "progress" & hope', '@_type': 'text' },
      content: { '#text': `<p>Libya talks: "progress" & hope</p>${HTML}`, '@_type': 'html' },
      category: [{ '@_term': 'Libya' }],
    } satisfies AtomEntry);
    assert.equal(esper?.id, 'urn:uuid:5f0c6f0e-2b7e-4d7a-9c62-3f1f4f0b9a11');
    assert.equal(esper?.published, '2020-10-01T16:40:00+01:00');
    assert.deepEqual(esper?.author, [{ name: 'Lamine Chikhi' }, { name: 'Hamid Ould Ahmed' }]);
    assert.deepEqual(esper?.category, [{ '@_term': 'Algeria' }, { '@_term': 'Sahel' }]);
  });

  it('is read by feedsmith as Atom, with the same facts', () => {
    const { format, feed } = parseFeed(xml);
    assert.equal(format, 'atom');
    const atom = parseAtomFeed(xml);
    assert.deepEqual(feed, atom);
    assert.equal(atom.id, 'https://example.org/news/');
    assert.equal(atom.title?.value, 'Maghreb & Sahel Digest');
    assert.equal(atom.updated, '2020-10-02T09:15:00+01:00');
    assert.deepEqual(atom.authors, [{ name: 'Maghreb & Sahel Digest' }]);
    assert.equal(atom.links?.find((item) => item.rel === 'self')?.href, 'https://example.org/news/atom.xml');
    assert.deepEqual(
      atom.entries?.map((entry) => ({
        id: entry.id,
        title: entry.title?.value,
        updated: entry.updated,
        published: entry.published,
        link: entry.links?.[0]?.href,
        content: entry.content?.value,
        contentType: entry.content?.type,
      })),
      [
        {
          id: 'https://example.org/news/2020/10/02/libya-talks-progress-hope/',
          title: 'Libya talks: "progress" & hope',
          updated: '2020-10-02T09:15:00+01:00',
          published: '2020-10-02T09:15:00+01:00',
          link: 'https://example.org/news/2020/10/02/libya-talks-progress-hope/',
          content: `<p>Libya talks: "progress" & hope</p>${HTML}`,
          contentType: 'html',
        },
        {
          id: 'urn:uuid:5f0c6f0e-2b7e-4d7a-9c62-3f1f4f0b9a11',
          title: 'Esper visits Algiers',
          updated: '2020-10-01T16:40:00+01:00',
          published: '2020-10-01T16:40:00+01:00',
          link: 'https://example.org/news/2020/10/01/esper-visits-algiers/',
          content: `<p>Esper visits Algiers</p>${HTML}`,
          contentType: 'html',
        },
      ],
    );
  });

  it('writes every date as RFC 3339', () => {
    const feed = parseAtomXml(xml);
    for (const date of [feed.updated, ...(feed.entry ?? []).flatMap((entry) => [entry.published, entry.updated])]) {
      assert.match(date, RFC3339);
    }
  });

  it('writes the summer and winter offsets of a zone with daylight saving time', () => {
    const paris = makeConfig({ baseUrl: 'https://example.org/', timeZone: 'Europe/Paris' });
    const feed = parseAtomXml(
      renderAtom(
        feedOf(paris, [
          { title: 'Bastille Day', date: '2020-07-14T10:00:00' },
          { title: 'Winter', date: '2020-01-15T10:00:00' },
          // Published in summer time, corrected after the clocks went back.
          { title: 'Autumn', date: '2019-10-20T10:00:00', corrections: [correction('2019-11-02T09:30:00', 'A date was wrong.', 'Europe/Paris')] },
        ]),
      ),
    );
    assert.deepEqual(
      feed.entry?.map((entry) => [entry.title, entry.published, entry.updated]),
      [
        ['Bastille Day', '2020-07-14T10:00:00+02:00', '2020-07-14T10:00:00+02:00'],
        ['Winter', '2020-01-15T10:00:00+01:00', '2020-01-15T10:00:00+01:00'],
        ['Autumn', '2019-10-20T10:00:00+02:00', '2019-11-02T09:30:00+01:00'],
      ],
    );
    assert.equal(feed.updated, '2020-07-14T10:00:00+02:00');
    assert.deepEqual(
      parseAtomFeed(renderAtom(feedOf(paris, [{ title: 'Bastille Day', date: '2020-07-14T10:00:00' }]))).entries?.map((entry) => entry.published),
      ['2020-07-14T10:00:00+02:00'],
    );
  });

  it('dates an entry by its update or its latest correction, and the feed by the newest change', () => {
    const zone = 'Africa/Algiers';
    const feed = parseAtomXml(
      renderAtom(
        feedOf(algiers, [
          { title: 'Updated', date: '2020-10-01T10:00:00', updated: '2020-10-01T12:00:00' },
          {
            title: 'Corrected twice',
            date: '2020-10-02T10:00:00',
            updated: '2020-10-02T11:00:00',
            corrections: [correction('2020-10-02T15:00:00', 'First.', zone), correction('2020-10-04T08:45:00', 'Second.', zone)],
          },
          {
            title: 'Corrected before its update',
            date: '2020-10-03T10:00:00',
            updated: '2020-10-03T20:00:00',
            corrections: [correction('2020-10-03T12:00:00', 'Early.', zone)],
          },
          { title: 'Untouched', date: '2020-10-03T11:00:00' },
        ]),
      ),
    );
    assert.deepEqual(
      feed.entry?.map((entry) => [entry.title, entry.published, entry.updated]),
      [
        ['Untouched', '2020-10-03T11:00:00+01:00', '2020-10-03T11:00:00+01:00'],
        ['Corrected before its update', '2020-10-03T10:00:00+01:00', '2020-10-03T20:00:00+01:00'],
        ['Corrected twice', '2020-10-02T10:00:00+01:00', '2020-10-04T08:45:00+01:00'],
        ['Updated', '2020-10-01T10:00:00+01:00', '2020-10-01T12:00:00+01:00'],
      ],
    );
    assert.equal(feed.updated, '2020-10-04T08:45:00+01:00');
  });

  it('removes characters XML forbids from titles, summaries and content, and stays well-formed', () => {
    const bad = 'Bad\u0000 byte\u000B here\uFFFE';
    const atom = renderAtom(
      feedOf(
        algiers,
        [{ title: bad, slug: 'bad-byte', summary: `Summary ${bad}`, date: '2020-10-01T10:00:00', authors: [`Author\u0000 ${bad}`] }],
        (title) => `<p>${title}</p>`,
      ),
    );
    assert.equal(XMLValidator.validate(atom), true);
    assert.doesNotMatch(atom, /[\u0000\u000B\uFFFE]/);
    const [entry] = parseAtomXml(atom).entry ?? [];
    assert.equal(entry?.title, 'Bad byte here');
    assert.equal(entry?.summary?.['#text'], 'Summary Bad byte here');
    assert.equal(entry?.content?.['#text'], '<p>Bad byte here</p>');
    assert.deepEqual(entry?.author, [{ name: 'Author Bad byte here' }]);
    assert.equal(parseAtomFeed(atom).entries?.[0]?.title?.value, 'Bad byte here');
  });

  it('escapes markup in titles so that it stays text', () => {
    const title = '<script>alert("x")</script> & <b>bold</b>';
    const atom = renderAtom(feedOf(algiers, [{ title, slug: 'script', date: '2020-10-01T10:00:00', tags: ['<script>'] }], () => '<p>Body</p>'));
    assert.equal(XMLValidator.validate(atom), true);
    assert.ok(!atom.includes('<script>') && !atom.includes('<b>'));
    assert.ok(atom.includes('<title>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;</title>'));
    const [entry] = parseAtomXml(atom).entry ?? [];
    assert.equal(entry?.title, title);
    assert.deepEqual(entry?.category, [{ '@_term': '<script>' }]);
    assert.equal(parseAtomFeed(atom).entries?.[0]?.title?.value, title);
  });

  it('still names an author and a date when the site has no stories', () => {
    const empty = renderAtom(feedOf(algiers, []));
    const feed = parseAtomXml(empty);
    assert.equal(feed.entry, undefined);
    assert.equal(feed.updated, '1970-01-01T00:00:00Z');
    assert.deepEqual(feed.author, [{ name: 'Maghreb & Sahel Digest' }]);
    assert.equal(feed.id, 'https://example.org/news/');
    assert.equal(parseAtomFeed(empty).entries, undefined);
  });
});
