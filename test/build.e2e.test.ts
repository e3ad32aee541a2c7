// End to end: build the sample project into a temp folder and read the output back with real
// parsers: an HTML validator, an HTML parser for links, an XML parser and a feed reader.

import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { HtmlValidate } from 'html-validate';
import Parser from 'rss-parser';
import { BuildFailed } from '../src/errors.js';
import { copySampleProject, type Project, snapshot } from './support/project.js';

const DRAFT = `---
title: Unpublished draft about the harbour
date: 2020-10-02T09:00:00+01:00
tags: [Draftonlytag]
draft: true
---
Not ready.
`;
const FUTURE = `---
title: Embargoed story from the future
date: 2020-12-24T09:00:00+01:00
tags: [Futureonlytag]
---
Not yet.
`;

/**
 * GFM table column alignment comes out as `align` on cells: obsolete in HTML5 but honoured by every
 * browser and feed reader, where a class or style would be stripped. Accepted on purpose.
 */
const isTableAlignment = (message: { ruleId: string; selector: string | null; message: string }) =>
  message.ruleId === 'no-deprecated-attr' && /"align"/.test(message.message) && /\b(td|th)\b/.test(message.selector ?? '');

/** The web pages: the email editions are for mail clients, and test/email.e2e.test.ts checks them. */
const pagesOf = (files: string[]) => files.filter((file) => file.endsWith('.html') && !file.endsWith('/email.html'));

/** Site-internal targets of every link, image and stylesheet in a page, without the base path. */
function internalTargets(html: string, basePath: string): string[] {
  const $ = cheerio.load(html);
  const urls = [...$('a[href], link[href], img[src]')].map((element) => $(element).attr('href') ?? $(element).attr('src') ?? '');
  return urls
    .filter((url) => url.startsWith('/') && !url.startsWith('//'))
    .map((url) => {
      assert.ok(url.startsWith(basePath), `${url} is outside the base path ${basePath}`);
      const target = decodeURI(url.slice(basePath.length).split('#')[0] ?? '');
      return target === '' || target.endsWith('/') ? `${target}index.html` : target;
    });
}

describe('building the sample project', () => {
  let project: Project;
  let files: string[];

  before(async () => {
    project = await copySampleProject();
    await project.addStory('2020/10/02/unpublished-draft-about-the-harbour.md', DRAFT);
    await project.addStory('2020/12/24/embargoed-story-from-the-future.md', FUTURE);
    await project.build();
    files = await project.files();
  });
  after(() => project.remove());

  it('writes the front page, story, edition, archive, tag pages, 404, feed and assets', () => {
    for (const file of [
      'index.html',
      'archive/index.html',
      'tags/index.html',
      '404.html',
      'feed.xml',
      'assets/style.css',
      'tags/algeria/index.html',
      '2020/10/01/index.html',
      '2020/10/01/us-defense-chiefs-rare-algeria-visit-points-to-sahel-region-threats/index.html',
    ]) {
      assert.ok(files.includes(file), `${file} is missing`);
    }
  });

  it('writes only valid HTML5', async () => {
    // long-title is search-engine advice about <title> length, not HTML validity: headlines run long.
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'long-title': 'off' } });
    for (const page of pagesOf(files)) {
      const report = await validator.validateString(await project.read(page), page);
      const messages = report.results
        .flatMap((result) => result.messages)
        .filter((message) => !isTableAlignment(message))
        .map((message) => `${page}:${message.line}: ${message.ruleId} ${message.message}`);
      assert.deepEqual(messages, [], messages.join('\n'));
    }
  });

  it('pages the front from the oldest story: the front links to page 1, which links back', async () => {
    const front = cheerio.load(await project.read('index.html'));
    assert.equal(front('nav.pagination a[rel=next]').attr('href'), '/page/1/');
    assert.equal(front('.page-status').length, 0);
    const older = cheerio.load(await project.read('page/1/index.html'));
    assert.equal(older('nav.pagination a[rel=prev]').attr('href'), '/');
    assert.equal(older('nav.pagination a[rel=next]').length, 0, 'page 1 holds the oldest stories');
    assert.equal(older('.page-status').text(), 'Page 1 of the older stories');
    assert.match(older('title').text(), /, page 1\b/);
  });

  it('has no broken internal link, image or stylesheet', async () => {
    for (const page of pagesOf(files)) {
      for (const target of internalTargets(await project.read(page), '/')) {
        assert.ok(files.includes(target), `${page} links to missing /${target}`);
      }
    }
  });

  it('puts every story on its edition page and every tag page of its tags', async () => {
    const feed = await new Parser().parseString(await project.read('feed.xml'));
    const storyPages = files.filter((file) => /^\d{4}\/\d{2}\/\d{2}\/[^/]+\/index\.html$/.test(file));
    assert.ok(storyPages.length >= 12, `only ${storyPages.length} story pages`);
    for (const page of storyPages) {
      const url = `/${page.replace(/index\.html$/, '')}`;
      const $ = cheerio.load(await project.read(page));
      const edition = await project.read(page.replace(/[^/]+\/index\.html$/, 'index.html'));
      assert.ok(cheerio.load(edition)(`a[href="${url}"]`).length > 0, `${url} is not on its edition page`);
      const tagLinks = [...$('a[href^="/tags/"]')].map((a) => $(a).attr('href') ?? '').filter((href) => href !== '/tags/');
      assert.ok(tagLinks.length > 0, `${url} links to no tag`);
      for (const tagUrl of new Set(tagLinks)) {
        assert.ok(await tagPagesMention(project, tagUrl.slice(1), url), `${url} is missing from ${tagUrl}`);
      }
    }
    assert.equal(feed.items.length, Math.min(20, storyPages.length));
  });

  it('leaves drafts and future stories out of pages, tag counts and the feed', async () => {
    for (const file of files) {
      if (!/\.(html|xml)$/.test(file)) continue;
      const text = await project.read(file);
      for (const hidden of ['Unpublished draft', 'Embargoed story', 'Draftonlytag', 'Futureonlytag']) {
        assert.ok(!text.includes(hidden), `${file} mentions "${hidden}"`);
      }
    }
    assert.ok(!files.some((file) => file.startsWith('2020/12/') || file.includes('draftonlytag')));
  });

  it('writes an RSS 2.0 feed that an XML parser and a feed reader accept', async () => {
    const xml = await project.read('feed.xml');
    assert.equal(XMLValidator.validate(xml), true);
    const rss = new XMLParser({ ignoreAttributes: false }).parse(xml).rss;
    assert.equal(rss['@_version'], '2.0');
    assert.equal(rss.channel['atom:link']['@_href'], 'https://example.org/feed.xml');
    const feed = await new Parser({ customFields: { item: ['content:encoded'] } }).parseString(xml);
    assert.equal(feed.link, 'https://example.org/');
    const newest = feed.items[0];
    assert.ok(newest?.pubDate && newest.title && newest.link?.startsWith('https://example.org/'));
    assert.equal(rss.channel.lastBuildDate, newest.pubDate);
    for (const item of feed.items) {
      const $ = cheerio.load(item['content:encoded'] ?? '');
      for (const element of $('a[href], img[src]')) {
        const url = $(element).attr('href') ?? $(element).attr('src') ?? '';
        assert.match(url, /^(https?:|mailto:)/, `relative URL ${url} in the feed item ${item.link}`);
      }
    }
  });

  it('autodiscovers the feed from every page', async () => {
    for (const page of pagesOf(files)) {
      const $ = cheerio.load(await project.read(page));
      assert.equal($('link[rel="alternate"][type="application/rss+xml"]').attr('href'), '/feed.xml', page);
    }
  });

  it('includes drafts and future stories with --drafts and --future', async () => {
    const report = await project.build({ drafts: true, future: true });
    const all = await project.files();
    assert.ok(all.includes('tags/draftonlytag/index.html') && all.includes('tags/futureonlytag/index.html'));
    assert.equal(report.stories, files.filter((file) => /^\d{4}\/\d{2}\/\d{2}\/[^/]+\/index\.html$/.test(file)).length + 3);
  });

  it('marks drafts and scheduled stories on their pages and cards, and keeps them out of search engines', async () => {
    await project.build({ drafts: true, future: true });
    const flags = async (sitePath: string) => {
      const $ = cheerio.load(await project.read(sitePath));
      return { flags: [...$('.flag-draft')].map((flag) => $(flag).text().trim()), robots: $('meta[name="robots"]').attr('content') };
    };
    const draft = await flags('2020/10/02/unpublished-draft-about-the-harbour/index.html');
    assert.equal(draft.robots, 'noindex');
    assert.match(draft.flags[0] ?? '', /^Draft\b/);
    const future = await flags('2020/12/24/embargoed-story-from-the-future/index.html');
    assert.equal(future.robots, 'noindex');
    assert.match(future.flags[0] ?? '', /^Scheduled\s+This story is published on December 24, 2020/);
    assert.deepEqual((await flags('tags/futureonlytag/index.html')).flags, ['Scheduled']);
    assert.deepEqual((await flags('tags/draftonlytag/index.html')).flags, ['Draft']);
  });
});

async function tagPagesMention(project: Project, tagPath: string, url: string): Promise<boolean> {
  for (let pagePath = tagPath; ; ) {
    const $ = cheerio.load(await project.read(`${pagePath}index.html`));
    if ($(`a[href="${url}"]`).length > 0) return true;
    const next = $('a[rel="next"]').attr('href');
    if (!next) return false;
    pagePath = next.slice(1);
  }
}

describe('build guarantees', () => {
  let project: Project;
  before(async () => {
    project = await copySampleProject();
  });
  after(() => project.remove());

  it('gives byte-identical output for the same input', async () => {
    await project.build();
    const first = await snapshot(project.out);
    await project.build();
    assert.deepEqual(await snapshot(project.out), first);
  });

  it("never puts the dev server's reload script in a built site", async () => {
    await project.build({ drafts: true, future: true });
    const withScript = [...(await snapshot(project.out))].filter(([, bytes]) => bytes.includes('__gazette')).map(([file]) => file);
    assert.deepEqual(withScript, []);
  });

  it('leaves the previous site untouched when a story is broken, and names every problem', async () => {
    await project.build();
    const before = await snapshot(project.out);
    await project.addStory('2020/10/03/broken.md', '---\ntitle: 42\ndate: 2021-02-30\ntags: {a: 1}\n---\nBody\n');
    await assert.rejects(project.build(), (error: unknown) => {
      assert.ok(error instanceof BuildFailed);
      assert.deepEqual(
        error.problems.map((problem) => problem.format()),
        [
          'content/2020/10/03/broken.md:2:1  title  expected text, found number 42  (put the value in quotes)  [field-invalid]',
          'content/2020/10/03/broken.md:3:1  date  "2021-02-30" is not a real date or time  (expected an ISO 8601 date such as 2020-10-01 or 2020-10-01T16:40:00+01:00)  [date-invalid]',
          'content/2020/10/03/broken.md:4:1  tags  expected a list, found a mapping  (e.g. tags: [Algeria, Libya])  [field-invalid]',
        ],
      );
      return true;
    });
    assert.deepEqual(await snapshot(project.out), before);
  });

  it('names both files when two stories share a permalink', async () => {
    await project.addStory('2020/10/03/broken.md', '---\ntitle: Twin\nslug: twin\ndate: 2020-10-03T10:00:00+01:00\n---\nOne\n');
    await project.addStory('2020/10/03/twin.md', '---\ntitle: Twin\ndate: 2020-10-03T11:00:00+01:00\n---\nTwo\n');
    await assert.rejects(project.build(), (error: unknown) => {
      assert.ok(error instanceof BuildFailed);
      assert.equal(error.problems.length, 1);
      assert.match(
        error.problems[0]?.format() ?? '',
        /^content\/2020\/10\/03\/twin\.md {2}slug {2}has the same URL \/2020\/10\/03\/twin\/ as content\/2020\/10\/03\/broken\.md/,
      );
      return true;
    });
  });
});

describe('a static file where the build writes a page or feed', () => {
  it('is refused, naming the file and the page it would replace, though only the case differs', async () => {
    const project = await copySampleProject();
    try {
      await mkdir(path.join(project.root, 'static/Tags'), { recursive: true });
      await writeFile(path.join(project.root, 'static/Tags/index.html'), '<p>mine</p>');
      await writeFile(path.join(project.root, 'static/feed.xml'), '<rss/>');
      await assert.rejects(project.build(), (error: unknown) => {
        assert.ok(error instanceof BuildFailed);
        const text = error.problems.map((problem) => problem.format()).join('\n');
        assert.match(text, /static\/Tags\/index\.html .*would replace the generated \/tags\/index\.html/);
        assert.match(text, /static\/feed\.xml .*would replace the generated \/feed\.xml/);
        return true;
      });
    } finally {
      await project.remove();
    }
  });
});

describe('a site under a sub-path', () => {
  it('prefixes every internal link with the base path and keeps them all resolvable', async () => {
    const project = await copySampleProject();
    try {
      await project.build({ baseUrl: 'https://example.org/news/' });
      const files = await project.files();
      for (const page of pagesOf(files)) {
        const html = await project.read(page);
        for (const target of internalTargets(html, '/news/')) assert.ok(files.includes(target), `${page} links to missing /news/${target}`);
      }
      const xml = await project.read('feed.xml');
      assert.equal(new XMLParser({ ignoreAttributes: false }).parse(xml).rss.channel['atom:link']['@_href'], 'https://example.org/news/feed.xml');
      const feed = await new Parser().parseString(xml);
      assert.ok(feed.items.every((item) => item.link?.startsWith('https://example.org/news/')));
    } finally {
      await project.remove();
    }
  });
});
