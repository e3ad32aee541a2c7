/// <reference lib="dom" />
// What a reader and a subscriber see of the sample site in headless Chromium: a story without a
// summary prints its lead once, the drop cap never splits "US", the feeds open as a readable page,
// and the subscribe page's sign-up form posts to the configured address.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, serveSite } from '../support/browser.js';
import { sampleSite } from '../support/sample-site.js';

/** A wire story without `summary` whose first word is "US". */
const US_STORY = '/2020/10/01/us-defense-chiefs-rare-algeria-visit-points-to-sahel-region-threats/';
const LEAD = 'US Secretary of Defense Mark Esper made a rare visit to Algeria';
/** A story whose first word takes a drop cap. */
const LIBYA_STORY = '/2020/09/29/libyas-rival-camps-agree-to-keep-talking-on-oil-revenue-sources-say/';

let browser: Browser;
let origin: string;
let close: () => void;

before(async () => {
  ({ origin, close } = await serveSite(await sampleSite()));
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  close?.();
});

/** How the first paragraph's first letter is drawn, beside the paragraph's own text. */
async function firstLetter(url: string) {
  const page = await browser.newPage();
  await page.goto(origin + url, { waitUntil: 'load' });
  const facts = await page.evaluate(() => {
    const paragraph = document.querySelector('.story__body > p:first-child') as HTMLElement;
    const letter = getComputedStyle(paragraph, '::first-letter');
    return {
      float: letter.float,
      letterSize: letter.fontSize,
      textSize: getComputedStyle(paragraph).fontSize,
      main: document.querySelector('main')?.textContent ?? '',
    };
  });
  await page.close();
  return facts;
}

describe('the top of a story page', () => {
  it('prints the lead paragraph once on a story without summary', async () => {
    const { main } = await firstLetter(US_STORY);
    assert.equal(main.split(LEAD).length - 1, 1, main.slice(0, 600));
  });

  it('keeps "US" whole: no drop cap on its first letter', async () => {
    const { float, letterSize, textSize } = await firstLetter(US_STORY);
    assert.equal(float, 'none');
    assert.equal(letterSize, textSize);
  });

  it('opens with a drop cap a story whose first word it does not split', async () => {
    const { float, letterSize, textSize } = await firstLetter(LIBYA_STORY);
    assert.equal(float, 'inline-start');
    assert.ok(Number.parseFloat(letterSize) > 3 * Number.parseFloat(textSize), `${letterSize} against ${textSize}`);
  });
});

describe('the feeds in a browser', () => {
  for (const [url, title, self] of [
    ['/feed.xml', 'The Maghreb Wire', 'https://example.org/feed.xml'],
    ['/sections/africa/atom.xml', 'The Maghreb Wire: Africa', 'https://example.org/sections/africa/atom.xml'],
  ] as const) {
    it(`opens ${url} as a page that explains how to subscribe and lists its stories`, async () => {
      const page = await browser.newPage();
      await page.goto(origin + url, { waitUntil: 'load' });
      const facts = await page.evaluate(() => ({
        isHtml: document.documentElement.localName === 'html' && document.body !== null,
        h1: document.querySelector('h1')?.textContent,
        address: document.querySelector('.feed-about__address')?.textContent,
        subscribe: document.querySelector<HTMLAnchorElement>('.feed-about a[href$="/subscribe/"]')?.href,
        stories: [...document.querySelectorAll<HTMLAnchorElement>('main ol a')].map((link) => new URL(link.href).pathname),
      }));
      await page.close();
      assert.equal(facts.isHtml, true);
      assert.equal(facts.h1, title);
      assert.equal(facts.address, self);
      assert.equal(facts.subscribe, `${origin}/subscribe/`);
      assert.ok(facts.stories.length >= 2, facts.stories.join(' '));
      for (const story of facts.stories) assert.match(story, /^\/2020\/\d{2}\/\d{2}\/[^/]+\/$/);
    });
  }
});

describe('the subscribe page', () => {
  it("lists the site's, editions', sections' and authors' feeds", async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/subscribe/`, { waitUntil: 'load' });
    const feeds = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLAnchorElement>('a[type="application/rss+xml"]')].map((link) => new URL(link.href).pathname),
    );
    await page.close();
    for (const feed of ['/feed.xml', '/editions/feed.xml', '/sections/africa/feed.xml', '/authors/ines-trabelsi/feed.xml'])
      assert.ok(feeds.includes(feed), feed);
  });

  it('posts the sign-up form, with no script, to the configured address', async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    const posted: { method: string; url: string; body: string | null }[] = [];
    await page.route('https://example.org/newsletter/subscribe', async (route) => {
      const request = route.request();
      posted.push({ method: request.method(), url: request.url(), body: request.postData() });
      await route.fulfill({ status: 200, contentType: 'text/html', body: '<!DOCTYPE html><title>Thanks</title><p>Thanks' });
    });
    await page.goto(`${origin}/subscribe/`, { waitUntil: 'load' });
    await page.getByLabel('Your email address').fill('reader@example.net');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.waitForURL('https://example.org/newsletter/subscribe');
    await page.close();
    assert.deepEqual(posted, [{ method: 'POST', url: 'https://example.org/newsletter/subscribe', body: 'email=reader%40example.net' }]);
  });
});

describe('pictures and icons', () => {
  it("gives every picture a width and height, the author's SVG photo included", async () => {
    const page = await browser.newPage();
    for (const url of ['/', US_STORY, '/2020/10/01/', '/authors/ines-trabelsi/', '/sections/business/']) {
      await page.goto(origin + url, { waitUntil: 'load' });
      const unsized = await page.evaluate(() =>
        [...document.images].filter((image) => !image.getAttribute('width') || !image.getAttribute('height')).map((image) => image.src),
      );
      assert.deepEqual(unsized, [], url);
    }
    await page.goto(`${origin}/authors/ines-trabelsi/`, { waitUntil: 'load' });
    const photo = await page.evaluate(() => {
      const image = document.querySelector<HTMLImageElement>('.author-head__photo');
      return [image?.getAttribute('width'), image?.getAttribute('height')];
    });
    await page.close();
    assert.deepEqual(photo, ['240', '240']);
  });

  it('links a favicon and a touch icon that load', async () => {
    const page = await browser.newPage();
    await page.goto(origin, { waitUntil: 'load' });
    const icons = await page.evaluate(() =>
      ['icon', 'apple-touch-icon'].map((rel) => document.querySelector<HTMLLinkElement>(`link[rel="${rel}"]`)?.href ?? ''),
    );
    for (const icon of icons) {
      const response = await page.request.get(icon);
      assert.equal(response.status(), 200, icon);
      assert.match(response.headers()['content-type'] ?? '', /^image\/(svg\+xml|png)/);
    }
    await page.close();
  });

  it("shows readers no editors' line on an edition page, and share links that need no script under a story", async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await page.goto(`${origin}/2020/10/01/`, { waitUntil: 'load' });
    assert.doesNotMatch((await page.textContent('main')) ?? '', /To send or paste/);
    await page.goto(origin + US_STORY, { waitUntil: 'load' });
    const share = await page.evaluate(() => [...document.querySelectorAll<HTMLAnchorElement>('.share a')].map((link) => link.href));
    await page.close();
    assert.equal(share.length, 7);
    assert.match(share[0] ?? '', /^mailto:\?subject=/);
    assert.equal(share[1], `https://example.org${US_STORY}`);
  });
});
