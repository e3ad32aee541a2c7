// Files beside a story and links between stories, end to end: the fixture's story links a PDF and a
// CSV in its folder, another story's Markdown file (with and without a fragment), a draft and a
// file that is not there. The built page, the three feeds and the email are read back with real
// parsers; the files are published beside the page, byte for byte.

import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { parseFeed } from 'feedsmith';
import Parser from 'rss-parser';
import type { BuildReport } from '../../src/build.js';
import { loadConfig } from '../../src/config.js';
import { build } from '../../src/incremental/publish.js';
import { parseAtomXml, urlsIn } from '../support/feeds.js';
import { copyFixtureSite, type FixtureSite } from '../support/fixture-site.js';

const STORY = '2021/05/10/election-results/';
const SITE = 'https://example.org/wire/';
const STORY_FILE = 'content/2021/05/10/election-results.md';

describe('files beside a story and links to other stories', () => {
  let site: FixtureSite;
  let report: BuildReport;
  before(async () => {
    site = await copyFixtureSite('files-and-pages');
    report = await build(loadConfig(site.root, { now: '2021-06-01T00:00:00Z' }));
  });
  after(() => site.remove());

  it('publishes the PDF and the CSV the story links to beside its page, byte for byte', async () => {
    for (const file of ['report.pdf', 'data/votes.csv']) {
      assert.deepEqual(await site.bytes(STORY + file), await readFile(path.join(site.root, 'content/2021/05/10', file)), file);
    }
  });

  it('links them from the page as written, and another story by its URL, its fragment kept', async () => {
    const $ = cheerio.load(await site.read(`${STORY}index.html`));
    const href = (text: string) =>
      $('article a, main a')
        .filter((_, element) => $(element).text() === text)
        .attr('href');
    const onPage = (link: string) => new URL(link, `${SITE}${STORY}`).href;
    assert.equal(onPage(href('the full report') ?? ''), `${SITE}${STORY}report.pdf`);
    assert.equal(onPage(href('the votes by district') ?? ''), `${SITE}${STORY}data/votes.csv`);
    assert.equal(href('the first reactions'), '/wire/2021/05/09/reactions/#turnout');
    assert.equal(href('earlier story'), '/wire/2021/05/09/reactions/');
    assert.equal($('[data-gazette-link]').length, 0, 'no mark is left in the page');
  });

  it('warns of the missing file and of the link to a draft, naming the file and line', () => {
    const warnings = report.warnings.filter((warning) => warning.code === 'link-broken').map((warning) => warning.format());
    assert.equal(warnings.length, 2, warnings.join('\n'));
    assert.ok(
      warnings.some((warning) => warning.startsWith(`${STORY_FILE}:10:65`) && warning.includes('annex.pdf')),
      warnings.join('\n'),
    );
    assert.ok(
      warnings.some((warning) => warning.startsWith(`${STORY_FILE}:11:`) && warning.includes('a draft or future story')),
      warnings.join('\n'),
    );
  });

  it('gives every feed absolute URLs to the files and to the other story', async () => {
    const expected = [`${SITE}${STORY}report.pdf`, `${SITE}${STORY}data/votes.csv`, `${SITE}2021/05/09/reactions/#turnout`, `${SITE}2021/05/09/reactions/`];
    const rss = await new Parser<object, { 'content:encoded': string }>({ customFields: { item: ['content:encoded'] } }).parseString(
      await site.read('feed.xml'),
    );
    const rssItem = rss.items.find((item) => item.link === `${SITE}${STORY}`);
    const atom = parseAtomXml(await site.read('atom.xml')).entry?.find((entry) => entry.id === `${SITE}${STORY}`);
    const json = parseFeed(await site.read('feed.json'));
    assert.equal(json.format, 'json');
    const jsonItem = (json.feed.items ?? []).find((item) => item.url === `${SITE}${STORY}`);
    for (const [format, html] of [
      ['rss', rssItem?.['content:encoded']],
      ['atom', atom?.content?.['#text']],
      ['json', jsonItem?.content_html],
    ] as const) {
      assert.ok(html, `${format}: the story's item`);
      const urls = urlsIn(html);
      for (const url of expected) assert.ok(urls.includes(url), `${format}: ${url} in ${urls.join(' ')}`);
      assert.ok(!html.includes('data-gazette-link'), `${format}: no mark`);
    }
  });

  it('publishes a changed file again: the next build is not up to date, and writes the new bytes', async () => {
    const pdf = path.join(site.root, 'content/2021/05/10/report.pdf');
    const config = loadConfig(site.root, { now: '2021-06-01T00:00:00Z' });
    assert.equal((await build(config)).upToDate, true, 'nothing changed yet');
    await writeFile(pdf, (await readFile(pdf, 'latin1')).replace('Election report', 'Election REPORT'), 'latin1');
    const again = await build(config);
    assert.notEqual(again.upToDate, true);
    assert.ok(again.written.includes(`${STORY}report.pdf`), again.written.join(' '));
    assert.deepEqual(
      again.written.filter((file) => file.endsWith('.html')),
      [],
      'no page changes',
    );
    assert.deepEqual(await site.bytes(`${STORY}report.pdf`), await readFile(pdf));
  });

  it('links to the new URL of a story that moved, in a build that reuses the last one as in a cold build', async () => {
    const other = path.join(site.root, 'content/2021/05/09/reactions.md');
    await writeFile(other, (await readFile(other, 'utf8')).replace('slug: reactions', 'slug: first-reactions'));
    const config = loadConfig(site.root, { now: '2021-06-01T00:00:00Z' });
    await build(config, { write: true, allowMoved: true });
    const $ = cheerio.load(await site.read(`${STORY}index.html`));
    assert.equal(
      $('a')
        .filter((_, element) => $(element).text() === 'the first reactions')
        .attr('href'),
      '/wire/2021/05/09/first-reactions/#turnout',
    );
    const feed = await site.read('feed.json');
    assert.ok(feed.includes(`${SITE}2021/05/09/first-reactions/#turnout`));
    assert.ok(!feed.includes(`${SITE}2021/05/09/reactions/`));
  });

  it("gives the day's email absolute links, each to a file the site publishes", async () => {
    const $ = cheerio.load(await site.read('2021/05/10/email.html'));
    const links = [...$('[href], [src]')].map((element) => $(element).attr('href') ?? $(element).attr('src') ?? '');
    assert.ok(links.includes(`${SITE}${STORY}`));
    for (const link of links.filter((each) => each.startsWith(SITE))) {
      const sitePath = decodeURIComponent(new URL(link).pathname.slice('/wire/'.length)).replace(/(^|\/)$/, '$1index.html');
      await assert.doesNotReject(site.read(sitePath), link);
    }
  });
});
