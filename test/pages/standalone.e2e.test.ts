// Standalone pages end to end: the fixture's About page (content/pages/about.md, no date) and
// Contact page (type: page elsewhere, dated) get their own URLs and template, are listed in the
// navigation by the configuration's menu, and are in sitemap.xml and in search as pages, but in no
// feed, edition, email, listing or news sitemap. Read back with real parsers.

import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { XMLParser } from 'fast-xml-parser';
import { parseFeed } from 'feedsmith';
import Parser from 'rss-parser';
import { loadConfig } from '../../src/config.js';
import { BuildFailed } from '../../src/errors.js';
import { build } from '../../src/incremental/publish.js';
import { parseAtomXml } from '../support/feeds.js';
import { copyFixtureSite, type FixtureSite } from '../support/fixture-site.js';

const SITE = 'https://example.org/wire/';
const NOW = '2021-06-01T00:00:00Z';
const PAGE_URLS = [`${SITE}about/`, `${SITE}contact/`];

describe('standalone pages', () => {
  let site: FixtureSite;
  before(async () => {
    site = await copyFixtureSite('files-and-pages');
    await build(loadConfig(site.root, { now: NOW }));
  });
  after(() => site.remove());

  it('renders the About page at /about/ with its own template, its file beside it and its link to a story', async () => {
    const $ = cheerio.load(await site.read('about/index.html'));
    assert.equal($('article.story--page h1').text(), 'About The Test Wire');
    assert.equal($('article .standfirst').text(), 'Who we are, and how to reach the desk.');
    assert.equal($('article time').length, 0, 'a page without a date shows none');
    assert.equal(
      $('article a')
        .filter((_, a) => $(a).text() === 'our latest results story')
        .attr('href'),
      '/wire/2021/05/10/election-results/',
    );
    assert.equal(
      $('article a')
        .filter((_, a) => $(a).text() === 'our charter')
        .attr('href'),
      'charter.pdf',
    );
    assert.match(await site.read('about/charter.pdf'), /Our charter/);
    assert.equal($('link[rel="canonical"]').attr('href') ?? `${SITE}about/`, `${SITE}about/`);
  });

  it('sends readers from an old URL of a page on to it', async () => {
    const $ = cheerio.load(await site.read('about-us/index.html'));
    assert.equal($('link[rel="canonical"]').attr('href'), `${SITE}about/`);
  });

  it('gives a `type: page` elsewhere the URL of its file name, with its date and update', async () => {
    const $ = cheerio.load(await site.read('contact/index.html'));
    assert.equal($('article h1').text(), 'Contact the desk');
    assert.equal($('article time.meta__published').attr('datetime')?.slice(0, 10), '2021-04-01');
    assert.equal($('article .meta__updated time').attr('datetime')?.slice(0, 10), '2021-05-02');
  });

  it('lists the menu in the navigation of every page, a page named by its title, the current one marked', async () => {
    for (const file of ['index.html', 'about/index.html', '2021/05/10/election-results/index.html', 'archive/index.html']) {
      const $ = cheerio.load(await site.read(file));
      const nav = [...$('nav.site-nav[aria-label="Main"] a')].map((a) => [$(a).text(), $(a).attr('href'), $(a).attr('aria-current') ?? null]);
      const current = (url: string) => (file === `${url.slice('/wire/'.length)}index.html` ? 'page' : null);
      for (const item of [
        ['About The Test Wire', '/wire/about/'],
        ['Contact', '/wire/contact/'],
        ['Results', '/wire/2021/05/10/election-results/'],
        ['Newsletter', 'https://newsletter.example.org/wire'],
      ] as const) {
        assert.ok(
          nav.some(([text, href, marked]) => text === item[0] && href === item[1] && marked === current(item[1])),
          `${file}: ${item.join(' ')} in ${JSON.stringify(nav)}`,
        );
      }
    }
  });

  it('keeps pages out of every feed, the news sitemap, the front page, the archive, listings, editions and emails', async () => {
    const rss = await new Parser().parseString(await site.read('feed.xml'));
    const atom = parseAtomXml(await site.read('atom.xml'));
    const json = parseFeed(await site.read('feed.json'));
    assert.equal(json.format, 'json');
    const feedUrls = [
      ...rss.items.map((item) => item.link),
      ...(atom.entry ?? []).map((entry) => entry.id),
      ...(json.feed.items ?? []).map((item) => item.url),
    ];
    assert.equal(feedUrls.length, 9, 'three stories in each feed');
    for (const url of PAGE_URLS) assert.ok(!feedUrls.includes(url), url);
    const newsSitemap = await site.read('news-sitemap.xml');
    for (const url of PAGE_URLS) assert.ok(!newsSitemap.includes(url), `news sitemap: ${url}`);
    for (const file of ['index.html', 'archive/index.html', 'tags/index.html', 'tags/elections/index.html', '2021/05/10/index.html', '2021/05/10/email.html']) {
      const $ = cheerio.load(await site.read(file));
      $('nav').remove();
      const links = [...$('main a, body a')].map((a) => $(a).attr('href') ?? '');
      assert.ok(!links.some((href) => /\/(about|contact)\/$/.test(href)), `${file}: ${links.join(' ')}`);
    }
  });

  it('lists pages in sitemap.xml (with a date only when they give one) and in search as pages, in no story filter', async () => {
    const parsed = new XMLParser({ isArray: (name) => name === 'url' }).parse(await site.read('sitemap.xml'));
    const urls = new Map<string, string | undefined>(parsed.urlset.url.map((entry: { loc: string; lastmod?: string }) => [entry.loc, entry.lastmod]));
    assert.ok(urls.has(`${SITE}about/`));
    assert.equal(urls.get(`${SITE}about/`), undefined);
    assert.match(urls.get(`${SITE}contact/`) ?? '', /^2021-05-02/);
    const $ = cheerio.load(await site.read('search/index.html'));
    assert.match($('[data-pagefind-indexes]').attr('data-pagefind-indexes') ?? '', / \/wire\/pagefind\/pages\/pagefind\.js$/);
    const pagesIndex = await site.read('pagefind/pages/pagefind-entry.json');
    assert.match(pagesIndex, /"page_count":2/);
    assert.doesNotMatch(pagesIndex, /"filters":\{"[^}]/);
  });

  it('refuses a menu link without a title that is not a page, and one to a path the site does not publish', async () => {
    const config = path.join(site.root, 'gazette.config.yaml');
    const problems = async (menu: string) => {
      await writeFile(config, `title: The Test Wire\nbaseUrl: ${SITE}\nmenu:\n${menu}`);
      try {
        await build(loadConfig(site.root, { now: NOW }), { write: true, cache: false });
      } catch (error) {
        assert.ok(error instanceof BuildFailed, String(error));
        return error.problems.map((problem) => problem.format());
      }
      return [];
    };
    const untitled = await problems('  - url: /archive/\n');
    assert.match(untitled[0] ?? '', /^gazette\.config\.yaml:4:5 {2}menu {2}\/archive\/ is not a page of the site, and has no title/);
    const unknown = await problems('  - { title: Jobs, url: /jobs/ }\n');
    assert.match(unknown[0] ?? '', /^gazette\.config\.yaml:4:5 {2}menu {2}\/jobs\/ is not a page or file of the site/);
    assert.deepEqual(await problems('  - { title: Archive, url: /archive }\n'), [], 'a path found as its folder');
  });
});
