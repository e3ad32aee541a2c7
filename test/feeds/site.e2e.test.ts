// End to end: build the sample project with a renamed and a corrected story, then read every feed,
// page head, redirect, sitemap and robots.txt back with real parsers and validators.

import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseFeed } from 'feedsmith';
import { HtmlValidate } from 'html-validate';
import { assertValidJsonFeed, parseAtomXml, parseRssItems } from '../support/feeds.js';
import { copySampleProject, type Project } from '../support/project.js';

const RENAMED = `---
title: Algiers metro extension opens
date: 2020-10-03T18:00:00+01:00
slug: algiers-metro-extension-opens
aliases: [/old/path/]
tags: [Algeria, Transport]
---
The extension of the Algiers metro opened on Saturday.
`;

const CORRECTED = `---
title: Tunis port strike ends
date: 2020-10-04T10:00:00+01:00
tags: [Tunisia]
corrections:
  - date: 2020-10-04T18:30:00+01:00
    text: An earlier version gave the wrong name for the dockers' union.
---
Dockers at the port of Tunis ended a three-day strike on Sunday.
`;

const RENAMED_PATH = '2020/10/03/algiers-metro-extension-opens/';
const CORRECTED_PATH = '2020/10/04/tunis-port-strike-ends/';
const WIRE_PATH = '2020/10/01/us-defense-chiefs-rare-algeria-visit-points-to-sahel-region-threats/';
const REDIRECT_FILE = 'old/path/index.html';

const FEED_FILE = /(^|\/)(feed\.xml|atom\.xml|feed\.json)$/;
const STORY_PAGE = /^\d{4}\/\d{2}\/\d{2}\/[^/]+\/index\.html$/;
const LISTING_PAGE = /^(tags|sections|authors)\/([^/]+)\/(?:page\/\d+\/)?index\.html$/;

const SITE_FEEDS = [
  { type: 'application/rss+xml', href: '/feed.xml' },
  { type: 'application/atom+xml', href: '/atom.xml' },
  { type: 'application/feed+json', href: '/feed.json' },
];

const ownFeeds = (folder: string) => [
  { type: 'application/rss+xml', href: `/${folder}feed.xml` },
  { type: 'application/atom+xml', href: `/${folder}atom.xml` },
  { type: 'application/feed+json', href: `/${folder}feed.json` },
];

/** The feed autodiscovery links of a page's head, in order. */
function alternates(html: string): { type: string; href: string }[] {
  const $ = cheerio.load(html);
  return [...$('head link[rel="alternate"]')].map((link) => ({ type: $(link).attr('type') ?? '', href: $(link).attr('href') ?? '' }));
}

describe('the feeds, redirects and sitemaps of a built site', () => {
  let project: Project;
  let files: string[];

  before(async () => {
    project = await copySampleProject();
    await project.addStory('2020/10/03/metro.md', RENAMED);
    await project.addStory('2020/10/04/tunis-port-strike-ends.md', CORRECTED);
    await project.build();
    files = await project.files();
  });
  after(() => project.remove());

  it('writes the three feed formats for the site, every tag, section and author, and the editions', () => {
    const feedFiles = files.filter((file) => FEED_FILE.test(file));
    const slugsOf = (kind: string) =>
      files.map((file) => new RegExp(`^${kind}/([^/]+)/index\\.html$`).exec(file)?.[1]).filter((slug): slug is string => slug !== undefined);
    const tagSlugs = slugsOf('tags');
    assert.ok(tagSlugs.includes('tunisia') && tagSlugs.includes('transport') && tagSlugs.length >= 10, tagSlugs.join(' '));
    assert.deepEqual(slugsOf('sections'), ['africa', 'business', 'culture', 'europe', 'middle-east', 'sport']);
    assert.ok(slugsOf('authors').includes('aminata-kone') && slugsOf('authors').includes('lchikhi'), slugsOf('authors').join(' '));
    const folders = ['', 'editions/', ...['tags', 'sections', 'authors'].flatMap((kind) => slugsOf(kind).map((slug) => `${kind}/${slug}/`))];
    assert.deepEqual(feedFiles.sort(), folders.flatMap((folder) => [`${folder}atom.xml`, `${folder}feed.json`, `${folder}feed.xml`]).sort());
  });

  it('writes feeds that feedsmith reads, XML that is well-formed and JSON Feeds the schema accepts', async () => {
    for (const file of files.filter((name) => FEED_FILE.test(name))) {
      const text = await project.read(file);
      const { format, feed } = parseFeed(text);
      const expected = file.endsWith('feed.xml') ? 'rss' : file.endsWith('atom.xml') ? 'atom' : 'json';
      assert.equal(format, expected, file);
      const items = 'items' in feed ? feed.items : 'entries' in feed ? feed.entries : undefined;
      assert.ok(items && items.length > 0, `${file} has no items`);
      if (expected === 'json') assertValidJsonFeed(text, file);
      else {
        assert.equal(XMLValidator.validate(text), true, file);
        assert.match(text, /^<\?xml version="1\.0" encoding="utf-8"\?>\n<\?xml-stylesheet type="text\/xsl" href="\/feed\.xsl"\?>\n/, file);
      }
    }
    assert.equal(XMLValidator.validate(await project.read('feed.xsl')), true, 'feed.xsl is well-formed XML');
  });

  it('announces the three site feeds in the head of every page, and tag, section and author pages their own three too', async () => {
    // The emails announce no feed: mail clients do nothing with one.
    const pages = files.filter((file) => file.endsWith('.html') && file !== REDIRECT_FILE && !file.endsWith('/email.html'));
    assert.ok(pages.includes('404.html') && pages.includes('index.html'));
    const listings = new Map<string, number>();
    for (const page of pages) {
      const links = alternates(await project.read(page));
      assert.deepEqual(links.slice(0, 3), SITE_FEEDS, page);
      const [, kind, slug] = LISTING_PAGE.exec(page) ?? [];
      if (kind !== undefined) {
        listings.set(kind, (listings.get(kind) ?? 0) + 1);
        assert.deepEqual(links, [...SITE_FEEDS, ...ownFeeds(`${kind}/${slug}/`)], page);
      }
    }
    assert.ok((listings.get('tags') ?? 0) >= 10, `only ${listings.get('tags')} tag pages`);
    assert.equal(listings.get('sections'), 6);
    assert.ok((listings.get('authors') ?? 0) >= 10, `only ${listings.get('authors')} author pages`);
  });

  it("puts exactly a section's and an author's stories in their feeds, newest first", async () => {
    const titles = async (file: string) => {
      const { feed } = parseFeed(await project.read(file));
      return ('items' in feed ? (feed.items ?? []) : []).map((item) => (item as { title?: string }).title);
    };
    assert.deepEqual(await titles('sections/middle-east/feed.xml'), [
      'Analysis: After US visit, Algeria weighs a role beyond its borders',
      'US defense chief’s rare Algeria visit points to Sahel region threats',
      'Libya’s rival camps agree to keep talking on oil revenue, sources say',
    ]);
    assert.deepEqual(await titles('authors/aminata-kone/feed.json'), [
      'Ivorian league sets restart date as clubs count the cost of a lost season',
      'Côte d’Ivoire cocoa farmers await farmgate price as main crop begins',
      'Sahel defence officials press donors for steadier funding of joint force',
    ]);
  });

  it("leaves a page at a renamed story's old URL that html-validate accepts", async () => {
    assert.ok(files.includes(REDIRECT_FILE));
    const html = await project.read(REDIRECT_FILE);
    const report = await new HtmlValidate({ extends: ['html-validate:recommended'] }).validateString(html, REDIRECT_FILE);
    const messages = report.results.flatMap((result) => result.messages).map((message) => `${message.line}: ${message.ruleId} ${message.message}`);
    assert.deepEqual(messages, [], messages.join('\n'));
  });

  it('sends readers and crawlers on from the old URL to the story', async () => {
    assert.ok(files.includes(`${RENAMED_PATH}index.html`));
    const $ = cheerio.load(await project.read(REDIRECT_FILE));
    assert.equal($('meta[http-equiv="refresh"]').attr('content'), `0; url=/${RENAMED_PATH}`);
    assert.equal($('link[rel="canonical"]').attr('href'), `https://example.org/${RENAMED_PATH}`);
    assert.deepEqual(
      [...$('a[href]')].map((a) => $(a).attr('href')),
      [`/${RENAMED_PATH}`],
    );
    assert.equal($('meta[name="robots"]').attr('content'), 'noindex');
    assert.equal($('title').text(), 'Moved: Algiers metro extension opens');
  });

  it("keeps the renamed story's feed id at its old URL", async () => {
    const entry = parseAtomXml(await project.read('atom.xml')).entry?.find((item) => item.title === 'Algiers metro extension opens');
    assert.equal(entry?.id, 'https://example.org/old/path/');
    assert.equal(entry?.link[0]?.['@_href'], `https://example.org/${RENAMED_PATH}`);
  });

  it("shows a correction on the story page and dates the story's feed entries by it", async () => {
    const $ = cheerio.load(await project.read(`${CORRECTED_PATH}index.html`));
    const corrections = $('.story__corrections li');
    assert.equal(corrections.length, 1);
    assert.match(corrections.text(), /: An earlier version gave the wrong name for the dockers' union\.$/);
    assert.equal(corrections.find('time').attr('datetime'), '2020-10-04T18:30:00+01:00');
    assert.equal($('meta[property="article:modified_time"]').attr('content'), '2020-10-04T17:30:00Z');

    for (const feed of ['atom.xml', 'tags/tunisia/atom.xml']) {
      const atom = parseAtomXml(await project.read(feed));
      const entry = atom.entry?.find((item) => item.id === `https://example.org/${CORRECTED_PATH}`);
      assert.equal(entry?.published, '2020-10-04T10:00:00+01:00', feed);
      assert.equal(entry?.updated, '2020-10-04T18:30:00+01:00', feed);
      assert.equal(atom.updated, '2020-10-04T18:30:00+01:00', feed);
    }
    const json = JSON.parse(await project.read('feed.json')) as { items: { id: string; date_modified?: string }[] };
    assert.equal(json.items.find((item) => item.id === `https://example.org/${CORRECTED_PATH}`)?.date_modified, '2020-10-04T18:30:00+01:00');
  });

  it("gives the wire story JSON-LD that parses and names its author and the author's page", async () => {
    const $ = cheerio.load(await project.read(`${WIRE_PATH}index.html`));
    const scripts = $('script[type="application/ld+json"]');
    assert.equal(scripts.length, 1);
    const data = JSON.parse(scripts.first().text()) as Record<string, unknown>;
    assert.equal(data['@type'], 'NewsArticle');
    assert.equal(data.headline, 'US defense chief’s rare Algeria visit points to Sahel region threats');
    assert.deepEqual(data.author, [{ '@type': 'Person', name: 'Lamine Chikhi', url: 'https://example.org/authors/lchikhi/' }]);
    assert.equal(data.datePublished, '2020-10-01T15:40:00Z');
    assert.equal(data.url, `https://example.org/${WIRE_PATH}`);
    // The photo beside the story, published at its largest under a folder named by its bytes.
    const [image] = data.image as string[];
    assert.match(image ?? '', /^https:\/\/example\.org\/images\/[0-9a-f]{16}\/algiers-central-post-office-1600\.jpg$/);
    assert.ok((await project.files()).includes(new URL(image ?? '').pathname.slice(1)), `${image} is written`);
  });

  it("gives the wire story's picture, its credit and the credits line in every feed, with the published copy's length", async () => {
    const rss = parseRssItems(await project.read('feed.xml')).find((item) => item.link === `https://example.org/${WIRE_PATH}`);
    const enclosure = rss?.enclosure ?? {};
    const pathname = new URL(enclosure['@_url'] ?? '').pathname;
    assert.match(pathname, /^\/images\/[0-9a-f]{16}\/algiers-central-post-office-1600\.jpg$/);
    const { size } = await stat(path.join(project.root, 'dist', pathname));
    assert.deepEqual(enclosure, { '@_url': `https://example.org${pathname}`, '@_length': String(size), '@_type': 'image/jpeg' });
    assert.equal(rss?.['media:content']?.['media:credit'], 'REUTERS/Ramzi Boudina/File Photo');
    const credits = 'Reporting by Lamine Chikhi; Additional reporting by Idrees Ali; Writing by Angus McDowall; Editing by Chizu Nomiyama and Daniel Wallis';
    for (const html of [rss?.['content:encoded'] ?? '']) {
      const $ = cheerio.load(html, null, false);
      assert.deepEqual(
        [...$('p')].slice(-2).map((p) => $(p).text()),
        ['Photo: REUTERS/Ramzi Boudina/File Photo', credits],
      );
    }
    const entry = parseAtomXml(await project.read('atom.xml')).entry?.find((item) => item.id === 'urn:uuid:5f0c6f0e-2b7e-4d7a-9c62-3f1f4f0b9a11');
    assert.deepEqual(
      entry?.link.find((link) => link['@_rel'] === 'enclosure'),
      { '@_href': `https://example.org${pathname}`, '@_rel': 'enclosure', '@_type': 'image/jpeg', '@_length': String(size) },
    );
    const json = JSON.parse(await project.read('feed.json')) as { items: { url: string; image?: string; banner_image?: string; content_html: string }[] };
    const item = json.items.find((each) => each.url === `https://example.org/${WIRE_PATH}`);
    assert.equal(item?.image, `https://example.org${pathname}`);
    assert.equal(item?.banner_image, `https://example.org${pathname}`);
    assert.ok(item?.content_html.endsWith(`<p><small>${credits}</small></p>`));
  });

  it('lists every story page in /sitemap.xml, and no redirect', async () => {
    const xml = await project.read('sitemap.xml');
    assert.equal(XMLValidator.validate(xml), true);
    const urls = new XMLParser({ isArray: (name) => name === 'url' }).parse(xml).urlset.url as { loc: string; lastmod: string }[];
    const locs = urls.map((url) => url.loc);
    const storyPages = files.filter((file) => STORY_PAGE.test(file));
    // 15 published sample stories (one more is a draft) and the two added here.
    assert.equal(storyPages.length, 17);
    for (const page of storyPages) assert.ok(locs.includes(`https://example.org/${page.replace(/index\.html$/, '')}`), `${page} is not in the sitemap`);
    assert.ok(locs.includes('https://example.org/'));
    assert.ok(!locs.some((loc) => loc.includes('old/path')));
    assert.equal(urls.find((url) => url.loc === `https://example.org/${CORRECTED_PATH}`)?.lastmod, '2020-10-04T18:30:00+01:00');
    assert.equal(new Set(locs).size, locs.length);
  });

  it('names both sitemaps in robots.txt', async () => {
    assert.equal(
      await project.read('robots.txt'),
      'User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\nSitemap: https://example.org/news-sitemap.xml\n',
    );
    assert.ok(files.includes('sitemap.xml') && files.includes('news-sitemap.xml'));
  });

  it('lists the stories of the last 48 hours in the news sitemap', async () => {
    const xml = await project.read('news-sitemap.xml');
    assert.equal(XMLValidator.validate(xml), true);
    const urls = new XMLParser({ isArray: (name) => name === 'url' }).parse(xml).urlset.url as { loc: string }[];
    // The clock is 2020-10-05T12:00:00Z: stories after 2020-10-03T13:00 in Algiers.
    assert.deepEqual(
      urls.map((url) => url.loc),
      [`https://example.org/${CORRECTED_PATH}`, `https://example.org/${RENAMED_PATH}`],
    );
  });
});

describe('a redirect under a sub-path', () => {
  it('points at the story under the base path', async () => {
    const project = await copySampleProject();
    try {
      await project.addStory('2020/10/03/metro.md', RENAMED);
      await project.build({ baseUrl: 'https://example.org/news/' });
      const $ = cheerio.load(await project.read(REDIRECT_FILE));
      assert.equal($('meta[http-equiv="refresh"]').attr('content'), `0; url=/news/${RENAMED_PATH}`);
      assert.equal($('link[rel="canonical"]').attr('href'), `https://example.org/news/${RENAMED_PATH}`);
      assert.equal($('a').attr('href'), `/news/${RENAMED_PATH}`);
      const entry = parseAtomXml(await project.read('atom.xml')).entry?.find((item) => item.title === 'Algiers metro extension opens');
      assert.equal(entry?.id, 'https://example.org/news/old/path/');
      assert.deepEqual(
        alternates(await project.read('tags/transport/index.html')).map((link) => link.href),
        [
          '/news/feed.xml',
          '/news/atom.xml',
          '/news/feed.json',
          '/news/tags/transport/feed.xml',
          '/news/tags/transport/atom.xml',
          '/news/tags/transport/feed.json',
        ],
      );
    } finally {
      await project.remove();
    }
  });
});
