/// <reference lib="dom" />
// Search as a reader uses it, in headless Chromium: the sample site built with its Pagefind index,
// a word from the wire story typed into /search/, the section and tag filters, the order, the
// address that keeps a search, a site under a base path, and the page without JavaScript.

import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import matter from 'gray-matter';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, serveSite } from '../support/browser.js';
import { buildHostileSite, HOSTILE_TITLE } from '../support/hostile.js';
import { copySampleProject, type Project } from '../support/project.js';
import type { SmallSite } from '../support/small-site.js';

const WIRE_STORY = '/2020/10/01/us-defense-chiefs-rare-algeria-visit-points-to-sahel-region-threats/';

interface SampleStory {
  title: string;
  section: string | undefined;
  tags: string[];
  date: Date;
}

/** The sample's stories as their files say, read with gray-matter, not with Gazette. */
async function sampleStories(project: Project): Promise<SampleStory[]> {
  const folder = path.join(project.root, 'content');
  const files = (await readdir(folder, { recursive: true })).filter((file) => file.endsWith('.md'));
  const stories = await Promise.all(files.map(async (file) => matter(await readFile(path.join(folder, file), 'utf8')).data));
  return stories
    .filter((data) => !data.draft)
    .map((data) => ({
      title: String(data.title),
      section: data.section as string | undefined,
      tags: (data.tags as string[] | undefined) ?? [],
      date: new Date(data.date as string),
    }));
}

/** The results once the list shows the search of `address` (the query part of the page's address). */
async function results(page: Page, address: string) {
  await page.waitForSelector(`.search-results[data-shown="${address}"]`, { state: 'attached' });
  return page.$$eval('.search-result', (items) =>
    items.map((item) => ({
      title: item.querySelector('[data-field="title"]')?.textContent ?? '',
      href: item.querySelector('[data-field="title"]')?.getAttribute('href') ?? '',
      section: item.querySelector('[data-field="section"]')?.textContent ?? null,
      date: item.querySelector('[data-field="date"]')?.textContent ?? null,
      excerpt: item.querySelector('[data-field="excerpt"]')?.innerHTML ?? '',
    })),
  );
}

let browser: Browser;

before(async () => {
  browser = await launchBrowser();
});
after(() => browser?.close());

describe('search in a browser', () => {
  let project: Project;
  let stories: SampleStory[];
  let origin: string;
  let close: () => void;

  before(async () => {
    project = await copySampleProject();
    // A story of the year before, so that the search page asks several indexes together (2019's, and one a month of 2020).
    await project.addStory(
      '2019/12/30/libya-oil-year-end.md',
      '---\ntitle: "Libya ends the year pumping more oil"\ndate: 2019-12-30T10:00:00+01:00\nsection: Business\ntags: [Libya, Oil]\n---\nLibya pumped more oil in December than in any month this year.\n',
    );
    await project.build();
    stories = await sampleStories(project);
    ({ origin, close } = await serveSite(project.out));
  });
  after(async () => {
    close?.();
    await project?.remove();
  });

  it('finds the wire story by a word from its text, with headline, date, section and a highlighted snippet', async () => {
    const page = await browser.newPage();
    const failed: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(`${origin}/search/`);
    await page.fill('#search-query', 'Esper');
    await page.press('#search-query', 'Enter');
    const found = await results(page, 'q=Esper');
    assert.deepEqual(failed, []);
    assert.equal(found.length, 1, JSON.stringify(found));
    const [wire] = found;
    assert.equal(wire?.href, WIRE_STORY);
    assert.match(wire?.title ?? '', /Algeria visit/);
    assert.equal(wire?.section, 'Middle East');
    assert.match(wire?.date ?? '', /October 1, 2020/);
    assert.match(wire?.excerpt ?? '', /<mark>Esper<\/mark>/);
    assert.equal(new URL(page.url()).search, '?q=Esper', 'the address keeps the search');
    await page.click('.search-result a');
    await page.waitForURL(`${origin}${WIRE_STORY}`);
    await page.close();
  });

  it('finds nothing for a word in no story, and says so', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/search/?q=zyxwvutsrq`);
    assert.deepEqual(await results(page, 'q=zyxwvutsrq'), []);
    assert.equal(await page.textContent('.search-status'), 'No stories found.');
    await page.close();
  });

  it('lists exactly the stories of a section, and of a tag, from the filters', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/search/`);
    await page.waitForSelector('.search-form__filters:not([hidden])');
    await page.selectOption('select[name="section"]', 'Business');
    const business = await results(page, 'section=Business');
    const expectedBusiness = stories
      .filter((story) => story.section === 'Business')
      .map((story) => story.title)
      .sort();
    assert.ok(expectedBusiness.includes('Libya ends the year pumping more oil'), 'a story of 2019 among those of 2020');
    assert.ok(expectedBusiness.length >= 2);
    assert.deepEqual(business.map((result) => result.title).sort(), expectedBusiness);
    assert.ok(business.every((result) => result.section === 'Business'));

    await page.selectOption('select[name="section"]', '');
    await page.selectOption('select[name="tag"]', 'Libya');
    await page.selectOption('select[name="sort"]', 'newest');
    const libya = await results(page, 'tag=Libya&sort=newest');
    const expectedLibya = stories.filter((story) => story.tags.includes('Libya')).sort((a, b) => b.date.getTime() - a.date.getTime());
    assert.deepEqual(
      libya.map((result) => result.title),
      expectedLibya.map((story) => story.title),
      'newest first',
    );
    assert.equal(new URL(page.url()).search, '?tag=Libya&sort=newest');
    await page.close();
  });

  it('opens a shared search address with its words and filters', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/search/?q=oil&section=Business`);
    const found = await results(page, 'q=oil&section=Business');
    assert.ok(found.length >= 1);
    assert.ok(found.every((result) => result.section === 'Business'));
    assert.equal(await page.inputValue('#search-query'), 'oil');
    assert.equal(await page.inputValue('select[name="section"]'), 'Business');
    await page.close();
  });

  it('without JavaScript, shows the form and says where else every story is', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${origin}/search/`);
    assert.ok(await page.isVisible('#search-query'));
    assert.match((await page.textContent('main')) ?? '', /Searching needs JavaScript/);
    await page.goto(`${origin}/`);
    await page.click('nav >> text=Search');
    await page.waitForURL(`${origin}/search/`);
    await context.close();
  });
});

describe('search on a site under a base path', () => {
  let project: Project;
  let origin: string;
  let close: () => void;

  before(async () => {
    project = await copySampleProject();
    await project.build({ baseUrl: 'https://example.org/news/' });
    ({ origin, close } = await serveSite(project.out, '/news/'));
  });
  after(async () => {
    close?.();
    await project?.remove();
  });

  it('loads the index from the base path and links results under it', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/news/search/?q=Esper`);
    const [wire, ...rest] = await results(page, 'q=Esper');
    assert.deepEqual(rest, []);
    assert.equal(wire?.href, `/news${WIRE_STORY}`);
    await page.close();
  });
});

describe('search of the hostile site', () => {
  let site: SmallSite;
  let origin: string;
  let close: () => void;

  before(async () => {
    site = await buildHostileSite();
    ({ origin, close } = await serveSite(site.out));
  });
  after(async () => {
    close?.();
    await site?.remove();
  });

  it('shows titles and snippets as text: no payload runs from a result', async () => {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    for (const word of ['Headline', 'pwned', 'script', 'onerror']) {
      await page.goto(`${origin}/search/?q=${word}`);
      const found = await results(page, `q=${word}`);
      if (word === 'Headline')
        assert.ok(
          found.some((result) => result.title === HOSTILE_TITLE),
          JSON.stringify(found.map((result) => result.title)),
        );
      for (const result of found) assert.doesNotMatch(result.excerpt, /<(?!\/?mark>)/, 'only <mark> is markup in a snippet');
      await page.waitForTimeout(50);
      assert.equal(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned), undefined, word);
    }
    assert.deepEqual(dialogs, []);
    await page.close();
  });
});
