import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DateTime } from 'luxon';
import type { Config } from '../src/config-types.js';
import { buildSiteGraph } from '../src/model/site.js';
import { renderNewsSitemap, renderRobots, renderSitemap, renderSitemaps, SITEMAP_URL_LIMIT } from '../src/sitemaps.js';
import { makeConfig } from './support/config.js';
import { makeStory, type StoryFields } from './support/stories.js';

interface UrlEntry {
  loc: string;
  lastmod?: string;
  'news:news'?: {
    'news:publication': { 'news:name': string; 'news:language': string };
    'news:publication_date': string;
    'news:title': string;
  };
}

function parseUrlset(xml: string): { '@_xmlns': string; '@_xmlns:news'?: string; url?: UrlEntry[] } {
  assert.equal(XMLValidator.validate(xml), true);
  const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (name) => name === 'url' });
  return parser.parse(xml).urlset;
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;

const config = makeConfig({ title: 'The Maghreb & Sahel Wire', baseUrl: 'https://example.org/news/', timeZone: 'Africa/Algiers', language: 'en-GB' });

describe('renderSitemap', () => {
  const at = (iso: string) => DateTime.fromISO(iso, { zone: 'Africa/Algiers' });
  const xml = renderSitemap(
    [
      { path: '', lastmod: at('2020-10-03T12:00:00') },
      { path: '2020/10/01/esper-visits-algiers/', lastmod: at('2020-10-01T18:05:00') },
      { path: 'tags/q&a/', lastmod: at('2020-10-02T09:00:00') },
      { path: 'archive/', lastmod: undefined },
    ],
    config,
  );

  it('lists every entry as an absolute URL under the base URL', () => {
    const urlset = parseUrlset(xml);
    assert.equal(urlset['@_xmlns'], 'http://www.sitemaps.org/schemas/sitemap/0.9');
    assert.deepEqual(
      urlset.url?.map((entry) => entry.loc),
      [
        'https://example.org/news/',
        'https://example.org/news/2020/10/01/esper-visits-algiers/',
        'https://example.org/news/tags/q&a/',
        'https://example.org/news/archive/',
      ],
    );
    for (const entry of urlset.url ?? []) assert.ok(URL.canParse(entry.loc) && entry.loc.startsWith('https://example.org/news/'), entry.loc);
    assert.ok(xml.includes('<loc>https://example.org/news/tags/q&amp;a/</loc>'));
  });

  it('dates each entry with an ISO 8601 lastmod with its offset, and leaves it out when unknown', () => {
    const urlset = parseUrlset(xml);
    assert.deepEqual(
      urlset.url?.map((entry) => entry.lastmod),
      ['2020-10-03T12:00:00+01:00', '2020-10-01T18:05:00+01:00', '2020-10-02T09:00:00+01:00', undefined],
    );
    for (const entry of urlset.url ?? []) if (entry.lastmod) assert.match(entry.lastmod, ISO_WITH_OFFSET);
  });

  it('writes an empty urlset for no pages', () => {
    assert.equal(parseUrlset(renderSitemap([], config)).url, undefined);
  });
});

describe('renderSitemaps', () => {
  const at = (iso: string) => DateTime.fromISO(iso, { zone: 'Africa/Algiers' });
  const entries = [
    { path: '', lastmod: at('2020-10-03T12:00:00') },
    { path: '2020/10/01/a/', lastmod: at('2020-10-01T18:05:00') },
    { path: '2020/10/02/b/', lastmod: at('2020-10-02T09:00:00') },
    { path: 'archive/', lastmod: undefined },
    { path: 'tags/', lastmod: undefined },
  ];

  it("writes one sitemap up to the protocol's 50,000 URLs", () => {
    assert.equal(SITEMAP_URL_LIMIT, 50_000);
    assert.deepEqual(renderSitemaps(entries, config, entries.length), [{ path: 'sitemap.xml', contents: renderSitemap(entries, config) }]);
  });

  it('beyond the limit, makes sitemap.xml an index of sitemaps that together list every entry once', () => {
    const files = renderSitemaps(entries, config, 2);
    assert.deepEqual(
      files.map((file) => file.path),
      ['sitemap.xml', 'sitemap-1.xml', 'sitemap-2.xml', 'sitemap-3.xml'],
    );
    const [index, ...parts] = files.map((file) => file.contents);
    assert.equal(XMLValidator.validate(index ?? ''), true);
    const parsed = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'sitemap' }).parse(index ?? '').sitemapindex;
    assert.equal(parsed['@_xmlns'], 'http://www.sitemaps.org/schemas/sitemap/0.9');
    assert.deepEqual(
      parsed.sitemap.map((entry: { loc: string; lastmod?: string }) => [entry.loc, entry.lastmod]),
      [
        ['https://example.org/news/sitemap-1.xml', '2020-10-03T12:00:00+01:00'],
        ['https://example.org/news/sitemap-2.xml', '2020-10-02T09:00:00+01:00'],
        ['https://example.org/news/sitemap-3.xml', undefined],
      ],
    );
    const listed = parts.flatMap((part) => parseUrlset(part).url?.map((entry) => entry.loc) ?? []);
    assert.deepEqual(
      listed,
      parseUrlset(renderSitemap(entries, config)).url?.map((entry) => entry.loc),
    );
  });
});

describe('renderNewsSitemap', () => {
  // The clock: 2020-10-05T00:00:00Z, that is 01:00 in Algiers.
  const withFuture = (settings: Record<string, unknown>): Config => makeConfig(settings, { future: true });
  const storiesOf = (settings: Config, fields: StoryFields[]) =>
    buildSiteGraph(
      fields.map((item) => makeStory({ zone: settings.timeZone, ...item })),
      settings,
    ).stories;

  const settings = withFuture({ title: 'The Maghreb & Sahel Wire', baseUrl: 'https://example.org/news/', timeZone: 'Africa/Algiers', language: 'en-GB' });
  const stories = storiesOf(settings, [
    { title: 'Just now', date: '2020-10-05T00:00:00Z' },
    { title: 'Q&A: <Algeria> after the "vote"', slug: 'q-and-a', date: '2020-10-04T09:30:00' },
    { title: 'Almost two days ago', date: '2020-10-03T00:01:00Z' },
    { title: 'Just over two days ago', date: '2020-10-02T23:59:00Z' },
    { title: 'Last week', date: '2020-09-28T10:00:00' },
    { title: 'Tomorrow', date: '2020-10-06T10:00:00' },
    { title: 'A minute from now', date: '2020-10-05T00:01:00Z' },
  ]);
  const urlset = parseUrlset(renderNewsSitemap(stories, settings));

  it('lists only the stories of the 48 hours up to the clock, not future ones', () => {
    assert.equal(urlset['@_xmlns:news'], 'http://www.google.com/schemas/sitemap-news/0.9');
    assert.deepEqual(
      urlset.url?.map((entry) => entry.loc),
      [
        'https://example.org/news/2020/10/05/just-now/',
        'https://example.org/news/2020/10/04/q-and-a/',
        'https://example.org/news/2020/10/03/almost-two-days-ago/',
      ],
    );
  });

  it('names the publication and its ISO 639 language, dates and titles each story', () => {
    assert.deepEqual(urlset.url?.[1], {
      loc: 'https://example.org/news/2020/10/04/q-and-a/',
      'news:news': {
        'news:publication': { 'news:name': 'The Maghreb & Sahel Wire', 'news:language': 'en' },
        'news:publication_date': '2020-10-04T09:30:00+01:00',
        'news:title': 'Q&A: <Algeria> after the "vote"',
      },
    });
    for (const entry of urlset.url ?? []) assert.match(entry['news:news']?.['news:publication_date'] ?? '', ISO_WITH_OFFSET);
  });

  it('escapes the title', () => {
    const xml = renderNewsSitemap(stories, settings);
    assert.ok(xml.includes('<news:title>Q&amp;A: &lt;Algeria&gt; after the &quot;vote&quot;</news:title>'));
    assert.ok(xml.includes('<news:name>The Maghreb &amp; Sahel Wire</news:name>'));
  });

  it('keeps zh-cn and zh-tw, and drops the region of other languages', () => {
    const languageOf = (language: string) => {
      const local = withFuture({ baseUrl: 'https://example.org/', language });
      const [entry] = parseUrlset(renderNewsSitemap(storiesOf(local, [{ title: 'One', date: '2020-10-04T10:00:00Z' }]), local)).url ?? [];
      return entry?.['news:news']?.['news:publication']['news:language'];
    };
    assert.deepEqual(['en-GB', 'fr-CA', 'fr', 'zh-TW', 'zh-CN', 'ar-DZ'].map(languageOf), ['en', 'fr', 'fr', 'zh-tw', 'zh-cn', 'ar']);
  });

  it('writes an empty urlset when nothing is recent', () => {
    assert.equal(parseUrlset(renderNewsSitemap(storiesOf(settings, [{ title: 'Old', date: '2020-09-01T10:00:00' }]), settings)).url, undefined);
  });
});

describe('renderRobots', () => {
  it('allows everything and names both sitemaps, absolute under the base URL', () => {
    assert.equal(
      renderRobots(config),
      ['User-agent: *', 'Allow: /', '', 'Sitemap: https://example.org/news/sitemap.xml', 'Sitemap: https://example.org/news/news-sitemap.xml', ''].join('\n'),
    );
  });
});
