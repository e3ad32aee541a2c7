// Stories as newsrooms write them (test/fixtures/newsroom-html/story.md): raw HTML kept when safe,
// embeds, template tags, heading anchors and code, built into a site and read back from the page,
// the three feeds and the email with real parsers, with each warning at its line in the file.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { parseFeed } from 'feedsmith';
import sharp from 'sharp';
import { listFiles, REPO } from './support/project.js';
import { buildSmallSite, type SmallSite } from './support/small-site.js';

const PAGE = '2021/05/20/river/index.html';
const STORY = path.join(REPO, 'test/fixtures/newsroom-html/story.md');
const SCRIPT_URL = /^\s*(javascript|vbscript|data):/i;

/** Scripts, forms, handlers, script URLs and (unless it is an email, whose theme's CSS is inlined) styles other than an embed's aspect ratio. */
function executable($: cheerio.CheerioAPI, scope: string, { email = false } = {}): string[] {
  const found: string[] = [];
  $(`${scope} script, ${scope} form, ${scope} input${email ? '' : `, ${scope} style`}`).each(
    (_, element) => void found.push(String($(element).prop('tagName'))),
  );
  $(`${scope} *`).each((_, node) => {
    const element = { tagName: String($(node).prop('tagName')).toLowerCase() };
    for (const [name, value] of Object.entries($(node).attr() ?? {})) {
      if (name.startsWith('on') || SCRIPT_URL.test(value)) found.push(`${element.tagName}[${name}]`);
      if (name === 'style' && !email && !(element.tagName === 'iframe' && /^aspect-ratio: \d+ \/ \d+$/.test(value))) found.push(`${element.tagName}[style]`);
    }
  });
  return found;
}

describe('stories with raw HTML, embeds, anchors and code', () => {
  let site: SmallSite;
  let $: cheerio.CheerioAPI;

  before(async () => {
    const gauge = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#36c' } })
      .png()
      .toBuffer();
    site = await buildSmallSite({ 'river.md': await readFile(STORY, 'utf8'), 'gauge.png': gauge });
    assert.deepEqual(site.problems, []);
    $ = cheerio.load(await site.read(PAGE));
  });
  after(() => site.remove());

  it('keeps the figure, its caption and credit, with the raw <img> published like a Markdown image', () => {
    const img = $('article figure > img');
    assert.match(img.attr('src') ?? '', /^\/images\/[0-9a-f]{16}\/gauge-\d+\.png$/);
    assert.deepEqual([img.attr('width'), img.attr('height'), img.attr('alt')], ['800', '600', 'The river gauge at its highest']);
    assert.ok((img.attr('srcset') ?? '').includes('w, '));
    assert.equal($('article figure figcaption small.credit').text(), 'Photo: Ana Ruiz');
  });

  it('keeps details, the data table with its footnote marks, abbreviations, asides and marks', () => {
    assert.equal($('article details > summary').text(), 'How we measured');
    assert.equal($('article details em').text(), 'hour');
    assert.equal($('article abbr[title="National Hydrology Office"]').text(), 'NHO');
    assert.deepEqual(
      [...$('article table sup')].map((sup) => $(sup).text()),
      ['1', '2'],
    );
    assert.equal($('article aside mark').text(), 'Provisional');
  });

  it('keeps the allowed embeds sandboxed, lazy, titled and sized, and drops the other', () => {
    const frames = [...$('article .embed > iframe')].map((frame) => $(frame).attr());
    assert.deepEqual(
      frames.map((frame) => [frame?.src, frame?.title, frame?.loading, frame?.style, frame?.height]),
      [
        ['https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ', 'The flood from the air', 'lazy', 'aspect-ratio: 560 / 315', undefined],
        ['https://datawrapper.dwcdn.net/AbC12/3/', 'River levels', 'lazy', 'aspect-ratio: 600 / 420', undefined],
      ],
    );
    for (const frame of frames) assert.match(frame?.sandbox ?? '', /^allow-scripts allow-same-origin /);
    assert.equal($('iframe[src*="ads.example.net"]').length, 0);
  });

  it("keeps an embedded post's quoted text and link when its script is removed", () => {
    const post = $('article blockquote.bluesky-embed');
    assert.equal(post.find('p').text(), 'The bridge is closed.');
    assert.equal(post.find('a').attr('href'), 'https://bsky.app/profile/town.example/post/3k');
  });

  it('publishes nothing executable, and keeps the text around what it removed', () => {
    assert.deepEqual(executable($, 'article'), []);
    assert.match($('article').text(), /Call the hotline\s+now\./);
  });

  it('gives headings GitHub ids with an anchor link, and in-page links reach them', () => {
    const heading = $('article h2#the-method');
    assert.equal(heading.find('a.heading-anchor').attr('href'), '#the-method');
    assert.equal($('article a[href="#the-method"]').first().text(), 'see the method');
  });

  it('highlights code in three languages and leaves an unknown one plain', () => {
    for (const language of ['python', 'js', 'sql']) {
      const code = $(`article pre > code.language-${language}`);
      assert.ok(code.hasClass('hljs'), language);
      assert.ok(code.find('span[class^="hljs-"]').length > 0, language);
    }
    const plain = $('article pre > code.language-nosuchlanguage');
    assert.deepEqual([plain.hasClass('hljs'), plain.children().length, plain.text()], [false, 0, 'plain text\n']);
  });

  it('warns of each removal, refused embed, template tag and in-page link to nowhere at its line in the file', () => {
    const warnings = site.warnings.filter((warning) => warning.startsWith('content/river.md')).map((warning) => warning.replace(/ {2}\(.*\) {2}/, '  '));
    assert.deepEqual(warnings, [
      'content/river.md:6:67  the link to "#notes-nowhere" leads nowhere: no heading or element of the story has the id "notes-nowhere"  [anchor-missing]',
      'content/river.md:9:1  the onerror attribute of <img> was removed  [html-removed]',
      'content/river.md:29:1  an <iframe> from ads.example.net was removed: it is not on the embed allow-list  [embed-refused]',
      'content/river.md:31:179  the <script> element was removed with its content  [html-removed]',
      'content/river.md:33:9  the javascript: address in the href attribute of <a> was removed  [html-removed]',
      'content/river.md:33:68  the onerror attribute of <img> was removed  [html-removed]',
      'content/river.md:33:155  the <script> element was removed with its content  [html-removed]',
      'content/river.md:35:1  the template tag {% include %} is not one Gazette knows and is published as text  [template-tag]',
      'content/river.md:37:1  the template tag {{< figure >}} is not one Gazette knows and is published as text  [template-tag]',
    ]);
  });

  it('shows each embed as a link with its title in the three feeds, every address absolute, nothing executable', async () => {
    const rss = parseFeed(await site.read('feed.xml'));
    const atom = parseFeed(await site.read('atom.xml'));
    const json = parseFeed(await site.read('feed.json'));
    const bodies = [
      rss.format === 'rss' ? rss.feed.items?.[0]?.content?.encoded : undefined,
      atom.format === 'atom' ? atom.feed.entries?.[0]?.content?.value : undefined,
      json.format === 'json' ? json.feed.items?.[0]?.content_html : undefined,
    ];
    for (const body of bodies) {
      assert.ok(body, 'a feed lacks the story');
      const feed = cheerio.load(body);
      assert.equal(feed('iframe').length, 0);
      assert.deepEqual(
        [...feed('p.embed-link a')].map((link) => [feed(link).attr('href'), feed(link).text()]),
        [
          ['https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ', 'The flood from the air'],
          ['https://datawrapper.dwcdn.net/AbC12/3/', 'River levels'],
        ],
      );
      for (const element of feed('[href], [src]')) assert.match(feed(element).attr('href') ?? feed(element).attr('src') ?? '', /^https:\/\//);
      assert.equal(feed('a.heading-anchor').length, 0);
      assert.equal(feed('a[href="https://example.org/2021/05/20/river/#the-method"]').length, 1);
      assert.deepEqual(executable(feed, 'body'), []);
    }
  });

  it('sends nothing executable in the email', async () => {
    const emails = (await listFiles(site.out)).filter((file) => file.endsWith('/email.html'));
    assert.ok(emails.length > 0);
    for (const email of emails) assert.deepEqual(executable(cheerio.load(await site.read(email)), 'body', { email: true }), [], email);
  });
});
