// No script from content reaches a reader: the hostile site (test/support/hostile.ts) is built and
// every page, feed and JSON-LD block is read back with real parsers. Every field must arrive as the
// text its author wrote, and nothing from it as an element, an attribute or a script URL.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { buildHostileSite, HOSTILE_TITLE } from './support/hostile.js';
import { listFiles } from './support/project.js';
import type { SmallSite } from './support/small-site.js';

const STORY = '2020/10/01/hostile/index.html';
const SCRIPT_URL = /^(javascript|vbscript|data):/i;
/** Elements no story may bring into a page: the theme itself uses none of them. */
const FOREIGN = 'iframe, object, embed, svg, math, style, form, input, textarea, base, frame, frameset';

/**
 * Every problem a parsed HTML document has: foreign elements, handlers, script URLs, scripts. An
 * email keeps the media queries of the theme's email.css in one <style> in its head (what it holds
 * is checked in test/email.e2e.test.ts); a <style> anywhere else is foreign there too. The search page
 * has the theme's own form (checked in test/browser/search.test.ts) and loads the theme's search.js.
 */
function injections(html: string, { email = false, search = false } = {}): string[] {
  const $ = cheerio.load(html);
  const found: string[] = [];
  let foreign = $(FOREIGN);
  if (email) foreign = foreign.not('head > style:first-of-type');
  if (search) foreign = foreign.not('main form.search-form, main form.search-form input');
  foreign.each((_, element) => void found.push(`<${element.tagName}>`));
  $('script').each((_, element) => {
    const themeSearch = search && $(element).attr('src') === '/assets/search.js' && $(element).text() === '';
    if ($(element).attr('type') !== 'application/ld+json' && !themeSearch) found.push(`<script> ${$(element).text().slice(0, 60)}`);
  });
  $('*').each((_, element) => {
    const tag = String($(element).prop('tagName')).toLowerCase();
    for (const [name, value] of Object.entries($(element).attr() ?? {})) {
      if (name.startsWith('on')) found.push(`${tag}[${name}]`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'content'].includes(name) && SCRIPT_URL.test(value.replace(/[\u0000-\u0020]/g, ''))) {
        found.push(`${tag}[${name}=${value.slice(0, 40)}]`);
      }
    }
  });
  return found;
}

describe('hostile content', () => {
  let site: SmallSite;
  let files: string[];

  before(async () => {
    site = await buildHostileSite();
    assert.deepEqual(site.problems, []);
    files = await listFiles(site.out);
  });
  after(() => site?.remove());

  it('is built, with a warning for each piece of raw HTML and for the script links removed from the Markdown', () => {
    // Besides, the picture at a site path that static/ does not have is a broken link (link-broken).
    assert.deepEqual(
      site.warnings.filter((warning) => !warning.endsWith('[link-broken]')),
      [
        `content/hostile.md:22:12  the <script> element was removed with its content  (only HTML on the allow-list is published (see the README's "Raw HTML, embeds, headings and code"); set "markdown: { rawHtml: true }" only if every author is trusted)  [html-removed]`,
        `content/hostile.md:32:1  the onerror attribute of <img> was removed  (only HTML on the allow-list is published (see the README's "Raw HTML, embeds, headings and code"); set "markdown: { rawHtml: true }" only if every author is trusted)  [html-removed]`,
        'content/hostile.md:34:1  an <iframe> from an address that is not on the web was removed: it is not on the embed allow-list  (embed from a provider of markdown.embeds, or add the host there if you trust it)  [embed-refused]',
        `content/hostile.md:36:1  the javascript: address in the href attribute of <a> was removed  (only HTML on the allow-list is published (see the README's "Raw HTML, embeds, headings and code"); set "markdown: { rawHtml: true }" only if every author is trusted)  [html-removed]`,
        `content/hostile.md:38:1  the <svg> element was removed (its text is kept)  (only HTML on the allow-list is published (see the README's "Raw HTML, embeds, headings and code"); set "markdown: { rawHtml: true }" only if every author is trusted)  [html-removed]`,
        `content/hostile.md:40:1  the <style> element was removed with its content  (only HTML on the allow-list is published (see the README's "Raw HTML, embeds, headings and code"); set "markdown: { rawHtml: true }" only if every author is trusted)  [html-removed]`,
        'content/hostile.md:24:1  a link or image to a javascript:, vbscript: or data: URL, or an image at a file: or other address not on the web, was removed (here and in 10 more places)  (link to an http(s) address or a path on the site)  [url-unsafe]',
      ],
    );
  });

  it('(the check finds what it looks for)', () => {
    assert.deepEqual(injections('<p onclick="x()"><script>x()</script><svg></svg><a href=" JAVA\tSCRIPT:x()">a</a><img src="data:image/png,">'), [
      '<svg>',
      '<script> x()',
      'p[onclick]',
      'a[href= JAVA\tSCRIPT:x()]',
      'img[src=data:image/png,]',
    ]);
  });

  it('brings no element, event handler, script or script URL into any page', async () => {
    const pages = files.filter((file) => file.endsWith('.html'));
    assert.ok(pages.length >= 10);
    for (const page of pages) {
      assert.deepEqual(injections(await site.read(page), { email: page.endsWith('/email.html'), search: page === 'search/index.html' }), [], page);
    }
  });

  it('shows every field as text in the email edition and its plain-text twin', async () => {
    const $ = cheerio.load(await site.read('2020/10/01/email.html'));
    assert.equal($('title').text(), 'The Test Wire: Thursday, October 1, 2020');
    assert.equal($('.story__title').text(), HOSTILE_TITLE);
    assert.ok($('.preheader').text().endsWith(`: ${HOSTILE_TITLE}`));
    assert.equal($('.summary').text(), "</title></textarea><script>window.__pwned = 'summary'</script>");
    assert.equal($('.kicker').text(), "</p><script>window.__pwned = 'section'</script>");
    assert.equal($('.story__image').attr('alt'), `" onerror="window.__pwned='alt'`);
    assert.equal($('.story__image').attr('src'), 'https://example.org/images/photo.svg?%3Cx%3E%22%27');
    assert.match(
      $('.meta').text(),
      /^By <b onmouseover="window.__pwned='author'">Eve<\/b> and Mallory \]\]> <x> · <iframe src="javascript:window.__pwned='dateline'"><\/iframe> · /,
    );
    const text = await site.read('2020/10/01/email.txt');
    assert.ok(text.includes(`</P><SCRIPT>WINDOW.__PWNED = 'SECTION'</SCRIPT>`), 'the section, in capitals');
    assert.ok(text.includes("</title></textarea><script>window.__pwned = 'summary'</script>"), 'the summary as written');
    assert.ok(text.replace(/\n/g, ' ').includes(HOSTILE_TITLE), 'the headline as written (wrapped)');
  });

  it('shows every field as the text its author wrote', async () => {
    const $ = cheerio.load(await site.read(STORY));
    assert.equal($('h1').text(), HOSTILE_TITLE);
    assert.equal($('title').text(), `${HOSTILE_TITLE} – The Test Wire`);
    assert.equal($('meta[property="og:title"]').attr('content'), HOSTILE_TITLE);
    assert.equal($('.standfirst').text(), "</title></textarea><script>window.__pwned = 'summary'</script>");
    assert.equal($('.kicker').text(), "</p><script>window.__pwned = 'section'</script>");
    assert.equal($('.meta__byline').text(), `By <b onmouseover="window.__pwned='author'">Eve</b> and Mallory ]]> <x>`);
    assert.equal($('.meta__dateline').text(), `<iframe src="javascript:window.__pwned='dateline'"></iframe>`);
    assert.equal($('.story__figure img').attr('alt'), `" onerror="window.__pwned='alt'`);
    assert.equal($('.story__figure img').attr('src'), `/images/photo.svg?<x>"'`);
    assert.equal($('.caption').text(), "<script>window.__pwned = 'caption'</script>");
    assert.equal($('.credit').text(), `Credit: <img src=x onerror="window.__pwned='credit'">`);
    assert.equal($('.story__credits').text(), "]]></content:encoded><script>window.__pwned = 'credits'</script>");
    assert.equal($('.story__corrections li').text().split(': ').slice(1).join(': '), "<script>window.__pwned = 'correction'</script>");
    assert.equal($('.desk-note').text(), "<script>window.__pwned = 'data'</script>");
    assert.deepEqual(
      [...$('a[rel="tag"]')].map((tag) => $(tag).text()),
      ["<script>window.__pwned = 'tag'</script>", `"><svg onload="window.__pwned='tag-svg'">`],
    );
    const neighbour = cheerio.load(await site.read('2020/10/02/neighbour/index.html'));
    assert.equal(neighbour('.story-nav__older .story-nav__title').text(), HOSTILE_TITLE);
  });

  it('keeps the Markdown body safe: script links lose their URL, raw HTML only as the allow-list keeps it, code stays text', async () => {
    const $ = cheerio.load(await site.read(STORY));
    const body = $('.story__body');
    assert.deepEqual(
      [...body.find('a[href]')].map((link) => $(link).attr('href')),
      ['https://example.org/?q=%3Cscript%3E', '#user-content-fn-note', '#user-content-fnref-note'],
    );
    assert.deepEqual(
      [...body.find('img')].map((image) => ({ ...$(image).attr() })),
      [{ src: 'https://example.invalid/x', alt: 'x' }],
    );
    assert.match(body.text(), /plain upper tab entity vbscript data and/);
    assert.equal(body.find('code').text(), "</script><script>window.__pwned = 'code'</script>\n");
  });

  it('writes JSON-LD that parses back to the very title and cannot close its script element', async () => {
    const $ = cheerio.load(await site.read(STORY));
    const scripts = $('script[type="application/ld+json"]');
    assert.equal(scripts.length, 1, 'one JSON-LD block: nothing closed it early');
    const data = JSON.parse(scripts.text()) as { headline: string; author: { name: string }[]; keywords: string[] };
    assert.equal(data.headline, HOSTILE_TITLE);
    assert.deepEqual(
      data.author.map((author) => author.name),
      [`<b onmouseover="window.__pwned='author'">Eve</b>`, 'Mallory ]]> <x>'],
    );
    assert.doesNotMatch(scripts.html() ?? '', /<\/|<!--/);
  });

  it('writes feeds that are well-formed, carry the fields as text and the body without script', async () => {
    const parser = new XMLParser({
      ignoreAttributes: false,
      parseTagValue: false,
      isArray: (name) => ['item', 'entry', 'dc:creator', 'category'].includes(name),
    });
    for (const file of files.filter((name) => /\.(xml|json)$/.test(name) && !name.startsWith('pagefind/'))) {
      const text = await site.read(file);
      if (file.endsWith('.json')) {
        const feed = JSON.parse(text) as { items: { title: string; content_html: string }[] };
        for (const item of feed.items) assert.deepEqual(injections(item.content_html), [], file);
        continue;
      }
      assert.equal(XMLValidator.validate(text), true, file);
    }
    const rss = parser.parse(await site.read('feed.xml')).rss.channel.item as Record<string, unknown>[];
    const hostile = rss.find((item) => item.title === HOSTILE_TITLE);
    assert.ok(hostile, 'the RSS item has the title as written');
    assert.deepEqual(hostile['dc:creator'], [`<b onmouseover="window.__pwned='author'">Eve</b>`, 'Mallory ]]> <x>']);
    assert.deepEqual(injections(String(hostile['content:encoded'])), []);
    const atom = parser.parse(await site.read('atom.xml')).feed.entry as { title: string; content: { '#text': string } }[];
    const entry = atom.find((item) => item.title === HOSTILE_TITLE);
    assert.ok(entry);
    assert.deepEqual(injections(entry.content['#text']), []);
    const json = JSON.parse(await site.read('feed.json')) as { items: { id: string; title: string }[] };
    assert.deepEqual(
      json.items.map((item) => item.title),
      ['A quiet story beside it', HOSTILE_TITLE],
    );
    assert.equal(json.items[1]?.id, `urn:x:"><script>window.__pwned = 'id'</script>`);
  });
});
